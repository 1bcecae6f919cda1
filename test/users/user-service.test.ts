import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { insertRealm, operator, rejectsWith } from '../support/fixtures.ts';
import { perSuite } from '../support/suite.ts';
import { eventsOf, usersContext } from './fixtures.ts';

for (const dialect of dialects) {
  describe(`user service: create, get, update, versions, delete on ${dialect}`, () => {
    const ctx = perSuite(() => usersContext(dialect));

    it('creates a user with normalised identifiers, a derived display name and a hashed password', async () => {
      const user = await ctx.users.create(
        ctx.realmA,
        { username: 'Grace', email: ' Grace.Hopper@Example.COM ', mobile: '+1 (555) 010-0001', first_name: 'Grace', last_name: 'Hopper', password: 'correct horse', tags: ['navy', 'cobol', 'navy'] },
        operator,
      );
      assert.match(user.id, /^usr_[0-9A-Za-z]{22}$/);
      assert.equal(user.realm_id, ctx.realmA.id);
      assert.equal(user.email, 'grace.hopper@example.com');
      assert.equal(user.mobile, '+15550100001');
      assert.equal(user.display_name, 'Grace Hopper');
      assert.deepEqual(user.tags, ['cobol', 'navy']);
      assert.equal(user.has_password, true);
      assert.equal(user.version, 1);
      assert.equal(user.created_by, operator.id);
      assert.equal(user.state, 'active');
      assert.equal(user.locked, false);
      assert.equal('password_hash' in user, false);

      const row = await ctx.db.selectFrom('users').select(['password_hash', 'email_key', 'username_key']).where('id', '=', user.id).executeTakeFirstOrThrow();
      assert.match(row.password_hash ?? '', /^\$argon2id\$v=19\$/);
      assert.equal(row.username_key, 'grace');
      assert.equal(row.email_key, 'grace.hopper@example.com');

      const created = (await eventsOf(ctx.db, ctx.realmA.id, user.id)).find((e) => e.type === 'user.created');
      assert.equal(created?.code, 1301);
      assert.equal(created?.actor_id, operator.id);
      assert.doesNotMatch(JSON.stringify(created), /correct horse|argon2/);
      assert.deepEqual(await ctx.users.get(ctx.realmA, user.id), user);
    });

    it('refuses users the rules do not allow', async () => {
      const { users, realmA } = ctx;
      await rejectsWith(users.create(realmA, { first_name: 'Nobody' }, operator), 'user.invalid');
      await rejectsWith(users.create(realmA, { email: 'api@example.com', user_type: 'api' }, operator), 'user.invalid');
      await rejectsWith(users.create(realmA, { email: 'not-an-email' }, operator), 'user.invalid');
      await rejectsWith(users.create(realmA, { mobile: '555-0100' }, operator), 'user.invalid');
      await rejectsWith(users.create(realmA, { username: '-dash' }, operator), 'user.invalid');
      const short = await rejectsWith(users.create(realmA, { username: 'shorty', password: 'abc' }, operator), 'password.too_short');
      assert.deepEqual(short.details, [{ field: 'password', issue: 'must be at least 8 characters' }]);
      const long = await rejectsWith(users.create(realmA, { username: 'longy', password: 'p'.repeat(1025) }, operator), 'password.too_long');
      assert.deepEqual(long.details, [{ field: 'password', issue: 'must be at most 1024 characters' }]);
      await rejectsWith(users.create(realmA, { username: 'bigcustom', custom: { x: 'y'.repeat(17_000) } }, operator), 'user.invalid');
      const api = await users.create(realmA, { username: 'robot', user_type: 'api' }, operator);
      assert.equal(api.has_password, false);
      assert.equal(api.display_name, 'robot');
    });

    it('follows the realm: email usernames and the password minimum', async () => {
      const strict = await insertRealm(ctx.db, 'rl_emailnames', { users: { username_validation: 'email' }, password_policy: { min_length: 12 } });
      await rejectsWith(ctx.users.create(strict, { username: 'plain' }, operator), 'user.invalid');
      await rejectsWith(ctx.users.create(strict, { username: 'a@example.com', password: 'elevenchars' }, operator), 'password.too_short');
      const user = await ctx.users.create(strict, { username: 'A@Example.com', password: 'twelve chars' }, operator);
      await rejectsWith(ctx.users.create(strict, { username: 'a@example.COM' }, operator), 'user.username_taken');
      assert.equal(user.username, 'A@Example.com');
    });

    it('keeps identifiers unique per realm, case-insensitively, whatever the formatting', async () => {
      const { users, realmA, realmB } = ctx;
      await users.create(realmA, { username: 'Linus', email: 'linus@example.com', mobile: '+46 70 123 45 67' }, operator);
      await rejectsWith(users.create(realmA, { username: 'LINUS' }, operator), 'user.username_taken');
      const email = await rejectsWith(users.create(realmA, { email: 'Linus@EXAMPLE.com' }, operator), 'user.email_taken');
      assert.deepEqual(email.details, [{ field: 'email', issue: 'is taken' }]);
      await rejectsWith(users.create(realmA, { mobile: '+46.70.123.45.67' }, operator), 'user.mobile_taken');
      const elsewhere = await users.create(realmB, { username: 'linus', email: 'linus@example.com', mobile: '+46701234567' }, operator);
      assert.equal(elsewhere.realm_id, realmB.id);
    });

    it('allows shared emails when the realm does not require unique ones', async () => {
      const relaxed = await insertRealm(ctx.db, 'rl_shared', { users: { require_unique_emails: false } });
      const first = await ctx.users.create(relaxed, { email: 'family@example.com' }, operator);
      const second = await ctx.users.create(relaxed, { email: 'FAMILY@example.com' }, operator);
      assert.notEqual(first.id, second.id);
      const rows = await ctx.db.selectFrom('users').select(['email_key', 'email_search']).where('realm_id', '=', relaxed.id).execute();
      assert.deepEqual(rows.map((row) => ({ ...row })), [{ email_key: null, email_search: 'family@example.com' }, { email_key: null, email_search: 'family@example.com' }]);
    });

    it('concurrent creates with the same email: exactly one succeeds, the others get 409', async () => {
      const attempts = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) => ctx.users.create(ctx.realmA, { email: 'race@example.com', username: `racer${i}`, password: 'racing along' }, operator)),
      );
      assert.equal(attempts.filter((a) => a.status === 'fulfilled').length, 1);
      for (const attempt of attempts.filter((a) => a.status === 'rejected')) {
        assert.equal((attempt as PromiseRejectedResult).reason.code, 'user.email_taken');
      }
      const rows = await ctx.db.selectFrom('users').select('id').where('email_search', '=', 'race@example.com').execute();
      assert.equal(rows.length, 1);
      const created = await ctx.db.selectFrom('events').select('id').where('type', '=', 'user.created').where('user_id', '=', rows[0].id).execute();
      assert.equal(created.length, 1);
    });

    it('updates only the fields given, bumps the version and records the changed fields', async () => {
      const { users, realmA } = ctx;
      const user = await users.create(realmA, { username: 'ken', email: 'ken@example.com', email_verified: true, first_name: 'Ken', custom: { shell: 'sh' } }, operator);
      ctx.clock.advance(1000);
      const updated = await users.update(realmA, user.id, { last_name: 'Thompson', email: 'KEN@bell-labs.com', custom: { shell: 'rc' }, access: { type: 'master' }, access_token_minutes: 60 }, operator);
      assert.equal(updated.version, 2);
      assert.equal(updated.first_name, 'Ken');
      assert.equal(updated.display_name, 'Ken Thompson');
      assert.equal(updated.email, 'ken@bell-labs.com');
      assert.equal(updated.email_verified, false);
      assert.deepEqual(updated.custom, { shell: 'rc' });
      assert.deepEqual(updated.access, { type: 'master' });
      assert.equal(updated.access_token_minutes, 60);
      assert.equal(updated.updated_at, user.created_at + 1000);
      const event = (await eventsOf(ctx.db, realmA.id, user.id)).find((e) => e.type === 'user.updated');
      assert.equal(event?.code, 1302);
      const details = typeof event?.details === 'string' ? JSON.parse(event.details) : event?.details;
      assert.deepEqual([...details.fields].sort(), ['access', 'access_token_minutes', 'custom', 'display_name', 'email', 'email_verified', 'last_name']);

      const same = await users.update(realmA, user.id, { last_name: 'Thompson', custom: { shell: 'rc' } }, operator);
      assert.equal(same.version, 2, 'a change that changes nothing is no new version');
      assert.equal((await eventsOf(ctx.db, realmA.id, user.id)).filter((e) => e.type === 'user.updated').length, 1);

      const cleared = await users.update(realmA, user.id, { access: null, access_token_minutes: null, first_name: null }, operator);
      assert.equal(cleared.access, null);
      assert.equal(cleared.display_name, 'Thompson');
      await rejectsWith(users.update(realmA, user.id, { username: null, email: null }, operator), 'user.invalid');
      await users.create(realmA, { username: 'occupied', email: 'occupied@example.com' }, operator);
      await rejectsWith(users.update(realmA, user.id, { username: 'OCCUPIED' }, operator), 'user.username_taken');
      await rejectsWith(users.update(realmA, user.id, { email: 'occupied@example.com' }, operator), 'user.email_taken');
      await rejectsWith(users.update(realmA, user.id, { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, operator), 'user.invalid');
      await rejectsWith(users.update(realmA, 'usr_missing', { first_name: 'X' }, operator), 'user.not_found');
      assert.equal((await users.get(realmA, user.id)).version, 3);
    });

    it('replaces tags and returns earlier versions as they were', async () => {
      const { users, realmA } = ctx;
      const v1 = await users.create(realmA, { username: 'dennis', tags: ['c'] }, operator);
      const v2 = await users.update(realmA, v1.id, { tags: ['c', 'unix'], first_name: 'Dennis' }, operator);
      const v3 = await users.update(realmA, v1.id, { tags: [] }, operator);
      assert.deepEqual(v3.tags, []);
      assert.deepEqual(await users.get(realmA, v1.id, 1), v1);
      assert.deepEqual(await users.get(realmA, v1.id, 2), v2);
      assert.deepEqual(await users.get(realmA, v1.id, 3), v3);
      assert.deepEqual(await users.get(realmA, v1.id), v3);
      await rejectsWith(users.get(realmA, v1.id, 4), 'user.version_not_found');
      await rejectsWith(users.get(ctx.realmB, v1.id, 1), 'user.not_found');
      const tags = await ctx.db.selectFrom('user_tags').select('tag').where('user_id', '=', v1.id).execute();
      assert.deepEqual(tags, []);
    });

    it('concurrent updates of one user take turns, each writing its own version', async () => {
      const user = await ctx.users.create(ctx.realmA, { username: 'busy' }, operator);
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => ctx.users.update(ctx.realmA, user.id, { custom: { writer: i } }, operator)));
      assert.deepEqual(results.map((r) => r.version).sort(), [2, 3, 4, 5, 6, 7]);
      const current = await ctx.users.get(ctx.realmA, user.id);
      assert.equal(current.version, 7);
      for (const result of results) assert.deepEqual(await ctx.users.get(ctx.realmA, user.id, result.version), result);
    });

    it('deletes softly: the user disappears and their identifiers become free', async () => {
      const { users, realmA } = ctx;
      const user = await users.create(realmA, { username: 'gone', email: 'gone@example.com', mobile: '+15550100099' }, operator);
      await users.remove(realmA, user.id, operator);
      await rejectsWith(users.get(realmA, user.id), 'user.not_found');
      await rejectsWith(users.get(realmA, user.id, 1), 'user.not_found');
      await rejectsWith(users.remove(realmA, user.id, operator), 'user.not_found');
      await rejectsWith(users.update(realmA, user.id, { first_name: 'Back' }, operator), 'user.not_found');
      assert.equal(await users.findById(realmA.id, user.id), undefined);
      assert.equal((await users.list(realmA, { username: 'gone' }, { limit: 10 })).items.length, 0);
      const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
      assert.equal(row.deleted_at, ctx.clock.now());
      assert.equal(row.deleted_by, operator.id);
      assert.deepEqual([row.username_key, row.email_key, row.mobile_key], [null, null, null]);
      const event = (await eventsOf(ctx.db, realmA.id, user.id)).find((e) => e.type === 'user.deleted');
      assert.equal(event?.code, 1303);

      const successor = await users.create(realmA, { username: 'GONE', email: 'gone@example.com', mobile: '+1 555 010 0099' }, operator);
      assert.notEqual(successor.id, user.id);
    });
  });
}
