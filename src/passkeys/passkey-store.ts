import { sql, type Kysely } from 'kysely';
import type { EnrolmentChecks } from '../flows/enrolled-factors.ts';
import { readBool, readJson, writeJson } from '../storage/codec.ts';
import type { Schema, WebauthnCredentialRow } from '../storage/schema.ts';

/**
 * The webauthn_credentials table. Every call names the realm (and, for an owner's changes, the
 * user), so no caller reaches another realm's or another user's passkey. A use is recorded with one
 * conditional UPDATE that only moves the signature counter forward: of two concurrent uses of the
 * same assertion, at most one changes the row.
 */
type Db = Kysely<Schema>;

export interface Passkey {
  id: string;
  realmId: string;
  userId: string;
  credentialId: string;
  publicKey: string;
  signCount: number;
  transports: string[];
  aaguid: string;
  backedUp: boolean;
  deviceType: 'singleDevice' | 'multiDevice';
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

function toPasskey(row: WebauthnCredentialRow): Passkey {
  return {
    id: row.id,
    realmId: row.realm_id,
    userId: row.user_id,
    credentialId: row.credential_id,
    publicKey: row.public_key,
    signCount: Number(row.sign_count),
    transports: readJson<string[]>(row.transports),
    aaguid: row.aaguid,
    backedUp: readBool(row.backed_up),
    deviceType: row.device_type as Passkey['deviceType'],
    name: row.name,
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
  };
}

function toRow(passkey: Passkey): WebauthnCredentialRow {
  return {
    id: passkey.id,
    realm_id: passkey.realmId,
    user_id: passkey.userId,
    credential_id: passkey.credentialId,
    public_key: passkey.publicKey,
    sign_count: passkey.signCount,
    transports: writeJson(passkey.transports),
    aaguid: passkey.aaguid,
    backed_up: passkey.backedUp,
    device_type: passkey.deviceType,
    name: passkey.name,
    created_at: passkey.createdAt,
    last_used_at: passkey.lastUsedAt,
  };
}

const ofUser = (db: Db, realmId: string, userId: string) =>
  db.selectFrom('webauthn_credentials').selectAll().where('realm_id', '=', realmId).where('user_id', '=', userId);

const changed = (result: { numUpdatedRows: bigint }) => Number(result.numUpdatedRows);

/** Whether the user has a passkey, as the one query of enrolled factors asks it (src/flows/enrolled-factors.ts). */
export const passkeyEnrolmentChecks: EnrolmentChecks = (eb, realmId, userId) => [
  ['passkey', eb.exists(eb.selectFrom('webauthn_credentials').select(sql.lit(1).as('one')).where('realm_id', '=', realmId).where('user_id', '=', userId))],
];

export const passkeyStore = {
  async insert(db: Db, passkey: Passkey): Promise<void> {
    await db.insertInto('webauthn_credentials').values(toRow(passkey)).execute();
  },

  async listForUser(db: Db, realmId: string, userId: string): Promise<Passkey[]> {
    return (await ofUser(db, realmId, userId).orderBy('created_at').orderBy('id').execute()).map(toPasskey);
  },

  async countForUser(db: Db, realmId: string, userId: string): Promise<number> {
    const row = await db
      .selectFrom('webauthn_credentials')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('realm_id', '=', realmId)
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async removeAllForUser(db: Db, realmId: string, userId: string): Promise<number> {
    const result = await db.deleteFrom('webauthn_credentials').where('realm_id', '=', realmId).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  async find(db: Db, realmId: string, userId: string, passkeyId: string): Promise<Passkey | undefined> {
    const row = await ofUser(db, realmId, userId).where('id', '=', passkeyId).executeTakeFirst();
    return row && toPasskey(row);
  },

  /** The credential an assertion names, whoever owns it (discoverable sign-in names no user). */
  async findByCredentialId(db: Db, realmId: string, credentialId: string): Promise<Passkey | undefined> {
    const row = await db.selectFrom('webauthn_credentials').selectAll().where('realm_id', '=', realmId).where('credential_id', '=', credentialId).executeTakeFirst();
    return row && toPasskey(row);
  },

  async rename(db: Db, realmId: string, userId: string, passkeyId: string, name: string): Promise<boolean> {
    const result = await db
      .updateTable('webauthn_credentials')
      .set({ name })
      .where('realm_id', '=', realmId)
      .where('user_id', '=', userId)
      .where('id', '=', passkeyId)
      .executeTakeFirst();
    return changed(result) === 1;
  },

  async remove(db: Db, realmId: string, userId: string, passkeyId: string): Promise<Passkey | undefined> {
    const row = await db
      .deleteFrom('webauthn_credentials')
      .where('realm_id', '=', realmId)
      .where('user_id', '=', userId)
      .where('id', '=', passkeyId)
      .returningAll()
      .executeTakeFirst();
    return row && toPasskey(row);
  },

  /**
   * Records a verified use: the new counter and the time, only if the stored counter is still the
   * one the verification read. A concurrent use that got there first makes this one lose.
   */
  async recordUse(db: Db, realmId: string, passkeyId: string, use: { from: number; to: number; backedUp: boolean }, now: number): Promise<boolean> {
    const result = await db
      .updateTable('webauthn_credentials')
      .set({ sign_count: use.to, backed_up: use.backedUp, last_used_at: now })
      .where('realm_id', '=', realmId)
      .where('id', '=', passkeyId)
      .where('sign_count', '=', use.from)
      .executeTakeFirst();
    return changed(result) === 1;
  },
};
