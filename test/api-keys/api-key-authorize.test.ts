import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { bearer, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { PASSWORD } from '../auth/fixtures.ts';

/** An API key as the caller of authorize: its owner's permissions, never beyond its capabilities. */
for (const dialect of dialects) {
  describe(`authorize with an API key on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let userKey: string;
    let serviceKey: string;

    before(async () => {
      const realm = await server.services.realms.create({ name: 'Decide', slug: 'decide' }, operator);
      await server.services.realms.create({ name: 'Elsewhere', slug: 'decide-other' }, operator);
      const user = await server.services.users.create(realm, { username: 'clerk', password: PASSWORD }, operator);
      const admin = (method: 'POST', url: string, body: unknown) => send(server, method, `/admin/v1/realms/decide${url}`, body, server.adminHeaders);
      assert.equal((await admin('POST', '/roles', { slug: 'clerk', permissions: ['invoices:read', 'invoices:delete'] })).statusCode, 201);
      assert.equal((await admin('POST', `/users/${user.id}/roles`, { role: 'clerk' })).statusCode, 200);
      userKey = (await admin('POST', `/users/${user.id}/api-keys`, { name: 'reader', capabilities: { read: 'allow', delete: 'deny' } })).json().api_key;
      serviceKey = (await admin('POST', '/api-keys', { name: 'svc', capabilities: { read: 'allow' } })).json().api_key;
    });

    const authorize = (key: string, action: string, slug = 'decide') =>
      send(server, 'POST', `/realms/${slug}/authorize`, { action, resource: { type: 'invoice', id: 'inv-1' } }, bearer(key));

    it("allows what both the owner's roles and the key's capabilities allow, and nothing more", async () => {
      const read = await authorize(userKey, 'invoices:read');
      assert.equal(read.statusCode, 200, read.body);
      assert.equal(read.json().decision, 'allow');
      const remove = await authorize(userKey, 'invoices:delete');
      assert.equal(remove.json().decision, 'deny');
    });

    it('gives a service key no permissions of its own: its capabilities alone do not allow', async () => {
      const read = await authorize(serviceKey, 'invoices:read');
      assert.equal(read.statusCode, 200, read.body);
      assert.equal(read.json().decision, 'deny');
    });

    it('records the key\u2019s last use and the caller\u2019s address, as validate does', async () => {
      const answer = await send(server, 'POST', '/realms/decide/authorize/batch', { checks: [{ action: 'invoices:read', resource: { type: 'invoice', id: 'inv-2' } }] }, { ...bearer(serviceKey), 'x-forwarded-for': '198.51.100.7' });
      assert.equal(answer.statusCode, 200, answer.body);
      await server.services.apiKeyLastUse.flush();
      const keys = await server.database.db.selectFrom('api_keys').select(['last_used_at', 'last_used_ip']).where('user_id', 'is', null).execute();
      assert.equal(keys.length, 1);
      assert.equal(keys[0]!.last_used_ip, '127.0.0.1', 'the peer (no trusted proxy is configured, so the header is ignored)');
      assert.ok(keys[0]!.last_used_at !== null);
    });

    it("refuses a key at another realm's authorize, and a mistyped key", async () => {
      assert.equal((await authorize(userKey, 'invoices:read', 'decide-other')).statusCode, 401);
      assert.equal((await authorize(`${userKey.slice(0, -1)}${userKey.endsWith('x') ? 'y' : 'x'}`, 'invoices:read')).statusCode, 401);
    });
  });
}
