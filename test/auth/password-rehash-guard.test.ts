import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { AppError } from '../../src/errors.ts';
import { createPasswordHasher, type PasswordHasher } from '../../src/platform/passwords.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { authFixture, origin, PASSWORD, type AuthFixture } from './fixtures.ts';

/**
 * The hash upgrade at sign-in runs only once the brute-force guard allowed the attempt, and never
 * changes the answer: a right guess on a locked account answers like a wrong one and costs no
 * extra hash, and a failing upgrade still signs the user in.
 */
for (const dialect of dialects) {
  describe(`password rehash and the brute-force guard on ${dialect}`, () => {
    // The server's parameters were raised after the users' hashes were made with cheapArgon2.
    const stronger = createPasswordHasher({ memoryKib: 2048, passes: 2, parallelism: 1 });

    /** `stronger`, counting the hashes it makes; `failing` makes each one throw as a full queue does. */
    function hasherWith(state: { hashes: number; failing: boolean }): PasswordHasher {
      return {
        ...stronger,
        async hash(realmId, password) {
          state.hashes++;
          if (state.failing) throw new AppError('service.unavailable', 'Too many password checks are waiting for this realm; try again shortly.', { retryAfterSeconds: 1 });
          return stronger.hash(realmId, password);
        },
      };
    }

    const storedHash = async (f: AuthFixture, userId: string) =>
      (await f.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).password_hash ?? '';
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => assert.fail('expected a refusal'),
        (error: unknown) => {
          assert.ok(error instanceof AppError, String(error));
          return { code: error.code, retryAfterSeconds: error.retryAfterSeconds };
        },
      );

    async function guardedUser(f: AuthFixture): Promise<{ realm: Realm; userId: string }> {
      const realm = await f.realm({ brute_force: { delay_after: 2, lock_after: 2, lock_minutes: 1, permanent_after: 100 } });
      const user = await f.user(realm, { username: 'ada' });
      return { realm, userId: user.id };
    }

    /** A fixture whose password method hashes with `hasher`, a guarded realm with ada in it, and ada's hash now. */
    async function setUp(t: TestContext, hasher: PasswordHasher) {
      const f = await authFixture(dialect, { wrapHasher: () => hasher });
      t.after(() => f.dispose());
      const { realm, userId } = await guardedUser(f);
      return { f, realm, userId, before: await storedHash(f, userId) };
    }

    it('during a lock a right password answers as a wrong one and upgrades nothing; after the lock it is upgraded', async (t) => {
      const state = { hashes: 0, failing: false };
      const { f, realm, userId, before } = await setUp(t, hasherWith(state));
      for (let i = 0; i < 2; i++) await refusal(f.auth.authenticatePassword(realm, { identifier: 'ada', password: 'wrong password' }, origin));

      const wrong = await refusal(f.auth.authenticatePassword(realm, { identifier: 'ada', password: 'wrong password' }, origin));
      const right = await refusal(f.auth.authenticatePassword(realm, { identifier: 'ada', password: PASSWORD }, origin));
      assert.equal(wrong.code, 'auth.too_many_attempts');
      assert.deepEqual(right, wrong);
      assert.equal(state.hashes, 0, 'no hash is made while locked');
      assert.equal(await storedHash(f, userId), before);

      // A full hashing queue while locked changes nothing either: the upgrade is not even tried.
      state.failing = true;
      assert.deepEqual(await refusal(f.auth.authenticatePassword(realm, { identifier: 'ada', password: PASSWORD }, origin)), wrong);
      assert.equal(state.hashes, 0);
      state.failing = false;

      f.clock.advance(61 * 60_000);
      const signedIn = await f.login(realm, { identifier: 'ada', password: PASSWORD });
      assert.equal(signedIn.user.id, userId);
      assert.equal(state.hashes, 1);
      const after = await storedHash(f, userId);
      assert.notEqual(after, before);
      assert.equal(stronger.needsRehash(after), false);
      assert.deepEqual(f.warnings, []);
    });

    it('a failing upgrade still signs the user in, logs a warning without the password, and leaves the hash', async (t) => {
      const state = { hashes: 0, failing: true };
      const { f, realm, userId, before } = await setUp(t, hasherWith(state));
      const signedIn = await f.login(realm, { identifier: 'ada', password: PASSWORD });
      assert.equal(signedIn.user.id, userId);
      assert.ok(signedIn.access_token);
      assert.equal(state.hashes, 1);
      assert.equal(await storedHash(f, userId), before);
      assert.equal(f.warnings.length, 1);
      assert.match(f.warnings[0], /could not be upgraded.*service\.unavailable/);
      assert.ok(!f.warnings[0].includes(PASSWORD));

      // Any other error is caught the same way.
      const broken = await setUp(t, { ...stronger, hash: () => Promise.reject(new TypeError('boom')) });
      assert.equal((await broken.f.login(broken.realm, { identifier: 'ada', password: PASSWORD })).user.id, broken.userId);
      assert.equal(await storedHash(broken.f, broken.userId), broken.before);
      assert.match(broken.f.warnings[0], /"error":"TypeError"/);
    });
  });
}
