import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type Database } from '../../src/storage/database.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { openSqlite } from '../../src/storage/sqlite-dialect.ts';

/** Several server processes share one SQLite file; a second connection stands in for another process. */
describe('SQLite shared by several processes', () => {
  let dir: string;
  let database: Database;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyrealm-busy-'));
    database = openDatabase({ sqlitePath: join(dir, 'k.sqlite') });
    await migrateToLatest(database);
  });
  after(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits for another process’s write lock without blocking the event loop, then writes', async () => {
    const other = openSqlite({ path: join(dir, 'k.sqlite') });
    other.exec('begin immediate');
    other.exec("insert into counters (key, count, expires_at) values ('held', 1, 1)");

    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    const write = database.db.transaction().execute((trx) =>
      trx.insertInto('counters').values({ key: 'mine', count: 1, expires_at: 1 }).execute(),
    );
    let written = false;
    void write.then(() => (written = true));
    // The event loop keeps running while the write waits (a loaded machine may tick slowly: the
    // bound is generous; a write that blocked the loop would never let these timers run).
    const started = Date.now();
    while (ticks < 5 && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(ticks >= 5, `the event loop ran only ${ticks} timer ticks while the write waited`);
    assert.equal(written, false, 'still waiting for the lock');
    other.exec('commit');
    await write;
    clearInterval(ticker);
    other.close();

    const keys = (await database.db.selectFrom('counters').select('key').orderBy('key').execute()).map((r) => r.key);
    assert.deepEqual(keys, ['held', 'mine']);
  });
});
