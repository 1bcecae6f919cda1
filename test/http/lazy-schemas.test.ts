import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { buildSerializerCompiler } from '../../src/http/serialization.ts';
import { buildSchemaCompiler } from '../../src/http/validation.ts';

describe('route schemas compiled on first use', () => {
  it('validate and serialize as before, each route compiling its own on its first request', async () => {
    const app = Fastify({ schemaController: { compilersFactory: { buildValidator: buildSchemaCompiler as never, buildSerializer: buildSerializerCompiler } } });
    app.post('/items', { schema: { body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } }, additionalProperties: false }, response: { 200: { type: 'object', properties: { n: { type: 'integer' } } } } } }, async (request) => ({ ...(request.body as object), secret: 'dropped by the serializer' }));
    // Compiled at start, this schema would stop the server; compiled on first use, only its route fails.
    app.post('/broken', { schema: { body: { type: 'string', minLength: -1 } } }, async () => 'never');
    await app.ready();
    const ok = await app.inject({ method: 'POST', url: '/items', payload: { n: 5 } });
    assert.deepEqual(ok.json(), { n: 5 }, 'the response schema decides what is sent');
    const refused = await app.inject({ method: 'POST', url: '/items', payload: { n: 'five', extra: true } });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().message, /must be integer|must NOT have additional properties/, 'Fastify read the errors of the refusal');
    assert.equal((await app.inject({ method: 'POST', url: '/broken', payload: '"a"', headers: { 'content-type': 'application/json' } })).statusCode, 500);
    await app.close();
  });

  it('a schema that cannot compile fails every time, never compiling on a later try', () => {
    const validator = buildSchemaCompiler()({ schema: { type: 'string', minLength: -1 }, method: 'POST', url: '/x', httpPart: 'body' }) as (data: unknown) => boolean;
    assert.throws(() => validator('a'), /minLength/);
    assert.throws(() => validator('a'), /minLength/, 'Ajv caches a schema before checking it: a second compile would pass');
  });

  it('fills query defaults through the parent Fastify passes (schemaEnv)', async () => {
    const app = Fastify({ schemaController: { compilersFactory: { buildValidator: buildSchemaCompiler as never } } });
    app.get('/list', { schema: { querystring: { type: 'object', properties: { limit: { type: 'integer', default: 20 } } } } }, async (request) => request.query);
    const answer = await app.inject({ method: 'GET', url: '/list' });
    assert.deepEqual(answer.json(), { limit: 20 });
    assert.deepEqual((await app.inject({ method: 'GET', url: '/list?limit=5' })).json(), { limit: 5 }, 'coerced from text');
    await app.close();
  });
});
