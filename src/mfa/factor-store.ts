import type { Kysely } from 'kysely';
import type { Schema, UserFactorRow } from '../storage/schema.ts';

/**
 * The user_factors table. Every call names the realm and the user, so no caller can reach another
 * realm's or another user's factor. The changes that spend a code are single conditional UPDATEs:
 * under any concurrency exactly one caller sees its row change.
 */
type Db = Kysely<Schema>;
export type FactorType = 'totp' | 'hotp';
export const factorTypes: readonly FactorType[] = ['totp', 'hotp'];

const ofUser = (db: Db, realmId: string, userId: string) =>
  db.selectFrom('user_factors').selectAll().where('realm_id', '=', realmId).where('user_id', '=', userId);

/** An UPDATE of one of the user's factors; conditions and values are added by the caller. */
const updateOne = (db: Db, realmId: string, userId: string, factorId: string) =>
  db.updateTable('user_factors').where('realm_id', '=', realmId).where('user_id', '=', userId).where('id', '=', factorId);

const changed = (result: { numUpdatedRows: bigint } | { numDeletedRows: bigint }) =>
  Number('numUpdatedRows' in result ? result.numUpdatedRows : result.numDeletedRows);

/** Runs `work` in the caller's transaction when `executor` is one, else in a new one. */
export function inTransaction<T>(executor: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return executor.isTransaction ? work(executor) : executor.transaction().execute(work);
}

export const factorStore = {
  async insert(db: Db, row: UserFactorRow): Promise<void> {
    await db.insertInto('user_factors').values(row).execute();
  },

  async listForUser(db: Db, realmId: string, userId: string): Promise<UserFactorRow[]> {
    return ofUser(db, realmId, userId).orderBy('created_at').orderBy('id').execute();
  },

  async find(db: Db, realmId: string, userId: string, factorId: string): Promise<UserFactorRow | undefined> {
    return ofUser(db, realmId, userId).where('id', '=', factorId).executeTakeFirst();
  },

  async activeOfType(db: Db, realmId: string, userId: string, type: FactorType): Promise<UserFactorRow[]> {
    return ofUser(db, realmId, userId).where('type', '=', type).where('state', '=', 'active').orderBy('created_at').execute();
  },

  async countActive(db: Db, realmId: string, userId: string): Promise<number> {
    const row = await db
      .selectFrom('user_factors')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('realm_id', '=', realmId)
      .where('user_id', '=', userId)
      .where('state', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Activates a pending factor with the code that confirmed it spent (TOTP step or next HOTP counter). */
  async activate(db: Db, realmId: string, userId: string, factorId: string, spent: { lastUsedStep?: number; counter?: number }, now: number): Promise<boolean> {
    const result = await updateOne(db, realmId, userId, factorId)
      .set({ state: 'active', confirmed_at: now, last_used_at: now, ...(spent.lastUsedStep === undefined ? {} : { last_used_step: spent.lastUsedStep }), ...(spent.counter === undefined ? {} : { counter: spent.counter }) })
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return changed(result) === 1;
  },

  async rename(db: Db, realmId: string, userId: string, factorId: string, name: string): Promise<boolean> {
    const result = await updateOne(db, realmId, userId, factorId).set({ name }).executeTakeFirst();
    return changed(result) === 1;
  },

  async remove(db: Db, realmId: string, userId: string, factorId: string): Promise<UserFactorRow | undefined> {
    return db.deleteFrom('user_factors').where('realm_id', '=', realmId).where('user_id', '=', userId).where('id', '=', factorId).returningAll().executeTakeFirst();
  },

  async removeAll(db: Db, realmId: string, userId: string): Promise<number> {
    return changed(await db.deleteFrom('user_factors').where('realm_id', '=', realmId).where('user_id', '=', userId).executeTakeFirst());
  },

  /** Removes the factor if it is still pending (an active one stays). */
  async removePending(db: Db, realmId: string, userId: string, factorId: string): Promise<void> {
    await db.deleteFrom('user_factors').where('realm_id', '=', realmId).where('user_id', '=', userId).where('id', '=', factorId).where('state', '=', 'pending').execute();
  },

  /** Enrolments never confirmed by `before` are abandoned. */
  async purgeStalePending(db: Db, realmId: string, userId: string, before: number): Promise<void> {
    await db
      .deleteFrom('user_factors')
      .where('realm_id', '=', realmId)
      .where('user_id', '=', userId)
      .where('state', '=', 'pending')
      .where('created_at', '<', before)
      .execute();
  },

  /** Spends a TOTP step: only if no step at or after it was accepted before (RFC 6238 §5.2). */
  async spendStep(db: Db, realmId: string, userId: string, factorId: string, step: number, now: number): Promise<boolean> {
    const result = await updateOne(db, realmId, userId, factorId)
      .set({ last_used_step: step, last_used_at: now })
      .where('state', '=', 'active')
      .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
      .executeTakeFirst();
    return changed(result) === 1;
  },

  /**
   * Moves an HOTP counter on from the value the caller read; a concurrent use moved it already and
   * this caller loses. Any resync in progress is forgotten.
   */
  async advanceCounter(db: Db, realmId: string, userId: string, factorId: string, move: { from: number; to: number; resyncFrom?: number }, now: number): Promise<boolean> {
    let update = updateOne(db, realmId, userId, factorId)
      .set({ counter: move.to, last_used_at: now, resync_counter: null, resync_until: null })
      .where('state', '=', 'active')
      .where('counter', '=', move.from);
    // Completing a resync: the first code's record must still be the one read, and still live.
    if (move.resyncFrom !== undefined) update = update.where('resync_counter', '=', move.resyncFrom).where('resync_until', '>', now);
    const result = await update.executeTakeFirst();
    return changed(result) === 1;
  },

  /** Remembers a code far ahead of the counter until `until`: its successor completes a resync. */
  async beginResync(db: Db, realmId: string, userId: string, factorId: string, counter: number, resyncCounter: number, until: number): Promise<boolean> {
    const result = await updateOne(db, realmId, userId, factorId)
      .set({ resync_counter: resyncCounter, resync_until: until })
      .where('state', '=', 'active')
      .where('counter', '=', counter)
      .executeTakeFirst();
    return changed(result) === 1;
  },
};
