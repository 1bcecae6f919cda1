import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DialectName } from '../../src/storage/database.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';

/**
 * Every storage and API suite runs once per dialect (Kysely's approach): SQLite in memory and
 * PostgreSQL in a fresh schema of its own, dropped afterwards.
 */
export const POSTGRES_URL = process.env.KEYREALM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const dialects: DialectName[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  database: Database;
  /** Closes the connection and drops the PostgreSQL schema. */
  dispose(): Promise<void>;
}

export async function createTestDatabase(dialect: DialectName, { migrate = true } = {}): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const database = openDatabase({ sqlitePath: ':memory:' });
    if (migrate) await migrateToLatest(database);
    return { database, dispose: () => database.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = openDatabase({ url: POSTGRES_URL, poolSize: 5, searchPath: schema });
  if (migrate) await migrateToLatest(database);
  return {
    database,
    async dispose() {
      await database.close();
      const cleaner = new pg.Client({ connectionString: POSTGRES_URL });
      await cleaner.connect();
      await cleaner.query(`drop schema ${schema} cascade`);
      await cleaner.end();
    },
  };
}
