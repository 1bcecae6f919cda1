import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../src/platform/clock.ts';
import { LruCache, makeRoom } from '../../src/platform/lru-cache.ts';
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

  it('makes room a sixteenth at a time, oldest first, telling of each entry dropped', () => {
    const map = new Map(Array.from({ length: 64 }, (_, i) => [`k${i}`, i]));
    const dropped: string[] = [];
    makeRoom(map, 65, (key) => dropped.push(key));
    assert.equal(map.size, 64, 'room left: nothing dropped');
    makeRoom(map, 64, (key) => dropped.push(key));
    assert.deepEqual(dropped, ['k0', 'k1', 'k2', 'k3']);
    assert.equal(map.size, 60);
    assert.equal(map.has('k4') && map.has('k63'), true);
    // Over capacity (a smaller bound than before): down to one below it, whatever that takes.
    makeRoom(map, 10);
    assert.deepEqual([...map.keys()], Array.from({ length: 9 }, (_, i) => `k${55 + i}`));
  });

  it('stays bounded and keeps the recently used under constant churn', () => {
    const cache = new LruCache<number, number>(1000);
    for (let i = 0; i < 100_000; i++) {
      cache.set(i, i);
      assert.equal(cache.get(0), 0, 'used on every turn: never the oldest');
    }
    assert.ok(cache.size <= 1000 && cache.size > 900, `size ${cache.size}`);
    assert.equal(cache.get(99_999), 99_999);
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
