import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppError } from '../../src/errors.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator, rejectsWith } from '../support/fixtures.ts';
import { perSuite } from '../support/suite.ts';
import { countRows, insertUser, realmFixture, secondInstance, type RealmFixture } from './fixtures.ts';

for (const dialect of dialects) {
  describe(`realm service on ${dialect}`, () => {
    const f = perSuite(() => realmFixture(dialect));

    it('creates a realm with defaults, its first key and a realm.created event', async () => {
      const realm = await f.realms.create({ name: 'Acme App SSO', reference: 'cust-1', custom: { plan: 'gold' } }, operator);
      assert.match(realm.id, /^rl_[0-9A-Za-z]{22}$/);
      assert.equal(realm.slug, 'acme-app-sso');
      assert.equal(realm.state, 'active');
      assert.equal(realm.is_system, false);
      assert.equal(realm.version, 1);
      assert.equal(realm.created_by, operator.id);
      assert.equal(realm.updated_by, operator.id);
      assert.equal(realm.created_at, f.clock.now());
      assert.equal(realm.tokens.algorithm, 'ES256');
      assert.deepEqual(realm.custom, { plan: 'gold' });
      assert.deepEqual(await f.realms.get(realm.id), realm);
      assert.deepEqual(await f.realms.get('acme-app-sso'), realm);
      assert.equal(await countRows(f, 'signing_keys', realm.id), 1);
      const events = await f.events.list(f.t.database.db, realm.id, {}, { limit: 10 });
      assert.deepEqual(events.items.map((e) => [e.type, e.actor.id, e.details]), [['realm.created', operator.id, { slug: 'acme-app-sso', name: 'Acme App SSO' }]]);
    });

    it('creates the built-in admin realm once', async () => {
      const [a, b] = await Promise.all([f.realms.ensureSystemRealm(), f.realms.ensureSystemRealm()]);
      assert.equal(a.id, b.id);
      assert.equal(a.slug, 'admin');
      assert.equal(a.name, 'Administration');
      assert.equal(a.is_system, true);
      const systems = await f.t.database.db.selectFrom('realms').select('id').where('slug', '=', 'admin').execute();
      assert.equal(systems.length, 1);
    });

    it('derives unique slugs and refuses taken or malformed ones', async () => {
      const first = await f.realms.create({ name: 'Twin' }, operator);
      const second = await f.realms.create({ name: 'twin!' }, operator);
      const third = await f.realms.create({ name: 'TWIN' }, operator);
      assert.deepEqual([first.slug, second.slug, third.slug], ['twin', 'twin-2', 'twin-3']);
      assert.equal((await f.realms.create({ name: 'Admin' }, operator)).slug, 'admin-2', 'admin belongs to the built-in realm');

      const taken = await rejectsWith(f.realms.create({ name: 'Other', slug: 'twin' }, operator), 'realm.slug_taken');
      assert.deepEqual(taken.details, [{ field: 'slug', issue: 'is taken' }]);
      const malformed = await rejectsWith(f.realms.create({ name: 'Other', slug: 'No_Good' }, operator), 'realm.invalid_settings');
      assert.equal(malformed.details[0].field, 'slug');
      assert.equal((await f.realms.create({ name: 'Other', slug: 'my-own-slug' }, operator)).slug, 'my-own-slug');
    });

    it("refuses a blank name with \"can't be blank\" and writes nothing", async () => {
      const before = await countRows(f, 'events', (await f.realms.ensureSystemRealm()).id);
      const error = await rejectsWith(f.realms.create({ name: '   ' }, operator), 'realm.invalid_settings');
      assert.deepEqual(error.details, [{ field: 'name', issue: "can't be blank" }]);
      assert.equal(error.message, "The realm is invalid: name can't be blank.");
      const ranges = await rejectsWith(f.realms.create({ name: 'x', tokens: { access_token_minutes: 0 } }, operator), 'realm.invalid_settings');
      assert.equal(ranges.details[0].field, 'tokens.access_token_minutes');
      assert.equal(await countRows(f, 'events', (await f.realms.ensureSystemRealm()).id), before);
    });

    it('patches only the fields given, bumps the version and records what changed', async () => {
      const realm = await f.realms.create({ name: 'Patchy', public_info: { display_name: 'Patchy Inc', description: 'About' } }, operator);
      f.clock.advance(5000);
      const other = { type: 'operator' as const, id: 'usr_other' };
      const updated = await f.realms.update(
        'patchy',
        { name: ' Patchy 2 ', public_info: { description: null }, users: { registration: { enabled: true } }, tokens: { access_token_minutes: 30 } },
        other,
      );
      assert.equal(updated.name, 'Patchy 2');
      assert.deepEqual(updated.public_info, { display_name: 'Patchy Inc', description: null, logo_url: null });
      assert.equal(updated.users.registration.enabled, true);
      assert.equal(updated.password_policy.min_length, 8);
      assert.equal(updated.tokens.access_token_minutes, 30);
      assert.equal(updated.tokens.refresh_token_days, 7);
      assert.equal(updated.slug, 'patchy', 'the slug stays when the name changes');
      assert.equal(updated.version, 2);
      assert.equal(updated.updated_at, realm.created_at + 5000);
      assert.equal(updated.updated_by, 'usr_other');
      assert.equal(updated.created_by, operator.id);
      assert.deepEqual(await f.realms.get(realm.id), updated);
      const [event] = (await f.events.list(f.t.database.db, realm.id, { type: 'realm.updated' }, { limit: 10 })).items;
      assert.deepEqual(event.details, { changed: ['name', 'public_info.description', 'users.registration.enabled', 'tokens.access_token_minutes'] });

      const same = await f.realms.update(realm.id, { name: 'Patchy 2', tokens: { access_token_minutes: 30 } }, other);
      assert.equal(same.version, 2, 'a patch that changes nothing is not a new version');
      assert.equal((await f.events.list(f.t.database.db, realm.id, { type: 'realm.updated' }, { limit: 10 })).items.length, 1);
    });

    it('changes slugs, refusing one another realm holds', async () => {
      const realm = await f.realms.create({ name: 'Renamed' }, operator);
      const moved = await f.realms.update(realm.id, { slug: 'renamed-2' }, operator);
      assert.equal(moved.slug, 'renamed-2');
      assert.equal((await f.realms.get('renamed-2')).id, realm.id);
      await rejectsWith(f.realms.get('renamed'), 'realm.not_found');
      await rejectsWith(f.realms.update(realm.id, { slug: 'twin' }, operator), 'realm.slug_taken');
      await rejectsWith(f.realms.update(realm.id, { tokens: { refresh_token_days: 366 } }, operator), 'realm.invalid_settings');
      assert.equal((await f.realms.get(realm.id)).version, 2);
    });

    it('answers 404 for unknown realms everywhere', async () => {
      for (const ref of ['rl_doesnotexist0000000000', 'no-such-realm']) {
        await rejectsWith(f.realms.get(ref), 'realm.not_found');
        await rejectsWith(f.realms.update(ref, { name: 'x' }, operator), 'realm.not_found');
        await rejectsWith(f.realms.remove(ref, operator), 'realm.not_found');
        await rejectsWith(f.realms.reset(ref, {}, operator), 'realm.not_found');
        await rejectsWith(f.realms.rotateKeys(ref, operator), 'realm.not_found');
        await rejectsWith(f.realms.listKeys(ref), 'realm.not_found');
      }
    });

    it('refuses a tenant_policy change while the realm has users', async () => {
      const realm = await f.realms.create({ name: 'Tenancy' }, operator);
      const changed = await f.realms.update(realm.id, { tenant_policy: { type: 'selected', tenant: 'acme' } }, operator);
      assert.deepEqual(changed.tenant_policy, { type: 'selected', tenant: 'acme' });
      const userId = await insertUser(f, realm.id);
      await rejectsWith(f.realms.update(realm.id, { tenant_policy: { type: 'auto_created' } }, operator), 'realm.has_users');
      await rejectsWith(f.realms.update(realm.id, { tenant_policy: { type: 'selected', tenant: 'other' } }, operator), 'realm.has_users');
      const unrelated = await f.realms.update(realm.id, { tenant_policy: { type: 'selected', tenant: 'acme' }, name: 'Tenancy 2' }, operator);
      assert.equal(unrelated.name, 'Tenancy 2', 'restating the same policy is no change');
      await f.t.database.db.updateTable('users').set({ deleted_at: f.clock.now() }).where('id', '=', userId).execute();
      assert.deepEqual((await f.realms.update(realm.id, { tenant_policy: { type: 'current' } }, operator)).tenant_policy, { type: 'current' });
    });

    it('turns unique emails on only without duplicates, keeping the unique keys in step', async () => {
      const realm = await f.realms.create({ name: 'Emails', users: { require_unique_emails: false } }, operator);
      const a = await insertUser(f, realm.id, 'Same@Example.com');
      await insertUser(f, realm.id, 'same@example.com');
      await insertUser(f, realm.id, 'other@example.com');
      const error = await rejectsWith(f.realms.update(realm.id, { users: { require_unique_emails: true } }, operator), 'realm.duplicate_emails');
      assert.equal(error.kind, 'unprocessable');
      assert.match(error.message, /an address is used by more than one user/);
      assert.equal((await f.realms.get(realm.id)).users.require_unique_emails, false);

      await f.t.database.db.updateTable('users').set({ deleted_at: f.clock.now() }).where('id', '=', a).execute();
      const strict = await f.realms.update(realm.id, { users: { require_unique_emails: true } }, operator);
      assert.equal(strict.users.require_unique_emails, true);
      const keys = async () =>
        (await f.t.database.db.selectFrom('users').select(['id', 'email_key']).where('realm_id', '=', realm.id).where('deleted_at', 'is', null).orderBy('email_key').execute()).map((r) => r.email_key);
      assert.deepEqual(await keys(), ['other@example.com', 'same@example.com']);
      await f.realms.update(realm.id, { users: { require_unique_emails: false } }, operator);
      assert.deepEqual(await keys(), [null, null]);
    });

    it('lists realms with filters, sorts and keyset pages', async () => {
      const made: Realm[] = [];
      for (const name of ['delta', 'alpha', 'charlie', 'bravo', 'echo']) {
        f.clock.advance(1000);
        made.push(await f.realms.create({ name: `list ${name}`, reference: name === 'charlie' ? 'ref-c' : 'ref-list', state: name === 'echo' ? 'inactive' : 'active' }, operator));
      }
      const listed = async (filter: Parameters<RealmFixture['realms']['list']>[0], limit = 2, visible?: string[]) => {
        const names: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await f.realms.list(filter, { limit, cursor }, visible);
          assert.ok(page.items.length <= limit);
          names.push(...page.items.map((r) => r.name.replace('list ', '')));
          cursor = page.next_cursor ?? undefined;
          pages++;
        } while (cursor);
        return { names, pages };
      };
      assert.deepEqual((await listed({ reference: 'ref-list' })).names, ['alpha', 'bravo', 'delta', 'echo']);
      assert.deepEqual((await listed({ reference: 'ref-list', state: 'active', direction: 'desc' })).names, ['delta', 'bravo', 'alpha']);
      assert.deepEqual((await listed({ reference: 'ref-list', sort: 'created_at' }, 1)).names, ['delta', 'alpha', 'bravo', 'echo']);
      assert.deepEqual((await listed({ reference: 'ref-list', sort: 'created_at', direction: 'desc' }, 3)), { names: ['echo', 'bravo', 'alpha', 'delta'], pages: 2 });
      const byId = [...made].filter((r) => r.reference === 'ref-list').sort((x, y) => (x.id < y.id ? -1 : 1)).map((r) => r.name.replace('list ', ''));
      assert.deepEqual((await listed({ reference: 'ref-list', sort: 'id' })).names, byId);
      assert.deepEqual((await listed({ reference: 'ref-c' })).names, ['charlie']);
      assert.deepEqual((await listed({ reference: 'ref' })).names, [], 'reference matches exactly');
      assert.deepEqual((await listed({}, 2, [made[0].id, made[2].id])).names, ['charlie', 'delta']);
      assert.deepEqual((await listed({}, 2, [])).names, []);
      await rejectsWith(f.realms.list({ sort: 'id' }, { limit: 2, cursor: (await f.realms.list({ sort: 'name' }, { limit: 1 })).next_cursor ?? '' }), 'request.invalid_cursor');
    });
  });

  describe(`fresh ${dialect} database`, () => {
    it('two instances starting together create one admin realm', async () => {
      const f = await realmFixture(dialect);
      try {
        const other = secondInstance(f, dialect);
        const [a, b] = await Promise.all([f.realms.ensureSystemRealm(), other.ensureSystemRealm()]);
        assert.equal(a.id, b.id);
        const rows = await f.t.database.db.selectFrom('realms').select('id').execute();
        assert.deepEqual(rows.map((r) => r.id), [a.id]);
        assert.equal(await countRows(f, 'signing_keys', a.id), 1);
      } finally {
        await f.t.dispose();
      }
    });

    it('allows at most maxRealms realms besides the admin realm, even under concurrent creates', async () => {
      const f = await realmFixture(dialect, { maxRealms: 3 });
      try {
        await f.realms.ensureSystemRealm();
        await f.realms.create({ name: 'one' }, operator);
        const other = secondInstance(f, dialect, 3);
        const results = await Promise.allSettled(
          Array.from({ length: 6 }, (_, i) => (i % 2 ? other : f.realms).create({ name: `race ${i}` }, operator)),
        );
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 2);
        for (const r of results.filter((r) => r.status === 'rejected')) {
          assert.equal((r.reason as AppError).code, 'realm.limit_reached');
          assert.match((r.reason as AppError).message, /at most 3 realms/);
        }
        const count = await f.t.database.db.selectFrom('realms').select('id').where('is_system', '=', false).execute();
        assert.equal(count.length, 3);
        const victim = (await f.realms.list({}, { limit: 10 })).items.find((r) => !r.is_system);
        await f.realms.remove(victim!.id, operator);
        assert.equal((await f.realms.create({ name: 'after delete' }, operator)).name, 'after delete');
      } finally {
        await f.t.dispose();
      }
    });
  });
}
