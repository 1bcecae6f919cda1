import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../src/storage/schema.ts';

/**
 * Polls, from inside a transaction that holds some rows, until another backend of this PostgreSQL
 * database waits on a lock: the moment a race test has landed its concurrent change behind it.
 */
export async function untilAnotherWaits(trx: Kysely<Schema>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(trx);
    if (rows[0].n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no other transaction came to wait');
}
