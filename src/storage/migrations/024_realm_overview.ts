import { sql, type Kysely } from 'kysely';

/**
 * The realm overview (src/realms/realm-overview.ts) counts a realm's live users by state and lock.
 * Without this index that reads every user row of the realm (100,000 of them in a large one);
 * with it both databases answer from the index alone. Partial on the live users, as every user
 * query filters on `deleted_at is null` and deleted users only grow. Add-only: the previous
 * release ignores the index. The sign-in counts need none: `events_realm_type` (realm, type, at)
 * already covers a type over a time range.
 */
export function realmOverview() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // Raw SQL: the same partial-index syntax on both dialects, with no bound parameters (neither
      // database takes parameters in an index predicate). deleted_at (always null here) is a column
      // too: SQLite reads a predicate's columns from the table unless the index holds them.
      await sql`create index users_overview on users (realm_id, state, locked, deleted_at) where deleted_at is null`.execute(db);
    },
  };
}
