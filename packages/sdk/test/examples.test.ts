/** examples/fastify-api against a real Keyrealm: the realm's tokens get in, a role opens /reports. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildApi } from '../../../examples/fastify-api/api.ts';
import { operator } from '../../../test/support/fixtures.ts';
import { oidcServerPerSuite } from '../../../test/oidc/oidc-fixtures.ts';

const PASSWORD = 'correct horse battery staple 9';

describe('the Fastify API example', () => {
  const server = oidcServerPerSuite('sqlite');

  it('answers a signed-in user, and /reports only to an analyst', async () => {
    const realm = await server.services.realms.create({ name: 'Example', tokens: { claims: ['roles'] } } as never, operator);
    const user = await server.services.users.create(realm, { username: 'ada', password: PASSWORD }, operator);
    const login = async () => ((await (await fetch(`${server.baseUrl}/realms/${realm.slug}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'ada', password: PASSWORD }) })).json()) as { access_token: string }).access_token;
    const api = buildApi({ baseUrl: server.baseUrl, realm: realm.id });
    const get = async (url: string, token?: string) => api.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
    try {
      assert.equal((await get('/me')).statusCode, 401);
      const token = await login();
      const me = await get('/me', token);
      assert.equal(me.statusCode, 200, me.body);
      assert.equal(me.json().subject, user.id);
      assert.equal((await get('/reports', token)).statusCode, 403);
      const role = await fetch(`${server.baseUrl}/admin/v1/realms/${realm.id}/roles`, { method: 'POST', headers: { ...server.adminHeaders, 'content-type': 'application/json' }, body: JSON.stringify({ slug: 'analyst' }) });
      assert.equal(role.status, 201, await role.text());
      const assigned = await fetch(`${server.baseUrl}/admin/v1/realms/${realm.id}/users/${user.id}/roles`, { method: 'POST', headers: { ...server.adminHeaders, 'content-type': 'application/json' }, body: JSON.stringify({ role: 'analyst' }) });
      assert.equal(assigned.status, 200, await assigned.text());
      const reports = await get('/reports', await login());
      assert.equal(reports.statusCode, 200, reports.body);
      assert.equal(reports.json().for, user.id);
    } finally {
      await api.close();
    }
  });
});
