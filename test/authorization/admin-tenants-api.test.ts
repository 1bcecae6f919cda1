import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { errorCode } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { tenantAdmin } from './tenant-fixtures.ts';

/** The admin API of tenants and memberships: CRUD, validation, isolation between realms, events, the users filter. */
for (const dialect of dialects) {
  describe(`admin tenants API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let t: ReturnType<typeof tenantAdmin>;
    let realm: { id: string; slug: string };
    let other: { id: string; slug: string };
    const url = (r: { slug: string }, path = '') => `/admin/v1/realms/${r.slug}/tenants${path}`;

    before(async () => {
      t = tenantAdmin(server);
      realm = await t.realm('Tenants A');
      other = await t.realm('Tenants B');
      await t.roles(realm.slug, ['admin', 'billing-reader', 'viewer', 'a', 'b']);
    });

    it('creates, reads by id and slug, lists, changes and deletes a tenant', async () => {
      const created = await t.tenant(realm.slug, 'Acme', { custom: { plan: 'gold' } });
      assert.match(created.id, /^tnt_/);
      assert.equal(created.slug, 'acme');
      for (const ref of [created.id, 'acme']) {
        const got = await t.admin('GET', url(realm, `/${ref}`));
        assert.equal(got.statusCode, 200, got.body);
        assert.deepEqual(got.json(), created);
      }
      const changed = await t.admin('PATCH', url(realm, `/${created.id}`), { name: ' Acme Inc ', active: false, custom: { plan: 'silver' } });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal(changed.json().name, 'Acme Inc');
      assert.equal(changed.json().active, false);
      assert.equal(changed.json().version, 2);
      assert.equal((await t.admin('PATCH', url(realm, '/acme'), { name: 'Acme Inc' })).json().version, 2, 'nothing changed: no new version');

      const listed = await t.admin('GET', `${url(realm)}?limit=1`);
      assert.equal(listed.statusCode, 200, listed.body);
      assert.equal(listed.json().items.length, 1);

      assert.equal((await t.admin('DELETE', url(realm, '/acme'))).statusCode, 204);
      const gone = await t.admin('GET', url(realm, `/${created.id}`));
      assert.equal(gone.statusCode, 404);
      assert.equal(errorCode(gone), 'tenant.not_found');
      const types = (await server.services.events.list(server.database.db, realm.id, {}, { limit: 100 })).items.map((e) => e.type);
      for (const type of ['tenant.created', 'tenant.updated', 'tenant.deleted']) assert.ok(types.includes(type), type);
    });

    it('refuses malformed tenants with a 400 naming the field, and a taken slug with 409', async () => {
      const cases: [unknown, string][] = [
        [{ slug: '-bad', name: 'x' }, 'tenant.invalid'],
        [{ slug: 'bad_slug', name: 'x' }, 'tenant.invalid'],
        [{ slug: 'ok', name: '   ' }, 'tenant.invalid'],
        [{ slug: 'ok', name: 'x', custom: { blob: 'x'.repeat(17 * 1024) } }, 'tenant.invalid'],
        [{ slug: 'ok', name: 'x', extra: 1 }, 'request.validation_failed'],
        [{ slug: 'ok' }, 'request.validation_failed'],
        [{ slug: 'ok', name: 'x', custom: [] }, 'request.validation_failed'],
        [{ slug: 'x'.repeat(65), name: 'x' }, 'request.validation_failed'],
      ];
      for (const [body, code] of cases) {
        const response = await t.admin('POST', url(realm), body);
        assert.equal(response.statusCode, 400, `${JSON.stringify(body).slice(0, 80)} → ${response.body.slice(0, 200)}`);
        assert.equal(errorCode(response), code);
      }
      await t.tenant(realm.slug, 'taken');
      const taken = await t.admin('POST', url(realm), { slug: 'TAKEN', name: 'Again' });
      assert.equal(taken.statusCode, 409, taken.body);
      assert.equal(errorCode(taken), 'tenant.slug_taken');
      await t.tenant(realm.slug, 'second');
      const renamed = await t.admin('PATCH', url(realm, '/second'), { slug: 'taken' });
      assert.equal(renamed.statusCode, 409);
      // The same slug in another realm is another tenant.
      await t.tenant(other.slug, 'taken');
      const bad = await t.admin('GET', url(realm, '/not%20a%20slug'));
      assert.equal(bad.statusCode, 400);
    });

    it("answers 404 for another realm's tenants and users, and never changes them", async () => {
      const theirs = await t.tenant(other.slug, 'theirs');
      const theirUser = await t.user(other.slug, 'theirs@example.com');
      const mine = await t.tenant(realm.slug, 'mine');
      for (const [method, path, body] of [
        ['GET', url(realm, `/${theirs.id}`), undefined],
        ['PATCH', url(realm, `/${theirs.id}`), { name: 'Hijacked' }],
        ['DELETE', url(realm, `/${theirs.id}`), undefined],
        ['GET', url(realm, `/${theirs.id}/members`), undefined],
        ['POST', url(realm, `/${theirs.id}/members`), { user_id: theirUser.id }],
        ['POST', url(realm, `/${mine.id}/members`), { user_id: theirUser.id }],
        ['DELETE', url(realm, `/${theirs.id}/members/${theirUser.id}`), undefined],
        ['GET', `/admin/v1/realms/${realm.slug}/users/${theirUser.id}/tenants`, undefined],
      ] as const) {
        const response = await t.admin(method, path, body);
        assert.equal(response.statusCode, 404, `${method} ${path} → ${response.body}`);
      }
      const still = await t.admin('GET', url(other, `/${theirs.id}`));
      assert.equal(still.json().name, 'Tenant theirs');
    });

    it('adds, re-roles, lists and removes members; filters users by tenant and tag', async () => {
      const team = await t.tenant(realm.slug, 'team');
      const ann = await t.user(realm.slug, 'ann@example.com');
      const bob = await t.user(realm.slug, 'bob@example.com');
      const added = await t.join(realm.slug, 'team', ann.id, ['admin', 'billing-reader']);
      assert.deepEqual(added.roles, ['admin', 'billing-reader']);
      server.clock.advance(1);
      await t.join(realm.slug, team.id, bob.id);
      const reRoled = await t.join(realm.slug, 'team', ann.id, ['viewer', 'viewer']);
      assert.deepEqual(reRoled.roles, ['viewer']);

      const first = await t.admin('GET', `${url(realm, '/team/members')}?limit=1`);
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json().items.map((m: { user_id: string }) => m.user_id), [ann.id]);
      const second = await t.admin('GET', `${url(realm, '/team/members')}?limit=1&cursor=${first.json().next_cursor}`);
      assert.deepEqual(second.json().items.map((m: { user_id: string }) => m.user_id), [bob.id]);

      assert.deepEqual((await t.tenantsOf(realm.slug, ann.id)).map((x) => [x.slug, x.roles]), [['team', ['viewer']]]);
      const filtered = await t.admin('GET', `/admin/v1/realms/${realm.slug}/users?tenant=team`);
      assert.deepEqual(filtered.json().items.map((u: { id: string }) => u.id).sort(), [ann.id, bob.id].sort());
      await t.admin('PATCH', `/admin/v1/realms/${realm.slug}/users/${bob.id}`, { tags: ['vip'] });
      const both = await t.admin('GET', `/admin/v1/realms/${realm.slug}/users?tenant=${team.id}&tag=vip`);
      assert.deepEqual(both.json().items.map((u: { id: string }) => u.id), [bob.id]);

      await t.leave(realm.slug, 'team', ann.id);
      const again = await t.admin('DELETE', url(realm, `/team/members/${ann.id}`));
      assert.equal(again.statusCode, 404);
      assert.deepEqual(await t.tenantsOf(realm.slug, ann.id), []);
      const types = (await server.services.events.list(server.database.db, realm.id, {}, { limit: 200 })).items.map((e) => e.type);
      for (const type of ['tenant.member_added', 'tenant.member_updated', 'tenant.member_removed']) assert.ok(types.includes(type), type);
    });

    it('two concurrent adds of one member both succeed, one as the update', async () => {
      await t.tenant(realm.slug, 'racing');
      const user = await t.user(realm.slug, 'racer@example.com');
      const answers = await Promise.all([t.admin('POST', url(realm, '/racing/members'), { user_id: user.id, roles: ['a'] }), t.admin('POST', url(realm, '/racing/members'), { user_id: user.id, roles: ['b'] })]);
      assert.deepEqual(answers.map((answer) => answer.statusCode), [200, 200], answers.map((answer) => answer.body).join(' '));
      assert.equal((await t.tenantsOf(realm.slug, user.id)).length, 1);
    });

    it('refuses malformed roles and unknown users', async () => {
      await t.tenant(realm.slug, 'roles');
      const user = await t.user(realm.slug, 'roles@example.com');
      const unknown = await t.admin('POST', url(realm, '/roles/members'), { user_id: user.id, roles: ['viewer', 'no-such-role'] });
      assert.equal(unknown.statusCode, 400, unknown.body);
      assert.equal(errorCode(unknown), 'tenant.invalid_roles');
      assert.deepEqual(unknown.json().error.details, [{ field: 'roles.1', issue: 'is not a role of this realm' }]);
      for (const roles of [['Admin'], ['has space'], [''], ['-lead'], ['billing:read'], Array.from({ length: 51 }, (_, i) => `r${i}`), ['x'.repeat(64)]]) {
        const response = await t.admin('POST', url(realm, '/roles/members'), { user_id: user.id, roles });
        assert.equal(response.statusCode, 400, `${JSON.stringify(roles).slice(0, 60)} → ${response.body}`);
        assert.ok(['tenant.invalid_roles', 'request.validation_failed'].includes(errorCode(response)), response.body);
      }
      const nobody = await t.admin('POST', url(realm, '/roles/members'), { user_id: 'usr_nobody' });
      assert.equal(nobody.statusCode, 404);
      assert.equal(errorCode(nobody), 'user.not_found');
      assert.deepEqual(await t.tenantsOf(realm.slug, user.id), [], 'nothing written');
    });

    it('a realm reset takes the memberships with its users and keeps the tenants; deleting the realm takes both', async () => {
      const doomed = await t.realm('Tenants doomed');
      await t.tenant(doomed.slug, 'kept');
      const user = await t.user(doomed.slug, 'reset@example.com');
      await t.join(doomed.slug, 'kept', user.id);
      const { done } = await server.services.realms.reset(doomed.id, {}, { type: 'operator', id: server.adminId });
      await done;
      assert.deepEqual((await t.admin('GET', url(doomed, '/kept/members'))).json().items, []);
      assert.equal((await t.admin('GET', url(doomed, '/kept'))).statusCode, 200);
      await t.join(doomed.slug, 'kept', (await t.user(doomed.slug, 'again@example.com')).id);
      assert.equal((await t.admin('DELETE', `/admin/v1/realms/${doomed.id}`)).statusCode, 204);
      const left = await server.database.db.selectFrom('tenants').select('id').where('realm_id', '=', doomed.id).execute();
      assert.deepEqual(left, []);
      const members = await server.database.db.selectFrom('tenant_memberships').select('user_id').where('realm_id', '=', doomed.id).execute();
      assert.deepEqual(members, []);
    });

    it("drops a deleted user's memberships", async () => {
      await t.tenant(realm.slug, 'leavers');
      const user = await t.user(realm.slug, 'leaver@example.com');
      await t.join(realm.slug, 'leavers', user.id);
      assert.equal((await t.admin('DELETE', `/admin/v1/realms/${realm.slug}/users/${user.id}`)).statusCode, 204);
      assert.deepEqual((await t.admin('GET', url(realm, '/leavers/members'))).json().items, []);
    });
  });
}
