import type { Kysely } from 'kysely';
import { readJson, writeJson } from '../storage/codec.ts';
import { prepared } from '../storage/prepared.ts';
import type { ApiKeyRow, Schema } from '../storage/schema.ts';
import { userStore } from '../users/user-store.ts';
import type { ApiKey, Capabilities, StoredSecret } from './api-key.ts';

/**
 * The api_keys table. Every call names the realm, and list/count/delete also the owner (a user id,
 * or null for the realm's service keys): another realm's or owner's key is never read or changed.
 */
type Db = Kysely<Schema>;

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    realmId: row.realm_id,
    userId: row.user_id,
    name: row.name,
    service: row.service,
    capabilities: readJson<Capabilities>(row.capabilities),
    storage: row.storage as ApiKey['storage'],
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    lastUsedIp: row.last_used_ip,
  };
}

// Validate with a key reads this on every cache miss: compiled once per dialect.
const findRow = prepared((db, realmId: string, id: string) => db.selectFrom('api_keys').selectAll().where('realm_id', '=', realmId).where('id', '=', id));

const ofOwner = (db: Db, realmId: string, userId: string | null) => {
  const query = db.selectFrom('api_keys').where('realm_id', '=', realmId);
  return userId === null ? query.where('user_id', 'is', null) : query.where('user_id', '=', userId);
};

export const apiKeyStore = {
  async insert(db: Db, key: ApiKey, secret: StoredSecret, createdBy: string | null): Promise<void> {
    await db
      .insertInto('api_keys')
      .values({
        realm_id: key.realmId,
        id: key.id,
        user_id: key.userId,
        name: key.name,
        service: key.service,
        capabilities: writeJson(key.capabilities),
        storage: key.storage,
        secret_hash: secret.hash,
        secret_sealed: secret.sealed,
        expires_at: key.expiresAt,
        created_at: key.createdAt,
        created_by: createdBy,
        last_used_at: null,
        last_used_ip: null,
      })
      .execute();
  },

  /** The key with what verifies it; any owner (the caller checks the owner it expects). */
  async findWithSecret(db: Db, realmId: string, id: string): Promise<{ key: ApiKey; secret: StoredSecret } | undefined> {
    const [row] = await findRow(db, realmId, id);
    return row && { key: toApiKey(row), secret: { hash: row.secret_hash, sealed: row.secret_sealed } };
  },

  /**
   * Holds the owner's row lock until the transaction ends (a no-op update, as in both dialects):
   * concurrent creations for one owner count one after another, so the cap holds. A user's through
   * userStore.findForChange, the realm's row first as every change of one user takes it
   * (src/authorization/write-locks.ts; found by review: a deadlock with the realm's deletion).
   * False when the user is absent or deleted.
   */
  async lockOwner(db: Db, realmId: string, userId: string | null): Promise<boolean> {
    if (userId !== null) return (await userStore.findForChange(db, realmId, userId)) !== undefined;
    const result = await db.updateTable('realms').set((eb) => ({ id: eb.ref('id') })).where('id', '=', realmId).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  /** Whether the user is a live user of the realm (the realm's own service account always is). */
  async ownerExists(db: Db, realmId: string, userId: string | null): Promise<boolean> {
    if (userId === null) return true;
    const row = await db.selectFrom('users').select('id').where('realm_id', '=', realmId).where('id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
    return row !== undefined;
  },

  async list(db: Db, realmId: string, userId: string | null): Promise<ApiKey[]> {
    const rows = await ofOwner(db, realmId, userId).selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toApiKey);
  },

  async count(db: Db, realmId: string, userId: string | null): Promise<number> {
    const row = await ofOwner(db, realmId, userId).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async delete(db: Db, realmId: string, userId: string | null, id: string): Promise<boolean> {
    const query = db.deleteFrom('api_keys').where('realm_id', '=', realmId).where('id', '=', id);
    const result = await (userId === null ? query.where('user_id', 'is', null) : query.where('user_id', '=', userId)).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  /** A deleted user's keys (users are soft-deleted: the cascade of their row never fires); how many went. */
  async removeAllOfUser(db: Db, realmId: string, userId: string): Promise<number> {
    const result = await db.deleteFrom('api_keys').where('realm_id', '=', realmId).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /** Batched last-use (src/api-keys/last-use.ts): never moves a time backwards. */
  async recordUse(db: Db, realmId: string, id: string, at: number, ip: string | null): Promise<void> {
    await db
      .updateTable('api_keys')
      .set({ last_used_at: at, last_used_ip: ip })
      .where('realm_id', '=', realmId)
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)]))
      .execute();
  },
};
