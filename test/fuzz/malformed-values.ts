/**
 * fast-check arbitraries for what a hostile client sends: JSON values guided by an operation's
 * schema but with wrong types, missing and extra keys, `__proto__`/`constructor` keys, NUL and
 * control characters, lone surrogates, huge strings and out-of-range numbers at any leaf; raw JSON
 * texts (invalid, too deep); path segments and query values that no schema expects.
 *
 * Values are built as a small JSON tree of our own (objects as key/value pairs, numbers that may be
 * raw text) so a body can hold what `JSON.stringify` cannot write: duplicate and `__proto__` keys,
 * lone surrogates escaped, `1e400`, nesting deeper than a recursive writer survives.
 */
import fc from 'fast-check';

export type JsonTree = null | boolean | string | number | RawJson | JsonTree[] | JsonObjectTree;
export class RawJson {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}
export class JsonObjectTree {
  readonly entries: [string, JsonTree][];
  constructor(entries: [string, JsonTree][]) {
    this.entries = entries;
  }
}

/** JSON text of a tree; JSON.stringify escapes lone surrogates as `\udxxx`, as a client's encoder would. */
export function jsonText(tree: JsonTree): string {
  if (tree instanceof RawJson) return tree.text;
  if (tree instanceof JsonObjectTree) return `{${tree.entries.map(([key, value]) => `${JSON.stringify(key)}:${jsonText(value)}`).join(',')}}`;
  if (Array.isArray(tree)) return `[${tree.map(jsonText).join(',')}]`;
  return JSON.stringify(tree);
}

const NASTY_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\udbffy', '\u0001\u0008\u001f\u007f', '\u202e\u200b\ufeff', '😀',
  '\r\n\t', '../../etc/passwd', '%00', '<script>alert(1)</script>', "' or 1=1 --", '${7*7}{{7*7}}', 'null', 'NaN', '-0',
  '__proto__', 'constructor', 'toString', 'rl_', 'usr_0000000000000000000000', 'a@b', 'x'.repeat(300), '9'.repeat(40),
  '1970-01-01T00:00:00Z', '9999-99-99', 'https://', 'javascript:alert(1)',
];
const NASTY_NUMBERS = [0, -1, 1.5, -0.5, 1e20, 2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 5e-324];
const RAW_NUMBERS = ['1e400', '-1e400', '1E+2', '0.0000001', '-0', '123456789012345678901234567890'];

const HUGE = 'A'.repeat(110_000);

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant(HUGE) },
);

const nastyNumber: fc.Arbitrary<number | RawJson> = fc.oneof(
  fc.constantFrom(...NASTY_NUMBERS),
  fc.constantFrom(...RAW_NUMBERS).map((text) => new RawJson(text)),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Any JSON value at all, small, with nasty leaves. */
export const nastyValue: fc.Arbitrary<JsonTree> = fc.letrec<{ value: JsonTree }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    nastyString,
    nastyNumber,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.array(fc.tuple(fc.oneof(nastyString, fc.constantFrom('__proto__', 'constructor', 'prototype')), tie('value')), { maxLength: 3 }).map((entries) => new JsonObjectTree(entries)),
  ),
})).value;

export type Schema = Record<string, unknown>;

/** Values a schema nearly accepts: mostly of the right shape, with a nasty leaf, key or omission now and then. */
export function nearlyValid(schema: Schema, depth = 0, name = ''): fc.Arbitrary<JsonTree> {
  const nasty = depth > 4 ? fc.constant(null) : nastyValue;
  // Rare wrong-typed leaves: a body with many fields should still pass its schema often enough to
  // carry nasty text (the right type, wrong content) into the services and the database.
  return fc.oneof({ weight: 15, arbitrary: shaped(schema, depth, name) }, { weight: 1, arbitrary: nasty });
}

function shaped(schema: Schema, depth: number, name: string): fc.Arbitrary<JsonTree> {
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (alternatives?.length) return fc.oneof(...alternatives.map((alternative) => nearlyValid(alternative, depth, name)));
  if (schema.const !== undefined) return fc.constant(schema.const as JsonTree);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as JsonTree[]));
  const type = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  return fc.oneof(...type.map((one) => shapedOfType(one, schema, depth, name)));
}

function shapedOfType(type: string | undefined, schema: Schema, depth: number, name: string): fc.Arbitrary<JsonTree> {
  switch (type) {
    case 'string':
      return fc.oneof({ weight: 3, arbitrary: fittingString(schema, name) }, { weight: 1, arbitrary: nastyText(schema) });
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -1000;
      const max = typeof schema.maximum === 'number' ? schema.maximum : 1000;
      return fc.oneof(fc.integer({ min: Math.max(min, -1e9), max: Math.min(max, 1e9) }), fc.constantFrom(min - 1, max + 1));
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(nearlyValid((schema.items as Schema | undefined) ?? {}, depth + 1), { maxLength: 3 });
    case 'object':
      // A free-form object (custom attributes) also gets nesting deeper than any limit.
      return Object.keys(schema.properties ?? {}).length > 0 ? objectOf(schema, depth) : fc.oneof({ weight: 3, arbitrary: objectOf(schema, depth) }, { weight: 1, arbitrary: deeplyNested });
    default:
      return nastyValue;
  }
}

/** A string the schema accepts, shaped by its pattern or format, or by the field's name (emails, passwords). */
function fittingString(schema: Schema, name: string): fc.Arbitrary<string> {
  const max = Math.min(Number(schema.maxLength ?? 64), 64);
  const min = Math.min(Number(schema.minLength ?? 0), max);
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length >= min && text.length <= Number(schema.maxLength ?? Infinity));
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
  if (schema.format === 'uri' || /url/i.test(name)) return fc.constantFrom('https://example.com/', 'https://example.com/x?y=1');
  if (/email|identifier/i.test(name)) return fc.emailAddress().filter((text) => text.length <= max || !schema.maxLength);
  if (/password/i.test(name)) return fc.constant('a long enough password 1');
  return fc.string({ minLength: min, maxLength: max });
}

/** A string of an acceptable length holding what no database stores, or control and invisible characters. */
function nastyText(schema: Schema): fc.Arbitrary<string> {
  const max = Math.max(1, Math.min(Number(schema.maxLength ?? 64), 64));
  return fc.oneof(
    fc.constantFrom('\ud800', '\udc00', 'x\udbff', 'a\u0000b', '\u0000', '\u0001\u007f', '\u202e\ufeff', '😀').filter((text) => text.length <= max),
    fc.string({ unit: 'binary', minLength: 1, maxLength: max }),
  );
}

function objectOf(schema: Schema, depth: number): fc.Arbitrary<JsonTree> {
  if (depth > 4) return fc.constant(new JsonObjectTree([]));
  const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>);
  const required = new Set((schema.required ?? []) as string[]);
  const declared = properties.map(([key, property]) =>
    // Required keys are usually there, optional ones sometimes: missing keys are a malformation too.
    fc.option(nearlyValid(property, depth + 1, key).map((value): [string, JsonTree] => [key, value]), { freq: required.has(key) ? 10 : 2, nil: undefined }),
  );
  const extraKeys = fc.array(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'unknown_field', '\u0000', '\ud800', ''), nastyValue), { maxLength: 2 });
  return fc
    .tuple(fc.tuple(...declared), fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: extraKeys }))
    .map(([entries, extra]) => new JsonObjectTree([...entries.filter((entry) => entry !== undefined), ...extra]));
}

/** Written as raw text: a tree this deep would overflow jsonText's own recursion. */
const deeplyNested: fc.Arbitrary<JsonTree> = fc.integer({ min: 20, max: 2500 }).map((depth) => new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

/** Raw JSON texts no schema gets to see: broken, or nested past the limit. */
export const brokenJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', '{', '{"a":', '[1,]', '{"a":1}{"b":2}', 'nul', '"\\ud800', '{"a":"\\u00"}', '\ufeff{}', '{"a":NaN}', '{\'a\':1}'),
  fc.string({ maxLength: 30 }),
  fc.integer({ min: 33, max: 3000 }).map((depth) => `${'{"custom":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.integer({ min: 33, max: 3000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
);

/** Path segments as sent on the wire (already percent-encoded), including encodings that decode to nothing sane. */
export const nastySegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('%00', 'a%00b', '%ED%A0%80', '%C0%AF', '%FF', '%', '%zz', '..', '.', '%2e%2e', '%2F', '~', 'x'.repeat(120), '9'.repeat(30), '-1', '1e400', 'null'),
  nastyString.filter((text) => text.length < 1000).map((text) => encodeURIComponent(text.toWellFormed())),
);

const SORT_TAGS = ['created_at:desc', 'created_at:asc', 'at:desc', 'name:asc', 'slug:desc', 'updated_at:asc', 'x'];

/** A cursor as a forger writes it: a list's own shape holding an odd sort value or id. */
const forgedCursor: fc.Arbitrary<string> = fc
  .tuple(fc.oneof(nastyNumber, nastyString, fc.integer(), nastyValue), fc.oneof(fc.constant('usr_x'), nastyString), fc.constantFrom(...SORT_TAGS))
  .map(([value, id, order]) => Buffer.from(jsonText([value, id, order])).toString('base64url'));

/** Query values as sent on the wire, shaped by the parameter's name now and then (cursors forged, numbers out of range). */
export function queryValue(name: string): fc.Arbitrary<string> {
  const generic = fc.oneof(nastySegment, fc.constantFrom('0', '1', '1000', '1001', '2147483648', '-1', '1.5', '1e400', 'true', 'asc', 'desc', '2026-01-01T00:00:00Z', ''));
  if (name === 'cursor') return fc.oneof({ weight: 3, arbitrary: forgedCursor }, { weight: 1, arbitrary: generic });
  return generic;
}
