import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sessionStore } from '../../src/sessions/session-store.ts';
import { readJson } from '../../src/storage/codec.ts';
import { dialects } from '../support/databases.ts';
import { operator, rejectsWith } from '../support/fixtures.ts';
import { perSuite } from '../support/suite.ts';
import { eventsOf, liveSessionIds, openSession, usersContext } from './fixtures.ts';

for (const dialect of dialects) {
  describe(`user service: lock, password, sessions and realm isolation on ${dialect}`, () => {
    const ctx = perSuite(() => usersContext(dialect));

    async function userWithSessions(username: string, count = 2) {
      const user = await ctx.users.create(ctx.realmA, { username, password: 'first password' }, operator);
      const sessions = [];
      for (let i = 0; i < count; i++) sessions.push(await openSession(ctx, ctx.realmA, user.id));
      return { user, sessions };
    }

    /** The latest event of a type (events in the same millisecond have no order: advance the clock). */
    async function lastEvent(userId: string, type: string) {
      const event = (await eventsOf(ctx.db, ctx.realmA.id, userId)).filter((e) => e.type === type).at(-1);
      assert.ok(event, `no ${type} event`);
      return { ...event, details: readJson<Record<string, unknown>>(event.details) };
    }

    it('lock stores the reason, ends every session and is a new version; unlock clears it', async () => {
      const { user } = await userWithSessions('locky');
      const other = await userWithSessions('bystander', 1);
      const locked = await ctx.users.lock(ctx.realmA, user.id, '  suspicious activity ', operator);
      assert.equal(locked.locked, true);
      assert.equal(locked.locked_reason, 'suspicious activity');
      assert.equal(locked.version, 2);
      assert.deepEqual(await liveSessionIds(ctx, ctx.realmA, user.id), []);
      assert.deepEqual(await liveSessionIds(ctx, ctx.realmA, other.user.id), [other.sessions[0].id]);
      const event = await lastEvent(user.id, 'user.locked');
      assert.deepEqual(event.details, { reason: 'suspicious activity', sessions_ended: 2 });

      const again = await ctx.users.lock(ctx.realmA, user.id, 'suspicious activity', operator);
      assert.equal(again.version, 2, 'locking a locked user for the same reason changes nothing');
      const unlocked = await ctx.users.unlock(ctx.realmA, user.id, operator);
      assert.deepEqual([unlocked.locked, unlocked.locked_reason, unlocked.version], [false, null, 3]);
      assert.equal((await ctx.users.unlock(ctx.realmA, user.id, operator)).version, 3);
      await lastEvent(user.id, 'user.unlocked');
      const blank = await ctx.users.lock(ctx.realmA, user.id, null, operator);
      assert.equal(blank.locked_reason, null);
      await rejectsWith(ctx.users.lock(ctx.realmA, user.id, 'r'.repeat(501), operator), 'user.invalid');
    });

    it('deactivating ends sessions; reactivating or other changes do not', async () => {
      const { user } = await userWithSessions('sleepy');
      await ctx.users.update(ctx.realmA, user.id, { first_name: 'Sleepy' }, operator);
      assert.equal((await liveSessionIds(ctx, ctx.realmA, user.id)).length, 2);
      ctx.clock.advance(1);
      await ctx.users.update(ctx.realmA, user.id, { state: 'inactive' }, operator);
      assert.deepEqual(await liveSessionIds(ctx, ctx.realmA, user.id), []);
      assert.equal((await lastEvent(user.id, 'user.updated')).details.sessions_ended, 2);
      const revived = await ctx.users.update(ctx.realmA, user.id, { state: 'active' }, operator);
      assert.equal(revived.state, 'active');
    });

    it('deleting ends sessions', async () => {
      const { user, sessions } = await userWithSessions('doomed');
      await ctx.users.remove(ctx.realmA, user.id, operator);
      const row = await sessionStore.find(ctx.db, ctx.realmA.id, sessions[0].id);
      assert.equal(row?.revoked_reason, 'user_deleted');
      assert.equal((await lastEvent(user.id, 'user.deleted')).details.sessions_ended, 2);
    });

    it('setting a password replaces the hash and ends every session', async () => {
      const { user } = await userWithSessions('forgetful');
      const before = await ctx.users.findWithSecret(ctx.realmA.id, user.id);
      await ctx.users.setPassword(ctx.realmA, user.id, 'second password', operator);
      const after = await ctx.users.findWithSecret(ctx.realmA.id, user.id);
      assert.notEqual(after?.password_hash, before?.password_hash);
      assert.equal(after?.version, 2);
      assert.deepEqual(await liveSessionIds(ctx, ctx.realmA, user.id), []);
      const event = await lastEvent(user.id, 'user.password_set');
      assert.equal(event.code, 1310);
      assert.deepEqual(event.details, { sessions_ended: 2 });
      assert.doesNotMatch(JSON.stringify(event), /second password|argon2/);
      const tooShort = await rejectsWith(ctx.users.setPassword(ctx.realmA, user.id, 'short', operator), 'password.too_short');
      assert.deepEqual(tooShort.details, [{ field: 'password', issue: 'must be at least 8 characters' }]);
      const api = await ctx.users.create(ctx.realmA, { username: 'service-bot', user_type: 'api' }, operator);
      await ctx.users.setPassword(ctx.realmA, api.id, 'a machine secret', operator);
      assert.equal((await ctx.users.get(ctx.realmA, api.id)).has_password, true);
    });

    it('logoutAll ends every live session of that user only', async () => {
      const { user } = await userWithSessions('chatty', 3);
      const other = await userWithSessions('quiet', 1);
      await ctx.users.logoutAll(ctx.realmA, user.id, operator);
      assert.deepEqual(await liveSessionIds(ctx, ctx.realmA, user.id), []);
      assert.equal((await liveSessionIds(ctx, ctx.realmA, other.user.id)).length, 1);
      const event = await lastEvent(user.id, 'user.logged_out');
      assert.equal(event.code, 1311);
      assert.deepEqual(event.details, { sessions_ended: 3 });
      assert.equal((await ctx.users.get(ctx.realmA, user.id)).version, 1, 'ending sessions is not a change of the user');
    });

    it('lists live sessions newest first, page by page', async () => {
      const { user } = await userWithSessions('roamer', 0);
      const opened = [];
      for (let i = 0; i < 4; i++) {
        opened.push(await openSession(ctx, ctx.realmA, user.id));
        ctx.clock.advance(1000);
      }
      await sessionStore.revoke(ctx.db, ctx.realmA.id, opened[1].id, 'logout', ctx.clock.now());
      const first = await ctx.users.listSessions(ctx.realmA, user.id, { limit: 2 });
      assert.deepEqual(first.items.map((s) => s.id), [opened[3].id, opened[2].id]);
      const second = await ctx.users.listSessions(ctx.realmA, user.id, { limit: 2, cursor: first.next_cursor ?? undefined });
      assert.deepEqual(second.items.map((s) => s.id), [opened[0].id]);
      assert.equal(second.next_cursor, null);
      ctx.clock.advance(86_400_000);
      assert.deepEqual((await ctx.users.listSessions(ctx.realmA, user.id, { limit: 10 })).items, [], 'expired sessions are not live');
    });

    it('revokes one session of the user, and only a live session of that user', async () => {
      const { user, sessions } = await userWithSessions('twosessions');
      const other = await userWithSessions('neighbour', 1);
      await rejectsWith(ctx.users.revokeSession(ctx.realmA, user.id, other.sessions[0].id, operator), 'session.not_found');
      await rejectsWith(ctx.users.revokeSession(ctx.realmA, user.id, 'ses_unknown', operator), 'session.not_found');
      await ctx.users.revokeSession(ctx.realmA, user.id, sessions[0].id, operator);
      assert.deepEqual(await liveSessionIds(ctx, ctx.realmA, user.id), [sessions[1].id]);
      assert.equal((await lastEvent(user.id, 'user.session_revoked')).details.session_id, sessions[0].id);
      await rejectsWith(ctx.users.revokeSession(ctx.realmA, user.id, sessions[0].id, operator), 'session.not_found');
      assert.equal((await liveSessionIds(ctx, ctx.realmA, other.user.id)).length, 1);
    });

    it("a user of realm A does not exist in realm B for any operation", async () => {
      const { user, sessions } = await userWithSessions('homebody', 1);
      const { users, realmB } = ctx;
      await rejectsWith(users.get(realmB, user.id), 'user.not_found');
      await rejectsWith(users.get(realmB, user.id, 1), 'user.not_found');
      await rejectsWith(users.update(realmB, user.id, { first_name: 'Intruder' }, operator), 'user.not_found');
      await rejectsWith(users.remove(realmB, user.id, operator), 'user.not_found');
      await rejectsWith(users.lock(realmB, user.id, 'x', operator), 'user.not_found');
      await rejectsWith(users.unlock(realmB, user.id, operator), 'user.not_found');
      await rejectsWith(users.setPassword(realmB, user.id, 'intruder password', operator), 'user.not_found');
      await rejectsWith(users.logoutAll(realmB, user.id, operator), 'user.not_found');
      await rejectsWith(users.listSessions(realmB, user.id, { limit: 10 }), 'user.not_found');
      await rejectsWith(users.revokeSession(realmB, user.id, sessions[0].id, operator), 'user.not_found');
      await rejectsWith(users.updateProfile(realmB, user.id, { first_name: 'Intruder' }), 'user.not_found');
      await rejectsWith(users.changePassword(realmB, user.id, 'first password', 'intruder password', null), 'user.not_found');
      assert.equal(await users.findById(realmB.id, user.id), undefined);
      assert.equal(await users.findWithSecret(realmB.id, user.id), undefined);
      assert.equal(await users.findForSignIn(realmB.id, 'homebody'), undefined);

      const untouched = await users.get(ctx.realmA, user.id);
      assert.deepEqual([untouched.version, untouched.first_name, untouched.locked], [1, null, false]);
      assert.deepEqual(await liveSessionIds(ctx, ctx.realmA, user.id), [sessions[0].id]);
      const inB = await ctx.db.selectFrom('events').select('id').where('realm_id', '=', realmB.id).execute();
      assert.deepEqual(inB, []);
    });
  });
}
