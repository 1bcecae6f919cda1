import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';

/**
 * Names people read in the console, on the sign-in pages, in mails and in the CLI refuse the
 * characters that reorder what follows them on screen (Trojan Source) and those that break a line,
 * as users' own names do: "\u202emoc.elpmaxe" would show as "example.com".
 */
const OVERRIDE = 'Shop \u202emoc.elpmaxe';
const ISOLATE = 'Corp \u2066x\u2069';
const LINE_BREAK = 'Line\u2028break';

for (const dialect of dialects) {
  describe(`names people read on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });

    async function realmWithUser() {
      const realm = await send(server, 'POST', '/admin/v1/realms', { name: `Names ${Math.random().toString(36).slice(2)}` }, server.adminHeaders);
      assert.equal(realm.statusCode, 201, realm.body);
      const realmId = realm.json().id as string;
      const email = `ann-${Math.random().toString(36).slice(2)}@example.com`;
      const user = await send(server, 'POST', `/admin/v1/realms/${realmId}/users`, { email, password: 'a long enough password 1' }, server.adminHeaders);
      assert.equal(user.statusCode, 201, user.body);
      const { access_token } = await server.login(realmId, email, 'a long enough password 1');
      return { realmId, token: access_token };
    }

    it('refuses bidirectional controls and line breaks in every operator- and user-typed name, naming the field', async () => {
      const { realmId, token } = await realmWithUser();
      const admin = server.adminHeaders;
      const spa = (name: string) => ({ kind: 'spa', name, redirect_uris: ['https://shop.example.com/cb'] });
      const cases: [string, string, unknown, Record<string, string>, string][] = [
        ['POST', '/admin/v1/realms', { name: OVERRIDE }, admin, 'name'],
        ['PATCH', `/admin/v1/realms/${realmId}`, { name: ISOLATE }, admin, 'name'],
        ['PATCH', `/admin/v1/realms/${realmId}`, { public_info: { display_name: OVERRIDE } }, admin, 'public_info.display_name'],
        ['PATCH', `/admin/v1/realms/${realmId}`, { email: { from_name: LINE_BREAK } }, admin, 'email.from_name'],
        ['PATCH', `/admin/v1/realms/${realmId}`, { passkeys: { rp_name: OVERRIDE } }, admin, 'passkeys.rp_name'],
        ['POST', `/admin/v1/realms/${realmId}/applications`, spa(OVERRIDE), admin, 'name'],
        ['POST', `/admin/v1/realms/${realmId}/tenants`, { slug: 'acme', name: ISOLATE }, admin, 'name'],
        ['POST', `/admin/v1/realms/${realmId}/roles`, { slug: 'staff', display_name: OVERRIDE }, admin, 'display_name'],
        ['POST', `/admin/v1/realms/${realmId}/identity-providers`, { slug: 'corp', display_name: OVERRIDE, oidc: { issuer: 'http://127.0.0.1:9/issuer', client_id: 'c' }, client_secret: 's' }, admin, 'display_name'],
        ['POST', `/realms/${realmId}/account/api-keys`, { name: OVERRIDE }, bearer(token), 'name'],
        ['POST', '/admin/v1/operators', { email: 'names@example.com', password: 'operator password 2', display_name: OVERRIDE, grants: [] }, admin, 'display_name'],
      ];
      for (const [method, url, body, headers, field] of cases) {
        const response = await send(server, method as 'POST', url, body, headers);
        assert.equal(response.statusCode, 400, `${method} ${url} ${JSON.stringify(body)}: ${response.body}`);
        assert.equal(errorCode(response), 'request.validation_failed');
        // A nullable name also reports its union's other branch (null), as every nullable field does.
        const [first] = response.json().error.details;
        assert.equal(first.field, field, url);
        assert.match(first.issue, /must be one line without control characters or bidirectional overrides$/, url);
      }
      // Nothing was written by any of them.
      const realm = (await send(server, 'GET', `/admin/v1/realms/${realmId}`, undefined, admin)).json();
      assert.deepEqual([realm.public_info.display_name, realm.email.from_name, realm.passkeys.rp_name], [null, null, null]);
      for (const list of ['applications', 'tenants', 'roles', 'identity-providers']) {
        const listed = await send(server, 'GET', `/admin/v1/realms/${realmId}/${list}`, undefined, admin);
        assert.deepEqual(listed.json().items, [], list);
      }
      assert.deepEqual((await send(server, 'GET', `/realms/${realmId}/account/api-keys`, undefined, bearer(token))).json().items, []);
    });

    it('still refuses a blank API key name, and says both rules', async () => {
      const { realmId, token } = await realmWithUser();
      const response = await send(server, 'POST', `/realms/${realmId}/account/api-keys`, { name: '   ' }, bearer(token));
      assert.equal(response.statusCode, 400, response.body);
      assert.deepEqual(response.json().error.details, [{ field: 'name', issue: 'must not be blank, and must be one line without control characters or bidirectional overrides' }]);
    });

    it('takes right-to-left scripts, accents and emoji, which need no controls', async () => {
      const { realmId, token } = await realmWithUser();
      const names = ['متجر الأصدقاء', 'חנות', 'Ünïcødé Straße', '名前 😀'];
      for (const name of names) {
        const tenant = await send(server, 'POST', `/admin/v1/realms/${realmId}/tenants`, { slug: `t${names.indexOf(name)}`, name }, server.adminHeaders);
        assert.equal(tenant.statusCode, 201, tenant.body);
        assert.equal(tenant.json().name, name);
        const key = await send(server, 'POST', `/realms/${realmId}/account/api-keys`, { name }, bearer(token));
        assert.equal(key.statusCode, 201, key.body);
        assert.equal(key.json().name, name);
      }
      const renamed = await send(server, 'PATCH', `/admin/v1/realms/${realmId}`, { name: names[0], public_info: { display_name: names[1] } }, server.adminHeaders);
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.deepEqual([renamed.json().name, renamed.json().public_info.display_name], [names[0], names[1]]);
    });
  });
}
