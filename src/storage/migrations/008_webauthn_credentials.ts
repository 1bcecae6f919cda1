import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Passkeys (src/passkeys): the WebAuthn credentials users register. Only public keys are kept; a
 * credential id is unique within its realm (the same authenticator may hold credentials for
 * several realms). Registration challenges live in one_time_tokens (type `webauthn_registration`).
 */
export function webauthnCredentials(dialect: DialectName) {
  const json = dialect === 'postgres' ? 'jsonb' : 'text';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('webauthn_credentials')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('realm_id', 'text', (c) => c.notNull().references('realms.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        // base64url, as the browser reports it.
        .addColumn('credential_id', 'text', (c) => c.notNull())
        // The COSE public key, base64url.
        .addColumn('public_key', 'text', (c) => c.notNull())
        // The authenticator's signature counter (uint32); 0 for authenticators that keep none.
        .addColumn('sign_count', 'bigint', (c) => c.notNull())
        .addColumn('transports', json, (c) => c.notNull())
        .addColumn('aaguid', 'text', (c) => c.notNull())
        .addColumn('backed_up', 'boolean', (c) => c.notNull())
        .addColumn('device_type', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .execute();
      await db.schema.createIndex('webauthn_credentials_credential').on('webauthn_credentials').columns(['realm_id', 'credential_id']).unique().execute();
      await db.schema.createIndex('webauthn_credentials_user').on('webauthn_credentials').columns(['realm_id', 'user_id']).execute();
    },
  };
}
