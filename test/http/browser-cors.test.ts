import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import type { Realm } from '../../src/realms/realm.ts';

/** CORS for a realm's browser API: the origins of its enabled SPA applications, and nothing else. */
for (const dialect of dialects) {
  describe(`CORS for a realm's browser API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    const APP = 'https://app.example.com';
    let realm: Realm;
    let other: Realm;
    let spaId = '';

    before(async () => {
      realm = await server.services.realms.create({ name: 'Cors' }, operator);
      other = await server.services.realms.create({ name: 'Cors other' }, operator);
      const spa = await send(server, 'POST', `/admin/v1/realms/${realm.slug}/applications`, { kind: 'spa', name: 'App', redirect_uris: [`${APP}/callback`] }, server.adminHeaders);
      assert.equal(spa.statusCode, 201, spa.body);
      spaId = spa.json().id;
      const foreign = await send(server, 'POST', `/admin/v1/realms/${other.slug}/applications`, { kind: 'spa', name: 'Elsewhere', redirect_uris: ['https://elsewhere.example.com/cb'] }, server.adminHeaders);
      assert.equal(foreign.statusCode, 201, foreign.body);
    });

    const preflight = (path: string, origin: string) =>
      server.app.inject({ method: 'OPTIONS', url: path, headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });

    it("answers a preflight for its SPA applications' origins, with the methods and headers the API takes", async () => {
      const allowed = await preflight(`/realms/${realm.slug}/auth/login`, APP);
      assert.equal(allowed.statusCode, 204);
      assert.equal(allowed.headers['access-control-allow-origin'], APP);
      assert.match(String(allowed.headers['access-control-allow-methods']), /POST/);
      assert.equal(allowed.headers['access-control-allow-headers'], 'authorization, content-type');
      assert.equal(allowed.headers['access-control-allow-credentials'], undefined, 'bearer tokens, no cookies');
      assert.equal((await preflight(`/realms/${realm.id}/account`, APP)).headers['access-control-allow-origin'], APP, 'by id as by slug');
      for (const [path, origin, why] of [
        [`/realms/${realm.slug}/auth/login`, 'https://evil.example.com', 'another origin'],
        [`/realms/${realm.slug}/auth/login`, 'https://elsewhere.example.com', "another realm's application"],
        [`/realms/${realm.slug}/signup`, APP, 'a hosted page'],
        [`/admin/v1/realms`, APP, 'the admin API'],
      ] as const) {
        assert.equal((await server.app.inject({ method: 'OPTIONS', url: path, headers: { origin, 'access-control-request-method': 'POST' } })).headers['access-control-allow-origin'], undefined, why);
      }
    });

    it('marks the answers of the browser API, refusals too, and no others', async () => {
      await server.services.users.create(realm, { username: 'ann', password: 'correct horse battery staple 9' }, operator);
      const login = (password: string) => server.app.inject({ method: 'POST', url: `/realms/${realm.slug}/auth/login`, headers: { origin: APP, 'content-type': 'application/json' }, payload: { identifier: 'ann', password } });
      const ok = await login('correct horse battery staple 9');
      assert.equal(ok.statusCode, 200);
      assert.deepEqual([ok.headers['access-control-allow-origin'], ok.headers.vary], [APP, 'origin']);
      assert.match(String(ok.headers['access-control-expose-headers']), /x-request-id/);
      const refused = await login('wrong password entirely');
      assert.equal(refused.statusCode, 401);
      assert.equal(refused.headers['access-control-allow-origin'], APP, 'a script reads the error code');
      const admin = await server.app.inject({ method: 'GET', url: '/admin/v1/realms', headers: { ...server.adminHeaders, origin: APP } });
      assert.equal(admin.headers['access-control-allow-origin'], undefined);
    });

    it('stops at once when the application is switched off', async () => {
      const off = await send(server, 'PATCH', `/admin/v1/realms/${realm.slug}/applications/${spaId}`, { enabled: false }, server.adminHeaders);
      assert.equal(off.statusCode, 200, off.body);
      assert.equal((await preflight(`/realms/${realm.slug}/auth/login`, APP)).headers['access-control-allow-origin'], undefined);
      await send(server, 'PATCH', `/admin/v1/realms/${realm.slug}/applications/${spaId}`, { enabled: true }, server.adminHeaders);
      assert.equal((await preflight(`/realms/${realm.slug}/auth/login`, APP)).headers['access-control-allow-origin'], APP);
    });
  });
}
