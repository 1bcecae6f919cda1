import { setTimeout as sleep } from 'node:timers/promises';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/**
 * Kysely over Node's built-in SQLite (node:sqlite). Two choices differ from Kysely's own
 * better-sqlite3 driver, both for several server processes sharing one database file:
 * - transactions begin IMMEDIATE, taking the write lock up front, so a transaction that reads and
 *   then writes never fails half-way because another process wrote in between;
 * - a busy database is waited for asynchronously. SQLite's own busy timeout sleeps inside the
 *   call, and node:sqlite calls are synchronous: the whole process would stop serving requests
 *   while it waits. Here the statement is retried after yielding to the event loop.
 * Statements are cached per SQL text because preparing dominates the cost of small queries.
 */
export interface SqliteOptions {
  /** File path, or ':memory:'. */
  path: string;
}

const BUSY_DEADLINE_MS = 5_000;

export function openSqlite(options: SqliteOptions): DatabaseSync {
  const db = new DatabaseSync(options.path);
  db.exec('PRAGMA journal_mode = WAL');
  // synchronous=NORMAL in WAL mode never corrupts the database; a power cut (not a process crash)
  // can lose the last transactions. For an identity store a lost sign-in or refresh at power loss
  // is acceptable for the write speed it buys; FULL is one setting away for those who want every
  // commit on disk before it is acknowledged.
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  // Waiting is done asynchronously by the driver below, never inside SQLite.
  db.exec('PRAGMA busy_timeout = 0');
  // Bulk writes (imports): checkpoint every ~40 MB of WAL rather than every 4 MB, so a big import
  // pays for a tenth of the checkpoints' fsyncs; and a 32 MiB page cache (not 2 MiB) so the users'
  // ten indexes stay in memory while they grow. The cache fills only as pages are read. Measured
  // on a 100,000-user import (npm run bench -- --import-only): 4,600 → 12,400 users/s together.
  db.exec('PRAGMA wal_autocheckpoint = 10000');
  db.exec('PRAGMA cache_size = -32768');
  return db;
}

function toParameter(value: unknown): unknown {
  // node:sqlite binds no booleans; SQLite stores them as integers anyway.
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function isBusy(error: unknown): boolean {
  const code = (error as { errcode?: number }).errcode;
  // SQLITE_BUSY and its extended codes (5 + n * 256).
  return typeof code === 'number' && (code & 0xff) === 5;
}

class NodeSqliteConnection implements DatabaseConnection {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, { statement: StatementSync; reader: boolean }>();

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  #prepare(sqlText: string) {
    let entry = this.#statements.get(sqlText);
    if (!entry) {
      const statement = this.#db.prepare(sqlText);
      entry = { statement, reader: statement.columns().length > 0 };
      if (this.#statements.size > 500) this.#statements.clear();
      this.#statements.set(sqlText, entry);
    }
    return entry;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { statement, reader } = this.#prepare(compiled.sql);
    const parameters = compiled.parameters.map(toParameter) as never[];
    const deadline = Date.now() + BUSY_DEADLINE_MS;
    for (let attempt = 0; ; attempt += 1) {
      try {
        if (reader) return { rows: statement.all(...parameters) as R[] };
        const { changes, lastInsertRowid } = statement.run(...parameters);
        return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
      } catch (error) {
        // A busy statement had no effect, so running it again is safe.
        if (!isBusy(error) || Date.now() > deadline) throw error;
        // The other process's transaction usually ends within a fraction of a millisecond: try
        // again after the event loop's next turn a few times (spinning longer would burn the CPU
        // the other process needs to finish), then back off to timers.
        await (attempt < 3 ? new Promise(setImmediate) : sleep(Math.min(attempt - 2, 10)));
      }
    }
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const { statement } = this.#prepare(compiled.sql);
    for (const row of statement.iterate(...(compiled.parameters.map(toParameter) as never[]))) yield { rows: [row as R] };
  }
}

class NodeSqliteDriver implements Driver {
  readonly #db: DatabaseSync;
  readonly #connection: NodeSqliteConnection;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#connection = new NodeSqliteConnection(db);
  }

  async init(): Promise<void> {}

  // One connection; Kysely serialises its use (SqliteAdapter says it has no others).
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    this.#db.close();
  }
}

export function createSqliteDialect(db: DatabaseSync): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new NodeSqliteDriver(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createIntrospector: (kysely: Kysely<unknown>) => new SqliteIntrospector(kysely),
  };
}
