import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createPasswordMethod } from '../../src/auth/methods/password.ts';
import { createPasswordHasher } from '../../src/platform/passwords.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { sessionStore } from '../../src/sessions/session-store.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { perSuite } from '../support/suite.ts';
import { authFixture, PASSWORD } from './fixtures.ts';
import { pythonHashes } from './password-hash-tools.ts';

/**
 * The password method upgrades a weaker hash after a successful check, and only once the auth
 * service allowed the sign-in (its `afterAllowed` upkeep), best-effort.
 */
for (const dialect of dialects) {
  describe(`password rehash on sign-in on ${dialect}`, () => {
    const f = perSuite(() => authFixture(dialect));
    // The server's parameters were raised after the users' hashes were made with cheapArgon2.
    const raised = { memoryKib: 2048, passes: 2, parallelism: 1 };
    const stronger = createPasswordHasher(raised);
    const context = { clock: f.clock };
    const warn = () => assert.fail('no warning expected');
    /** What the auth service does with an allowed outcome: the method's upkeep runs. */
    const signIn = async (method: ReturnType<typeof createPasswordMethod>, identifier: string, password: string) => {
      const outcome = await method.authenticate(realm, { identifier, password }, context);
      if (outcome.kind === 'authenticated') await outcome.afterAllowed?.();
      return outcome;
    };
    let realm: Realm;
    let other: Realm;
    let counter = 0;

    before(async () => {
      realm = await f.realm();
      other = await f.realm();
    });

    const storedHash = async (userId: string) =>
      (await f.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).password_hash ?? '';
    const userEvents = (userId: string) => f.db.selectFrom('events').select('type').where('user_id', '=', userId).execute();
    const newUser = async (input: { password?: string; password_hash?: string } = {}) => {
      const username = `rehash-${++counter}`;
      const user = await f.users.create(realm, { username, ...(input.password_hash ? { password_hash: input.password_hash } : { password: input.password ?? PASSWORD }) }, operator);
      return { user, username };
    };

    it('raised argon2 parameters: the hash is remade with them, with no new version, event or session change', async () => {
      const { user, username } = await newUser();
      const before = await storedHash(user.id);
      assert.ok(before.includes('m=1024,t=1,p=1'));
      const now = f.clock.now();
      const session = await sessionStore.create(f.db, { realmId: realm.id, userId: user.id, now, expiresAt: now + 60_000, ip: null, userAgent: null });
      const eventsBefore = await userEvents(user.id);

      const method = createPasswordMethod({ users: f.users, hasher: stronger, warn });
      const outcome = await method.authenticate(realm, { identifier: username, password: PASSWORD }, context);
      assert.equal(outcome.kind, 'authenticated');
      assert.equal(await storedHash(user.id), before, 'nothing is written before the sign-in is allowed');
      await outcome.afterAllowed?.();
      const after = await storedHash(user.id);
      assert.match(after, /^\$argon2id\$v=19\$m=2048,t=2,p=1\$/);
      assert.equal(stronger.needsRehash(after), false);
      assert.equal((await f.users.findById(realm.id, user.id))?.version, 1);
      assert.deepEqual(await userEvents(user.id), eventsBefore);
      assert.equal((await sessionStore.find(f.db, realm.id, session.id))?.revoked_at, null);

      // The new hash is used from now on; signing in again changes nothing more.
      assert.equal((await signIn(method, username, PASSWORD)).kind, 'authenticated');
      assert.equal(await storedHash(user.id), after);
      // A server still on the old parameters keeps verifying it (and would move it back: harmless).
      assert.equal(await f.hasher.verify(realm.id, PASSWORD, after), true);
    });

    it('an imported hash becomes argon2id with the current parameters on the first successful sign-in', async () => {
      const { 'pbkdf2-sha512': imported } = await pythonHashes(PASSWORD);
      const { user, username } = await newUser({ password_hash: imported });
      assert.equal(await storedHash(user.id), imported, 'stored as given');
      const method = createPasswordMethod({ users: f.users, hasher: f.hasher, warn });
      assert.equal((await signIn(method, username, 'wrong password')).kind, 'denied');
      assert.equal(await storedHash(user.id), imported, 'a wrong password upgrades nothing');
      assert.equal((await signIn(method, username, PASSWORD)).kind, 'authenticated');
      const upgraded = await storedHash(user.id);
      assert.match(upgraded, /^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
      assert.equal(await f.hasher.verify(realm.id, PASSWORD, upgraded), true);
    });

    it('a locked or inactive user with the right password is not upgraded', async () => {
      const { user: locked, username: lockedName } = await newUser();
      await f.users.lock(realm, locked.id, null, operator);
      const { user: inactive, username: inactiveName } = await newUser();
      await f.users.update(realm, inactive.id, { state: 'inactive' }, operator);
      const method = createPasswordMethod({ users: f.users, hasher: stronger, warn });
      for (const [user, identifier] of [[locked, lockedName], [inactive, inactiveName]] as const) {
        const before = await storedHash(user.id);
        assert.equal((await signIn(method, identifier, PASSWORD)).kind, 'denied');
        assert.equal(await storedHash(user.id), before);
      }
    });

    it('a hash changed meanwhile is not overwritten, and the sign-in still succeeds', async () => {
      const { user, username } = await newUser();
      const racing = {
        findForSignIn: f.users.findForSignIn,
        // The operator sets a new password between the check and the upgrade.
        async upgradePasswordHash(realmId: string, userId: string, oldHash: string, newHash: string) {
          await f.users.setPassword(realm, userId, 'set by the operator', operator);
          const upgraded = await f.users.upgradePasswordHash(realmId, userId, oldHash, newHash);
          assert.equal(upgraded, false);
          return upgraded;
        },
      };
      const method = createPasswordMethod({ users: racing, hasher: stronger, warn });
      assert.equal((await signIn(method, username, PASSWORD)).kind, 'authenticated');
      assert.equal(await f.hasher.verify(realm.id, 'set by the operator', await storedHash(user.id)), true);
    });

    it("the upgrade touches only this realm's user", async () => {
      const { user } = await newUser();
      const before = await storedHash(user.id);
      const replacement = await stronger.hash(realm.id, PASSWORD);
      assert.equal(await f.users.upgradePasswordHash(other.id, user.id, before, replacement), false);
      assert.equal(await storedHash(user.id), before);
      assert.equal(await f.users.upgradePasswordHash(realm.id, user.id, before, replacement), true);
      assert.equal(await storedHash(user.id), replacement);
    });
  });
}
