import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import { once } from '../platform/lazy.ts';

/**
 * Fastify's own response serializers (fast-json-stringify), each compiled by the first response
 * that needs it rather than all at start-up: a compiled serializer is generated source code of up
 * to 100 KB, and the routes' serializers (about 180) together cost a process megabytes it would
 * keep for routes it may never answer.
 */
export function buildSerializerCompiler(externalSchemas?: unknown, options?: SerializerSelector.Options): SerializerSelector.SerializerCompiler {
  const compile = SerializerSelector()(externalSchemas, options);
  return (route) => {
    const serialize = once(() => compile({ ...route, schema: withOpenObjectsWhole(route.schema) }));
    return (document) => serialize()(document);
  };
}

type Schema = Record<string, unknown>;

/** Keywords whose value is a schema, a list of schemas, or a map of names to schemas. */
const ONE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'];
const LIST = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const MAP = ['properties', 'patternProperties', '$defs', 'definitions'];

/** An object that declares nothing and allows anything: a token's claims, a user's custom data. */
function isOpenObject(schema: Schema): boolean {
  return (
    schema.type === 'object' &&
    schema.additionalProperties === true &&
    (schema.properties === undefined || Object.keys(schema.properties as object).length === 0) &&
    schema.patternProperties === undefined &&
    (schema.required === undefined || (schema.required as unknown[]).length === 0)
  );
}

/**
 * The response schema as serialized: every open object (see above) that is the value of a declared
 * property becomes a schema without a type, which fast-json-stringify writes with one
 * `JSON.stringify`. Declared as an object, it writes each property with a `JSON.stringify` of its
 * own: validate's answer (a token's claims) took twice as long to serialize as `JSON.stringify` of
 * the whole answer. Both write the same properties (an open object strips nothing). Only property
 * values: a typeless branch of a union would match anything, and a typeless array item lets an
 * `undefined` item through. The route's own schema, which the OpenAPI document shows, is left as it is.
 */
export function withOpenObjectsWhole(schema: unknown, isProperty = false): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const given = schema as Schema;
  if (isProperty && isOpenObject(given)) return given.description === undefined ? {} : { description: given.description };
  let changed: Schema | undefined;
  const replace = (key: string, value: unknown) => {
    changed ??= { ...given };
    changed[key] = value;
  };
  for (const key of ONE) {
    const inner = given[key];
    if (inner === undefined) continue;
    const next = withOpenObjectsWhole(inner);
    if (next !== inner) replace(key, next);
  }
  for (const key of LIST) {
    const inner = given[key];
    if (!Array.isArray(inner)) continue;
    const next = inner.map((item) => withOpenObjectsWhole(item));
    if (next.some((item, i) => item !== inner[i])) replace(key, next);
  }
  for (const key of MAP) {
    const inner = given[key];
    if (inner === null || typeof inner !== 'object') continue;
    const entries = Object.entries(inner as Schema).map(([name, item]) => [name, withOpenObjectsWhole(item, key === 'properties')] as const);
    if (entries.some(([name, item]) => item !== (inner as Schema)[name])) replace(key, Object.fromEntries(entries));
  }
  return changed ?? given;
}
