import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * Prefix matching that an ordinary b-tree index answers on both databases: `column >= prefix and
 * column < prefix + U+10FFFF` (the largest code point, so every longer text starting with the
 * prefix falls in between). LIKE is not used: SQLite only optimises it on NOCASE columns, and
 * PostgreSQL only with a pattern_ops index. Ranges need byte order, so on PostgreSQL the column is
 * compared (and indexed, see migration 010) in the "C" collation whatever the database's default.
 */
const LAST_CODE_POINT = '\u{10FFFF}';

export function startsWith(db: Kysely<any>, column: string, prefix: string): RawBuilder<boolean> {
  const ref = db.getExecutor().adapter instanceof PostgresAdapter ? sql`(${sql.ref(column)} collate "C")` : sql.ref(column);
  return sql<boolean>`(${ref} >= ${prefix} and ${ref} < ${prefix + LAST_CODE_POINT})`;
}
