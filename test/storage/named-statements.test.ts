import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../src/storage/database.ts';
import { prepared } from '../../src/storage/prepared.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';

const countersAbove = prepared((db, floor: number) => db.selectFrom('counters').select(['key', 'count']).where('count', '>', floor).orderBy('key'));
const wholeCounter = prepared((db, key: string) => db.selectFrom('counters').selectAll().where('key', '=', key));

/** The statements the one connection of `database` has prepared. */
async function preparedOn(database: Database): Promise<{ name: string; statement: string }[]> {
  const { rows } = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(database.db);
  return rows;
}

describe('named prepared statements on postgres', () => {
  let t: TestDatabase;
  const opened: Database[] = [];
  /** One connection, so that what it prepared can be seen from it. */
  const oneConnection = (preparedStatements?: boolean) => {
    const database = openDatabase({ url: t.url, poolSize: 1, preparedStatements });
    opened.push(database);
    return database;
  };

  before(async () => {
    t = await createTestDatabase('postgres');
    await t.database.db.insertInto('counters').values([
      { key: 'a', count: 1, expires_at: 10 },
      { key: 'b', count: 5, expires_at: 10 },
    ]).execute();
  });
  after(async () => {
    for (const database of opened) await database.close();
    await t.dispose();
  });

  it('run a hot-path query under a name of its own, prepared once on the connection', async () => {
    const database = oneConnection();
    assert.deepEqual(await countersAbove(database.db, 0), [{ key: 'a', count: 1 }, { key: 'b', count: 5 }]);
    assert.deepEqual(await countersAbove(database.db, 2), [{ key: 'b', count: 5 }]);
    const named = (await preparedOn(database)).filter((row) => row.statement.includes('from "counters"'));
    assert.equal(named.length, 1, 'one statement, however often it runs');
    assert.match(named[0].name, /^keyrealm_[0-9a-f]{24}$/, 'named by its SQL, the same in every process');
  });

  it('prepare a statement again on a connection whose server no longer has it, after one failed query', async () => {
    const database = oneConnection();
    await countersAbove(database.db, 0);
    const [{ name }] = (await preparedOn(database)).filter((row) => row.statement.includes('from "counters"'));
    await sql.raw(`deallocate ${name}`).execute(database.db);
    await assert.rejects(countersAbove(database.db, 0), (error: { code?: string }) => error.code === '26000');
    assert.equal((await countersAbove(database.db, 0)).length, 2);
    assert.equal((await countersAbove(database.db, 0)).length, 2);
  });

  it('leave a query that selects `*` unnamed, since an added column would break it', async () => {
    const database = oneConnection();
    assert.equal((await wholeCounter(database.db, 'a')).length, 1);
    assert.deepEqual((await preparedOn(database)).filter((row) => row.statement.includes('*')), []);
  });

  it('keep answering after a newer release adds a column to the table (an upgrade one instance at a time)', async () => {
    const database = oneConnection();
    assert.deepEqual(await countersAbove(database.db, 2), [{ key: 'b', count: 5 }]);
    await sql`alter table counters add column added_later text`.execute(t.database.db);
    assert.deepEqual(await countersAbove(database.db, 2), [{ key: 'b', count: 5 }]);
  });

  it('prepare nothing when they are turned off (a pooler that cannot keep them)', async () => {
    const database = oneConnection(false);
    assert.equal((await countersAbove(database.db, 0)).length, 2);
    assert.deepEqual(await preparedOn(database), []);
  });
});
