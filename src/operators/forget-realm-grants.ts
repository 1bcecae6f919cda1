import type { Kysely } from 'kysely';
import { readJson, writeJson } from '../storage/codec.ts';
import type { Schema } from '../storage/schema.ts';
import type { Grant } from './permissions.ts';

/** The grants without `realmId` in any `admin_realm` grant (one that named only it goes); null when none named it. */
export function withoutRealm(grants: Grant[], realmId: string): Grant[] | null {
  if (!grants.some((grant) => grant.permission === 'admin_realm' && grant.realms.includes(realmId))) return null;
  return grants.flatMap((grant): Grant[] => {
    if (grant.permission !== 'admin_realm') return [grant];
    const realms = grant.realms.filter((id) => id !== realmId);
    return realms.length === 0 ? [] : [{ ...grant, realms }];
  });
}

/**
 * Inside a realm's deletion: takes the realm out of every operator's and operator application's
 * `admin_realm` grants. Left there, a grant would come back to life for a realm imported later
 * under the same id (`ids=keep`, restoring a backup), for operators nobody meant to give it to.
 * Operators are few (people and tools of one installation): reading every row is cheap.
 */
export async function forgetRealmInGrants(trx: Kysely<Schema>, realmId: string): Promise<void> {
  // Every row held first (a no-op update, as operatorStore.lockAll does): a grant change committed
  // between this read and its write would otherwise be written over.
  await trx.updateTable('operators').set((eb) => ({ grants: eb.ref('grants') })).execute();
  await trx.updateTable('operator_applications').set((eb) => ({ grants: eb.ref('grants') })).execute();
  for (const row of await trx.selectFrom('operators').select(['user_id', 'grants']).execute()) {
    const next = withoutRealm(readJson<Grant[]>(row.grants), realmId);
    if (next) await trx.updateTable('operators').set({ grants: writeJson(next) }).where('user_id', '=', row.user_id).execute();
  }
  for (const row of await trx.selectFrom('operator_applications').select(['realm_id', 'client_id', 'grants']).execute()) {
    const next = withoutRealm(readJson<Grant[]>(row.grants), realmId);
    if (next) {
      await trx.updateTable('operator_applications').set({ grants: writeJson(next) }).where('realm_id', '=', row.realm_id).where('client_id', '=', row.client_id).execute();
    }
  }
}
