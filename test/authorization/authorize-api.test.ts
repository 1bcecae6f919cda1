import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { createRealm, PASSWORD, putPolicy, signedInUser, subject } from './policy-fixtures.ts';
import { tenantAdmin } from './tenant-fixtures.ts';

const invoice = { type: 'invoices', id: '42' };

for (const dialect of dialects) {
  describe(`authorize on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realm: Realm;
    let other: Realm;
    let user: { id: string; token: string };
    before(async () => {
      realm = await createRealm(server);
      other = await createRealm(server);
      user = await signedInUser(server, realm);
    });
    const authorize = (body: unknown, token = user.token, target: Realm = realm) => send(server, 'POST', `/realms/${target.slug}/authorize`, body, bearer(token));
    const batch = (checks: unknown[], token = user.token) => send(server, 'POST', `/realms/${realm.slug}/authorize/batch`, { checks }, bearer(token));

    it('without policies, the default engine decides: no permission denies, master allows, acl matches', async () => {
      const denied = await authorize({ action: 'invoices:read', resource: invoice });
      assert.equal(denied.statusCode, 200, denied.body);
      assert.deepEqual(denied.json(), { decision: 'deny', reasons: ['no_permission'] });
      const master = await signedInUser(server, realm, { type: 'master' });
      assert.deepEqual((await authorize({ action: 'invoices:delete', resource: { ...invoice, tenant: 't1' } }, master.token)).json(), { decision: 'allow', reasons: ['master_access'] });
      const acl = await signedInUser(server, realm, { type: 'acl', acl: [{ uri: 'invoices/*', methods: ['GET'] }] });
      assert.deepEqual((await authorize({ action: 'invoices:delete', resource: invoice }, acl.token)).json(), { decision: 'deny', reasons: ['acl_denied'] });
      assert.deepEqual((await authorize({ action: 'invoices:read', resource: invoice }, acl.token)).json(), { decision: 'deny', reasons: ['no_permission'] });
    });

    it('decides by the caller\u2019s role permissions in force now, a wildcard included; a role change applies at once', async () => {
      const role = await send(server, 'POST', `/admin/v1/realms/${realm.slug}/roles`, { slug: 'clerk', display_name: 'Clerk', permissions: ['invoices:*'] }, server.adminHeaders);
      assert.equal(role.statusCode, 201, role.body);
      const clerk = await signedInUser(server, realm);
      const assigned = await send(server, 'POST', `/admin/v1/realms/${realm.slug}/users/${clerk.id}/roles`, { role: 'clerk' }, server.adminHeaders);
      assert.equal(assigned.statusCode < 300, true, assigned.body);
      assert.deepEqual((await authorize({ action: 'invoices:read', resource: invoice }, clerk.token)).json(), { decision: 'allow', reasons: ['permission'] });
      assert.deepEqual((await authorize({ action: 'reports:read', resource: invoice }, clerk.token)).json(), { decision: 'deny', reasons: ['no_permission'] });
      assert.equal((await send(server, 'PATCH', `/admin/v1/realms/${realm.slug}/roles/clerk`, { permissions: ['reports:read'] }, server.adminHeaders)).statusCode, 200);
      assert.deepEqual((await authorize({ action: 'invoices:read', resource: invoice }, clerk.token)).json(), { decision: 'deny', reasons: ['no_permission'] });
      // The role's permissions are the schema's actions: a policy may compare them inside a condition.
      const saved = await putPolicy(server, realm, 'by-role', 'permit(principal in Role::"clerk", action, resource) when { action == Action::"reports:read" };');
      assert.equal(saved.statusCode, 200, saved.body);
      assert.deepEqual((await authorize({ action: 'reports:read', resource: invoice }, clerk.token)).json(), { decision: 'allow', reasons: ['by-role/policy0'] });
      assert.deepEqual((await authorize({ action: 'reports:read', resource: invoice })).json(), { decision: 'deny', reasons: ['no_permit'] });
      assert.equal((await send(server, 'DELETE', `/admin/v1/realms/${realm.slug}/policies/by-role`, undefined, server.adminHeaders)).statusCode, 204);
    });

    it('a token signed in to a tenant acts there: its membership roles grant, another tenant\u2019s resources are refused', async () => {
      const admin = tenantAdmin(server);
      const north = await admin.tenant(realm.id, `north-${dialect}`);
      const south = await admin.tenant(realm.id, `south-${dialect}`);
      const role = await send(server, 'POST', `/admin/v1/realms/${realm.slug}/roles`, { slug: 'ledger', permissions: ['ledgers:read'] }, server.adminHeaders);
      assert.equal(role.statusCode, 201, role.body);
      const member = await signedInUser(server, realm);
      await admin.join(realm.id, north.id, member.id, ['ledger']);
      await admin.join(realm.id, south.id, member.id);
      const email = ((await send(server, 'GET', `/admin/v1/realms/${realm.id}/users/${member.id}`, undefined, server.adminHeaders)).json() as { email: string }).email;
      const inNorth = await send(server, 'POST', `/realms/${realm.slug}/auth/login`, { identifier: email, password: PASSWORD, tenant: north.slug });
      assert.equal(inNorth.statusCode, 200, inNorth.body);
      const token = (inNorth.json() as { access_token: string }).access_token;
      const ledger = { type: 'ledgers', id: '7' };
      assert.deepEqual((await authorize({ action: 'ledgers:read', resource: { ...ledger, tenant: north.id } }, token)).json(), { decision: 'allow', reasons: ['permission'] });
      assert.deepEqual((await authorize({ action: 'ledgers:read', resource: { ...ledger, tenant: south.id } }, token)).json(), { decision: 'deny', reasons: ['tenant_mismatch'] });
      // Validate answers the same roles and permissions the decision used.
      const validated = (await send(server, 'GET', `/realms/${realm.slug}/auth/validate`, undefined, bearer(token))).json() as { roles: string[]; permissions: string[]; tenant: { id: string } };
      assert.deepEqual([validated.roles, validated.permissions, validated.tenant.id], [['ledger'], ['ledgers:read'], north.id]);
      // Signed in to the other tenant, where the membership gives no role: the permission is gone.
      const inSouth = await send(server, 'POST', `/realms/${realm.slug}/auth/login`, { identifier: email, password: PASSWORD, tenant: south.slug });
      const southToken = (inSouth.json() as { access_token: string }).access_token;
      assert.deepEqual((await authorize({ action: 'ledgers:read', resource: { ...ledger, tenant: south.id } }, southToken)).json(), { decision: 'deny', reasons: ['no_permission'] });
      const inSouthValidated = (await send(server, 'GET', `/realms/${realm.slug}/auth/validate`, undefined, bearer(southToken))).json() as { permissions: string[] };
      assert.deepEqual(inSouthValidated.permissions, []);
    });

    it('refuses a missing, forged or other realm\u2019s token, and malformed bodies, never with a 500', async () => {
      assert.equal((await send(server, 'POST', `/realms/${realm.slug}/authorize`, { action: 'a', resource: invoice })).statusCode, 401);
      assert.equal((await authorize({ action: 'a', resource: invoice }, `${user.token}x`)).statusCode, 401);
      const stranger = await signedInUser(server, other);
      assert.equal((await authorize({ action: 'a', resource: invoice }, stranger.token)).statusCode, 401);
      assert.equal((await authorize({ action: 'a', resource: invoice }, user.token, other)).statusCode, 401);
      for (const body of [
        {},
        { action: '', resource: invoice },
        { action: 'a' },
        { action: 'a', resource: { type: 'x' } },
        { action: 'a', resource: { ...invoice, extra: 1 } },
        { action: 'a', resource: invoice, context: 'no' },
        { action: 7, resource: invoice },
        { module: 'm' },
        { module: 'm', rule: 'r', action: 'a' },
        [],
        'text',
      ]) {
        const response = await authorize(body);
        assert.equal(response.statusCode, 400, `${JSON.stringify(body)} → ${response.body}`);
      }
      assert.equal((await batch([])).statusCode, 400);
      assert.equal((await batch(Array.from({ length: 101 }, () => ({ action: 'a', resource: invoice })))).statusCode, 400);
      assert.equal(errorCode(await authorize({ module: '/nope/here', rule: 'r' })), 'policy.module_not_found');
      assert.equal((await send(server, 'POST', '/realms/no-such-realm/authorize', { action: 'a', resource: invoice }, bearer(user.token))).statusCode, 404);
    });

    it('with policies Cedar decides: permit allows, no permit denies, forbid overrides permit; a change applies at once', async () => {
      const permit = `@id("read-invoices")\npermit(principal, action == Action::"invoices:read", resource is Resource) when { resource.type == "invoices" };`;
      assert.equal((await putPolicy(server, realm, 'invoices', permit)).statusCode, 200);
      assert.deepEqual((await authorize({ action: 'invoices:read', resource: invoice })).json(), { decision: 'allow', reasons: ['invoices/read-invoices'] });
      assert.deepEqual((await authorize({ action: 'invoices:delete', resource: invoice })).json(), { decision: 'deny', reasons: ['no_permit'] });

      const forbid = `@id("no-archived")\nforbid(principal, action, resource) when { resource.hasTag("state") && resource.getTag("state") == "archived" };`;
      assert.equal((await putPolicy(server, realm, 'guards', forbid)).statusCode, 200);
      const archived = { ...invoice, attributes: { state: 'archived' } };
      assert.deepEqual((await authorize({ action: 'invoices:read', resource: archived })).json(), { decision: 'deny', reasons: ['guards/no-archived'] });
      assert.equal((await authorize({ action: 'invoices:read', resource: { ...invoice, attributes: { state: 'open' } } })).json().decision, 'allow');

      assert.equal((await send(server, 'DELETE', `/admin/v1/realms/${realm.slug}/policies/guards`, undefined, server.adminHeaders)).statusCode, 204);
      assert.equal((await authorize({ action: 'invoices:read', resource: archived })).json().decision, 'allow');
      assert.equal((await send(server, 'DELETE', `/admin/v1/realms/${realm.slug}/policies/invoices`, undefined, server.adminHeaders)).statusCode, 204);
      assert.deepEqual((await authorize({ action: 'invoices:read', resource: invoice })).json(), { decision: 'deny', reasons: ['no_permission'] });
    });

    it('answers a batch in order, and seed 002\u2019s { module, rule, payload } with only that module', async () => {
      await putPolicy(server, realm, 'iam.access', `@id("admins")\npermit(principal, action == Action::"admin", resource) when { context.request.hasTag("level") && context.request.getTag("level") == "5" };`);
      await putPolicy(server, realm, 'wide', 'permit(principal, action == Action::"reports:read", resource);');
      const results = await batch([
        { action: 'reports:read', resource: { type: 'reports', id: '1' } },
        { action: 'reports:delete', resource: { type: 'reports', id: '1' } },
        { module: '/iam/access', rule: 'admin', payload: { level: 5 } },
        { module: '/iam/access', rule: 'admin', payload: {} },
        { module: 'iam.access', rule: 'reports:read' },
      ]);
      assert.equal(results.statusCode, 200, results.body);
      assert.deepEqual(results.json().results, [
        { decision: 'allow', reasons: ['wide/policy0'] },
        { decision: 'deny', reasons: ['no_permit'] },
        { decision: 'allow', reasons: ['iam.access/admins'] },
        { decision: 'deny', reasons: ['no_permit'] },
        { decision: 'deny', reasons: ['no_permit'] },
      ]);
      assert.deepEqual((await authorize({ module: '/iam/access', rule: 'admin', payload: { level: 5 } })).json(), { decision: 'allow', reasons: ['iam.access/admins'] });
      // Another realm's policies never decide here, nor these there.
      const stranger = await signedInUser(server, other);
      assert.equal(errorCode(await authorize({ module: 'iam.access', rule: 'admin', payload: { level: 5 } }, stranger.token, other)), 'policy.module_not_found');
      assert.deepEqual((await authorize({ action: 'reports:read', resource: { type: 'reports', id: '1' } }, stranger.token, other)).json().reasons, ['no_permission']);
      for (const module of ['iam.access', 'wide']) await send(server, 'DELETE', `/admin/v1/realms/${realm.slug}/policies/${module}`, undefined, server.adminHeaders);
    });

    it('tells Cedar which resource only where a policy asks: the same facts share an answer, a named resource does not', async () => {
      const docs = [
        '@id("owner") permit(principal, action == Action::"docs:read", resource) when { resource.hasTag("owner") && resource.getTag("owner") == principal.id };',
        '@id("pinned") permit(principal, action == Action::"docs:pin", resource == Resource::"docs/1");',
        '@id("share-all") permit(principal, action == Action::"docs:share", resource);',
        '@id("hidden") forbid(principal, action == Action::"docs:share", resource) when { [Resource::"docs/3"].contains(resource) };',
      ].join('\n');
      assert.equal((await putPolicy(server, realm, 'docs', docs)).statusCode, 200);
      const doc = (id: string, owner = user.id) => ({ type: 'docs', id, attributes: { owner } });
      const results = await batch([
        { action: 'docs:read', resource: doc('1') },
        { action: 'docs:read', resource: doc('2') },
        { action: 'docs:read', resource: doc('3', 'usr_someone_else') },
        { action: 'docs:share', resource: doc('2') },
        { action: 'docs:share', resource: doc('3') },
        { action: 'docs:pin', resource: doc('1') },
        { action: 'docs:pin', resource: doc('2') },
      ]);
      assert.equal(results.statusCode, 200, results.body);
      assert.deepEqual(results.json().results, [
        { decision: 'allow', reasons: ['docs/owner'] },
        { decision: 'allow', reasons: ['docs/owner'] },
        { decision: 'deny', reasons: ['no_permit'] },
        { decision: 'allow', reasons: ['docs/share-all'] },
        { decision: 'deny', reasons: ['docs/hidden'] },
        { decision: 'allow', reasons: ['docs/pinned'] },
        { decision: 'deny', reasons: ['no_permit'] },
      ]);
      // Asked again one by one, after the answers above are remembered: each still its own.
      assert.equal((await authorize({ action: 'docs:read', resource: doc('9') })).json().decision, 'allow');
      assert.equal((await authorize({ action: 'docs:read', resource: doc('9', 'usr_someone_else') })).json().decision, 'deny');
      assert.deepEqual((await authorize({ action: 'docs:share', resource: doc('3') })).json(), { decision: 'deny', reasons: ['docs/hidden'] });
      assert.equal((await authorize({ action: 'docs:pin', resource: doc('2') })).json().decision, 'deny');
      await send(server, 'DELETE', `/admin/v1/realms/${realm.slug}/policies/docs`, undefined, server.adminHeaders);
    });

    it('gives policies the default facts: roles, tenant, permissions, API-key capabilities', async () => {
      const policy = [
        '@id("tenant-admins") permit(principal in Role::"admin", action, resource) when { principal has tenant && resource in Tenant::"acme" };',
        '@id("by-permission") permit(principal, action == Action::"invoices:read", resource) when { principal.permissions.contains("invoices:read") };',
        '@id("other-tenant") forbid(principal, action, resource) when { resource has tenant && !(principal has tenant && principal.tenant == resource.tenant) };',
        '@id("key-deny") forbid(principal is ApiKey, action == Action::"invoices:delete", resource) unless { principal.hasTag("delete") && principal.getTag("delete") == "allow" };',
        '@id("billing-pays") forbid(principal is ApiKey, action == Action::"invoices:pay", resource) unless { principal has service && principal.service == "billing" };',
      ].join('\n');
      const saved = await putPolicy(server, realm, 'facts', policy);
      assert.equal(saved.statusCode, 200, saved.body);
      const decide = async (facts: Parameters<typeof subject>[0], action: string, resource: { type: string; id: string; tenant?: string }) =>
        (await server.services.decisions.decide(subject({ realmId: realm.id, ...facts }), [{ action, resource }]))[0];
      const admin = { roles: ['admin'], tenant: 'acme' };
      assert.deepEqual(await decide(admin, 'invoices:delete', { ...invoice, tenant: 'acme' }), { decision: 'allow', reasons: ['facts/tenant-admins'] });
      assert.deepEqual(await decide(admin, 'invoices:delete', { ...invoice, tenant: 'globex' }), { decision: 'deny', reasons: ['facts/other-tenant'] });
      assert.deepEqual(await decide({ permissions: ['invoices:read'] }, 'invoices:read', invoice), { decision: 'allow', reasons: ['facts/by-permission'] });
      assert.equal((await decide({}, 'invoices:read', invoice))?.decision, 'deny');
      // The capabilities reach the policies as tags: a key allowed everything may not delete without naming it.
      const key = { kind: 'api_key' as const, apiKeyId: 'key_1', capabilities: { '*': 'allow' as const }, ...admin };
      assert.deepEqual(await decide(key, 'invoices:delete', { ...invoice, tenant: 'acme' }), { decision: 'deny', reasons: ['facts/key-deny'] });
      assert.equal((await decide(key, 'invoices:read', { ...invoice, tenant: 'acme' }))?.decision, 'allow');
      // And they refuse before any policy (found by review: a permit reached past them): never beyond the key.
      const reader = { ...key, capabilities: { read: 'allow' as const, delete: 'deny' as const } };
      assert.deepEqual(await decide(reader, 'invoices:delete', { ...invoice, tenant: 'acme' }), { decision: 'deny', reasons: ['capability_denied'] });
      assert.deepEqual(await decide(reader, 'invoices:export', { ...invoice, tenant: 'acme' }), { decision: 'deny', reasons: ['capability_missing'] });
      assert.equal((await decide(reader, 'invoices:read', { ...invoice, tenant: 'acme' }))?.decision, 'allow');
      // The service a key is bound to is a fact too (found by review: no policy could see it).
      assert.deepEqual(await decide({ ...key, service: 'billing' }, 'invoices:pay', { ...invoice, tenant: 'acme' }), { decision: 'allow', reasons: ['facts/tenant-admins'] });
      assert.deepEqual(await decide({ ...key, service: 'reports' }, 'invoices:pay', { ...invoice, tenant: 'acme' }), { decision: 'deny', reasons: ['facts/billing-pays'] });
      assert.deepEqual(await decide(key, 'invoices:pay', { ...invoice, tenant: 'acme' }), { decision: 'deny', reasons: ['facts/billing-pays'] });
      await send(server, 'DELETE', `/admin/v1/realms/${realm.slug}/policies/facts`, undefined, server.adminHeaders);
    });
  });
}
