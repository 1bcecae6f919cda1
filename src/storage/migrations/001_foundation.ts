import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/** Realms, keys, users, operators, sessions, one-time tokens, counters and the event log. */
export function foundation(dialect: DialectName) {
  const json = dialect === 'postgres' ? 'jsonb' : 'text';
  const now = sql`0`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('realms')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('reference', 'text')
        .addColumn('custom', json, (c) => c.notNull())
        .addColumn('public_info', json, (c) => c.notNull())
        .addColumn('settings', json, (c) => c.notNull())
        .addColumn('is_system', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('created_at', 'bigint', (c) => c.notNull().defaultTo(now))
        .addColumn('created_by', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull().defaultTo(now))
        .addColumn('updated_by', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('realms_reference').on('realms').columns(['reference']).execute();
      await db.schema.createIndex('realms_name').on('realms').columns(['name', 'id']).execute();
      await db.schema.createIndex('realms_created').on('realms').columns(['created_at', 'id']).execute();

      await db.schema
        .createTable('signing_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('algorithm', 'text', (c) => c.notNull())
        .addColumn('public_jwk', json)
        .addColumn('private_material', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('retired_at', 'bigint')
        .addColumn('verify_until', 'bigint')
        .execute();
      await db.schema.createIndex('signing_keys_realm').on('signing_keys').columns(['realm_id']).execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('username', 'text')
        .addColumn('username_key', 'text')
        .addColumn('email', 'text')
        .addColumn('email_key', 'text')
        .addColumn('email_search', 'text')
        .addColumn('email_verified', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('mobile', 'text')
        .addColumn('mobile_key', 'text')
        .addColumn('mobile_verified', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('first_name', 'text')
        .addColumn('middle_name', 'text')
        .addColumn('last_name', 'text')
        .addColumn('display_name', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('locked', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('locked_reason', 'text')
        .addColumn('user_type', 'text', (c) => c.notNull())
        .addColumn('custom', json, (c) => c.notNull())
        .addColumn('access', json)
        .addColumn('access_token_minutes', 'integer')
        .addColumn('password_hash', 'text')
        .addColumn('last_login_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('deleted_at', 'bigint')
        .addColumn('deleted_by', 'text')
        .execute();
      // The *_key columns hold normalised identifiers only while they must be unique (null once the
      // user is deleted, or for emails when the realm allows duplicates); the database enforces it.
      await db.schema.createIndex('users_username_key').on('users').columns(['realm_id', 'username_key']).unique().execute();
      await db.schema.createIndex('users_email_key').on('users').columns(['realm_id', 'email_key']).unique().execute();
      await db.schema.createIndex('users_mobile_key').on('users').columns(['realm_id', 'mobile_key']).unique().execute();
      await db.schema.createIndex('users_email_search').on('users').columns(['realm_id', 'email_search']).execute();
      await db.schema.createIndex('users_created').on('users').columns(['realm_id', 'created_at', 'id']).execute();

      await db.schema
        .createTable('user_tags')
        .addColumn('realm_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('tag', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('user_tags_pk', ['user_id', 'tag'])
        .execute();
      await db.schema.createIndex('user_tags_tag').on('user_tags').columns(['realm_id', 'tag']).execute();

      await db.schema
        .createTable('user_versions')
        .addColumn('realm_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('snapshot', json, (c) => c.notNull())
        .addColumn('recorded_at', 'bigint', (c) => c.notNull())
        .addColumn('recorded_by', 'text')
        .addPrimaryKeyConstraint('user_versions_pk', ['user_id', 'version'])
        .execute();

      await db.schema
        .createTable('operators')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('grants', json, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('revoked_reason', 'text')
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').columns(['realm_id', 'user_id', 'created_at']).execute();

      await db.schema
        .createTable('one_time_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('payload', json)
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('consumed_at', 'bigint')
        .execute();
      await db.schema.createIndex('one_time_tokens_subject').on('one_time_tokens').columns(['realm_id', 'subject']).execute();
      await db.schema.createIndex('one_time_tokens_expiry').on('one_time_tokens').columns(['expires_at']).execute();

      await db.schema
        .createTable('counters')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('code', 'integer')
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor_type', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('user_id', 'text')
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('details', json, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('events_realm_at').on('events').columns(['realm_id', 'at', 'id']).execute();
      await db.schema.createIndex('events_realm_user').on('events').columns(['realm_id', 'user_id', 'at']).execute();
      await db.schema.createIndex('events_realm_type').on('events').columns(['realm_id', 'type', 'at']).execute();
    },
  };
}
