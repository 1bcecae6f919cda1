import { sql, type Kysely } from 'kysely';

/**
 * A session's refresh token moves into the session row: the generation of its current token and
 * that token's hash, so a refresh is one conditional UPDATE. Refresh tokens kept as one-time tokens
 * before cannot be used any more (their sessions' generation-0 hash is unset): they are dropped.
 */
export function sessionRefresh() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('sessions')
        .addColumn('refresh_generation', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('sessions').addColumn('refresh_hash', 'text').execute();
      await sql`delete from one_time_tokens where type = 'refresh'`.execute(db);
    },
  };
}
