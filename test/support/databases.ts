import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DialectName } from '../../src/storage/database.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';

/**
 * Every storage and API suite runs once per dialect (Kysely's approach): SQLite in memory and
 * PostgreSQL in a fresh database of its own, dropped afterwards.
 */
export const POSTGRES_URL = process.env.KEYREALM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const dialects: DialectName[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  database: Database;
  /** The PostgreSQL database's URL (for a second connection of a test's own, e.g. a LISTEN); undefined on SQLite. */
  url?: string;
  /** Closes the connection and drops the PostgreSQL database. */
  dispose(): Promise<void>;
}

export async function createTestDatabase(dialect: DialectName, { migrate = true } = {}): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const database = openDatabase({ sqlitePath: ':memory:' });
    if (migrate) await migrateToLatest(database);
    return { database, dispose: () => database.close() };
  }
  // A database of its own, not a schema: Kysely's migrator introspects every schema of its
  // database, and would trip over another test file's schema being dropped at that moment.
  const name = `keyrealm_t_${randomBytes(6).toString('hex')}`;
  await administer(`create database ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString(), poolSize: 5 });
  if (migrate) await migrateToLatest(database);
  return {
    database,
    url: url.toString(),
    async dispose() {
      await database.close();
      await administer(`drop database ${name} with (force)`);
    },
  };
}

async function administer(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
