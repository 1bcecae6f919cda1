import type { Kysely } from 'kysely';

/**
 * The outgoing mail queue and each realm's own message templates. A message is written in the
 * transaction of the change that causes it and sent later by the mail worker; its variables (links,
 * codes) are sealed under the master key and wiped once they are no longer needed.
 */
export function messages() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        // No foreign key: a message outlives its user's deletion, and an operator can still see it.
        .addColumn('user_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('lease_until', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('sealed_variables', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('sent_at', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('messages_due').on('messages').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('messages_realm_created').on('messages').columns(['realm_id', 'created_at', 'id']).execute();

      await db.schema
        .createTable('message_templates')
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('html', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addPrimaryKeyConstraint('message_templates_pk', ['realm_id', 'type'])
        .execute();
    },
  };
}
