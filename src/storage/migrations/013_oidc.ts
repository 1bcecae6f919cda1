import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * OpenID Connect (src/oidc): what `oidc-provider` persists for each realm — sessions, interactions,
 * grants, codes, refresh tokens, device codes, pushed requests and the record of each JWT access
 * token issued (so it can be introspected and revoked) — one row per model instance, its payload as
 * JSON. Clients are not stored here: they are the realm's applications. The columns beside the
 * payload are what the provider looks rows up by (grant, user code, uid) and what the realm's own
 * sessions and housekeeping need (the realm session a provider session is bound to, expiry).
 */
export function oidc(dialect: DialectName) {
  const json = dialect === 'postgres' ? 'jsonb' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('oidc_models')
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('payload', json, (c) => c.notNull())
        .addColumn('grant_id', 'text')
        .addColumn('user_code', 'text')
        .addColumn('uid', 'text')
        .addColumn('account_id', 'text')
        .addColumn('client_id', 'text')
        .addColumn('application_id', 'text')
        .addColumn('realm_session_id', 'text')
        .addColumn('expires_at', 'bigint')
        .addColumn('consumed_at', 'bigint')
        .addPrimaryKeyConstraint('oidc_models_pk', ['realm_id', 'model', 'id'])
        .execute();
      await db.schema.createIndex('oidc_models_grant').on('oidc_models').columns(['realm_id', 'grant_id']).execute();
      await db.schema.createIndex('oidc_models_user_code').on('oidc_models').columns(['realm_id', 'model', 'user_code']).execute();
      await db.schema.createIndex('oidc_models_uid').on('oidc_models').columns(['realm_id', 'model', 'uid']).execute();
      await db.schema.createIndex('oidc_models_application').on('oidc_models').columns(['realm_id', 'application_id', 'account_id']).execute();
      await db.schema.createIndex('oidc_models_realm_session').on('oidc_models').columns(['realm_id', 'realm_session_id']).execute();
      await db.schema.createIndex('oidc_models_expiry').on('oidc_models').columns(['expires_at']).execute();
    },
  };
}
