import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BRUTE_FORCE_LOCK_REASON, createLoginGuard, type GuardSubject, type GuardVerdict } from '../../src/auth/login-guard.ts';
import { AppError } from '../../src/errors.ts';
import { createEventLog } from '../../src/events/event-log.ts';
import { createPasswordHasher } from '../../src/platform/passwords.ts';
import { readJson } from '../../src/storage/codec.ts';
import { createUserService } from '../../src/users/user-service.ts';
import { cheapArgon2, operator } from '../support/fixtures.ts';
import { perSuite } from '../support/suite.ts';
import { guardFixture, origin, storeVariants } from './login-guard-fixture.ts';

const SECOND = 1000;

/** Permanent locks, and the guard's answers for accounts and for identifiers that match none. */
for (const variant of storeVariants) {
  describe(`login guard locks on ${variant.name}`, () => {
    const f = perSuite(() => guardFixture(variant));

    it('locks a real account for good at permanent_after, through the user service, once', async () => {
      const realm = await f.realm({ delay_after: 1000, lock_after: 10_000, permanent_after: 3 });
      const userId = await f.user(realm);
      for (let i = 0; i < 2; i++) await f.guard.recordFailure(realm, { userId }, origin);
      assert.equal((await f.users.get(realm, userId)).locked, false);
      await f.guard.recordFailure(realm, { userId }, origin);
      const user = await f.users.get(realm, userId);
      assert.deepEqual([user.locked, user.locked_reason, user.version], [true, BRUTE_FORCE_LOCK_REASON, 2]);
      assert.deepEqual(await f.users.get(realm, userId, 2), user, 'a version was written');
      const [event] = await f.events(realm.id, 'user.locked');
      assert.equal(event.user_id, userId);
      assert.equal(event.actor_type, 'system');
      assert.deepEqual(readJson(event.details), { reason: 'brute_force', failures: 3, sessions_ended: 0 });
      // Further failures of the locked account (it answers like an unknown one) change nothing more.
      await f.guard.recordFailure(realm, { userId }, origin);
      assert.equal((await f.events(realm.id, 'user.locked')).length, 1);
      assert.equal((await f.users.get(realm, userId)).version, 2);
      assert.equal((await f.guard.status(realm.id, userId)).failures, 4);
    });

    it('keeps an operator\'s lock and its reason when guessing reaches the threshold', async () => {
      const realm = await f.realm({ delay_after: 1000, lock_after: 10_000, permanent_after: 1 });
      const userId = await f.user(realm);
      await f.users.lock(realm, userId, 'fraud review', operator);
      await f.guard.recordFailure(realm, { userId }, origin);
      const user = await f.users.get(realm, userId);
      assert.deepEqual([user.locked, user.locked_reason, user.version], [true, 'fraud review', 2]);
    });

    it('answers an unknown identifier exactly as an account at every count, past the permanent threshold too', async () => {
      const realm = await f.realm({ delay_after: 2, lock_after: 3, lock_minutes: 1, permanent_after: 5 });
      const account: GuardSubject = { userId: await f.user(realm) };
      const nobody: GuardSubject = { unknownIdentifierHash: 'e'.repeat(64) };
      const steps = [0, 0, 0, 1, 2, 0, 60, 90, 5, 30, 61, 3600];
      for (const [index, seconds] of steps.entries()) {
        f.clock.advance(seconds * SECOND);
        const forAccount: GuardVerdict = await f.guard.check(realm, account);
        const forNobody: GuardVerdict = await f.guard.check(realm, nobody);
        assert.deepEqual(forNobody, forAccount, `step ${index}`);
        // A refused attempt is not counted, for either.
        if (!forAccount.allowed) continue;
        await f.guard.recordFailure(realm, account, origin);
        await f.guard.recordFailure(realm, nobody, origin);
      }
      assert.equal((await f.users.get(realm, 'userId' in account ? account.userId : '')).locked, true);
      assert.equal((await f.events(realm.id, 'user.locked_temporarily')).length, 2);
      assert.ok((await f.events(realm.id, 'user.locked_temporarily')).every((event) => event.user_id !== null), 'nothing is recorded for the unknown identifier');
    });

    it('keeps counting and locking for a while when the account cannot be locked (the last superadmin)', async () => {
      const events = createEventLog(f.clock);
      const users = createUserService({
        db: f.db,
        clock: f.clock,
        events,
        hasher: createPasswordHasher(cheapArgon2),
        beforeChange: async (_trx, _realm, change) => {
          if (change.after?.locked) throw new AppError('operator.last_superadmin', 'The last superadmin cannot be locked.');
        },
      });
      const guard = createLoginGuard({ db: f.db, clock: f.clock, events, store: f.store, users });
      const realm = await f.realm({ delay_after: 1000, lock_after: 2, lock_minutes: 1, permanent_after: 2 });
      const userId = await f.user(realm);
      for (let i = 0; i < 4; i++) {
        await guard.recordFailure(realm, { userId }, origin);
        f.clock.advance(i % 2 === 0 ? 0 : 10 * 60 * SECOND);
      }
      assert.equal((await users.get(realm, userId)).locked, false);
      const status = await guard.status(realm.id, userId);
      assert.deepEqual([status.failures, status.locks], [4, 2]);
    });
  });
}
