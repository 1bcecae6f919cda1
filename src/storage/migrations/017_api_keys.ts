import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * API keys of a realm (src/api-keys): owned by a user (user_id set) or by the realm itself as a
 * service account (user_id null). The secret is kept as a keyed hash or sealed with the master key
 * (the realm's `api_keys.policy` at creation); deleting a user deletes their keys with them.
 */
export function apiKeys(dialect: DialectName) {
  const json = dialect === 'postgres' ? 'jsonb' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('api_keys')
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('service', 'text')
        .addColumn('capabilities', json, (c) => c.notNull())
        // 'hash': secret_hash holds HMAC-SHA-256 of the key; 'encrypt': secret_sealed holds the key sealed.
        .addColumn('storage', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text')
        .addColumn('secret_sealed', 'text')
        .addColumn('expires_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('last_used_at', 'bigint')
        .addColumn('last_used_ip', 'text')
        .addPrimaryKeyConstraint('api_keys_pk', ['realm_id', 'id'])
        .execute();
      await db.schema.createIndex('api_keys_owner').on('api_keys').columns(['realm_id', 'user_id', 'created_at', 'id']).execute();
    },
  };
}
