import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { SqliteDialect } from 'kysely';

/**
 * Adapts Node's built-in SQLite (node:sqlite) to Kysely's SqliteDialect, which was written for the
 * better-sqlite3 statement shape. Statements are cached per SQL text because preparing dominates
 * the cost of the small queries an identity server runs.
 */
export interface SqliteOptions {
  /** File path, or ':memory:'. */
  path: string;
}

function toParameter(value: unknown): unknown {
  // node:sqlite binds no booleans; SQLite stores them as integers anyway.
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

export function openSqlite(options: SqliteOptions): DatabaseSync {
  const db = new DatabaseSync(options.path);
  // WAL lets readers run beside the single writer. synchronous=NORMAL in WAL mode never corrupts
  // the database; a power cut can lose the last transactions, not a process crash. For an identity
  // store a lost sign-in or refresh at power loss is acceptable for the write speed it buys; FULL
  // is one setting away for operators who want every commit on disk before it is acknowledged.
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 5000');
  return db;
}

export function createSqliteDialect(db: DatabaseSync): SqliteDialect {
  const cache = new Map<string, { statement: StatementSync; reader: boolean }>();
  const prepare = (sqlText: string) => {
    let entry = cache.get(sqlText);
    if (!entry) {
      const statement = db.prepare(sqlText);
      entry = { statement, reader: statement.columns().length > 0 };
      if (cache.size > 500) cache.clear();
      cache.set(sqlText, entry);
    }
    return entry;
  };
  return new SqliteDialect({
    database: {
      close: () => db.close(),
      prepare(sqlText: string) {
        // Kysely opens transactions with a deferred BEGIN. With several server processes on one
        // file, a deferred transaction that reads and then writes can fail at once with
        // SQLITE_BUSY; an immediate one takes the write lock up front and waits (busy_timeout).
        const { statement, reader } = prepare(sqlText === 'begin' ? 'begin immediate' : sqlText);
        return {
          reader,
          all: (parameters: ReadonlyArray<unknown>) => statement.all(...(parameters.map(toParameter) as never[])),
          run: (parameters: ReadonlyArray<unknown>) => {
            const result = statement.run(...(parameters.map(toParameter) as never[]));
            return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
          },
          iterate: (parameters: ReadonlyArray<unknown>) => statement.iterate(...(parameters.map(toParameter) as never[])),
        };
      },
    },
  });
}
