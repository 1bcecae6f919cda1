import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { errorCode } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { adminApi, newRealm, newUser } from './role-fixtures.ts';

/** The admin API of roles: CRUD, its checks, composites and cycles, deletion, isolation between realms, events. */
for (const dialect of dialects) {
  describe(`admin roles API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let api: ReturnType<typeof adminApi>;
    let realm: Realm;
    let other: Realm;
    const roles = (r: Realm, path = '') => `/admin/v1/realms/${r.slug}/roles${path}`;
    const userRoles = (r: Realm, userId: string, path = '') => `/admin/v1/realms/${r.slug}/users/${userId}/roles${path}`;
    const refused = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload: unknown, status: number, code: string, field?: string) => {
      const response = await api.call(method, path, payload);
      assert.equal(response.statusCode, status, `${method} ${path} ${JSON.stringify(payload)} → ${response.body}`);
      assert.equal(errorCode(response), code, response.body);
      if (field) assert.ok(response.json().error.details.some((d: { field: string }) => d.field === field), response.body);
    };

    before(async () => {
      api = adminApi(server);
      realm = await newRealm(server);
      other = await newRealm(server);
    });

    it('creates, reads by id and by slug, lists, changes and deletes a role', async () => {
      const created = await api.ok('POST', roles(realm), { slug: 'clerk', display_name: ' Clerk ', permissions: ['invoices:write', 'invoices:read'] });
      assert.match(created.id, /^rol_/);
      assert.equal(created.display_name, 'Clerk');
      assert.deepEqual(created.permissions, ['invoices:read', 'invoices:write']);
      assert.equal(created.active, true);
      assert.deepEqual(created.includes, []);
      assert.deepEqual(await api.ok('GET', roles(realm, `/${created.id}`)), created);
      assert.deepEqual(await api.ok('GET', roles(realm, '/clerk')), created);

      const changed = await api.ok('PATCH', roles(realm, '/clerk'), { description: 'Books invoices', active: false });
      assert.equal(changed.version, 2);
      assert.equal(changed.active, false);
      // Nothing changed: no new version.
      assert.equal((await api.ok('PATCH', roles(realm, `/${created.id}`), { description: 'Books invoices' })).version, 2);
      const renamed = await api.ok('PATCH', roles(realm, '/clerk'), { slug: 'bookkeeper' });
      assert.equal(renamed.id, created.id);
      await refused('GET', roles(realm, '/clerk'), undefined, 404, 'role.not_found');

      await api.ok('DELETE', roles(realm, '/bookkeeper'));
      await refused('GET', roles(realm, `/${created.id}`), undefined, 404, 'role.not_found');
      await refused('DELETE', roles(realm, `/${created.id}`), undefined, 404, 'role.not_found');
    });

    it('pages the list, oldest first', async () => {
      const listed = await newRealm(server);
      for (const slug of ['a-one', 'a-two', 'a-three']) {
        await api.ok('POST', roles(listed), { slug });
        server.clock.advance(1000);
      }
      const first = await api.ok('GET', `${roles(listed)}?limit=2`);
      assert.deepEqual(first.items.map((r: { slug: string }) => r.slug), ['a-one', 'a-two']);
      const second = await api.ok('GET', `${roles(listed)}?limit=2&cursor=${first.next_cursor}`);
      assert.deepEqual(second.items.map((r: { slug: string }) => r.slug), ['a-three']);
      assert.equal(second.next_cursor, null);
      await refused('GET', `${roles(listed)}?cursor=forged`, undefined, 400, 'request.invalid_cursor');
    });

    it('refuses malformed roles with a clear 4xx and writes nothing', async () => {
      await api.ok('POST', roles(realm), { slug: 'taken' });
      await refused('POST', roles(realm), { slug: 'taken' }, 409, 'role.slug_taken', 'slug');
      await refused('POST', roles(realm), { slug: 'Has Spaces' }, 400, 'request.validation_failed');
      await refused('POST', roles(realm), { slug: 'rol_lookalike' }, 400, 'request.validation_failed');
      await refused('POST', roles(realm), {}, 400, 'request.validation_failed');
      await refused('POST', roles(realm), { slug: 'x-extra', colour: 'red' }, 400, 'request.validation_failed');
      await refused('POST', roles(realm), { slug: 'x-perm', permissions: ['invoices read'] }, 400, 'request.validation_failed');
      await refused('POST', roles(realm), { slug: 'x-perm', permissions: ['a:'] }, 400, 'request.validation_failed');
      await refused('POST', roles(realm), { slug: 'x-perm', permissions: ['x'.repeat(101)] }, 400, 'request.validation_failed');
      await refused('POST', roles(realm), { slug: 'x-perm', permissions: Array.from({ length: 201 }, (_, i) => `p:${i}`) }, 400, 'request.validation_failed');
      await refused('POST', roles(realm), { slug: 'x-perm', permissions: ['a:b', 'a:b'] }, 400, 'role.invalid', 'permissions');
      await refused('POST', roles(realm), { slug: 'x-perm', permissions: 'a:b' }, 400, 'request.validation_failed');
      await refused('POST', roles(realm), { slug: 'x-null', display_name: 7 }, 400, 'request.validation_failed');
      await refused('PATCH', roles(realm, '/taken'), { slug: '' }, 400, 'request.validation_failed');
      await refused('PATCH', roles(realm, `/${'x'.repeat(101)}`), { active: true }, 414, 'request.uri_too_long');
      const after = await api.ok('GET', `${roles(realm)}?limit=100`);
      assert.ok(!after.items.some((r: { slug: string }) => r.slug.startsWith('x-')), 'nothing written');
    });

    it('includes roles (composite), by id or slug, and refuses cycles and unknown roles', async () => {
      const base = await api.ok('POST', roles(realm), { slug: 'c-base', permissions: ['a:read'] });
      await api.ok('POST', roles(realm), { slug: 'c-middle', includes: [base.id] });
      const top = await api.ok('POST', roles(realm), { slug: 'c-top', includes: ['c-middle'] });
      assert.deepEqual(top.includes.map((r: { slug: string }) => r.slug), ['c-middle']);

      await refused('PATCH', roles(realm, '/c-base'), { includes: ['c-top'] }, 422, 'role.cycle', 'includes');
      await refused('PATCH', roles(realm, '/c-base'), { includes: ['c-base'] }, 422, 'role.cycle');
      await refused('POST', roles(realm), { slug: 'c-self', includes: ['c-self'] }, 422, 'role.included_not_found', 'includes.0');
      await refused('POST', roles(realm), { slug: 'c-ghost', includes: ['c-base', 'nobody'] }, 422, 'role.included_not_found', 'includes.1');
      await refused('POST', roles(realm), { slug: 'c-twice', includes: ['c-base', base.id] }, 400, 'role.invalid');
      const response = await api.call('PATCH', roles(realm, '/c-base'), { includes: ['c-top'] });
      assert.match(response.json().error.message, /c-base → c-top → c-middle → c-base/);
      assert.deepEqual((await api.ok('GET', roles(realm, '/c-base'))).includes, []);
    });

    it('lets only one of two concurrent changes through when together they would close a cycle', async () => {
      await api.ok('POST', roles(realm), { slug: 'r-left' });
      await api.ok('POST', roles(realm), { slug: 'r-right' });
      const answers = await Promise.all([
        api.call('PATCH', roles(realm, '/r-left'), { includes: ['r-right'] }),
        api.call('PATCH', roles(realm, '/r-right'), { includes: ['r-left'] }),
      ]);
      assert.deepEqual(answers.map((r) => r.statusCode).sort(), [200, 422], answers.map((r) => r.body).join());
      const same = await Promise.all([api.call('POST', roles(realm), { slug: 'r-same' }), api.call('POST', roles(realm), { slug: 'r-same' })]);
      assert.deepEqual(same.map((r) => r.statusCode).sort(), [201, 409], same.map((r) => r.body).join());
    });

    it('deletes a role with its assignments and its place in composites, in one go', async () => {
      const userId = await newUser(server, realm);
      const part = await api.ok('POST', roles(realm), { slug: 'd-part' });
      await api.ok('POST', roles(realm), { slug: 'd-whole', includes: ['d-part'] });
      await api.ok('POST', userRoles(realm, userId), { role: 'd-part' }, 200);
      await api.ok('DELETE', roles(realm, '/d-part'));
      assert.deepEqual((await api.ok('GET', roles(realm, '/d-whole'))).includes, []);
      assert.deepEqual((await api.ok('GET', userRoles(realm, userId))).items, []);
      const events = await api.ok('GET', `/admin/v1/realms/${realm.slug}/events?type=role.deleted`);
      const deleted = events.items.find((e: { details: { role_id: string } }) => e.details.role_id === part.id);
      assert.equal(deleted.details.assignments_removed, 1);
      assert.equal(deleted.details.removed_from_composites, 1);
      // The slug is free again.
      await api.ok('POST', roles(realm), { slug: 'd-part' });
      // A deleted user's assignments go with them.
      await api.ok('POST', userRoles(realm, userId), { role: 'd-whole' }, 200);
      await api.ok('DELETE', `/admin/v1/realms/${realm.slug}/users/${userId}`);
      const left = await server.database.db.selectFrom('role_assignments').select('role_id').where('user_id', '=', userId).execute();
      assert.deepEqual(left, []);
    });

    it('assigns with a window, lists both ways, reassigns, unassigns', async () => {
      const userId = await newUser(server, realm);
      const role = await api.ok('POST', roles(realm), { slug: 'a-shift' });
      const assigned = await api.ok('POST', userRoles(realm, userId), { role: 'a-shift', starts_at: '2026-02-01T00:00:00Z', ends_at: '2026-03-01T00:00:00+01:00' }, 200);
      assert.deepEqual(assigned.role, { id: role.id, slug: 'a-shift' });
      assert.equal(assigned.starts_at, '2026-02-01T00:00:00.000Z');
      assert.equal(assigned.ends_at, '2026-02-28T23:00:00.000Z');
      const again = await api.ok('POST', userRoles(realm, userId), { role: role.id, ends_at: null }, 200);
      assert.equal(again.ends_at, null);
      assert.equal(again.starts_at, new Date(server.clock.now()).toISOString());

      const ofUser = await api.ok('GET', userRoles(realm, userId));
      assert.equal(ofUser.items.length, 1);
      const ofRole = await api.ok('GET', roles(realm, '/a-shift/users?limit=1'));
      assert.deepEqual(ofRole.items.map((a: { user_id: string }) => a.user_id), [userId]);

      await api.ok('DELETE', userRoles(realm, userId, '/a-shift'));
      await refused('DELETE', userRoles(realm, userId, '/a-shift'), undefined, 404, 'role.assignment_not_found');
      const types = (await api.ok('GET', `/admin/v1/realms/${realm.slug}/events?user=${userId}`)).items.map((e: { type: string }) => e.type);
      assert.deepEqual(types.filter((t: string) => t.startsWith('role.')).sort(), ['role.assigned', 'role.assigned', 'role.unassigned']);
    });

    it('refuses malformed assignments', async () => {
      const userId = await newUser(server, realm);
      await api.ok('POST', roles(realm), { slug: 'm-role' });
      await refused('POST', userRoles(realm, userId), { role: 'm-role', starts_at: 'yesterday' }, 400, 'role.invalid_window', 'starts_at');
      await refused('POST', userRoles(realm, userId), { role: 'm-role', starts_at: '2026-02-30T00:00:00Z' }, 400, 'role.invalid_window', 'starts_at');
      await refused('POST', userRoles(realm, userId), { role: 'm-role', starts_at: '2026-02-01T00:00:00Z', ends_at: '2026-01-01T00:00:00Z' }, 400, 'role.invalid_window', 'ends_at');
      await refused('POST', userRoles(realm, userId), { role: 'm-role', ends_at: '+275760-09-13T00:00:00Z' }, 400, 'role.invalid_window', 'ends_at');
      await refused('POST', userRoles(realm, userId), { role: 'm-role', starts_at: 5 }, 400, 'request.validation_failed');
      await refused('POST', userRoles(realm, userId), {}, 400, 'request.validation_failed');
      await refused('POST', userRoles(realm, userId), { role: 'nobody' }, 404, 'role.not_found');
      await refused('POST', userRoles(realm, 'usr_nobody'), { role: 'm-role' }, 404, 'user.not_found');
      assert.deepEqual((await api.ok('GET', userRoles(realm, userId))).items, []);
    });

    it("refuses another realm's roles and users everywhere with 404, never 500", async () => {
      const theirs = await api.ok('POST', roles(other), { slug: 'x-theirs' });
      const theirUser = await newUser(server, other);
      const ourUser = await newUser(server, realm);
      await api.ok('POST', userRoles(other, theirUser), { role: 'x-theirs' }, 200);
      await refused('GET', roles(realm, `/${theirs.id}`), undefined, 404, 'role.not_found');
      await refused('PATCH', roles(realm, `/${theirs.id}`), { active: false }, 404, 'role.not_found');
      await refused('DELETE', roles(realm, `/${theirs.id}`), undefined, 404, 'role.not_found');
      await refused('GET', roles(realm, `/${theirs.id}/users`), undefined, 404, 'role.not_found');
      await refused('POST', roles(realm), { slug: 'x-ours', includes: [theirs.id] }, 422, 'role.included_not_found');
      await refused('POST', userRoles(realm, ourUser), { role: theirs.id }, 404, 'role.not_found');
      await refused('POST', userRoles(realm, theirUser), { role: 'taken' }, 404, 'user.not_found');
      await refused('GET', userRoles(realm, theirUser), undefined, 404, 'user.not_found');
      await refused('DELETE', userRoles(realm, theirUser, `/${theirs.id}`), undefined, 404, 'user.not_found');
      // Their role, their user, their assignment: untouched.
      assert.equal((await api.ok('GET', roles(other, '/x-theirs'))).active, true);
      assert.equal((await api.ok('GET', userRoles(other, theirUser))).items.length, 1);
    });

    it('gives new users the realm\u2019s default roles, which must exist and stay', async () => {
      const defaults = await newRealm(server);
      await api.ok('POST', roles(defaults), { slug: 'member', permissions: ['profile:read'] });
      await refused('PATCH', `/admin/v1/realms/${defaults.slug}`, { roles: { default: ['member', 'ghost'] } }, 400, 'realm.invalid_settings', 'roles.default.1');
      await refused('PATCH', `/admin/v1/realms/${defaults.slug}`, { roles: { default: ['Not A Slug'] } }, 400, 'request.validation_failed');
      await refused('POST', '/admin/v1/realms', { name: 'Defaults at birth', roles: { default: ['member'] } }, 400, 'realm.invalid_settings');
      const patched = await api.ok('PATCH', `/admin/v1/realms/${defaults.slug}`, { roles: { default: ['member'] } });
      assert.deepEqual(patched.roles, { default: ['member'] });

      const userId = await newUser(server, defaults);
      const held = await api.ok('GET', userRoles(defaults, userId));
      assert.deepEqual(held.items.map((a: { role: { slug: string } }) => a.role.slug), ['member']);
      const imported = await api.ok('POST', `/admin/v1/realms/${defaults.slug}/users/import`, { users: [{ username: 'imported-one' }] }, 200);
      const importedId = imported.created[0].id;
      assert.equal((await api.ok('GET', userRoles(defaults, importedId))).items.length, 1);

      await refused('DELETE', roles(defaults, '/member'), undefined, 409, 'role.is_default');
      await refused('PATCH', roles(defaults, '/member'), { slug: 'members' }, 409, 'role.is_default');
      await api.ok('PATCH', `/admin/v1/realms/${defaults.slug}`, { roles: { default: [] } });
      await api.ok('DELETE', roles(defaults, '/member'));
    });

    it('filters the users list by role held now', async () => {
      const filtered = await newRealm(server);
      const holder = await newUser(server, filtered);
      const later = await newUser(server, filtered);
      await newUser(server, filtered);
      const role = await api.ok('POST', roles(filtered), { slug: 'f-role' });
      await api.ok('POST', userRoles(filtered, holder), { role: 'f-role' }, 200);
      await api.ok('POST', userRoles(filtered, later), { role: 'f-role', starts_at: new Date(server.clock.now() + 60_000).toISOString() }, 200);
      const users = (query: string) => api.ok('GET', `/admin/v1/realms/${filtered.slug}/users?${query}`);
      assert.deepEqual((await users('role=f-role')).items.map((u: { id: string }) => u.id), [holder]);
      assert.deepEqual((await users(`role=${role.id}`)).items.map((u: { id: string }) => u.id), [holder]);
      assert.deepEqual((await users('role=nobody')).items, []);
    });
  });
}
