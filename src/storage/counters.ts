import { sql, type Kysely } from 'kysely';
import type { Schema } from './schema.ts';

/**
 * Atomic counters with a time window, in the database (shared by every instance). One upsert:
 * a live counter is incremented, an expired one starts again at 1.
 */
export const counters = {
  async increment(db: Kysely<Schema>, key: string, windowMs: number, now: number): Promise<{ count: number; expiresAt: number }> {
    const row = await db
      .insertInto('counters')
      .values({ key, count: 1, expires_at: now + windowMs })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql`case when counters.expires_at <= ${now} then 1 else counters.count + 1 end`,
          expires_at: sql`case when counters.expires_at <= ${now} then ${now + windowMs} else counters.expires_at end`,
        }),
      )
      .returning(['count', 'expires_at'])
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), expiresAt: Number(row.expires_at) };
  },

  async get(db: Kysely<Schema>, key: string, now: number): Promise<number> {
    const row = await db.selectFrom('counters').select('count').where('key', '=', key).where('expires_at', '>', now).executeTakeFirst();
    return row ? Number(row.count) : 0;
  },

  async reset(db: Kysely<Schema>, key: string): Promise<void> {
    await db.deleteFrom('counters').where('key', '=', key).execute();
  },
};
