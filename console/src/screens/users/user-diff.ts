/**
 * What changed between two versions of a user, field by field: nested objects (`custom`) compared
 * key by key as dotted paths, anything else (tags, strings, null) as a whole value. Pure, so the
 * versions screen's logic is unit-tested in node.
 */
export type DiffKind = 'added' | 'removed' | 'changed';

export interface FieldChange {
  path: string;
  kind: DiffKind;
  before?: unknown;
  after?: unknown;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{ a: { b: 1 } }` as `{ 'a.b': 1 }`; an empty object stays a value (else it would vanish). */
export function flatten(value: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, inner] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(inner) && Object.keys(inner).length > 0) for (const [innerPath, leaf] of flatten(inner, path)) out.set(innerPath, leaf);
    else out.set(path, inner);
  }
  return out;
}

/** Deep equality for JSON values, key order ignored. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameValue(a[key], b[key]));
  }
  return false;
}

/**
 * The changes from `before` to `after`. A field absent or null on one side and set on the other
 * is added/removed; `ignore` drops bookkeeping fields (the version number itself).
 */
export function diffVersions(before: Record<string, unknown>, after: Record<string, unknown>, ignore: readonly string[] = ['version']): FieldChange[] {
  const left = flatten(before);
  const right = flatten(after);
  const paths = [...new Set([...left.keys(), ...right.keys()])].filter((path) => !ignore.some((skip) => path === skip || path.startsWith(`${skip}.`)));
  const changes: FieldChange[] = [];
  for (const path of paths.sort()) {
    const had = left.has(path) && left.get(path) !== null;
    const has = right.has(path) && right.get(path) !== null;
    if (!had && !has) continue;
    if (!had) changes.push({ path, kind: 'added', after: right.get(path) });
    else if (!has) changes.push({ path, kind: 'removed', before: left.get(path) });
    else if (!sameValue(left.get(path), right.get(path))) changes.push({ path, kind: 'changed', before: left.get(path), after: right.get(path) });
  }
  return changes;
}

/** A value as one short line for the diff table (strings bare, the rest as JSON). */
export function showValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
