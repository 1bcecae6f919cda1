import { CompiledQuery, PostgresAdapter, type Compilable, type Kysely } from 'kysely';
import { nameStatement } from './named-statements.ts';
import type { Schema } from './schema.ts';

/**
 * Hot-path queries (validate, refresh) built and compiled once per dialect rather than on every
 * call: Kysely's builder and compiler cost more than SQLite takes to run a primary-key lookup.
 * The builder runs once with marker arguments; later calls reuse its SQL with the real values in
 * the markers' places. Only for queries whose SQL does not depend on the values: no null that
 * would become `is null`, no lists of varying length. On PostgreSQL, each template's SQL is a named
 * statement, parsed once per connection (src/storage/named-statements.ts).
 */
interface Template {
  sql: string;
  /** For each SQL parameter: the index of the argument it takes, or a constant of the builder. */
  slots: ({ arg: number } | { value: unknown })[];
}

const marker = (i: number) => `\u0000prepared-arg-${i}\u0000`;

export function prepared<A extends unknown[], R>(build: (db: Kysely<Schema>, ...args: A) => Compilable<R>) {
  const templates = new Map<unknown, Template>();

  function templateFor(db: Kysely<Schema>, arity: number): Template {
    // The adapter's class identifies the dialect; every database of a dialect shares the SQL.
    const adapter = db.getExecutor().adapter;
    const dialect = adapter.constructor;
    let template = templates.get(dialect);
    if (!template) {
      const markers = Array.from({ length: arity }, (_, i) => marker(i)) as A;
      const compiled = build(db, ...markers).compile();
      template = {
        sql: compiled.sql,
        slots: compiled.parameters.map((value) => {
          const arg = markers.indexOf(value);
          return arg >= 0 ? { arg } : { value };
        }),
      };
      templates.set(dialect, template);
      if (adapter instanceof PostgresAdapter) nameStatement(template.sql);
    }
    return template;
  }

  return async (db: Kysely<Schema>, ...args: A): Promise<R[]> => {
    const template = templateFor(db, args.length);
    const parameters = template.slots.map((slot) => ('arg' in slot ? args[slot.arg] : slot.value));
    const result = await db.executeQuery<R>(CompiledQuery.raw(template.sql, parameters));
    return result.rows;
  };
}

/**
 * An insert of one row naming exactly `columns`, prepared as above: the row must give every one
 * of them (null, never undefined, which Kysely would leave out of the SQL).
 */
export function preparedInsert<T extends keyof Schema & string, C extends keyof Schema[T] & string>(table: T, columns: readonly C[]) {
  const insert = prepared((db, ...values: unknown[]) =>
    db.insertInto(table).values(Object.fromEntries(columns.map((column, i) => [column, values[i]])) as never),
  );
  return async (db: Kysely<Schema>, row: { [K in C]: Schema[T][K] }): Promise<void> => {
    const values = columns.map((column) => row[column]);
    // Both databases must refuse alike: pg would bind undefined as null, node:sqlite throws.
    const missing = columns.find((_, i) => values[i] === undefined);
    if (missing !== undefined) throw new Error(`${table}.${missing} is undefined: give null`);
    await insert(db, ...values);
  };
}
