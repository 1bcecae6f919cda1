import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPasswordHasher } from '../../src/platform/passwords.ts';
import { readJson } from '../../src/storage/codec.ts';
import { userStore } from '../../src/users/user-store.ts';
import { dialects } from '../support/databases.ts';
import { cheapArgon2, insertRealm, operator, rejectsWith } from '../support/fixtures.ts';
import { perSuite } from '../support/suite.ts';
import { eventsOf, liveSessionIds, openSession, usersContext } from './fixtures.ts';

const hasher = createPasswordHasher(cheapArgon2);

for (const dialect of dialects) {
  describe(`user directory and self-service on ${dialect}`, () => {
    const ctx = perSuite(() => usersContext(dialect));

    it('finds a user for sign-in by username, then email, then mobile, with its tags, only in its realm', async () => {
      const user = await ctx.users.create(
        ctx.realmA,
        { username: 'Signer', email: 'signer@example.com', mobile: '+15550101010', password: 'let me in please', tags: ['vip', 'beta'] },
        operator,
      );
      for (const identifier of ['signer', 'SIGNER ', 'Signer@Example.com', ' signer@example.com', '+1 (555) 010-1010', '+15550101010']) {
        const found = await ctx.users.findForSignIn(ctx.realmA.id, identifier);
        assert.equal(found?.id, user.id, identifier);
        assert.deepEqual(found?.tags, ['beta', 'vip']);
        assert.ok(found && (await hasher.verify(ctx.realmA.id, 'let me in please', found.password_hash ?? '')));
        assert.equal(await ctx.users.findForSignIn(ctx.realmB.id, identifier), undefined, identifier);
      }
      for (const identifier of ['', 'nobody', 'sign', 'signer@example', '+15550101011']) {
        assert.equal(await ctx.users.findForSignIn(ctx.realmA.id, identifier), undefined, identifier);
      }
    });

    it('prefers a username over an email that looks the same', async () => {
      const byEmail = await ctx.users.create(ctx.realmA, { email: 'twin@example.com' }, operator);
      const byName = await ctx.users.create(ctx.realmA, { username: 'twin@example.com' }, operator);
      assert.notEqual(byEmail.id, byName.id);
      assert.equal((await ctx.users.findForSignIn(ctx.realmA.id, 'twin@example.com'))?.id, byName.id);
    });

    it('refuses an email that several users share, and never returns deleted users', async () => {
      const relaxed = await insertRealm(ctx.db, 'rl_relaxed', { users: { require_unique_emails: false } });
      const first = await ctx.users.create(relaxed, { email: 'shared@example.com' }, operator);
      assert.equal((await ctx.users.findForSignIn(relaxed.id, 'shared@example.com'))?.id, first.id);
      const second = await ctx.users.create(relaxed, { email: 'shared@example.com', username: 'second' }, operator);
      assert.equal(await ctx.users.findForSignIn(relaxed.id, 'shared@example.com'), undefined);
      const third = await ctx.users.create(relaxed, { email: 'shared@example.com' }, operator);
      assert.equal(await ctx.users.findForSignIn(relaxed.id, 'shared@example.com'), undefined);
      await ctx.users.remove(relaxed, third.id, operator);
      assert.equal((await ctx.users.findForSignIn(relaxed.id, 'second'))?.id, second.id);
      await ctx.users.remove(relaxed, first.id, operator);
      assert.equal((await ctx.users.findForSignIn(relaxed.id, 'shared@example.com'))?.id, second.id);
      await ctx.users.remove(relaxed, second.id, operator);
      assert.equal(await ctx.users.findForSignIn(relaxed.id, 'second'), undefined);
      assert.equal(await ctx.users.findForSignIn(relaxed.id, 'shared@example.com'), undefined);
    });

    it('findTokenSubject reads what a token is made of, only in the user’s realm and while the user exists', async () => {
      const user = await ctx.users.create(
        ctx.realmA,
        { username: 'subject', email: 'Subject@Example.com', first_name: 'Sub', custom: { plan: 'pro' }, access: { type: 'master' }, access_token_minutes: 30 },
        operator,
      );
      assert.deepEqual(await ctx.users.findTokenSubject(ctx.realmA.id, user.id), {
        id: user.id,
        email: 'subject@example.com',
        email_verified: false,
        username: 'subject',
        display_name: 'Sub',
        custom: { plan: 'pro' },
        access: { type: 'master' },
        access_token_minutes: 30,
        state: 'active',
        locked: false,
      });
      assert.equal(await ctx.users.findTokenSubject(ctx.realmB.id, user.id), undefined);
      await ctx.users.remove(ctx.realmA, user.id, operator);
      assert.equal(await ctx.users.findTokenSubject(ctx.realmA.id, user.id), undefined);
    });

    it('findById hides the hash, findWithSecret has it, a sign-in’s time is not a new version', async () => {
      const user = await ctx.users.create(ctx.realmA, { username: 'secretive', password: 'hidden away' }, operator);
      const plain = await ctx.users.findById(ctx.realmA.id, user.id);
      assert.deepEqual(plain, user);
      assert.equal(plain && 'password_hash' in plain, false);
      const secret = await ctx.users.findWithSecret(ctx.realmA.id, user.id);
      assert.match(secret?.password_hash ?? '', /^\$argon2id\$/);
      ctx.clock.advance(5000);
      const signIn = (realmId: string, version: number, at: number) => ctx.db.transaction().execute((trx) => userStore.recordSignIn(trx, realmId, user.id, version, at));
      assert.equal(await signIn(ctx.realmA.id, user.version, ctx.clock.now()), true);
      const after = await ctx.users.get(ctx.realmA, user.id);
      assert.equal(after.last_login_at, ctx.clock.now());
      assert.equal(after.version, 1);
      assert.equal(after.updated_at, user.updated_at);
      assert.equal(await signIn(ctx.realmA.id, user.version, ctx.clock.now() - 1000), true, 'a sign-in whose turn came late');
      assert.equal((await ctx.users.get(ctx.realmA, user.id)).last_login_at, ctx.clock.now(), 'never back in time');
      assert.equal(await signIn(ctx.realmB.id, user.version, ctx.clock.now() + 1), false, 'another realm cannot touch it');
      assert.equal(await signIn(ctx.realmA.id, user.version + 1, ctx.clock.now() + 2), false, 'not at a version the user is not at');
      assert.equal((await ctx.users.get(ctx.realmA, user.id)).last_login_at, ctx.clock.now());
      await ctx.users.remove(ctx.realmA, user.id, operator);
      assert.equal(await signIn(ctx.realmA.id, user.version, ctx.clock.now() + 3), false, 'not for a deleted user');
    });

    it('updateProfile changes only the names, as the user', async () => {
      const user = await ctx.users.create(ctx.realmA, { username: 'selfie', email: 'selfie@example.com' }, operator);
      const updated = await ctx.users.updateProfile(ctx.realmA, user.id, { first_name: 'Sam', last_name: 'Elfie' });
      assert.equal(updated.display_name, 'Sam Elfie');
      assert.equal(updated.updated_by, user.id);
      assert.equal(updated.version, 2);
      const event = (await eventsOf(ctx.db, ctx.realmA.id, user.id)).find((e) => e.type === 'user.profile_updated');
      assert.deepEqual([event?.actor_type, event?.actor_id], ['user', user.id]);
      assert.deepEqual([...(readJson<{ fields: string[] }>(event?.details ?? '{}').fields)].sort(), ['display_name', 'first_name', 'last_name']);
      await rejectsWith(ctx.users.updateProfile(ctx.realmA, user.id, { email: 'other@example.com' } as never), 'user.invalid');
      await rejectsWith(ctx.users.updateProfile(ctx.realmA, user.id, { first_name: 'x'.repeat(201) }), 'user.invalid');
      assert.equal((await ctx.users.get(ctx.realmA, user.id)).email, 'selfie@example.com');
    });

    it('changePassword checks the current password and ends every other session', async () => {
      const user = await ctx.users.create(ctx.realmA, { username: 'changer', password: 'old password' }, operator);
      const current = await openSession(ctx, ctx.realmA, user.id);
      await openSession(ctx, ctx.realmA, user.id);
      await openSession(ctx, ctx.realmA, user.id);

      const wrong = await rejectsWith(ctx.users.changePassword(ctx.realmA, user.id, 'not my password', 'new password', current.id), 'account.invalid_password');
      assert.deepEqual(wrong.details, [{ field: 'current_password', issue: 'is not correct' }]);
      const short = await rejectsWith(ctx.users.changePassword(ctx.realmA, user.id, 'old password', 'tiny', current.id), 'password.too_short');
      assert.deepEqual(short.details, [{ field: 'new_password', issue: 'must be at least 8 characters' }]);
      assert.equal((await liveSessionIds(ctx, ctx.realmA, user.id)).length, 3, 'a refused change ends nothing');

      await ctx.users.changePassword(ctx.realmA, user.id, 'old password', 'new password', current.id);
      assert.deepEqual(await liveSessionIds(ctx, ctx.realmA, user.id), [current.id]);
      const stored = await ctx.users.findWithSecret(ctx.realmA.id, user.id);
      assert.equal(await hasher.verify(ctx.realmA.id, 'new password', stored?.password_hash ?? ''), true);
      assert.equal(await hasher.verify(ctx.realmA.id, 'old password', stored?.password_hash ?? ''), false);
      const event = (await eventsOf(ctx.db, ctx.realmA.id, user.id)).find((e) => e.type === 'user.password_changed');
      assert.deepEqual(readJson(event?.details ?? '{}'), { sessions_ended: 2 });
      assert.equal(event?.actor_id, user.id);

      await ctx.users.changePassword(ctx.realmA, user.id, 'new password', 'newer password', null);
      assert.deepEqual(await liveSessionIds(ctx, ctx.realmA, user.id), [], 'without a session to keep, all end');
      const passwordless = await ctx.users.create(ctx.realmA, { username: 'nopass' }, operator);
      await rejectsWith(ctx.users.changePassword(ctx.realmA, passwordless.id, '', 'brand new password', null), 'account.invalid_password');
    });
  });
}
