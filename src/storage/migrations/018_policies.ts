import type { Kysely } from 'kysely';

/**
 * Each realm's Cedar policy modules (src/authorization): a named policy set's text, checked and
 * validated when saved. Read whole when a realm's decisions are compiled, never per decision.
 */
export function policies() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('policy_modules')
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('module', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('policy_count', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addPrimaryKeyConstraint('policy_modules_pk', ['realm_id', 'module'])
        .execute();
    },
  };
}
