import type { Kysely } from 'kysely';

/**
 * When a session last moved to another tenant (a refresh's `tenant`, an authorize request's
 * `organization`): an access token that carries no `tenant` claim is in its session's tenant, so a
 * token issued before the move must not follow the session into the new one (validate refuses it).
 * Null: the session never moved. Add-only: the previous release ignores the column.
 */
export function sessionTenantSince() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('sessions').addColumn('tenant_since', 'bigint').execute();
    },
  };
}
