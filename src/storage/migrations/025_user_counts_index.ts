import { sql, type Kysely } from 'kysely';

/**
 * A full index for the realm overview's user counts, replacing migration 024's partial one (which
 * `dropRetiredIndexes` in src/storage/migrate.ts drops once this has committed). Partial on
 * `deleted_at is null`, that one qualified for every query of live users, and PostgreSQL without
 * statistics (a freshly loaded table, or autovacuum off) preferred it for sign-in's lookup by
 * address: 500,000 users of one realm read to find one (824 ms in EXPLAIN ANALYZE; 1.4 ms with
 * this index and still no statistics). A full index is chosen only where the realm id alone is
 * what a query narrows by, as the counts' is; they still read the index alone, `deleted_at` (the
 * last column) included. Create only, and `if not exists` (SQLite runs migrations without a
 * transaction): dropping the old index in the same transaction would need a stronger lock on
 * `users` than this one holds, and deadlock with a running release's transaction that reads and
 * then writes a user.
 */
export function userCountsIndex() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`create index if not exists users_counts on users (realm_id, state, locked, deleted_at)`.execute(db);
    },
  };
}
