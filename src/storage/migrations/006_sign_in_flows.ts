import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Sign-in flows (src/flows): a sign-in, step-up or enrolment in progress, persisted so that each
 * step (a second factor, a code, an approval from another device) can come in its own request and
 * on any instance. Sessions remember how their user signed in (`auth_time`, `amr`, `acr`), which
 * refreshed tokens carry on and step-up raises.
 */
export function signInFlows(dialect: DialectName) {
  const json = dialect === 'postgres' ? 'jsonb' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('sign_in_flows')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('session_id', 'text')
        .addColumn('first_factors', json, (c) => c.notNull())
        .addColumn('second_factors', json, (c) => c.notNull())
        .addColumn('completed', json, (c) => c.notNull())
        .addColumn('challenge', 'text')
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sign_in_flows_realm').on('sign_in_flows').columns(['realm_id', 'created_at']).execute();
      await db.schema.createIndex('sign_in_flows_expiry').on('sign_in_flows').columns(['expires_at']).execute();
      await db.schema.alterTable('sessions').addColumn('auth_time', 'bigint').execute();
      await db.schema.alterTable('sessions').addColumn('amr', 'text').execute();
      await db.schema.alterTable('sessions').addColumn('acr', 'text').execute();
    },
  };
}
