import type { Kysely } from 'kysely';

/**
 * `oidc_models.consumed_by`: a keyed hash of the origin (IP and User-Agent) of the request that
 * used a refresh token (src/oidc/refresh-retries.ts). The same token presented again within the
 * realm's `tokens.refresh_reuse_interval_seconds`, from that origin, is a retry (a double submit,
 * two tabs), not reuse. Null for everything else, and for rows from before.
 */
export function oidcRefreshRetries() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('oidc_models').addColumn('consumed_by', 'text').execute();
    },
  };
}
