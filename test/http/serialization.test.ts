import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { buildSerializerCompiler, withOpenObjectsWhole } from '../../src/http/serialization.ts';
import { JsonObject, Nullable } from '../../src/http/schemas.ts';

const Answer = Type.Object({
  claims: JsonObject('The claims.'),
  user_id: Type.String(),
  tenant: Nullable(Type.Object({ id: Type.String(), custom: JsonObject() })),
  items: Type.Array(Type.Object({ data: JsonObject() })),
});

const serializerFor = (schema: unknown) =>
  buildSerializerCompiler()({ schema, method: 'GET', url: '/x', httpStatus: '200' } as never) as (document: unknown) => string;

describe('response serialization', () => {
  it('writes an open object whole, wherever it sits, and still drops what a declared object does not declare', () => {
    const claims = { sub: 'usr_1', amr: ['pwd'], nested: { deep: [1, { two: null }] }, 'odd "key"': 'va\u2028lue' };
    const document = {
      claims,
      user_id: 'usr_1',
      password_hash: 'must not leave',
      tenant: { id: 'tnt_1', custom: { plan: 'gold' }, secret: 'no' },
      items: [{ data: { a: 1 }, extra: true }],
    };
    const written = JSON.parse(serializerFor(Answer)(document));
    assert.deepEqual(written, { claims, user_id: 'usr_1', tenant: { id: 'tnt_1', custom: { plan: 'gold' } }, items: [{ data: { a: 1 } }] });
    assert.equal(JSON.parse(serializerFor(Answer)({ ...document, tenant: null })).tenant, null);
  });

  it('leaves the route schema the OpenAPI document shows untouched, and closed or declared objects as they are', () => {
    const before = JSON.stringify(Answer);
    const serialized = withOpenObjectsWhole(Answer) as { properties: Record<string, unknown> };
    assert.equal(JSON.stringify(Answer), before);
    assert.notEqual(serialized, Answer);
    assert.deepEqual(serialized.properties.claims, { description: 'The claims.' });

    // Elsewhere than as a property's value a typeless schema would match any union branch, or let an `undefined` item through.
    const Elsewhere = Type.Object({ either: Nullable(JsonObject()), list: Type.Array(JsonObject()) });
    assert.equal(withOpenObjectsWhole(Elsewhere), Elsewhere);
    assert.throws(() => serializerFor(Elsewhere)({ either: 'not an object', list: [] }));
    assert.throws(() => serializerFor(Elsewhere)({ either: null, list: [undefined] }));
    const whole = JsonObject();
    assert.equal(withOpenObjectsWhole(whole), whole, 'a whole answer that is an open object is left to fast-json-stringify');

    const declared = Type.Object({ a: Type.String() }, { additionalProperties: true });
    const closed = Type.Object({}, { additionalProperties: false });
    const required = { type: 'object', additionalProperties: true, required: ['a'] };
    for (const schema of [declared, closed, required, Type.String(), Type.Array(Type.String())]) assert.equal(withOpenObjectsWhole(schema), schema);
  });
});
