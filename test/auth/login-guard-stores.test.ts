import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ATTEMPT_TTL_MS, type GuardSubject } from '../../src/auth/login-guard.ts';
import { readJson } from '../../src/storage/codec.ts';
import { perSuite } from '../support/suite.ts';
import { guardFixture, origin, storeVariants } from './login-guard-fixture.ts';

const SECOND = 1000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const unknown = (hash: string): GuardSubject => ({ unknownIdentifierHash: hash });

/** The guard's schedule on every store: the same answers from the database (both dialects) and Redis. */
for (const variant of storeVariants) {
  describe(`login guard schedule on ${variant.name}`, () => {
    const f = perSuite(() => guardFixture(variant));

    async function fail(realm: Parameters<typeof f.guard.check>[0], subject: GuardSubject, times = 1) {
      for (let i = 0; i < times; i++) await f.guard.recordFailure(realm, subject, origin);
    }

    it('lets the first failures through, then asks for a delay growing 1, 2, 4 … s after each failure, capped at a minute', async () => {
      const realm = await f.realm({ delay_after: 3, lock_after: 1000, permanent_after: 10_000 });
      const subject = { userId: await f.user(realm) };
      await fail(realm, subject, 2);
      assert.deepEqual(await f.guard.check(realm, subject), { allowed: true });
      await fail(realm, subject);
      assert.deepEqual(await f.guard.check(realm, subject), { allowed: false, retryAfterSeconds: 1, reason: 'delayed' });
      f.clock.advance(SECOND);
      assert.deepEqual(await f.guard.check(realm, subject), { allowed: true });
      const waits = [];
      for (let i = 0; i < 8; i++) {
        await fail(realm, subject);
        const verdict = await f.guard.check(realm, subject);
        assert.ok(!verdict.allowed && verdict.reason === 'delayed');
        waits.push(verdict.retryAfterSeconds);
        f.clock.advance(verdict.retryAfterSeconds * SECOND - 1);
        assert.equal((await f.guard.check(realm, subject)).allowed, false, 'still waiting a millisecond before the end');
        f.clock.advance(1);
        assert.deepEqual(await f.guard.check(realm, subject), { allowed: true });
      }
      assert.deepEqual(waits, [2, 4, 8, 16, 32, 60, 60, 60]);
      assert.deepEqual(await f.guard.status(realm.id, subject.userId), { failures: 11, locks: 0, locked_until: null });
    });

    it('locks every lock_after failures, each lock twice the one before, capped at 24 h', async () => {
      const realm = await f.realm({ delay_after: 1000, lock_after: 2, lock_minutes: 600, permanent_after: 10_000 });
      const subject = { userId: await f.user(realm) };
      await fail(realm, subject);
      assert.deepEqual(await f.guard.check(realm, subject), { allowed: true });
      const lengths = [];
      for (let lock = 1; lock <= 4; lock++) {
        await fail(realm, subject);
        const lockedAt = f.clock.now();
        const verdict = await f.guard.check(realm, subject);
        assert.ok(!verdict.allowed && verdict.reason === 'locked', `lock ${lock}`);
        const status = await f.guard.status(realm.id, subject.userId);
        assert.equal(status.locks, lock);
        lengths.push((status.locked_until ?? 0) - lockedAt);
        assert.equal(verdict.retryAfterSeconds, (status.locked_until ?? 0) / SECOND - lockedAt / SECOND);
        f.clock.advance((status.locked_until ?? 0) - lockedAt);
        assert.deepEqual(await f.guard.check(realm, subject), { allowed: true }, 'the lock ends by itself');
        await fail(realm, subject);
        assert.deepEqual(await f.guard.check(realm, subject), { allowed: true }, 'no lock between multiples of lock_after');
      }
      assert.deepEqual(lengths, [10 * HOUR, 20 * HOUR, DAY, DAY]);
      const events = await f.events(realm.id, 'user.locked_temporarily');
      assert.equal(events.length, 4);
      assert.equal(events[0].user_id, subject.userId);
      assert.equal(events[0].actor_type, 'system');
    });

    it('forgets failures 24 h after the last one, or 24 h after a longer lock ends', async () => {
      const realm = await f.realm({ delay_after: 2, lock_after: 4, lock_minutes: 60, permanent_after: 10_000 });
      const delayed = { userId: await f.user(realm) };
      await fail(realm, delayed, 3);
      f.clock.advance(DAY - 1);
      assert.equal((await f.guard.status(realm.id, delayed.userId)).failures, 3, 'remembered until 24 h have passed');
      f.clock.advance(1);
      assert.deepEqual(await f.guard.status(realm.id, delayed.userId), { failures: 0, locks: 0, locked_until: null });
      await fail(realm, delayed);
      assert.deepEqual(await f.guard.check(realm, delayed), { allowed: true }, 'an expired count starts again from one');
      assert.equal((await f.guard.status(realm.id, delayed.userId)).failures, 1);

      const locked = unknown('a'.repeat(64));
      await fail(realm, locked, 4);
      f.clock.advance(HOUR + DAY - 1);
      assert.equal((await f.store.read(realm.id, `identifier:${'a'.repeat(64)}`, f.clock.now()))?.failures, 4, 'kept for 24 h after the lock ends');
      f.clock.advance(1);
      assert.equal(await f.store.read(realm.id, `identifier:${'a'.repeat(64)}`, f.clock.now()), null);
      if (f.purge) {
        const live = 'd'.repeat(64);
        // Counting a failure purges expired rows lazily (at most once an hour per process).
        await fail(realm, unknown(live));
        const left = await f.db.selectFrom('login_failures').select('subject').where('realm_id', '=', realm.id).execute();
        assert.deepEqual(left.map((row) => row.subject), [`identifier:${live}`], 'the expired rows are gone, the live count stays');
        f.clock.advance(DAY);
        assert.equal(await f.purge(f.clock.now()), 1);
      }
    });

    it('a success resets the count; clear forgets it and ends a temporary lock', async () => {
      const realm = await f.realm({ delay_after: 2, lock_after: 3, permanent_after: 10_000 });
      const subject = { userId: await f.user(realm) };
      await fail(realm, subject, 2);
      f.clock.advance(SECOND);
      await f.guard.recordSuccess(realm, subject);
      await fail(realm, subject, 2);
      assert.deepEqual(await f.guard.status(realm.id, subject.userId), { failures: 2, locks: 0, locked_until: null }, 'counted from zero again');
      await fail(realm, subject);
      assert.equal((await f.guard.check(realm, subject)).allowed, false);
      await f.guard.clear(realm.id, subject.userId);
      assert.deepEqual(await f.guard.check(realm, subject), { allowed: true });
      assert.deepEqual(await f.guard.status(realm.id, subject.userId), { failures: 0, locks: 0, locked_until: null });
    });

    it('counts every one of 20 concurrent failures and takes each lock exactly once', async () => {
      const realm = await f.realm({ delay_after: 1000, lock_after: 10, lock_minutes: 15, permanent_after: 10_000 });
      const subject = { userId: await f.user(realm) };
      await Promise.all(Array.from({ length: 20 }, () => f.guard.recordFailure(realm, subject, origin)));
      const status = await f.guard.status(realm.id, subject.userId);
      assert.equal(status.failures, 20);
      assert.equal(status.locks, 2);
      assert.equal(status.locked_until, f.clock.now() + 30 * MINUTE);
      const locks = await f.events(realm.id, 'user.locked_temporarily');
      assert.deepEqual(locks.map((event) => readJson<{ failures: number }>(event.details).failures).sort((a, b) => a - b), [10, 20]);
      const hash = 'b'.repeat(64);
      await Promise.all(Array.from({ length: 20 }, () => f.guard.recordFailure(realm, unknown(hash), origin)));
      assert.equal((await f.store.read(realm.id, `identifier:${hash}`, f.clock.now()))?.failures, 20);
    });

    it('counts attempts in progress as failures: of 12 begun at once, only as many as delay_after go ahead', async () => {
      const realm = await f.realm({ delay_after: 3, lock_after: 100, permanent_after: 10_000 });
      const subject = { userId: await f.user(realm) };
      await fail(realm, subject);
      const attempts = await Promise.all(Array.from({ length: 12 }, () => f.guard.begin(realm, subject)));
      assert.equal(attempts.filter((attempt) => attempt.verdict.allowed).length, 2, 'one failure before, two attempts more');
      await Promise.all(attempts.map((attempt) => attempt.end()));
      // Ended without failing: nothing more counts, and the next attempt goes ahead.
      assert.deepEqual((await f.guard.begin(realm, subject)).verdict, { allowed: true });
      // An attempt its request never ended is forgotten after a while.
      f.clock.advance(ATTEMPT_TTL_MS);
      await fail(realm, subject);
      const later = await f.guard.begin(realm, subject);
      assert.deepEqual(later.verdict, { allowed: true });
      await later.end();
    });

    it('keeps realms apart: one realm\'s failures never count in another', async () => {
      const [first, second] = [await f.realm({ delay_after: 1 }), await f.realm({ delay_after: 1 })];
      const hash = 'c'.repeat(64);
      await fail(first, unknown(hash), 3);
      assert.equal((await f.guard.check(first, unknown(hash))).allowed, false);
      assert.deepEqual(await f.guard.check(second, unknown(hash)), { allowed: true });
      const userId = await f.user(first);
      await fail(first, { userId }, 2);
      assert.deepEqual(await f.guard.status(second.id, userId), { failures: 0, locks: 0, locked_until: null });
      await f.guard.clear(second.id, userId);
      assert.equal((await f.guard.status(first.id, userId)).failures, 2, 'clearing in another realm changes nothing here');
    });

    it('does nothing while the realm has the guard switched off', async () => {
      const realm = await f.realm({ enabled: false, delay_after: 1, lock_after: 1, permanent_after: 1 });
      const userId = await f.user(realm);
      await fail(realm, { userId }, 5);
      assert.deepEqual(await f.guard.check(realm, { userId }), { allowed: true });
      assert.deepEqual(await f.guard.status(realm.id, userId), { failures: 0, locks: 0, locked_until: null });
      assert.equal((await f.users.get(realm, userId)).locked, false);
    });
  });
}
