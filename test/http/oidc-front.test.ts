/**
 * The OpenID Connect endpoints are served in front of Fastify (src/http/oidc-front.ts): what the API
 * does for every request must still happen there, and anything unusual must reach Fastify's route.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { clientIpResolver, type TrustProxy } from '../../src/http/client-ip.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import { capturedLog, stableFields } from '../support/captured-log.ts';
import { dialects } from '../support/databases.ts';
import { basic, form, startOidcServer, type OidcTestServer } from '../oidc/oidc-fixtures.ts';

describe('the client address in front of Fastify', () => {
  const settings: TrustProxy[] = [false, true, 2, ['127.0.0.1'], ['10.0.0.0/8'], ['loopback', '10.1.2.3']];
  const forwarded = [undefined, '203.0.113.9', '203.0.113.9, 10.1.2.3', 'garbage, 198.51.100.4', '203.0.113.9,10.9.9.9, 10.1.2.3'];

  for (const trustProxy of settings) {
    it(`is the address Fastify's request.ip gives with trustProxy ${JSON.stringify(trustProxy)}`, async () => {
      const ours = clientIpResolver(trustProxy);
      const app = Fastify({ trustProxy: trustProxy as never });
      app.get('/', async (request) => ({ fastify: request.ip, ours: ours(request.raw) }));
      await app.listen({ port: 0, host: '127.0.0.1' });
      try {
        const { port } = app.server.address() as { port: number };
        for (const header of forwarded) {
          const response = await fetch(`http://127.0.0.1:${port}/`, { headers: header ? { 'x-forwarded-for': header } : {} });
          const { fastify, ours: mine } = (await response.json()) as { fastify: string; ours: string };
          assert.equal(mine, fastify, `X-Forwarded-For: ${header}`);
        }
      } finally {
        await app.close();
      }
    });
  }
});

for (const dialect of dialects) {
  describe(`OpenID Connect endpoints in front of Fastify on ${dialect}`, () => {
    let server: OidcTestServer;
    let realm: Realm;
    const log = capturedLog();

    before(async () => {
      server = await startOidcServer(dialect, {}, '127.0.0.1', log.logger);
      realm = await server.services.realms.create({ name: 'Front', slug: `front-${dialect}` }, operator);
    });
    after(() => server.dispose());

    it('answers the token endpoint with the request id, nosniff, one log line and the metrics', async () => {
      const { app, secret } = await server.apps.add(realm, { kind: 'machine' });
      const response = await fetch(`${server.baseUrl}/realms/${realm.id}/oidc/token`, {
        method: 'POST',
        headers: { authorization: basic(app.clientId, secret), 'x-request-id': 'front-token-1', ...form({}) },
        ...form({ grant_type: 'client_credentials' }),
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('x-request-id'), 'front-token-1');
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.ok(((await response.json()) as { access_token?: string }).access_token);
      assert.deepEqual(stableFields(await log.lineFor('front-token-1')), {
        level: 30,
        request_id: 'front-token-1',
        method: 'POST',
        url: `/realms/${realm.id}/oidc/token`,
        status: 200,
        msg: 'request',
      });
      const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
      assert.match(metrics, /route="\/realms\/:realm\/oidc\/\*",method="POST",status="200"} 1/);
    });

    it("gives a request without a usable X-Request-Id one of its own, and hides a query's values in the log", async () => {
      const response = await fetch(`${server.baseUrl}/realms/${realm.id}/oidc/auth?client_id=nobody&state=secret-state`, { headers: { 'x-request-id': 'not a valid id!' } });
      const id = response.headers.get('x-request-id') ?? '';
      assert.match(id, /^[0-9a-f-]{36}$/);
      assert.equal((await log.lineFor(id))?.url, `/realms/${realm.id}/oidc/auth?client_id=…&state=…`);
    });

    it("hands a slug, an unknown realm, an inactive realm and a realm without a provider to Fastify's route", async () => {
      const slug = await fetch(`${server.baseUrl}/realms/${realm.slug}/oidc/token`, { method: 'POST', redirect: 'manual', ...form({ grant_type: 'client_credentials' }) });
      assert.equal(slug.status, 308);
      assert.equal(slug.headers.get('location'), `/realms/${realm.id}/oidc/token`);

      const unknown = await fetch(`${server.baseUrl}/realms/rl_doesnotexist/oidc/token`, { method: 'POST', ...form({ grant_type: 'client_credentials' }) });
      assert.equal(unknown.status, 404);
      assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'realm.not_found');

      const dormant = await server.services.realms.create({ name: 'Dormant', slug: `dormant-${dialect}` }, operator);
      await server.services.realms.update(dormant.id, { state: 'inactive' }, operator);
      const inactive = await fetch(`${server.baseUrl}/realms/${dormant.id}/oidc/token`, { method: 'POST', ...form({ grant_type: 'client_credentials' }) });
      assert.equal(inactive.status, 404);
      assert.equal(((await inactive.json()) as { error: { code: string } }).error.code, 'realm.not_found');

      const shared = await server.services.realms.create({ name: 'Shared', slug: `shared-${dialect}`, tokens: { algorithm: 'HS256' } } as never, operator);
      const unavailable = await fetch(`${server.baseUrl}/realms/${shared.id}/oidc/token`, { method: 'POST', ...form({ grant_type: 'client_credentials' }) });
      const body = (await unavailable.json()) as { error: { code: string } };
      assert.equal(body.error.code, 'oidc.unavailable');
      assert.equal(unavailable.headers.get('x-content-type-options'), 'nosniff');
    });
  });
}
