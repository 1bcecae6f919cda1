import type { Kysely } from 'kysely';

/**
 * Users who signed themselves up are marked: a realm that requires email verification keeps them
 * from signing in until they have proved their address, while accounts an operator created or
 * imported are vouched for by the operator.
 */
export function selfSignUp() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('users').addColumn('signed_up', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
    },
  };
}
