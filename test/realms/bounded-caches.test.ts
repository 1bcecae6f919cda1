import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../src/platform/clock.ts';
import { LruCache } from '../../src/platform/lru-cache.ts';
import { createRealmLookup } from '../../src/realms/realm-lookup.ts';
import { createTestDatabase, dialects } from '../support/databases.ts';
import { insertRealm } from '../support/fixtures.ts';

describe('LRU cache', () => {
  it('forgets the least recently used entry past its capacity', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a'), 1); // a is now the most recent
    cache.set('c', 3);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.get('c'), 3);
    cache.delete('a');
    assert.equal(cache.get('a'), undefined);
  });

  it('refuses a capacity below one', () => {
    assert.throws(() => new LruCache(0), /capacity of at least 1/);
    assert.throws(() => new LruCache(1.5), /capacity of at least 1/);
  });
});

for (const dialect of dialects) {
  describe(`realm lookup with a bounded cache on ${dialect}`, () => {
    it('keeps at most its capacity of realms: an evicted realm is read again', async () => {
      const t = await createTestDatabase(dialect);
      try {
        const db = t.database.db;
        const clock = new FakeClock();
        const lookup = createRealmLookup(db, clock, 60_000, 1);
        await insertRealm(db, 'rl_first');
        await insertRealm(db, 'rl_second');
        assert.equal((await lookup.resolve('rl-first'))?.name, 'rl_first');
        // Changed behind the lookup's back: the cached copy is still served...
        await db.updateTable('realms').set({ name: 'renamed' }).where('id', '=', 'rl_first').execute();
        assert.equal((await lookup.resolve('rl_first'))?.name, 'rl_first');
        // ...until another realm takes its place, after which it is read afresh, by id or slug.
        assert.equal((await lookup.resolve('rl_second'))?.name, 'rl_second');
        assert.equal((await lookup.resolve('rl-first'))?.name, 'renamed');

        await db.updateTable('realms').set({ name: 'again' }).where('id', '=', 'rl_first').execute();
        lookup.invalidate('rl_first');
        assert.equal((await lookup.resolve('rl-first'))?.name, 'again');
        assert.equal(await lookup.resolve('rl-missing'), undefined);
      } finally {
        await t.dispose();
      }
    });
  });
}
