import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { prepared, preparedInsert } from '../../src/storage/prepared.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.ts';

const countersAbove = prepared((db, floor: number, prefix: string) =>
  db.selectFrom('counters').select(['key', 'count']).where('count', '>', floor).where('key', 'like', prefix).where('expires_at', '>', 0).orderBy('key'),
);
const bump = prepared((db, by: number, key: string) =>
  db.updateTable('counters').set({ count: by }).where('key', '=', key).where('count', '<', by).returning(['key', 'count']),
);

const insertCounter = preparedInsert('counters', ['key', 'count', 'expires_at']);

// node:sqlite returns rows without a prototype; compare plain copies.
const plain = (rows: object[]) => rows.map((row) => ({ ...row }));

for (const dialect of dialects) {
  describe(`prepared queries on ${dialect}`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(dialect);
      await t.database.db.insertInto('counters').values([
        { key: 'a1', count: 1, expires_at: 10 },
        { key: 'a2', count: 5, expires_at: 10 },
        { key: 'b1', count: 9, expires_at: 10 },
      ]).execute();
    });
    after(() => t.dispose());

    it('runs the compiled SQL again with each call’s own values, keeping the builder’s constants', async () => {
      assert.deepEqual(plain(await countersAbove(t.database.db, 0, 'a%')), [{ key: 'a1', count: 1 }, { key: 'a2', count: 5 }]);
      assert.deepEqual(plain(await countersAbove(t.database.db, 4, '%')), [{ key: 'a2', count: 5 }, { key: 'b1', count: 9 }]);
    });

    it('places an argument used twice in both of its places, inside transactions too', async () => {
      const rows = await t.database.db.transaction().execute((trx) => bump(trx, 7, 'a2'));
      assert.deepEqual(plain(rows), [{ key: 'a2', count: 7 }]);
      assert.deepEqual(await bump(t.database.db, 7, 'a2'), []);
    });

    it('inserts a row naming every listed column, and refuses one that leaves a column undefined', async () => {
      await insertCounter(t.database.db, { key: 'c1', count: 3, expires_at: 20 });
      await insertCounter(t.database.db, { key: 'c2', count: 4, expires_at: 20 });
      assert.deepEqual(plain(await countersAbove(t.database.db, 0, 'c%')), [{ key: 'c1', count: 3 }, { key: 'c2', count: 4 }]);
      const partial = { key: 'c3', count: 5 } as { key: string; count: number; expires_at: number };
      await assert.rejects(insertCounter(t.database.db, partial), /counters\.expires_at is undefined/);
      assert.deepEqual(plain(await countersAbove(t.database.db, 0, 'c3')), []);
    });
  });
}
