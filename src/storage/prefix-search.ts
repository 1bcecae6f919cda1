import { PostgresAdapter, sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';

/**
 * Prefix matching that an ordinary b-tree index answers on both databases: `column >= prefix and
 * column < prefix + U+10FFFF` (the largest code point, so every longer text starting with the
 * prefix falls in between). LIKE is not used: SQLite only optimises it on NOCASE columns, and
 * PostgreSQL only with a pattern_ops index. Ranges need byte order, so on PostgreSQL the column is
 * compared (and indexed, see migration 010) in the "C" collation whatever the database's default.
 */
const LAST_CODE_POINT = '\u{10FFFF}';

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The column as written, or, with `indexed` false, in a form no index answers (SQLite: unary +,
 * a no-op on any value; PostgreSQL: `|| ''`), so the planner walks the sort order's index
 * instead. PostgreSQL's statistics could make the choice, but only once it has analysed the
 * table: freshly loaded rows got the bitmap-and-sort plan (1.6 s for 500,000 matches).
 */
export function column(db: Kysely<any>, name: string, indexed = true): RawBuilder<unknown> {
  if (indexed) return sql`${sql.ref(name)}`;
  return isPostgres(db) ? sql`(${sql.ref(name)} || '')` : sql`+${sql.ref(name)}`;
}

export function startsWith(db: Kysely<any>, name: string, prefix: string, indexed = true): RawBuilder<boolean> {
  const ref = isPostgres(db) ? sql`(${column(db, name, indexed)} collate "C")` : column(db, name, indexed);
  return sql<boolean>`(${ref} >= ${prefix} and ${ref} < ${prefix + LAST_CODE_POINT})`;
}

/**
 * Searches hold up at any size by choosing a plan from how many rows match. At most this many:
 * their ids come from the prefix indexes and the page is sorted from them. More: the page is
 * found by walking the sort order's index, where matches are then dense enough to fill it soon.
 * (SQLite has no statistics that could make this choice; without it one of the two cases reads
 * every row of a realm or of the realm table.)
 */
export const FEW_MATCHES = 2000;

/** The ids of the rows `query` matches when there are at most FEW_MATCHES, else undefined. */
export async function fewMatchingIds(query: SelectQueryBuilder<any, any, any>): Promise<string[] | undefined> {
  const rows: { id: string }[] = await query.clearSelect().clearOrderBy().select('id').limit(FEW_MATCHES + 1).execute();
  return rows.length > FEW_MATCHES ? undefined : rows.map((row) => row.id);
}
