import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Tenants (organisations) of a realm and their members (src/authorization/tenant-*.ts). A tenant's
 * API id is `tnt_…`; its slug is unique within the realm. A membership belongs to one tenant and
 * one user of the same realm and carries the user's roles in that tenant (role slugs, JSON array).
 * The composite foreign key keeps a membership from pointing at another realm's tenant; a tenant's
 * members go with it. `sessions.tenant_id`: the tenant a session signed in to (null: none), which
 * refresh carries on and validate checks. `sign_in_flows.tenant`: the tenant (id or slug) a login
 * asked for, kept until its second factor completes it.
 */
export function tenants(dialect: DialectName) {
  const json = dialect === 'postgres' ? 'jsonb' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('tenants')
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('active', 'boolean', (c) => c.notNull())
        .addColumn('custom', json, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('tenants_pk', ['realm_id', 'id'])
        .addUniqueConstraint('tenants_slug', ['realm_id', 'slug'])
        .execute();
      await db.schema.createIndex('tenants_created').on('tenants').columns(['realm_id', 'created_at', 'id']).execute();

      await db.schema
        .createTable('tenant_memberships')
        .addColumn('realm_id', 'text', (c) => c.notNull())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('roles', json, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('tenant_memberships_pk', ['realm_id', 'tenant_id', 'user_id'])
        .addForeignKeyConstraint('tenant_memberships_tenant', ['realm_id', 'tenant_id'], 'tenants', ['realm_id', 'id'], (c) => c.onDelete('cascade'))
        .execute();
      await db.schema.createIndex('tenant_memberships_user').on('tenant_memberships').columns(['realm_id', 'user_id', 'tenant_id']).execute();
      await db.schema.createIndex('tenant_memberships_listed').on('tenant_memberships').columns(['realm_id', 'tenant_id', 'created_at', 'user_id']).execute();

      await db.schema.alterTable('sessions').addColumn('tenant_id', 'text').execute();
      await db.schema.alterTable('sign_in_flows').addColumn('tenant', 'text').execute();
    },
  };
}
