import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Applications (OAuth clients) of a realm and the consents their users gave (src/applications).
 * An application's API id is its client_id, unique within the realm. Secrets are kept only as
 * SHA-256 hashes: the current one and, during a rotation's grace period, the previous one.
 * A consent belongs to one application and one user of the same realm: it goes with either
 * (the composite foreign key also keeps a consent from pointing at another realm's application).
 */
export function applications(dialect: DialectName) {
  const json = dialect === 'postgres' ? 'jsonb' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('applications')
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        // The name lower-cased (JavaScript's rules) for case-insensitive prefix search.
        .addColumn('name_search', 'text', (c) => c.notNull())
        .addColumn('logo_url', 'text')
        .addColumn('enabled', 'boolean', (c) => c.notNull())
        .addColumn('redirect_uris', json, (c) => c.notNull())
        .addColumn('post_logout_redirect_uris', json, (c) => c.notNull())
        // The origins listed by the operator; an SPA's redirect URIs' origins are added when read.
        .addColumn('cors_origins', json, (c) => c.notNull())
        .addColumn('grant_types', json, (c) => c.notNull())
        .addColumn('scopes', json, (c) => c.notNull())
        .addColumn('consent', 'text', (c) => c.notNull())
        .addColumn('access_token_audience', 'text')
        .addColumn('access_token_minutes', 'integer')
        .addColumn('refresh_token_days', 'integer')
        .addColumn('token_endpoint_auth_method', 'text', (c) => c.notNull())
        .addColumn('jwks', json)
        .addColumn('jwks_uri', 'text')
        .addColumn('backchannel_logout_uri', 'text')
        .addColumn('frame_origins', json, (c) => c.notNull())
        .addColumn('secret_hash', 'text')
        .addColumn('previous_secret_hash', 'text')
        .addColumn('previous_secret_until', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('applications_pk', ['realm_id', 'client_id'])
        .execute();
      await db.schema.createIndex('applications_created').on('applications').columns(['realm_id', 'created_at', 'client_id']).execute();
      await db.schema.createIndex('applications_name').on('applications').columns(['realm_id', 'name_search', 'client_id']).execute();

      await db.schema
        .createTable('application_consents')
        .addColumn('realm_id', 'text', (c) => c.notNull())
        .addColumn('application_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('scopes', json, (c) => c.notNull())
        .addColumn('granted_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('application_consents_pk', ['realm_id', 'application_id', 'user_id'])
        .addForeignKeyConstraint('application_consents_application', ['realm_id', 'application_id'], 'applications', ['realm_id', 'client_id'], (c) => c.onDelete('cascade'))
        .execute();
      await db.schema.createIndex('application_consents_user').on('application_consents').columns(['realm_id', 'user_id']).execute();
    },
  };
}
