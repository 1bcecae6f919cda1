import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Schema } from './schema.ts';

/** Rows written by one bulk load past which PostgreSQL's statistics are refreshed at its end. */
export const MANY_ROWS = 5_000;

/** Longer than ANALYZE takes on tables of millions of rows (it samples a fixed number of them). */
const STATEMENT_TIMEOUT = '30s';

/**
 * Refreshes PostgreSQL's planner statistics for tables a bulk load just filled. Autovacuum would,
 * a minute or more later (never where it is turned off); until then the planner sees the tables
 * as they were, and a prefix search in a realm that just received 500,000 users reads all of them
 * (715 ms in EXPLAIN ANALYZE, 5.8 ms once analysed). ANALYZE samples a fixed number of rows, so this costs about a second
 * whatever the size. A table another session holds a conflicting lock on (a VACUUM, an index
 * being built) is skipped rather than waited for. SQLite is left alone: without statistics its
 * planner follows the indexes the queries are written for (src/storage/prefix-search.ts), and
 * statistics would change that.
 */
export async function refreshPlannerStatistics(db: Kysely<Schema>, tables: readonly (keyof Schema)[]): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await db.transaction().execute(async (trx) => {
    await sql`set local statement_timeout = ${sql.lit(STATEMENT_TIMEOUT)}`.execute(trx);
    await sql`analyze (skip_locked) ${sql.join(tables.map((table) => sql.table(table)))}`.execute(trx);
  });
}
