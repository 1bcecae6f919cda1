import type { UserService } from '../users/user-service.ts';
import { enforceRateLimits, type RateLimiter } from './rate-limiter.ts';

type PasswordChanges = Pick<UserService, 'changePassword'>;

/**
 * Limits self-service password changes per user: each one verifies the current password, so
 * without a limit a stolen access token would let its holder guess that password at hashing speed.
 * Every attempt counts, before the password is verified, whether it then succeeds or not.
 */
export function limitPasswordChanges<T extends PasswordChanges>(users: T, deps: { rateLimiter: RateLimiter; perUserPerMinute: number }): T {
  const changePassword: PasswordChanges['changePassword'] = async (realm, userId, ...rest) => {
    await enforceRateLimits(deps.rateLimiter, [{ key: `password_change:user:${realm.id}:${userId}`, limit: deps.perUserPerMinute }]);
    return users.changePassword(realm, userId, ...rest);
  };
  return { ...users, changePassword };
}
