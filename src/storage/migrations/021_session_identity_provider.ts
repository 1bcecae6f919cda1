import type { Kysely } from 'kysely';

/**
 * The identity provider a session signed in through (src/identity-providers): disabling or
 * deleting the provider ends its sessions (event 1313). Null: a sign-in of our own. Indexed per
 * realm and provider, since that end walks them. Add-only: the previous release ignores the column.
 */
export function sessionIdentityProvider() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('sessions').addColumn('identity_provider_id', 'text').execute();
      await db.schema.createIndex('sessions_identity_provider').on('sessions').columns(['realm_id', 'identity_provider_id']).execute();
    },
  };
}
