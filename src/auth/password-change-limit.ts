import { AppError } from '../errors.ts';
import { noOrigin } from '../events/event-log.ts';
import type { UserService } from '../users/user-service.ts';
import type { LoginGuard } from './login-guard.ts';
import { enforceRateLimits, type RateLimiter } from './rate-limiter.ts';

type PasswordChanges = Pick<UserService, 'changePassword'>;

/**
 * Self-service password changes verify the current password, so a stolen access token would let
 * its holder guess that password. Two bounds, as at sign-in:
 * - the realm's brute-force guard (src/auth/login-guard.ts): a wrong current password is a failed
 *   proof of the account like a wrong password at sign-in, counted with them, delayed and locked
 *   by the same policy (a right one clears the count), so guessing here gets no more tries than
 *   guessing at the sign-in page;
 * - with rate limits on, a per-user limit a minute, counted before the password is verified,
 *   whether it then succeeds or not.
 */
export function limitPasswordChanges<T extends PasswordChanges>(
  users: T,
  deps: { guard: Pick<LoginGuard, 'begin' | 'recordFailure' | 'recordSuccess'>; rateLimit?: { rateLimiter: RateLimiter; perUserPerMinute: number } },
): T {
  const changePassword: PasswordChanges['changePassword'] = async (realm, userId, currentPassword, newPassword, keepSessionId, origin) => {
    if (deps.rateLimit) await enforceRateLimits(deps.rateLimit.rateLimiter, [{ key: `password_change:user:${realm.id}:${userId}`, limit: deps.rateLimit.perUserPerMinute }]);
    // Changes sent at once count one another while in progress, as sign-ins do.
    const attempt = await deps.guard.begin(realm, { userId });
    try {
      const { verdict } = attempt;
      if (!verdict.allowed) {
        throw new AppError('auth.too_many_attempts', 'Too many wrong passwords; wait before trying again.', { retryAfterSeconds: verdict.retryAfterSeconds });
      }
      await users.changePassword(realm, userId, currentPassword, newPassword, keepSessionId, origin);
    } catch (error) {
      if (error instanceof AppError && error.code === 'account.invalid_password') await deps.guard.recordFailure(realm, { userId }, origin ?? noOrigin);
      throw error;
    } finally {
      await attempt.end();
    }
    await deps.guard.recordSuccess(realm, { userId });
  };
  return { ...users, changePassword };
}
