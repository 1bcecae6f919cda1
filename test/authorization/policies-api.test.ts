import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { operatorWith } from '../mail/mail-fixtures.ts';
import { createRealm, putPolicy } from './policy-fixtures.ts';

const READ_OWN = `@id("read-own")
permit(principal, action == Action::"invoices:read", resource)
when { resource has tenant && principal has tenant && resource.tenant == principal.tenant };`;

for (const dialect of dialects) {
  describe(`policy modules API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realm: Realm;
    let other: Realm;
    before(async () => {
      realm = await createRealm(server);
      other = await createRealm(server);
    });
    const url = (module = '', target: Realm = realm) => `/admin/v1/realms/${target.slug}/policies${module ? `/${module}` : ''}`;

    it('saves, reads, lists, replaces and deletes a module, with an event for each change', async () => {
      const saved = await putPolicy(server, realm, 'invoices', READ_OWN);
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.json().policy_count, 1);
      assert.equal(saved.json().version, 1);
      assert.equal(saved.json().policy, READ_OWN);
      assert.equal((await putPolicy(server, realm, 'invoices', `${READ_OWN}\nforbid(principal, action, resource) when { principal.access == "acl" };`)).json().version, 2);

      const list = await send(server, 'GET', url(), undefined, server.adminHeaders);
      assert.equal(list.statusCode, 200);
      assert.deepEqual(list.json().items.map((m: { module: string; policy_count: number }) => [m.module, m.policy_count]), [['invoices', 2]]);
      assert.equal((await send(server, 'GET', url('invoices'), undefined, server.adminHeaders)).json().version, 2);

      assert.equal((await send(server, 'DELETE', url('invoices'), undefined, server.adminHeaders)).statusCode, 204);
      const gone = await send(server, 'GET', url('invoices'), undefined, server.adminHeaders);
      assert.equal(gone.statusCode, 404);
      assert.equal(errorCode(gone), 'policy.module_not_found');
      assert.equal(errorCode(await send(server, 'DELETE', url('invoices'), undefined, server.adminHeaders)), 'policy.module_not_found');

      const events = await server.services.events.list(server.database.db, realm.id, {}, { limit: 100 });
      const types = events.items.map((e) => [e.type, e.details.module]).filter(([type]) => String(type).startsWith('policy.'));
      assert.deepEqual(types.sort(), [['policy.deleted', 'invoices'], ['policy.updated', 'invoices'], ['policy.updated', 'invoices']]);
    });

    it('refuses a policy that does not parse, with the line and column of the error', async () => {
      const response = await putPolicy(server, realm, 'broken', '// é first line\npermit(principal, action, resource)\nwhen { principal.roles.contains("a") ');
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(errorCode(response), 'policy.invalid');
      const [detail] = response.json().error.details;
      assert.match(detail.issue, /^line 3, column 37: /);
      assert.equal(errorCode(await send(server, 'GET', url('broken'), undefined, server.adminHeaders)), 'policy.module_not_found');
    });

    it('refuses a policy that does not validate against the realm schema, naming the policy and position', async () => {
      const response = await putPolicy(server, realm, "typo", `@id("fine")\npermit(principal, action == Action::"a:b", resource);\n@id("bad")\npermit(principal, action, resource)\n  when { principal.nope == 1 };`);
      assert.equal(response.statusCode, 400, response.body);
      const [detail] = response.json().error.details;
      assert.equal(detail.field, 'policy.bad');
      assert.match(detail.issue, /^line 5, column 10: for policy `bad`, .*nope/);
      const unknownAction = await putPolicy(server, realm, 'typo', 'permit(principal, action, resource) when { action == Action::"never:declared" };');
      assert.equal(errorCode(unknownAction), 'policy.invalid');
      assert.match(unknownAction.json().error.details[0].issue, /unrecognized action/);
      const wrongType = await putPolicy(server, realm, 'typo', 'permit(principal, action, resource) when { principal.id < 3 };');
      assert.equal(errorCode(wrongType), 'policy.invalid');
    });

    it('places every refusal of one policy at it, under its own id, where Cedar gives no position (found by review)', async () => {
      const good = 'permit(principal, action, resource);\n';
      const empty = await putPolicy(server, realm, 'placed', `${good}${good}  @id("empty") permit(principal, action in [], resource);`);
      assert.equal(errorCode(empty), 'policy.invalid', empty.body);
      assert.deepEqual(empty.json().error.details, [{ field: 'policy.empty', issue: 'line 3, column 3: for policy `empty`, empty set literals are forbidden in policies' }]);
      // A copy of the policy in a comment before it is not where it starts (found by review); a string holding // is no comment.
      const commented = await putPolicy(server, realm, 'placed', `// was: permit(principal, action in [], resource);\npermit(principal, action, resource) when { "a//b" == "a//b" };\npermit(principal, action in [], resource);`);
      assert.deepEqual(commented.json().error.details.map((d: { issue: string }) => d.issue.split(':')[0]), ['line 3, column 1']);
      const twice = await putPolicy(server, realm, 'placed', `${good}@id("a") permit(principal, action, resource);\n@id("a") forbid(principal, action, resource);`);
      assert.deepEqual(twice.json().error.details, [{ field: 'policy.a', issue: 'line 3, column 1: two policies have the id "a"' }]);
    });

    it('refuses templates, duplicate ids, bad module names, oversize and unknown fields, never with a 500', async () => {
      assert.equal(errorCode(await putPolicy(server, realm, 'tpl', 'permit(principal == ?principal, action, resource);')), 'policy.invalid');
      assert.equal(errorCode(await putPolicy(server, realm, 'dup', '@id("x") permit(principal, action, resource);\n@id("x") forbid(principal, action, resource);')), 'policy.invalid');
      assert.equal((await putPolicy(server, realm, 'Bad%20Name', 'permit(principal, action, resource);')).statusCode, 400);
      assert.equal((await putPolicy(server, realm, 'x'.repeat(65), 'permit(principal, action, resource);')).statusCode, 400);
      assert.equal((await send(server, 'PUT', url('m'), { policy: 'permit(principal, action, resource);', extra: 1 }, server.adminHeaders)).statusCode, 400);
      assert.equal((await send(server, 'PUT', url('m'), { policy: 42 }, server.adminHeaders)).statusCode, 400);
      assert.equal((await send(server, 'PUT', url('m'), undefined, server.adminHeaders)).statusCode, 400);
      const many = Array.from({ length: 201 }, (_, i) => `@id("p${i}") permit(principal, action, resource);`).join('\n');
      assert.equal(errorCode(await putPolicy(server, realm, 'many', many)), 'policy.too_large');
      assert.equal(errorCode(await putPolicy(server, realm, 'empty', '// nothing but a comment')), 'policy.invalid');
    });

    it('keeps realms apart: another realm\u2019s operator can neither read nor change the modules', async () => {
      assert.equal((await putPolicy(server, realm, 'private', READ_OWN)).statusCode, 200);
      const otherAdmin = await operatorWith(server, [{ permission: 'admin_realm', realms: [other.id] }]);
      assert.equal((await send(server, 'GET', url('private'), undefined, otherAdmin)).statusCode, 403);
      assert.equal((await send(server, 'GET', url(), undefined, otherAdmin)).statusCode, 403);
      assert.equal((await putPolicy(server, realm, 'private', 'forbid(principal, action, resource);', otherAdmin)).statusCode, 403);
      assert.equal((await send(server, 'DELETE', url('private'), undefined, otherAdmin)).statusCode, 403);
      // Its own realm does not see them either.
      assert.equal((await send(server, 'GET', url('private', other), undefined, otherAdmin)).statusCode, 404);
      assert.deepEqual((await send(server, 'GET', url('', other), undefined, otherAdmin)).json().items, []);
      const reader = await operatorWith(server, [{ permission: 'read' }]);
      assert.equal((await send(server, 'GET', url('private'), undefined, reader)).statusCode, 200);
      assert.equal((await putPolicy(server, realm, 'private', READ_OWN, reader)).statusCode, 403);
      assert.equal((await send(server, 'GET', url('private'), undefined, {})).statusCode, 401);
    });
  });
}
