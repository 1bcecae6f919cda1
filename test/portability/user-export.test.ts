import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';

/**
 * GET /admin/v1/realms/{realm}/users/export: every user the filters select, across many pages,
 * as JSON lines or CSV (quoted, formulas defused), the fields chosen, and no other realm's user.
 */
for (const dialect of dialects) {
  describe(`user export on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    const admin = (method: 'GET' | 'POST', url: string, payload?: unknown) => send(server, method, url, payload, server.adminHeaders);
    const exported = (query: string) => admin('GET', `/admin/v1/realms/exported/users/export${query}`);

    before(async () => {
      await admin('POST', '/admin/v1/realms', { name: 'Exported', slug: 'exported' });
      await admin('POST', '/admin/v1/realms', { name: 'Elsewhere', slug: 'elsewhere' });
      await admin('POST', '/admin/v1/realms/elsewhere/users', { email: 'outsider@example.com' });
      await admin('POST', '/admin/v1/realms/exported/users', { email: 'mallory@example.com', first_name: '=HYPERLINK("http://evil")', last_name: 'Smith, "Jr"', tags: ['vip'] });
      for (let batch = 0; batch < 3; batch++) {
        const users = Array.from({ length: 400 }, (_, i) => ({ email: `user${batch * 400 + i}@example.com` }));
        const response = await admin('POST', '/admin/v1/realms/exported/users/import', { users });
        assert.equal(response.json().created.length, 400, response.body);
      }
    });

    it('streams every user as JSON lines, across pages, and none of another realm', async () => {
      const response = await exported('');
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['content-type']), /^application\/x-ndjson/);
      assert.equal(response.headers['content-disposition'], 'attachment; filename="users-exported.jsonl"');
      const users = response.body.trim().split('\n').map((line) => JSON.parse(line));
      assert.equal(users.length, 1201);
      assert.equal(new Set(users.map((user) => user.id)).size, 1201);
      assert.ok(!users.some((user) => user.email === 'outsider@example.com'));
      assert.deepEqual(Object.keys(users[0]).slice(0, 3), ['id', 'realm_id', 'username']);
      assert.ok(users.every((user) => !('password_hash' in user)));
    });

    it('writes CSV with the chosen fields, quoted, and spreadsheet formulas defused', async () => {
      const response = await exported('?format=csv&fields=email,first_name,last_name,tags&tag=vip');
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['content-type']), /^text\/csv/);
      assert.equal(response.body, 'email,first_name,last_name,tags\r\nmallory@example.com,"\'=HYPERLINK(""http://evil"")","Smith, ""Jr""","[""vip""]"\r\n');
    });

    it('refuses unknown fields and formats, and callers without an operator token', async () => {
      assert.equal(errorCode(await exported('?fields=email,password_hash')), 'request.validation_failed');
      assert.equal(errorCode(await exported('?format=xml')), 'request.validation_failed');
      assert.equal((await send(server, 'GET', '/admin/v1/realms/exported/users/export')).statusCode, 401);
      assert.equal(errorCode(await admin('GET', '/admin/v1/realms/nowhere/users/export')), 'realm.not_found');
    });
  });
}
