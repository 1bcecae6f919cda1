import type { Kysely } from 'kysely';

/**
 * When a session's refresh token was last rotated (epoch ms) and a keyed hash of the rotating
 * request's origin (IP and User-Agent): a spent token presented again within the realm's
 * `tokens.refresh_reuse_interval_seconds` of the rotation, from the same origin, is a retry,
 * answered with the same successor, not reuse. Both null until the session's first rotation (and
 * for sessions from before).
 *
 * `factors`: the sign-in methods the session has proven (JSON array: `password`, `totp`, …),
 * written at sign-in and merged at each step-up, so a step-up's assurance is counted from what was
 * proven rather than guessed back from `amr` (where `otp` names several methods). Null for older
 * sessions.
 */
export function refreshReuse() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('sessions').addColumn('refresh_rotated_at', 'bigint').execute();
      await db.schema.alterTable('sessions').addColumn('refresh_origin_hash', 'text').execute();
      await db.schema.alterTable('sessions').addColumn('factors', 'text').execute();
    },
  };
}
