/**
 * Operator applications against a listening server (each database in turn): a machine application
 * of the admin realm, given grants by a superadmin, works on the admin API with the
 * client-credentials tokens it gets from the admin realm's token endpoint — within its grants only,
 * recorded as itself in events — and stops at once when its grants are taken away (for good: grants
 * given back do not revive an old token), when it is switched off or deleted, or when its token is
 * revoked. Tokens of other realms, of other kinds of application, or meant for anything but the
 * admin API (the realm itself included) never pass.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { basic, form, oidcServerPerSuite } from '../oidc/oidc-fixtures.ts';
import { ADMIN_REALM_SLUG, type Realm } from '../../src/realms/realm.ts';

/** A cut-off is kept to the second (a token's iat): a token from the same second counts as from before it. */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));

for (const dialect of dialects) {
  describe(`operator applications on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect);
    let admin: Realm;
    let managed: Realm;
    let other: Realm;

    before(async () => {
      admin = (await server.services.lookup.resolve(ADMIN_REALM_SLUG)) as Realm;
      managed = await server.services.realms.create({ name: 'Managed', slug: 'managed' } as never, operator);
      other = await server.services.realms.create({ name: 'Other', slug: 'other' } as never, operator);
    });

    const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
      fetch(`${server.baseUrl}${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const asSuperadmin = (method: string, path: string, body?: unknown) => call(method, path, server.adminHeaders, body);
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const codeOf = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

    /** A form POST to an endpoint of `realm`'s provider, as the application. */
    const postForm = (realm: Realm, endpoint: string, clientId: string, secret: string, fields: Record<string, string>) => {
      const { body, ...headers } = form(fields);
      return fetch(`${server.baseUrl}/realms/${realm.id}/oidc/${endpoint}`, { method: 'POST', headers: { authorization: basic(clientId, secret), ...headers }, body });
    };

    const adminApi = () => `${server.baseUrl}/admin/v1`;

    /** A client-credentials token of `realm` for the application, for the admin API unless `resource` says otherwise (null: none asked). */
    async function tokenOf(realm: Realm, clientId: string, secret: string, resource: string | null = adminApi()): Promise<string> {
      const response = await postForm(realm, 'token', clientId, secret, { grant_type: 'client_credentials', ...(resource ? { resource } : {}) });
      assert.equal(response.status, 200, await response.clone().text());
      return ((await response.json()) as { access_token: string }).access_token;
    }

    async function operatorApplication(grants: unknown[]) {
      const { app, secret } = await server.apps.add(admin, { kind: 'machine' });
      const granted = await asSuperadmin('PUT', `/admin/v1/operator-applications/${app.clientId}`, { grants });
      assert.equal(granted.status, 200, await granted.clone().text());
      return { clientId: app.clientId, secret, token: await tokenOf(admin, app.clientId, secret) };
    }

    it('works within its grants, and is recorded as itself', async () => {
      const { clientId, token } = await operatorApplication([{ permission: 'admin_realm', realms: ['managed'] }]);
      const created = await call('POST', `/admin/v1/realms/${managed.id}/users`, bearer(token), { username: 'made-by-a-service' });
      assert.equal(created.status, 201, await created.clone().text());
      const user = (await created.json()) as { id: string };
      assert.equal((await call('GET', `/admin/v1/realms/${other.id}/users`, bearer(token))).status, 403, 'another realm is outside its grants');
      assert.equal((await call('POST', '/admin/v1/realms', bearer(token), { name: 'New', slug: 'new-by-service' })).status, 403);
      assert.equal((await call('GET', '/admin/v1/operators', bearer(token))).status, 403);
      const listed = (await (await call('GET', '/admin/v1/realms', bearer(token))).json()) as { items: { slug: string }[] };
      assert.deepEqual(listed.items.map((realm) => realm.slug), ['managed'], 'it lists only the realms it manages');
      const events = (await (await asSuperadmin('GET', `/admin/v1/realms/${managed.id}/events?type=user.created`)).json()) as { items: { user_id: string; actor: unknown }[] };
      assert.deepEqual(events.items.find((event) => event.user_id === user.id)?.actor, { type: 'application', id: clientId });
      const shown = (await (await asSuperadmin('GET', `/admin/v1/operator-applications/${clientId}`)).json()) as Record<string, unknown>;
      assert.deepEqual({ ...shown, created_at: undefined, updated_at: undefined }, { client_id: clientId, name: shown.name, enabled: true, grants: [{ permission: 'admin_realm', realms: [managed.id] }], created_at: undefined, updated_at: undefined });
      const log = (await (await asSuperadmin('GET', `/admin/v1/realms/${admin.id}/events?type=operator.application_granted`)).json()) as { items: { details: { client_id: string } }[] };
      assert.ok(log.items.some((event) => event.details.client_id === clientId), 'the grant is in the admin realm\u2019s log');
    });

    it('stops at once when its grants are taken away, or it is switched off', async () => {
      const first = await operatorApplication([{ permission: 'read' }]);
      assert.equal((await call('GET', `/admin/v1/realms/${managed.id}`, bearer(first.token))).status, 200);
      assert.equal((await asSuperadmin('DELETE', `/admin/v1/operator-applications/${first.clientId}`)).status, 204);
      assert.equal((await call('GET', `/admin/v1/realms/${managed.id}`, bearer(first.token))).status, 401, 'its tokens ended with its grants');
      await nextSecond();
      const ungrantedToken = await tokenOf(admin, first.clientId, first.secret);
      const refused = await call('GET', `/admin/v1/realms/${managed.id}`, bearer(ungrantedToken));
      assert.equal(refused.status, 403, 'a new token is the application\u2019s, which has no grants now');
      assert.equal(await codeOf(refused), 'auth.forbidden');
      assert.equal((await asSuperadmin('PUT', `/admin/v1/operator-applications/${first.clientId}`, { grants: [{ permission: 'read' }] })).status, 200);
      assert.equal((await call('GET', `/admin/v1/realms/${managed.id}`, bearer(first.token))).status, 401, 'grants given back do not revive a token from before');
      assert.equal((await asSuperadmin('DELETE', `/admin/v1/operator-applications/${first.clientId}`)).status, 204);
      assert.equal((await asSuperadmin('DELETE', `/admin/v1/operator-applications/${first.clientId}`)).status, 404);

      const second = await operatorApplication([{ permission: 'read' }]);
      await server.apps.update(admin, second.clientId, { enabled: false });
      assert.equal((await call('GET', `/admin/v1/realms/${managed.id}`, bearer(second.token))).status, 401);
      await server.apps.update(admin, second.clientId, { enabled: true });
      assert.equal((await call('GET', `/admin/v1/realms/${managed.id}`, bearer(second.token))).status, 401, 'a token from before it was switched off stays dead');
      await nextSecond();
      const fresh = await tokenOf(admin, second.clientId, second.secret);
      assert.equal((await call('GET', `/admin/v1/realms/${managed.id}`, bearer(fresh))).status, 200);
    });

    it('stops when its token is revoked, and goes with the application when deleted', async () => {
      const { clientId, secret, token } = await operatorApplication([{ permission: 'read' }]);
      const revoked = await postForm(admin, 'token/revocation', clientId, secret, { token });
      assert.equal(revoked.status, 200);
      assert.equal((await call('GET', '/admin/v1/realms', bearer(token))).status, 401);
      await server.services.applications.remove(admin, clientId, operator, { ip: null, userAgent: null } as never);
      assert.equal((await asSuperadmin('GET', `/admin/v1/operator-applications/${clientId}`)).status, 404);
    });

    it('refuses tokens of other realms, of applications without grants, and for other audiences', async () => {
      const { app: stranger, secret: strangerSecret } = await server.apps.add(managed, { kind: 'machine' });
      assert.equal((await asSuperadmin('PUT', `/admin/v1/operator-applications/${stranger.clientId}`, { grants: [{ permission: 'superadmin' }] })).status, 404, 'only the admin realm\u2019s applications');
      assert.equal((await call('GET', '/admin/v1/realms', bearer(await tokenOf(managed, stranger.clientId, strangerSecret, null)))).status, 401);
      const refusedTarget = await postForm(managed, 'token', stranger.clientId, strangerSecret, { grant_type: 'client_credentials', resource: adminApi() });
      assert.equal(((await refusedTarget.json()) as { error: string }).error, 'invalid_target', 'only the admin realm issues tokens for the admin API');

      const { app: ungranted, secret } = await server.apps.add(admin, { kind: 'machine' });
      assert.equal((await call('GET', '/admin/v1/realms', bearer(await tokenOf(admin, ungranted.clientId, secret)))).status, 403);

      const { app: withApi, secret: apiSecret } = await server.apps.add(admin, { kind: 'machine', accessTokenAudience: 'https://api.example/' });
      assert.equal((await asSuperadmin('PUT', `/admin/v1/operator-applications/${withApi.clientId}`, { grants: [{ permission: 'superadmin' }] })).status, 200);
      const forItsApi = await tokenOf(admin, withApi.clientId, apiSecret, null);
      assert.equal((await call('GET', '/admin/v1/realms', bearer(forItsApi))).status, 401, 'a token meant for another API does not open the admin API');
      const forTheRealm = await tokenOf(admin, withApi.clientId, apiSecret, `${server.baseUrl}/realms/${admin.id}`);
      assert.equal((await call('GET', '/admin/v1/realms', bearer(forTheRealm))).status, 401, 'nor does one meant for the realm itself');
      const forAdmin = await tokenOf(admin, withApi.clientId, apiSecret);
      assert.equal((await call('GET', '/admin/v1/realms', bearer(forAdmin))).status, 200);
      assert.equal((await call('GET', '/admin/v1/realms', bearer(`${forAdmin.slice(0, -4)}AAAA`))).status, 401, 'a forged signature');
    });

    it('takes grants only for machine applications, and only from superadmins', async () => {
      const { app: web } = await server.apps.add(admin, { kind: 'web' });
      const refused = await asSuperadmin('PUT', `/admin/v1/operator-applications/${web.clientId}`, { grants: [{ permission: 'read' }] });
      assert.equal(refused.status, 400);
      assert.equal(await codeOf(refused), 'operator.invalid_application');
      const { app } = await server.apps.add(admin, { kind: 'machine' });
      const badGrant = await asSuperadmin('PUT', `/admin/v1/operator-applications/${app.clientId}`, { grants: [{ permission: 'admin_realm', realms: ['admin'] }] });
      assert.equal(await codeOf(badGrant), 'operator.invalid_grant');
      assert.equal((await asSuperadmin('PUT', `/admin/v1/operator-applications/${app.clientId}`, { grants: [] })).status, 400);
      // An operator application with read cannot give itself (or another) more.
      const reader = await operatorApplication([{ permission: 'read' }]);
      assert.equal((await call('PUT', `/admin/v1/operator-applications/${app.clientId}`, bearer(reader.token), { grants: [{ permission: 'superadmin' }] })).status, 403);
      assert.equal((await call('PUT', `/admin/v1/operator-applications/${reader.clientId}`, bearer(reader.token), { grants: [{ permission: 'superadmin' }] })).status, 403);
      const listed = (await (await call('GET', '/admin/v1/operator-applications?limit=100', bearer(reader.token))).json()) as { items: { client_id: string }[] };
      assert.ok(listed.items.some((item) => item.client_id === reader.clientId), 'read lists operator applications');
      assert.ok(!listed.items.some((item) => item.client_id === app.clientId), 'an application without grants is not one');
    });

    it('refuses grants naming a realm deleted while they were checked', async () => {
      const doomed = await server.services.realms.create({ name: 'Doomed' } as never, operator);
      const { app } = await server.apps.add(admin, { kind: 'machine' });
      const { lookup } = server.services;
      const resolve = lookup.resolve;
      // Deleted once found good, before the grant is stored.
      lookup.resolve = async (ref) => {
        const realm = await resolve.call(lookup, ref);
        if (realm?.id === doomed.id) await server.services.realms.remove(doomed.id, operator);
        return realm;
      };
      try {
        await assert.rejects(server.services.operatorApplications.grant(app.clientId, [{ permission: 'admin_realm', realms: [doomed.id] }], operator), { code: 'operator.invalid_grant' });
      } finally {
        lookup.resolve = resolve;
      }
      const listed = (await (await asSuperadmin('GET', '/admin/v1/operator-applications')).json()) as { items: { client_id: string }[] };
      assert.ok(!listed.items.some((item) => item.client_id === app.clientId), 'nothing was granted');
    });
  });
}
