/**
 * Which of many identifier keys the users table already holds, in one query — the check a bulk load
 * makes before it writes: within one realm for the unique (realm_id, *_key) indexes, or across
 * the server for ids (`realmId` null).
 * - PostgreSQL: each key is probed on its own through a lateral subquery. A plain `column in (…)`
 *   is planned from the table's statistics, and a table an import is filling has none yet: the
 *   planner then reads every row of the realm and filters them, once per batch, so an import
 *   slowed down as it grew (14 ms a batch at 100,000 users, against 0.7 ms probing the index).
 *   An equality on a whole unique key is planned as an index probe whatever the statistics say.
 * - SQLite: `in (…)` on an indexed column is always a series of index probes.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Schema } from './schema.ts';

type KeyColumn = 'email_key' | 'username_key' | 'mobile_key' | 'id';

export async function presentKeys(db: Kysely<Schema>, realmId: string | null, column: KeyColumn, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const inRealm = realmId === null ? sql`` : sql`u.realm_id = ${realmId} and`;
    const { rows } = await sql<{ key: string }>`select k.key from unnest(${keys}::text[]) as k(key)
      cross join lateral (select 1 from users u where ${inRealm} u.${sql.ref(column)} = k.key limit 1) as present`.execute(db);
    return new Set(rows.map((row) => row.key));
  }
  let query = db.selectFrom('users').select(column).where(column, 'in', keys);
  if (realmId !== null) query = query.where('realm_id', '=', realmId);
  const rows = await query.execute();
  return new Set(rows.map((row) => row[column] as string));
}
