import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Operator applications (src/operators/operator-applications.ts): a machine application of the
 * admin realm that acts on the admin API with its client-credentials tokens, under grants of its
 * own. Keyed by the application, which it goes with when deleted. Add-only.
 */
export function operatorApplications(dialect: DialectName) {
  const json = dialect === 'postgres' ? 'jsonb' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('operator_applications')
        .addColumn('realm_id', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('grants', json, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addPrimaryKeyConstraint('operator_applications_pk', ['realm_id', 'client_id'])
        .addForeignKeyConstraint('operator_applications_application', ['realm_id', 'client_id'], 'applications', ['realm_id', 'client_id'], (fk) => fk.onDelete('cascade'))
        .execute();
    },
  };
}
