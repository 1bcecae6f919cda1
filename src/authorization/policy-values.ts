import type { EntityJson, StatefulAuthorizationCall } from '@cedar-policy/cedar-wasm/nodejs';
import { setOwn } from '../platform/own-keys.ts';

/**
 * How a set of policies uses the string values a request carries (attribute and tag values,
 * members of sets): when every policy only compares them for equality (`==`, `!=`, `contains…`),
 * never looks into one (`like`, an extension function such as `ip(…)`, a tag chosen by a value),
 * the answer depends only on which values are equal to which, and to which of the policies'
 * literals. Every value that is not a literal can then be renamed, one name per distinct value,
 * and Cedar answers the renamed request exactly as the original: `owner == principal.id` is true
 * for both or neither.
 *
 * That makes a list page's checks one question even when every resource has another owner: with
 * `resource.getTag("owner") == principal.id`, a document of user 7's and one of user 8's are both
 * "owned by someone else" (the same request once renamed: one Cedar evaluation, then memo answers).
 * Entity identities (the principal, parents, entity references) are not renamed: scopes and `in`
 * compare them to the policies' own entity literals.
 *
 * The reading is conservative, like policy-reads.ts: only the operators listed below keep values
 * opaque; any other, a slot, or a literal that could be taken for a new name, and the set's
 * requests go to Cedar as they are.
 */
export interface ValueUse {
  /** Every string value of a request is only compared for equality. */
  onlyCompared: boolean;
  /**
   * Every string the policies hold as a literal (also tag names, entity types and ids, which only
   * keep a few more values as they are): a value equal to one keeps its own text.
   */
  literals: ReadonlySet<string>;
}

/** What a request's values are renamed to: `\u0000` and a number (no literal may start so). */
const NAME_PREFIX = '\u0000';

/** Operators that, given string values, can only compare them for equality (or combine answers). */
const COMPARING = new Set(['==', '!=', 'in', '&&', '||', '!', 'contains', 'containsAll', 'containsAny', 'isEmpty', 'is', 'if-then-else', 'Set', 'Record']);

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) value.forEach((item) => collectStrings(item, into));
  else if (isNode(value)) Object.values(value).forEach((item) => collectStrings(item, into));
}

/** False when the expression may look into a value; the literals it holds are added to `literals`. */
function onlyCompares(value: unknown, literals: Set<string>): boolean {
  if (Array.isArray(value)) return value.every((item) => onlyCompares(item, literals));
  if (!isNode(value)) return true;
  return Object.entries(value).every(([op, operand]) => {
    if (op === 'Value') {
      collectStrings(operand, literals);
      return true;
    }
    if (op === 'Var') return true;
    const fields = isNode(operand) ? operand : {};
    // An attribute's or a tag's name is the policy's own; a tag named by a value is a lookup by it.
    if (op === '.' || op === 'has') return onlyCompares(fields.left, literals);
    if (op === 'getTag' || op === 'hasTag') {
      const key = isNode(fields.right) ? fields.right.Value : undefined;
      if (typeof key !== 'string') return false;
      literals.add(key);
      return onlyCompares(fields.left, literals);
    }
    if (!COMPARING.has(op)) return false;
    return (Array.isArray(operand) ? operand : Object.values(fields)).every((item) => onlyCompares(item, literals));
  });
}

/** Values sent as they are (no literals needed: nothing is renamed). */
export const VALUES_INSPECTED: ValueUse = Object.freeze({ onlyCompared: false, literals: new Set<string>() });

/** How one policy (its EST) uses values. Scopes hold only entity literals, which are never renamed. */
export function valueUseOf(est: { conditions?: { body: unknown }[] }): ValueUse {
  const literals = new Set<string>();
  const compared = (est.conditions ?? []).every((condition) => onlyCompares(condition.body, literals));
  const clash = [...literals].some((literal) => literal.startsWith(NAME_PREFIX));
  return compared && !clash ? { onlyCompared: true, literals } : VALUES_INSPECTED;
}

/** A set's use: renamed only if every policy only compares (a set of none decides nothing by values). */
export function mergeValueUse(all: readonly ValueUse[]): ValueUse {
  if (!all.every((use) => use.onlyCompared)) return VALUES_INSPECTED;
  return { onlyCompared: true, literals: new Set(all.flatMap((use) => [...use.literals])) };
}

/**
 * An entity reference or an extension value in Cedar's JSON: an object of that one key. Only ever a
 * value (an API key's owner); a map of attributes or tags with a key of that name is still a map.
 */
const isEscape = (value: Node): boolean => {
  let only: string | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (only !== undefined) return false;
    only = key;
  }
  return only === '__entity' || only === '__extn';
};

/**
 * The request with every value that is not a literal renamed, in the order the request holds them,
 * so requests alike in which values are equal are the same request (and the same memo key).
 */
export function withValuesRenamed(call: StatefulAuthorizationCall, use: ValueUse): StatefulAuthorizationCall {
  if (!use.onlyCompared) return call;
  const names = new Map<string, string>();
  const renameValue = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (use.literals.has(value)) return value;
      let name = names.get(value);
      if (name === undefined) {
        name = `${NAME_PREFIX}${names.size}`;
        names.set(value, name);
      }
      return name;
    }
    if (Array.isArray(value)) return value.map(renameValue);
    // An entity reference is an identity, not a value (see above).
    if (!isNode(value) || isEscape(value)) return value;
    return renameEach(value);
  };
  // Names (of attributes, tags, a record's fields) stay; the values under them are renamed. Loops,
  // not Object.entries/fromEntries and spreads: every decision renames its request.
  const renameEach = (map: Node): Node => {
    const renamed: Node = {};
    for (const key in map) if (Object.hasOwn(map, key)) setOwn(renamed, key, renameValue(map[key]));
    return renamed;
  };
  const entities = (call.entities as EntityJson[]).map((entity) => {
    const renamed: EntityJson = { uid: entity.uid, attrs: renameEach(entity.attrs) as EntityJson['attrs'], parents: entity.parents };
    if (entity.tags !== undefined) renamed.tags = renameEach(entity.tags) as EntityJson['tags'];
    return renamed;
  });
  return { ...call, entities };
}
