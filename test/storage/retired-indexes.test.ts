/**
 * Migration 025 and the index it retires (src/storage/migrate.ts): after the migrations the realm
 * overview's full index is there and 024's partial one is gone, on both databases; and on
 * PostgreSQL an upgrade beside a running release's transaction that reads and then writes users
 * (a user change) lets both finish — creating the new index and dropping the old in one
 * transaction deadlocked there.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { createTestDatabase, dialects } from '../support/databases.ts';

async function usersIndexes(db: Kysely<any>, dialect: string): Promise<string[]> {
  const query =
    dialect === 'postgres'
      ? sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'users' order by 1`
      : sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'users' order by 1`;
  return (await query.execute(db)).rows.map((row) => row.name);
}

/** Back to the schema as migration 024 left it. */
async function asAfter024(db: Kysely<any>): Promise<void> {
  await sql`drop index users_counts`.execute(db);
  await sql`create index users_overview on users (realm_id, state, locked, deleted_at) where deleted_at is null`.execute(db);
  await sql`delete from kysely_migration where name = '025_user_counts_index'`.execute(db);
}

for (const dialect of dialects) {
  describe(`retired indexes on ${dialect}`, () => {
    it('leaves the full counts index and not the partial one, also when upgrading from 024, and again on a later start', async () => {
      const { database, dispose } = await createTestDatabase(dialect);
      try {
        const names = await usersIndexes(database.db, dialect);
        assert.ok(names.includes('users_counts') && !names.includes('users_overview'), names.join(', '));
        await asAfter024(database.db);
        assert.ok((await usersIndexes(database.db, dialect)).includes('users_overview'));
        assert.deepEqual(await migrateToLatest(database), ['025_user_counts_index']);
        assert.deepEqual(await usersIndexes(database.db, dialect), names);
        assert.deepEqual(await migrateToLatest(database), [], 'nothing left to do');
        assert.deepEqual(await usersIndexes(database.db, dialect), names);
      } finally {
        await dispose();
      }
    });
  });
}

describe('upgrading PostgreSQL beside a running release', () => {
  it("finishes the migration and the running release's read-then-write transaction alike", async () => {
    const { database, url, dispose } = await createTestDatabase('postgres');
    const running = new pg.Client({ connectionString: url });
    try {
      await asAfter024(database.db);
      await running.connect();
      await running.query('begin');
      await running.query('select id from users for update');
      const migrating = migrateToLatest(database).then(() => 'migrated', (error: Error) => `migration failed: ${error.message}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Waits for the migration's commit (the index build holds writes), then goes on.
      assert.equal(await running.query('update users set updated_at = updated_at').then(() => 'updated', (error: Error) => `update failed: ${error.message}`), 'updated');
      await running.query('commit');
      // The old index is dropped concurrently: after the running transaction ended.
      assert.equal(await migrating, 'migrated');
      assert.ok(!(await usersIndexes(database.db, 'postgres')).includes('users_overview'));
    } finally {
      await running.end();
      await dispose();
    }
  });
});
