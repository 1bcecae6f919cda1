import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEventLog } from '../../src/events/event-log.ts';
import { newId } from '../../src/platform/ids.ts';
import { createRealmService } from '../../src/realms/realm-service.ts';
import { RESET_BATCH } from '../../src/realms/realm-reset.ts';
import { sessionStore } from '../../src/sessions/session-store.ts';
import { oneTimeTokens } from '../../src/storage/one-time-tokens.ts';
import { dialects } from '../support/databases.ts';
import { operator, rejectsWith } from '../support/fixtures.ts';
import { perSuite } from '../support/suite.ts';
import { countRows, insertUser, realmFixture, type RealmFixture } from './fixtures.ts';

const HOUR_MS = 60 * 60_000;

/** A realm with users, tags, versions, sessions, refresh tokens and events in it. */
async function populate(f: RealmFixture, realmId: string, users: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < users; i++) ids.push(await insertUser(f, realmId, `u${i}@example.com`));
  const db = f.t.database.db;
  const now = f.clock.now();
  for (const userId of ids) {
    await db.insertInto('user_tags').values({ realm_id: realmId, user_id: userId, tag: 'vip' }).execute();
    await db.insertInto('user_versions').values({ realm_id: realmId, user_id: userId, version: 1, snapshot: '{}', recorded_at: now, recorded_by: null }).execute();
    const session = await sessionStore.create(db, { realmId, userId, now, expiresAt: now + HOUR_MS, ip: null, userAgent: null });
    await oneTimeTokens.issue(db, { tokenHash: newId('ses'), realmId, type: 'refresh', subject: session.id, createdAt: now, expiresAt: now + HOUR_MS });
    await f.events.record(db, { realmId, type: 'user.created', actor: operator, userId });
    await db.insertInto('login_failures').values({ realm_id: realmId, subject: userId, failures: 1, locks: 0, last_failure_at: now, locked_until: null, expires_at: now + HOUR_MS }).execute();
    await db
      .insertInto('messages')
      .values({ id: newId('msg'), realm_id: realmId, type: 'password_changed', channel: 'email', recipient: `${userId}@example.com`, user_id: userId, status: 'sent', attempts: 1, next_attempt_at: now, lease_until: null, last_error: null, sealed_variables: 'x', created_at: now, sent_at: now, updated_at: now })
      .execute();
  }
  return ids;
}

async function contentOf(f: RealmFixture, realmId: string) {
  return {
    users: await countRows(f, 'users', realmId),
    user_tags: await countRows(f, 'user_tags', realmId),
    sessions: await countRows(f, 'sessions', realmId),
    one_time_tokens: await countRows(f, 'one_time_tokens', realmId),
    login_failures: await countRows(f, 'login_failures', realmId),
    messages: await countRows(f, 'messages', realmId),
    events: await countRows(f, 'events', realmId),
    signing_keys: await countRows(f, 'signing_keys', realmId),
  };
}

for (const dialect of dialects) {
  describe(`realm lifecycle on ${dialect}`, () => {
    const f = perSuite(() => realmFixture(dialect));

    it('protects the built-in admin realm', async () => {
      const admin = await f.realms.ensureSystemRealm();
      await rejectsWith(f.realms.remove('admin', operator), 'realm.protected');
      await rejectsWith(f.realms.reset(admin.id, {}, operator), 'realm.protected');
      await rejectsWith(f.realms.update('admin', { state: 'inactive' }, operator), 'realm.protected');
      await rejectsWith(f.realms.update('admin', { slug: 'operators' }, operator), 'realm.protected');
      await rejectsWith(f.realms.update('admin', { tokens: { algorithm: 'HS256' } }, operator), 'realm.protected');
      assert.equal((await f.realms.update('admin', { tokens: { algorithm: 'RS256' } }, operator)).tokens.algorithm, 'RS256', 'another key pair is fine');
      const renamed = await f.realms.update('admin', { name: 'Operators', slug: 'admin', state: 'active' }, operator);
      assert.equal(renamed.name, 'Operators');
      assert.equal((await f.realms.get('admin')).state, 'active');
    });

    it('making a realm inactive ends its live sessions, one 1312 event each', async () => {
      const realm = await f.realms.create({ name: 'Closing' }, operator);
      const other = await f.realms.create({ name: 'Staying' }, operator);
      const db = f.t.database.db;
      const now = f.clock.now();
      const [u1, u2] = [await insertUser(f, realm.id), await insertUser(f, realm.id)];
      const live = [
        await sessionStore.create(db, { realmId: realm.id, userId: u1, now, expiresAt: now + HOUR_MS, ip: null, userAgent: null }),
        await sessionStore.create(db, { realmId: realm.id, userId: u2, now, expiresAt: now + HOUR_MS, ip: null, userAgent: null }),
      ];
      const expired = await sessionStore.create(db, { realmId: realm.id, userId: u1, now: now - 2 * HOUR_MS, expiresAt: now - HOUR_MS, ip: null, userAgent: null });
      const elsewhere = await sessionStore.create(db, { realmId: other.id, userId: await insertUser(f, other.id), now, expiresAt: now + HOUR_MS, ip: null, userAgent: null });

      const inactive = await f.realms.update(realm.id, { state: 'inactive' }, operator);
      assert.equal(inactive.state, 'inactive');
      for (const session of live) assert.equal((await sessionStore.find(db, realm.id, session.id))?.revoked_reason, 'realm_inactive');
      assert.equal((await sessionStore.find(db, realm.id, expired.id))?.revoked_at, null, 'expired sessions are left alone');
      assert.equal((await sessionStore.find(db, other.id, elsewhere.id))?.revoked_at, null, 'other realms are untouched');

      const events = (await f.events.list(db, realm.id, { code: 1312 }, { limit: 10 })).items;
      const seen = events.map((e) => [e.type, e.user_id, e.details.session_id]).sort();
      const expected = live.map((s) => ['user.logged_out.realm_inactive', s.user_id, s.id]).sort();
      assert.deepEqual(seen, expected);
      assert.deepEqual(events[0].actor, operator);

      await f.realms.update(realm.id, { state: 'inactive', name: 'Closing still' }, operator);
      assert.equal((await f.events.list(db, realm.id, { code: 1312 }, { limit: 10 })).items.length, 2, 'no second round while inactive');
      assert.equal((await f.realms.update(realm.id, { state: 'active' }, operator)).state, 'active');
    });

    it('the realm lookup caches briefly and forgets a realm as soon as it changes', async () => {
      const realm = await f.realms.create({ name: 'Looked up' }, operator);
      assert.equal((await f.lookup.resolve(realm.id))?.slug, 'looked-up');
      assert.equal((await f.lookup.resolve('looked-up'))?.id, realm.id);
      await f.t.database.db.updateTable('realms').set({ name: 'changed behind its back' }).where('id', '=', realm.id).execute();
      assert.equal((await f.lookup.resolve(realm.id))?.name, 'Looked up', 'served from cache');
      f.clock.advance(1000);
      assert.equal((await f.lookup.resolve(realm.id))?.name, 'changed behind its back', 'the cache lives one second');

      await f.realms.update(realm.id, { slug: 'looked-up-again' }, operator);
      assert.equal(await f.lookup.resolve('looked-up'), undefined);
      assert.equal((await f.lookup.resolve('looked-up-again'))?.id, realm.id);
      await f.realms.remove(realm.id, operator);
      assert.equal(await f.lookup.resolve(realm.id), undefined);
      assert.equal(await f.lookup.resolve('looked-up-again'), undefined);
    });

    it('deleting a realm removes everything in it and logs realm.deleted in the admin realm', async () => {
      const doomed = await f.realms.create({ name: 'Doomed' }, operator);
      const neighbour = await f.realms.create({ name: 'Neighbour' }, operator);
      await populate(f, doomed.id, 3);
      await populate(f, neighbour.id, 2);
      const neighbourBefore = await contentOf(f, neighbour.id);

      await f.realms.remove('doomed', operator);
      assert.deepEqual(await contentOf(f, doomed.id), { users: 0, user_tags: 0, sessions: 0, one_time_tokens: 0, login_failures: 0, messages: 0, events: 0, signing_keys: 0 });
      const versions = await f.t.database.db.selectFrom('user_versions').select('user_id').where('realm_id', '=', doomed.id).execute();
      assert.equal(versions.length, 0);
      assert.deepEqual(await contentOf(f, neighbour.id), neighbourBefore);
      await rejectsWith(f.realms.get(doomed.id), 'realm.not_found');
      await rejectsWith(f.realms.remove(doomed.id, operator), 'realm.not_found');

      const admin = await f.realms.ensureSystemRealm();
      const deletions = (await f.events.list(f.t.database.db, admin.id, { type: 'realm.deleted' }, { limit: 10 })).items;
      const event = deletions.find((e) => e.details.realm_id === doomed.id);
      assert.ok(event);
      assert.deepEqual(event.details, { realm_id: doomed.id, slug: 'doomed', name: 'Doomed' });
      assert.deepEqual(event.actor, operator);
    });

    it('reset answers at once and clears users, sessions and events in batches, leaving other realms alone', async () => {
      const realm = await f.realms.create({ name: 'Big', custom: { keep: true } }, operator);
      const neighbour = await f.realms.create({ name: 'Bystander' }, operator);
      await populate(f, neighbour.id, 2);
      const neighbourBefore = await contentOf(f, neighbour.id);
      const users = RESET_BATCH + 20;
      await populate(f, realm.id, users);
      assert.equal(await countRows(f, 'events', realm.id), users + 1);

      const { realm: answered, done } = await f.realms.reset('big', {}, operator);
      let finished = false;
      void done.then(() => (finished = true));
      assert.equal(answered.id, realm.id);
      assert.equal(finished, false, 'the request does not wait for the work');
      // Other realms are served while the reset runs.
      assert.equal((await f.realms.get(neighbour.id)).id, neighbour.id);
      await done;
      assert.deepEqual(f.backgroundErrors, []);
      const after = await contentOf(f, realm.id);
      assert.deepEqual(after, { users: 0, user_tags: 0, sessions: 0, one_time_tokens: 0, login_failures: 0, messages: 0, events: 1, signing_keys: 1 });
      const [event] = (await f.events.list(f.t.database.db, realm.id, {}, { limit: 10 })).items;
      assert.equal(event.type, 'realm.reset');
      assert.deepEqual(event.details, {
        users: true,
        events: true,
        deleted: { sessions: users, oidc_models: 0, one_time_tokens: users, login_failures: users, messages: users, user_tags: users, user_versions: users, application_consents: 0, users, events: users + 1 },
      });
      const kept = await f.realms.get(realm.id);
      assert.deepEqual(kept.custom, { keep: true });
      assert.equal(kept.version, realm.version);
      assert.deepEqual(await contentOf(f, neighbour.id), neighbourBefore);
    });

    it('reset can keep users or events', async () => {
      const realm = await f.realms.create({ name: 'Partial' }, operator);
      await populate(f, realm.id, 3);
      await (await f.realms.reset(realm.id, { users: false }, operator)).done;
      let content = await contentOf(f, realm.id);
      assert.deepEqual([content.users, content.user_tags, content.sessions, content.one_time_tokens, content.login_failures, content.messages, content.events], [3, 3, 0, 0, 0, 3, 1]);

      await f.events.record(f.t.database.db, { realmId: realm.id, type: 'user.updated', actor: operator });
      await (await f.realms.reset(realm.id, { events: false }, operator)).done;
      content = await contentOf(f, realm.id);
      assert.deepEqual([content.users, content.events], [0, 3]);
      const types = (await f.events.list(f.t.database.db, realm.id, {}, { limit: 10 })).items.map((e) => e.type);
      assert.deepEqual(types.sort(), ['realm.reset', 'realm.reset', 'user.updated']);
    });

    it('reset failures go to onBackgroundError instead of the request', async () => {
      const realm = await f.realms.create({ name: 'Failing' }, operator);
      const failure = new Error('event log unavailable');
      const events = { ...createEventLog(f.clock), record: () => Promise.reject(failure) };
      const errors: unknown[] = [];
      // Each publish notes what was left of the realm then.
      const published: { users: number; events: number }[] = [];
      const invalidation = {
        publish: async () => void published.push({ users: await countRows(f, 'users', realm.id), events: await countRows(f, 'events', realm.id) }),
      };
      await populate(f, realm.id, 2);
      const service = createRealmService({ db: f.t.database.db, dialect, clock: f.clock, events, keys: f.keys, lookup: f.lookup, maxRealms: 100, onBackgroundError: (e) => errors.push(e), invalidation });
      const { done } = await service.reset(realm.id, {}, operator);
      await done;
      assert.deepEqual(errors, [failure]);
      // Once the users were deleted (events still there), and again after the failure.
      assert.deepEqual(published, [
        { users: 0, events: 3 },
        { users: 0, events: 0 },
      ]);
    });
  });
}
