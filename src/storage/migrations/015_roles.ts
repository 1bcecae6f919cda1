import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Roles of a realm (src/authorization): a slug unique within the realm, permissions as a JSON list,
 * the roles a composite role includes, and the users' assignments with their windows. Composite
 * edges and assignments reference their roles through (realm_id, id), so none can point at
 * another realm's role, and deleting a role deletes its edges and assignments with it.
 */
export function roles(dialect: DialectName) {
  const json = dialect === 'postgres' ? 'jsonb' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('roles')
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text')
        .addColumn('description', 'text')
        .addColumn('active', 'boolean', (c) => c.notNull())
        .addColumn('permissions', json, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('roles_pk', ['realm_id', 'id'])
        .addUniqueConstraint('roles_slug_key', ['realm_id', 'slug'])
        .execute();
      await db.schema.createIndex('roles_created').on('roles').columns(['realm_id', 'created_at', 'id']).execute();

      await db.schema
        .createTable('role_includes')
        .addColumn('realm_id', 'text', (c) => c.notNull())
        .addColumn('role_id', 'text', (c) => c.notNull())
        .addColumn('included_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('role_includes_pk', ['realm_id', 'role_id', 'included_id'])
        .addForeignKeyConstraint('role_includes_role', ['realm_id', 'role_id'], 'roles', ['realm_id', 'id'], (c) => c.onDelete('cascade'))
        .addForeignKeyConstraint('role_includes_included', ['realm_id', 'included_id'], 'roles', ['realm_id', 'id'], (c) => c.onDelete('cascade'))
        .execute();
      await db.schema.createIndex('role_includes_included').on('role_includes').columns(['realm_id', 'included_id']).execute();

      await db.schema
        .createTable('role_assignments')
        .addColumn('realm_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role_id', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'bigint', (c) => c.notNull())
        // Null: no end.
        .addColumn('ends_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addPrimaryKeyConstraint('role_assignments_pk', ['realm_id', 'user_id', 'role_id'])
        .addForeignKeyConstraint('role_assignments_role', ['realm_id', 'role_id'], 'roles', ['realm_id', 'id'], (c) => c.onDelete('cascade'))
        .execute();
      // Users of a role, in the order the list pages them.
      await db.schema.createIndex('role_assignments_role').on('role_assignments').columns(['realm_id', 'role_id', 'created_at', 'user_id']).execute();
    },
  };
}
