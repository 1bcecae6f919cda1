import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/**
 * Every admin route of the OpenAPI document, the ones added after this test too: an operator
 * without grants, and an operator of realm A asking about realm B, get no answer but a refusal —
 * 403, or 400 where the body is checked first (an empty body here) — never a success and never a
 * lookup (404 would tell what exists). permissions.test.ts checks which grant allows what, route by
 * route; this one checks that no route was left out of the guard.
 */
const PASSWORD = 'user-password-1';
/** What an operator without grants may still do: see who they are. */
const OWN = new Set(['GET /admin/v1/me']);
/** What an operator of realm A may do without naming a realm: list the realms (only A is listed). */
const UNSCOPED_FOR_REALM_OPERATOR = new Set(['GET /admin/v1/me', 'GET /admin/v1/realms']);

for (const dialect of dialects) {
  describe(`the admin API refuses operators outside their grants, on every route, on ${dialect}`, () => {
    let server: TestServer;
    let realmB: string;
    const tokens = { none: '', realmA: '' };
    const paths: [string, string][] = [];

    before(async () => {
      server = await startTestServer({ dialect });
      const admin = async (method: 'GET' | 'POST', url: string, payload?: object) => (await server.app.inject({ method, url, headers: server.adminHeaders, ...(payload ? { payload } : {}) })).json();
      const realmA = (await admin('POST', '/admin/v1/realms', { name: 'Realm A' })).id as string;
      realmB = (await admin('POST', '/admin/v1/realms', { name: 'Realm B' })).id as string;
      await admin('POST', '/admin/v1/operators', { email: 'none@operators.test', password: PASSWORD, grants: [] });
      await admin('POST', '/admin/v1/operators', { email: 'realm-a@operators.test', password: PASSWORD, grants: [{ permission: 'admin_realm', realms: [realmA] }] });
      tokens.none = (await server.login('admin', 'none@operators.test', PASSWORD)).access_token;
      tokens.realmA = (await server.login('admin', 'realm-a@operators.test', PASSWORD)).access_token;
      const document = await admin('GET', '/openapi.json');
      for (const [path, operations] of Object.entries(document.paths as Record<string, object>)) {
        if (path.startsWith('/admin/v1')) for (const method of Object.keys(operations)) paths.push([method.toUpperCase(), path]);
      }
    });
    after(() => server.dispose());

    it('answers 403 (or 400 for a body checked first), never a success or a lookup', async () => {
      assert.ok(paths.length > 100, `${paths.length} admin operations`);
      const unexpected: string[] = [];
      for (const [method, path] of paths) {
        const url = path.replace('{realm}', realmB).replace(/\{[^}]+\}/g, 'x_unknown');
        for (const [who, token] of Object.entries(tokens)) {
          const allowed = who === 'none' ? OWN : UNSCOPED_FOR_REALM_OPERATOR;
          if (allowed.has(`${method} ${path}`)) continue;
          const response = await server.app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '{}' });
          if (response.statusCode !== 403 && response.statusCode !== 400) unexpected.push(`${who}: ${method} ${path} → ${response.statusCode}`);
          else if (response.statusCode === 400 && response.json().error.code !== 'request.validation_failed') unexpected.push(`${who}: ${method} ${path} → 400 ${response.body}`);
        }
      }
      assert.deepEqual(unexpected, []);
    });
  });
}
