import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * A realm's identity providers (src/identity-providers): the kind (`oidc`, `oauth2`, `saml`) and
 * preset, the protocol settings and sign-in rules as JSON, the secret (client secret or private
 * key) sealed with the master key; and the accounts at those providers linked to users
 * (`user_identities`, one per provider and upstream subject). Add-only.
 */
export function identityProviders(dialect: DialectName) {
  const json = dialect === 'postgres' ? 'jsonb' : 'text';
  const bool = dialect === 'postgres' ? 'boolean' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('identity_providers')
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('preset', 'text')
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('icon_url', 'text')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('enabled', bool, (c) => c.notNull())
        .addColumn('protocol', json, (c) => c.notNull())
        .addColumn('rules', json, (c) => c.notNull())
        .addColumn('secret_sealed', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('identity_providers_pk', ['realm_id', 'id'])
        .addUniqueConstraint('identity_providers_slug', ['realm_id', 'slug'])
        .execute();
      await db.schema
        .createTable('user_identities')
        .addColumn('realm_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('provider_id', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .addPrimaryKeyConstraint('user_identities_pk', ['realm_id', 'id'])
        .addUniqueConstraint('user_identities_subject', ['realm_id', 'provider_id', 'subject'])
        .addForeignKeyConstraint('user_identities_provider', ['realm_id', 'provider_id'], 'identity_providers', ['realm_id', 'id'], (c) => c.onDelete('cascade'))
        .execute();
      await db.schema.createIndex('user_identities_user').on('user_identities').columns(['realm_id', 'user_id']).execute();
    },
  };
}
