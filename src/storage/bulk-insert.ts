/**
 * Many rows into one table, as cheaply as each database allows, for bulk loads (imports). The
 * rows all have the same columns.
 * - PostgreSQL: one statement whatever the count, each column sent as one array and unnested
 *   (`insert … select * from unnest($1::text[], …)`): a handful of parameters to parse and plan
 *   instead of one per value. A column with one value in every row (most of an import's: the
 *   realm, the defaults) goes as a single parameter.
 * - SQLite: one prepared single-row insert run per row (the driver caches statements by text), in
 *   the caller's transaction: no statement of thousands of parameters to compile and prepare.
 */
import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely';
import type { Schema } from './schema.ts';

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Each table's column types as PostgreSQL names them (udt_name: text, int8, bool, jsonb…), read once. */
const columnTypes = new Map<string, Promise<Map<string, string>>>();

function typesOf(db: Kysely<Schema>, table: string): Promise<Map<string, string>> {
  let types = columnTypes.get(table);
  if (!types) {
    types = db
      .executeQuery<{ column_name: string; udt_name: string }>(
        CompiledQuery.raw('select column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name = $1', [table]),
      )
      .then(({ rows }) => new Map(rows.map((row) => [row.column_name, row.udt_name])));
    columnTypes.set(table, types);
    types.catch(() => columnTypes.delete(table));
  }
  return types;
}

export async function bulkInsert(db: Kysely<Schema>, table: keyof Schema, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const names = columns.map(quoted).join(', ');
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const types = await typesOf(db, table);
    const parameters: unknown[] = [];
    const arrays: string[] = [];
    const selected = columns.map((column) => {
      const type = types.get(column);
      if (!type) throw new Error(`${table}.${column} is not a column`);
      // JSON goes as text, parsed by a cast per value: PostgreSQL reads a jsonb[] literal at half the speed.
      const json = type === 'jsonb' || type === 'json';
      const values = rows.map((row) => row[column] ?? null);
      if (values.every((value) => value === values[0])) {
        // The same in every row (the realm, the defaults of an import): one parameter, not an array.
        parameters.push(values[0]);
        return `$${parameters.length}::${type}`;
      }
      parameters.push(values);
      arrays.push(`$${parameters.length}::${json ? 'text' : type}[]`);
      return json ? `c${arrays.length}::${type}` : `c${arrays.length}`;
    });
    const aliases = arrays.map((_, i) => `c${i + 1}`).join(', ');
    // No column differs: a single row (every table has a key, so several could not all go in).
    const source = arrays.length > 0 ? `unnest(${arrays.join(', ')}) as t(${aliases})` : `generate_series(1, ${rows.length})`;
    await db.executeQuery(CompiledQuery.raw(`insert into ${quoted(table)} (${names}) select ${selected.join(', ')} from ${source}`, parameters));
    return;
  }
  const statement = `insert into ${quoted(table)} (${names}) values (${columns.map(() => '?').join(', ')})`;
  for (const row of rows) await db.executeQuery(CompiledQuery.raw(statement, columns.map((column) => row[column] ?? null)));
}
