import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import { once, requirePackage } from '../platform/lazy.ts';
import type { Schema } from './schema.ts';
import { namingClient } from './named-statements.ts';
import { createSqliteDialect, openSqlite } from './sqlite-dialect.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Schema>;
  dialect: DialectName;
  ping(): Promise<boolean>;
  /** Connections in use and idle (PostgreSQL pool; SQLite has one connection). */
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/** The PostgreSQL driver, loaded only when a PostgreSQL database is opened (SQLite servers never need it). */
const postgresDriver = once(() => {
  const driver = requirePackage<typeof pg>('pg');
  // int8 columns hold epoch milliseconds, well inside Number's exact range.
  driver.types.setTypeParser(20, (value) => Number(value));
  return driver;
});

export interface DatabaseOptions {
  /** postgres:// URL; absent means SQLite. */
  url?: string;
  /** SQLite file path or ':memory:'. */
  sqlitePath?: string;
  poolSize?: number;
  /**
   * PostgreSQL: how long a query may wait for a connection (all of the pool's busy, or a new one
   * being opened) before it fails as the database being unavailable (503 with Retry-After), rather
   * than waiting without end behind a hung database. Default 10 s.
   */
  poolWaitMs?: number;
  /** PostgreSQL: hot-path queries as named prepared statements (src/storage/named-statements.ts); on unless false. */
  preparedStatements?: boolean;
}

export function sqlitePathIn(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  return join(dataDir, 'keyrealm.sqlite');
}

export function openDatabase(options: DatabaseOptions): Database {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10, options.poolWaitMs ?? 10_000, options.preparedStatements ?? true);
  const sqlite = openSqlite({ path: options.sqlitePath ?? ':memory:' });
  const db = new Kysely<Schema>({ dialect: createSqliteDialect(sqlite) });
  return {
    db,
    dialect: 'sqlite',
    ping: () => probe(db),
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    close: () => db.destroy(),
  };
}

function openPostgres(url: string, poolSize: number, poolWaitMs: number, preparedStatements: boolean): Database {
  const driver = postgresDriver();
  const pool = new driver.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: poolWaitMs,
    ...(preparedStatements ? { Client: namingClient(driver.Client) } : {}),
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    ping: () => probe(db),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  };
}

async function probe(db: Kysely<Schema>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** True when an error is a unique-constraint violation, on either dialect. */
export function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: string; constraint?: string; message?: string; errcode?: number };
  if (e?.code === '23505') return e.constraint ?? '';
  if (typeof e?.message === 'string' && e.message.includes('UNIQUE constraint failed')) {
    return e.message.slice(e.message.indexOf('UNIQUE constraint failed') + 25);
  }
  return undefined;
}
