import type { Kysely } from 'kysely';

/**
 * Second factors a user enrols (src/mfa): TOTP and HOTP authenticators, their seeds sealed under
 * the master key, and the user's recovery codes, stored only as keyed hashes. Both go with their
 * user and their realm.
 */
export function userFactors() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('user_factors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('secret_sealed', 'text', (c) => c.notNull())
        .addColumn('digits', 'integer', (c) => c.notNull())
        .addColumn('period', 'integer')
        .addColumn('algorithm', 'text', (c) => c.notNull())
        // HOTP: the next counter value the device may show.
        .addColumn('counter', 'bigint')
        // TOTP: the last time step accepted; that step and every earlier one are spent.
        .addColumn('last_used_step', 'bigint')
        // HOTP resync: the counter of a first code far ahead, awaiting its successor until resync_until.
        .addColumn('resync_counter', 'bigint')
        .addColumn('resync_until', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('confirmed_at', 'bigint')
        .addColumn('last_used_at', 'bigint')
        .execute();
      await db.schema.createIndex('user_factors_user').on('user_factors').columns(['realm_id', 'user_id']).execute();

      await db.schema
        .createTable('recovery_codes')
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .addPrimaryKeyConstraint('recovery_codes_pk', ['user_id', 'code_hash'])
        .execute();
      await db.schema.createIndex('recovery_codes_realm').on('recovery_codes').columns(['realm_id', 'user_id']).execute();
    },
  };
}
