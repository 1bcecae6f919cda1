import type { Kysely } from 'kysely';

/**
 * When a session's refresh token was last rotated (epoch ms): a spent token presented again within
 * the realm's `tokens.refresh_reuse_interval_seconds` of it is a retry, answered with the same
 * successor, not reuse. Null until the session's first rotation (and for sessions from before).
 */
export function refreshReuse() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('sessions').addColumn('refresh_rotated_at', 'bigint').execute();
    },
  };
}
