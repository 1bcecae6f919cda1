import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createValidationStateCache } from '../../src/auth/validation-state.ts';
import type { Realm } from '../../src/realms/realm.ts';
import type { User } from '../../src/users/user.ts';
import { dialects } from '../support/databases.ts';
import { perSuite } from '../support/suite.ts';
import { settle, WatchedStatements } from '../support/watched-statements.ts';
import { authFixture, origin, PASSWORD } from './fixtures.ts';

for (const dialect of dialects) {
  describe(`validate's state cache on ${dialect}`, () => {
    const f = perSuite(() => authFixture(dialect));
    let realm: Realm;
    let user: User;
    before(async () => ({ realm, user } = await f.realmWithUser({ username: 'grace' })));

    const cacheOf = (options: { capacity?: number; listening?: () => boolean } = {}) =>
      createValidationStateCache({ capacity: options.capacity ?? 100, ttlMs: 10_000, now: () => f.clock.now(), listening: options.listening ?? (() => true) });
    const newSession = async () => (await f.login(realm, { identifier: 'grace', password: PASSWORD }, origin)).session_id!;
    const revokeBehindItsBack = (sessionId: string) => f.db.updateTable('sessions').set({ revoked_at: f.clock.now() }).where('id', '=', sessionId).execute();

    it('answers from memory until an invalidation for the realm, user or session', async () => {
      const cache = cacheOf();
      for (const notice of [{ realmId: realm.id }, { realmId: realm.id, userId: user.id }, 'session'] as const) {
        const sessionId = await newSession();
        assert.equal((await cache.read(f.db, realm.id, user.id, sessionId))?.session?.revoked_at, null);
        await revokeBehindItsBack(sessionId);
        assert.equal((await cache.read(f.db, realm.id, user.id, sessionId))?.session?.revoked_at, null, 'cached');
        cache.invalidate(notice === 'session' ? { realmId: realm.id, sessionId } : notice);
        assert.notEqual((await cache.read(f.db, realm.id, user.id, sessionId))?.session?.revoked_at, null, `read again after ${JSON.stringify(notice)}`);
      }
    });

    it("leaves other realms', users' and sessions' entries alone", async () => {
      const cache = cacheOf();
      const sessionId = await newSession();
      await cache.read(f.db, realm.id, user.id, sessionId);
      await revokeBehindItsBack(sessionId);
      cache.invalidate({ realmId: 'rl_other' });
      cache.invalidate({ realmId: realm.id, userId: 'usr_other' });
      cache.invalidate({ realmId: realm.id, sessionId: 'ses_other' });
      assert.equal((await cache.read(f.db, realm.id, user.id, sessionId))?.session?.revoked_at, null);
      cache.invalidate('all');
      assert.notEqual((await cache.read(f.db, realm.id, user.id, sessionId))?.session?.revoked_at, null);
    });

    it('keeps only states that let a token through, and reads an expired session again', async () => {
      const cache = cacheOf();
      const sessionId = await newSession();
      await revokeBehindItsBack(sessionId);
      await cache.read(f.db, realm.id, user.id, sessionId);
      assert.equal(cache.size, 0, 'a revoked session is not kept');
      assert.equal(await cache.read(f.db, realm.id, 'usr_nobody', null), undefined);
      assert.equal(cache.size, 0, 'nor an unknown user');
      const live = await newSession();
      const first = await cache.read(f.db, realm.id, user.id, live);
      f.clock.advance(first!.session!.expires_at - f.clock.now() + 1);
      await cache.read(f.db, realm.id, user.id, live);
      assert.equal(cache.size, 0, 'past its expiry the entry is read again and not kept');
    });

    it('does not keep a read that raced an invalidation, nor anything while not listening', async () => {
      const cache = cacheOf();
      const sessionId = await newSession();
      const reading = cache.read(f.db, realm.id, user.id, sessionId);
      cache.invalidate({ realmId: realm.id, sessionId });
      await reading;
      assert.equal(cache.size, 0);
      const deaf = cacheOf({ listening: () => false });
      await deaf.read(f.db, realm.id, user.id, sessionId);
      assert.equal(deaf.size, 0);
    });

    it('holds at most its capacity, the least recently used going first', async () => {
      const cache = cacheOf({ capacity: 2 });
      const [a, b, c] = [await newSession(), await newSession(), await newSession()];
      await cache.read(f.db, realm.id, user.id, a);
      await cache.read(f.db, realm.id, user.id, b);
      await cache.read(f.db, realm.id, user.id, a); // a is now the most recent
      await cache.read(f.db, realm.id, user.id, c); // b goes
      assert.equal(cache.size, 2);
      await revokeBehindItsBack(a);
      await revokeBehindItsBack(b);
      assert.equal((await cache.read(f.db, realm.id, user.id, a))?.session?.revoked_at, null, 'a stayed');
      assert.notEqual((await cache.read(f.db, realm.id, user.id, b))?.session?.revoked_at, null, 'b was evicted');
    });

    it('answers requests that find nothing with one read between them, and reads a state in use again before it expires', async () => {
      const cache = cacheOf();
      const watched = new WatchedStatements();
      const db = f.db.withPlugin(watched);
      const sessionId = await newSession();
      const states = await Promise.all(Array.from({ length: 20 }, () => cache.read(db, realm.id, user.id, sessionId)));
      assert.ok(states.every((state) => state?.session?.revoked_at === null));
      assert.equal(watched.sent, 1, 'one statement for twenty requests');

      // Last quarter of its 10 s: served at once, read again behind it.
      f.clock.advance(8_000);
      await revokeBehindItsBack(sessionId);
      const release = watched.holdAnswers();
      assert.equal((await cache.read(db, realm.id, user.id, sessionId))?.session?.revoked_at, null, 'answered from memory, the read still held');
      await settle();
      assert.equal(watched.sent, 2);
      release();
      await settle();
      assert.equal(cache.size, 0, 'the read behind it found the session revoked (a message missed) and dropped the entry');
      assert.notEqual((await cache.read(db, realm.id, user.id, sessionId))?.session?.revoked_at, null);
    });

    it("keeps reads through other users' and sessions' changes, and reads again for a request that came after a change of its own", async () => {
      const cache = cacheOf();
      const watched = new WatchedStatements();
      const db = f.db.withPlugin(watched);
      const sessionId = await newSession();
      let release = watched.holdAnswers();
      const first = cache.read(db, realm.id, user.id, sessionId);
      await settle();
      cache.invalidate({ realmId: realm.id, userId: 'usr_other' });
      cache.invalidate({ realmId: realm.id, sessionId: 'ses_other' });
      const joined = cache.read(db, realm.id, user.id, sessionId);
      release();
      await Promise.all([first, joined]);
      assert.equal(watched.sent, 1);
      assert.equal(cache.size, 1, 'kept: no change concerned it');

      f.clock.advance(10_000);
      release = watched.holdAnswers();
      const before = cache.read(db, realm.id, user.id, sessionId);
      await settle();
      await revokeBehindItsBack(sessionId);
      cache.invalidate({ realmId: realm.id, sessionId });
      const after = cache.read(db, realm.id, user.id, sessionId);
      release();
      assert.equal((await before)?.session?.revoked_at, null, 'the earlier request: as concurrent with the change as its read');
      assert.notEqual((await after)?.session?.revoked_at, null, 'the later request read again');
      assert.equal(cache.size, 0);
    });
  });
}
