import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { DialectName } from '../storage/database.ts';
import type { Schema } from '../storage/schema.ts';
import { realmStore } from './realm-store.ts';

/**
 * Every way a realm comes to be (the API's create, a realm import) first takes a slot here, in its
 * creating transaction: creators queue on the system realm's row, so the count cannot go stale
 * before their insert, and past `maxRealms` the creation is refused.
 */
export async function claimRealmSlot(trx: Kysely<Schema>, dialect: DialectName, systemRealmId: string, maxRealms: number): Promise<void> {
  await realmStore.lock(trx, dialect, systemRealmId);
  if ((await realmStore.countNonSystem(trx)) >= maxRealms) {
    const realms = maxRealms === 1 ? 'realm' : 'realms';
    throw new AppError('realm.limit_reached', `This server allows at most ${maxRealms} ${realms}: delete one or raise KEYREALM_MAX_REALMS.`);
  }
}
