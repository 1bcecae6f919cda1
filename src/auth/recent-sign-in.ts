import type { AccessTokenClaims } from '../contracts.ts';
import { AppError } from '../errors.ts';

/**
 * Sensitive account changes (email, password, factors) need a recent sign-in: the token's
 * `auth_time` (when the user last proved who they are, by signing in or stepping up) must be
 * within `maxAgeSeconds`. Otherwise 403 `auth.step_up_required`: the client sends the user through
 * `POST /realms/{realm}/auth/step-up` and retries with the new token.
 */
export const RECENT_SIGN_IN_SECONDS = 300;

export function requireRecentSignIn(claims: Pick<AccessTokenClaims, 'auth_time'>, now: number, maxAgeSeconds = RECENT_SIGN_IN_SECONDS): void {
  const authTime = claims.auth_time;
  if (typeof authTime === 'number' && authTime * 1000 >= now - maxAgeSeconds * 1000) return;
  throw new AppError('auth.step_up_required', `Sign in again (step up) first: this needs a sign-in within the last ${Math.round(maxAgeSeconds / 60)} minutes.`, {
    details: [{ field: 'auth_time', issue: `must be within ${maxAgeSeconds} seconds` }],
  });
}
