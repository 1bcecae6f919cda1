import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import { canAuthenticate, type User } from '../users/user.ts';
import { isActiveSuperadmin, operatorStore } from './operator-store.ts';

/**
 * At least one active, unlocked superadmin must remain. Every change that could end one (a grant
 * taken away, an operator removed, an admin-realm user locked, deactivated or deleted) checks the
 * rule inside its own transaction after `operatorStore.lockAll`, so those changes take turns: two
 * concurrent changes cannot each see the other superadmin still standing and both commit.
 */
export async function assertAnotherSuperadmin(trx: Kysely<Schema>, adminRealmId: string, operatorId: string): Promise<void> {
  const operators = await operatorStore.all(trx, adminRealmId);
  if (!operators.some((o) => o.id !== operatorId && isActiveSuperadmin(o))) {
    throw new AppError(
      'operator.last_superadmin',
      'This is the last active superadmin: make another operator superadmin before removing, demoting, locking or deactivating this one.',
    );
  }
}

/**
 * The user service's `beforeChange` hook: operators are users of the admin realm, so locking,
 * deactivating or deleting one through the user API (or the operator API, which changes users
 * through the same service) is refused when it would leave no active superadmin.
 */
export async function keepSuperadmin(trx: Kysely<Schema>, realm: Realm, change: { before: User; after: User | null }): Promise<void> {
  const { before, after } = change;
  if (!realm.is_system || !canAuthenticate(before) || (after !== null && canAuthenticate(after))) return;
  await operatorStore.lockAll(trx, realm.id);
  // Read under the lock: a concurrent grant change has either committed or not begun.
  const operator = await operatorStore.find(trx, realm.id, before.id);
  if (operator && isActiveSuperadmin(operator)) await assertAnotherSuperadmin(trx, realm.id, before.id);
}
