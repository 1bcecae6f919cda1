import type { Kysely } from 'kysely';

/**
 * Consecutive failed sign-ins per subject (a user, or the hash of an identifier that matches no
 * account), for the brute-force guard (src/auth/login-guard.ts). One row per realm and subject,
 * changed by single upserts; rows expire on their own (`expires_at`) and are purged lazily.
 */
export function loginGuard() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('login_failures')
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('locks', 'integer', (c) => c.notNull())
        .addColumn('last_failure_at', 'bigint', (c) => c.notNull())
        .addColumn('locked_until', 'bigint')
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('login_failures_pk', ['realm_id', 'subject'])
        .execute();
      await db.schema.createIndex('login_failures_expires').on('login_failures').columns(['expires_at']).execute();
    },
  };
}
