import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { counters } from '../../src/storage/counters.ts';
import { oneTimeTokens } from '../../src/storage/one-time-tokens.ts';
import { pendingMigrations, migrateToLatest } from '../../src/storage/migrate.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.ts';

for (const dialect of dialects) {
  describe(`storage primitives on ${dialect}`, () => {
    let t: TestDatabase;
    const now = Date.UTC(2026, 0, 1);

    before(async () => {
      t = await createTestDatabase(dialect);
      for (const id of ['rl_a', 'rl_b']) {
        await t.database.db
          .insertInto('realms')
          .values({ id, slug: id.replace('_', '-'), name: id, state: 'active', reference: null, custom: '{}', public_info: '{}', settings: '{}', is_system: false, created_at: now, created_by: null, updated_at: now, updated_by: null, version: 1 })
          .execute();
      }
    });
    after(() => t.dispose());

    it('applies migrations from empty, and again without effect', async () => {
      assert.deepEqual(await pendingMigrations(t.database), []);
      assert.deepEqual(await migrateToLatest(t.database), []);
    });

    it('consumeOne gives a token to exactly one of many concurrent callers', async () => {
      const db = t.database.db;
      await oneTimeTokens.issue(db, { tokenHash: 'h1', realmId: 'rl_a', type: 'refresh', subject: 's', createdAt: now, expiresAt: now + 1000 });
      const results = await Promise.all(Array.from({ length: 20 }, () => oneTimeTokens.consumeOne(db, 'rl_a', 'refresh', 'h1', now)));
      assert.equal(results.filter(Boolean).length, 1);
      const stored = await oneTimeTokens.find(db, 'rl_a', 'refresh', 'h1');
      assert.equal(stored?.consumedAt, now);
    });

    it('consumeOne refuses expired tokens, other types and other realms', async () => {
      const db = t.database.db;
      await oneTimeTokens.issue(db, { tokenHash: 'h2', realmId: 'rl_a', type: 'refresh', subject: 's', createdAt: now, expiresAt: now + 1000 });
      assert.equal(await oneTimeTokens.consumeOne(db, 'rl_b', 'refresh', 'h2', now), undefined);
      assert.equal(await oneTimeTokens.consumeOne(db, 'rl_a', 'reset', 'h2', now), undefined);
      assert.equal(await oneTimeTokens.consumeOne(db, 'rl_a', 'refresh', 'h2', now + 1000), undefined);
      assert.equal(await oneTimeTokens.find(db, 'rl_b', 'refresh', 'h2'), undefined);
      assert.ok(await oneTimeTokens.consumeOne(db, 'rl_a', 'refresh', 'h2', now + 999));
    });

    it('counters count atomically and restart after their window', async () => {
      const db = t.database.db;
      const counts = await Promise.all(Array.from({ length: 10 }, () => counters.increment(db, 'login:x', 60_000, now)));
      assert.deepEqual(counts.map((c) => c.count).sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      assert.equal(await counters.get(db, 'login:x', now), 10);
      assert.equal((await counters.increment(db, 'login:x', 60_000, now + 60_000)).count, 1);
      await counters.reset(db, 'login:x');
      assert.equal(await counters.get(db, 'login:x', now + 60_000), 0);
    });
  });
}
