import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * A realm's webhooks (src/webhooks) and their deliveries, the transactional outbox: a delivery row
 * is written in the transaction of the event it carries, and the delivery worker sends it after
 * the commit. `seq` orders deliveries (per webhook and user, src/webhooks/delivery-store.ts); the
 * secrets are sealed with the master key. Deliveries name their webhook without a foreign key: a
 * change recorded while its webhook is being deleted must not fail for it (the worker drops such
 * orphans, and deleting a webhook deletes its deliveries). Add-only.
 */
export function webhooks(dialect: DialectName) {
  const json = dialect === 'postgres' ? 'jsonb' : 'text';
  const bool = dialect === 'postgres' ? 'boolean' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('webhooks')
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('event_types', json, (c) => c.notNull())
        .addColumn('enabled', bool, (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('secret_sealed', 'text', (c) => c.notNull())
        .addColumn('previous_secret_sealed', 'text')
        .addColumn('previous_secret_expires_at', 'bigint')
        .addColumn('failing_since', 'bigint')
        .addColumn('disabled_reason', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('webhooks_pk', ['realm_id', 'id'])
        .execute();
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('webhook_id', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('order_key', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('lease_until', 'bigint')
        .addColumn('last_attempt_at', 'bigint')
        .addColumn('response_status', 'integer')
        .addColumn('response_excerpt', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('webhook_deliveries_order').on('webhook_deliveries').columns(['webhook_id', 'order_key', 'seq']).execute();
      await db.schema.createIndex('webhook_deliveries_list').on('webhook_deliveries').columns(['realm_id', 'webhook_id', 'created_at']).execute();
    },
  };
}
