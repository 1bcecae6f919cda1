/**
 * What a set of policies can read of a request, found in their JSON form (Cedar's EST), so that a
 * decision sends Cedar only that. Cedar turns every attribute and tag of every entity it is sent
 * into its own values before it evaluates anything: measured with cedar-wasm 4.x, a decision with
 * the principal's and the resource's full facts and the request entity cost about 85 µs, the
 * same decision with only the facts its policy reads about 35 µs (docs/benchmarks.md).
 *
 * The reading is conservative: a policy's answer can only change with what it reads, and whatever
 * this cannot place exactly (an attribute of an entity reached through another, of a record, of
 * an expression Cedar evaluates first; an operator this does not know) makes the whole request be
 * sent, as it was before. Every entity of the request (the principal, an API key's owner, the
 * resource) is always sent with its parents, attributes or not, so `in`, `is` and scope constraints
 * answer as they would with everything, also about an entity a policy names (`User::"…" in …`).
 *
 * The resource's identity is read only where a policy compares or places the resource itself (a
 * scope other than `resource`, `resource == …`, `resource in …`, `resource is …`, the resource as
 * a value) or names a resource (`Resource::"docs/1" in Tenant::"t1"` asks about the one sent, if it
 * is that one): where none does, Cedar is sent one identity for every resource, so two checks about
 * different resources with the same facts are one question to Cedar and to the decision memo (a
 * list page of one owner's documents is asked once, not once per document).
 */

import { mergeValueUse, valueUseOf, VALUES_INSPECTED, type ValueUse } from './policy-values.ts';

/** What the policies read of the principal or of the resource. */
export interface EntityReads {
  attributes: ReadonlySet<string>;
  tags: boolean;
}

export interface PolicyReads {
  /** Send everything: something was read that this cannot place. */
  whole: boolean;
  principal: EntityReads;
  resource: EntityReads;
  /** `context` appears: send the context and the request entity whole. */
  context: boolean;
  /** Which resource it is matters (not only its facts): send its own identity. */
  resourceIdentity: boolean;
  /** How the policies use values: only compared, they are sent renamed (policy-values.ts). */
  values: ValueUse;
}

type Mutable = { whole: boolean; context: boolean; resourceIdentity: boolean; values: ValueUse; principal: { attributes: Set<string>; tags: boolean }; resource: { attributes: Set<string>; tags: boolean } };

/** Operators whose operands are expressions and which read nothing themselves. */
const PURE = new Set(['!', 'neg', '==', '!=', 'in', '<', '<=', '>', '>=', '&&', '||', '+', '-', '*', 'contains', 'containsAll', 'containsAny', 'isEmpty', 'like', 'is', 'if-then-else', 'Set', 'Record']);

/** Cedar's extension functions and methods (their arguments come as a list): pure too. */
const EXTENSIONS = new Set([
  'ip', 'isIpv4', 'isIpv6', 'isLoopback', 'isMulticast', 'isInRange',
  'decimal', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual',
  'datetime', 'duration', 'offset', 'durationSince', 'toDate', 'toTime', 'toDays', 'toHours', 'toMinutes', 'toSeconds', 'toMilliseconds',
]);

const empty = (): Mutable => ({ whole: false, context: false, resourceIdentity: false, values: VALUES_INSPECTED, principal: { attributes: new Set(), tags: false }, resource: { attributes: new Set(), tags: false } });

/** Everything: what a request is when nothing is known of the policies. */
export const READS_EVERYTHING: PolicyReads = Object.freeze({ ...empty(), whole: true, resourceIdentity: true });

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
/** `principal`, `resource` or `context` itself: whose attribute or tag is read is placed, not walked. */
const isVariable = (value: unknown): boolean => isNode(value) && 'Var' in value;
/**
 * Whether a literal or a scope names a `Resource` entity anywhere (in a set or a record too), in
 * either JSON form of an entity: `{ "__entity": { type, id } }`, or a scope's `{ type, id }`.
 */
const namesResource = (value: unknown): boolean =>
  Array.isArray(value)
    ? value.some(namesResource)
    : isNode(value) && (value.type === 'Resource' || (isNode(value.__entity) && value.__entity.type === 'Resource') || Object.values(value).some(namesResource));

/**
 * Whose attribute or tag an expression reads: the principal's or the resource's when it is that
 * variable itself; `context` when it is the context or reached from it by `.` (context.request is
 * the request entity); null for anything else (another entity, a record, a computed value).
 */
function ownerOf(expression: unknown): 'principal' | 'resource' | 'context' | null {
  if (!isNode(expression)) return null;
  if (expression.Var === 'principal' || expression.Var === 'resource' || expression.Var === 'context') return expression.Var;
  const access = expression['.'];
  return isNode(access) && ownerOf(access.left) === 'context' ? 'context' : null;
}

function readAttribute(reads: Mutable, left: unknown, attribute: unknown): void {
  const owner = ownerOf(left);
  if (owner === 'context') reads.context = true;
  else if (owner !== null && typeof attribute === 'string') reads[owner].attributes.add(attribute);
  else reads.whole = true;
}

function readTag(reads: Mutable, left: unknown): void {
  const owner = ownerOf(left);
  if (owner === 'context') reads.context = true;
  else if (owner !== null) reads[owner].tags = true;
  else reads.whole = true;
}

function walk(reads: Mutable, value: unknown): void {
  if (reads.whole) return;
  if (Array.isArray(value)) return value.forEach((item) => walk(reads, item));
  if (!isNode(value)) return;
  for (const [op, operand] of Object.entries(value)) {
    // Literals (a `like` pattern's parts too) read nothing, unless they name a resource.
    if (op === 'Value' || op === 'Literal') {
      if (namesResource(operand)) reads.resourceIdentity = true;
      continue;
    }
    if (op === 'Var') {
      // Not the left of an attribute or tag read: the variable itself is used (compared, placed).
      if (operand === 'context') reads.context = true;
      if (operand === 'resource') reads.resourceIdentity = true;
      continue;
    }
    if (op === '.' || op === 'has') {
      const { left, attr } = isNode(operand) ? operand : {};
      readAttribute(reads, left, attr);
      if (!isVariable(left)) walk(reads, left);
    } else if (op === 'getTag' || op === 'hasTag') {
      const { left, right } = isNode(operand) ? operand : {};
      readTag(reads, left);
      if (!isVariable(left)) walk(reads, left);
      walk(reads, right);
    } else if (PURE.has(op) || (EXTENSIONS.has(op) && Array.isArray(operand))) {
      // The operand holds expressions: in a list, or as fields (left, right, arg, if, a record's keys).
      (Array.isArray(operand) ? operand : isNode(operand) ? Object.values(operand) : []).forEach((item) => walk(reads, item));
    } else reads.whole = true;
  }
}

/**
 * What one policy (its EST: policyToJson's answer) reads. A resource scope other than `resource`
 * reads the resource's identity, and so does a principal scope naming a resource.
 */
export function readsOfPolicy(est: { principal?: unknown; resource?: { op: string }; conditions?: { body: unknown }[] }): PolicyReads {
  const reads = empty();
  reads.values = valueUseOf(est);
  reads.resourceIdentity = est.resource?.op !== 'All' || namesResource(est.principal);
  for (const condition of est.conditions ?? []) walk(reads, condition.body);
  return reads;
}

/** What a set of policies reads: what any of them does. */
export function mergeReads(all: readonly PolicyReads[]): PolicyReads {
  const merged = empty();
  merged.values = mergeValueUse(all.map((reads) => reads.values));
  for (const reads of all) {
    merged.whole ||= reads.whole;
    merged.context ||= reads.context;
    merged.resourceIdentity ||= reads.resourceIdentity;
    for (const side of ['principal', 'resource'] as const) {
      merged[side].tags ||= reads[side].tags;
      reads[side].attributes.forEach((attribute) => merged[side].attributes.add(attribute));
    }
  }
  return merged;
}
