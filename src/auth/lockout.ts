import type { Realm } from '../realms/realm.ts';
import type { UserService } from '../users/user-service.ts';
import type { LockoutStatus, LoginGuard } from './login-guard.ts';

/** What an operator sees of a user's brute-force state: the guard's count and the user row's lock. */
export interface Lockout extends LockoutStatus {
  locked: boolean;
  locked_reason: string | null;
}

export function createLockoutAdmin(deps: { users: Pick<UserService, 'get'>; guard: Pick<LoginGuard, 'status'> }) {
  return {
    /** Another realm's user, or a deleted one, is not found. */
    async status(realm: Realm, userId: string): Promise<Lockout> {
      const user = await deps.users.get(realm, userId);
      const counted = await deps.guard.status(realm.id, user.id);
      return { ...counted, locked: user.locked, locked_reason: user.locked_reason };
    },
  };
}

export type LockoutAdmin = ReturnType<typeof createLockoutAdmin>;

/**
 * An operator's unlock also forgets the user's failed sign-ins, so a temporary lock ends with it
 * and the count starts again. The user is unlocked first: an unknown user is not found, and
 * nothing is cleared.
 */
export function clearFailuresOnUnlock<T extends Pick<UserService, 'unlock'>>(users: T, guard: Pick<LoginGuard, 'clear'>): T {
  const unlock: UserService['unlock'] = async (realm, userId, ...rest) => {
    const user = await users.unlock(realm, userId, ...rest);
    await guard.clear(realm.id, user.id);
    return user;
  };
  return { ...users, unlock };
}
