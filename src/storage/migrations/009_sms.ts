import type { Kysely } from 'kysely';

/**
 * SMS shares the outgoing message queue with email (src/sms, src/mail): each message says which
 * channel it goes out on. Rows queued before this migration are all email.
 */
export function sms() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('messages')
        .addColumn('channel', 'text', (c) => c.notNull().defaultTo('email'))
        .execute();
    },
  };
}
