import type { RequestOrigin } from '../events/event-log.ts';
import { enforceRateLimits, RATE_WINDOW_MS, type RateCheck, type RateDecision, type RateLimiter } from '../auth/rate-limiter.ts';
import { AppError } from '../errors.ts';
import type { IdentifierHash } from '../auth/identifier-hash.ts';

const HOUR_MS = 3_600_000;

/**
 * Per-IP (and, for messages, per-address) limits on the unauthenticated account endpoints, counted
 * per realm. Each is "per minute"; messages to one address are capped per hour too, or requests
 * from many IPs could still mail an address thousands of times a day (found by review). The
 * per-address limits count every request for the address, whether or not it has an account, so
 * hitting them tells nothing.
 */
export interface AccountLimits {
  enabled: boolean;
  signUpPerIp: number;
  /** Forgot-password and resend-verification. */
  recoveryPerIp: number;
  recoveryPerAddress: number;
  recoveryPerAddressHour: number;
  /** Using a link's token: verify, check and reset. */
  tokenPerIp: number;
}

export type AccountAction = 'sign_up' | 'recovery' | 'token';

export function createAccountThrottle(deps: { rateLimiter: RateLimiter; limits: AccountLimits; identifierHash: IdentifierHash }) {
  const { rateLimiter, limits, identifierHash } = deps;
  const perIp = { sign_up: limits.signUpPerIp, recovery: limits.recoveryPerIp, token: limits.tokenPerIp };
  /**
   * A message about one address: the minute's limit (with the IP's), then the hour's, which counts
   * only what the minute let through. Whoever can ask for an address's messages can also use its hour
   * up, refusing its owner's requests until the hour ends; that is the price of a cap on mail floods
   * (docs/accounts.md), and why the hour's default is several times the minute's.
   */
  /** One more message to the address: the minute's count, then the hour's, which counts only what the minute let through. */
  const messageTo = async (realmId: string, address: string): Promise<RateDecision> => {
    const hash = identifierHash(realmId, address);
    const minute = await rateLimiter.hit(`message_to:address:${realmId}:${hash}`, limits.recoveryPerAddress, RATE_WINDOW_MS);
    return minute.allowed ? rateLimiter.hit(`message_to:address_hour:${realmId}:${hash}`, limits.recoveryPerAddressHour, HOUR_MS) : minute;
  };
  const enforceAddress = async (realmId: string, address: string, ipCheck: RateCheck[]): Promise<void> => {
    const hash = identifierHash(realmId, address);
    await enforceRateLimits(rateLimiter, [...ipCheck, { key: `recovery:address:${realmId}:${hash}`, limit: limits.recoveryPerAddress }]);
    await enforceRateLimits(rateLimiter, [{ key: `recovery:address_hour:${realmId}:${hash}`, limit: limits.recoveryPerAddressHour, windowMs: HOUR_MS }]);
  };
  return {
    async enforce(realmId: string, action: AccountAction, origin: RequestOrigin, address?: string): Promise<void> {
      if (!limits.enabled) return;
      const ipCheck: RateCheck[] = origin.ip === null ? [] : [{ key: `${action}:ip:${realmId}:${origin.ip}`, limit: perIp[action] }];
      await (address === undefined ? enforceRateLimits(rateLimiter, ipCheck) : enforceAddress(realmId, address, ipCheck));
    },

    /**
     * Whether one more message may go to this address, for a request answered the same whatever
     * happens (a reset, a sign-in code or link, a sign-up with an address that has an account).
     * Every such message to one address counts together, under the per-address limits but apart
     * from the requests': one account named by its username, its email and its mobile must not get
     * three times the mail (found by review). Past them the request is answered as always and
     * nothing is sent, so nobody learns from it that the address has an account, and a stream of
     * requests neither floods the owner's inbox nor keeps retiring their reset link.
     */
    async mayMessage(realmId: string, address: string): Promise<boolean> {
      return !limits.enabled || (await messageTo(realmId, address)).allowed;
    },

    /**
     * The same count, refused with 429: an operator's reset or verification link from the admin API
     * (an operator's script, or an operator limited to one realm, must not mail an address without
     * end: found by review).
     */
    async enforceMessageTo(realmId: string, address: string): Promise<void> {
      if (!limits.enabled) return;
      const decision = await messageTo(realmId, address);
      if (!decision.allowed) throw new AppError('request.rate_limited', 'Too many messages to this address; wait before trying again.', { retryAfterSeconds: decision.retryAfterSeconds });
    },

    /**
     * A second factor's code (or a step-up's) to a user who proved who they are: every sign-in with
     * the password starts a flow of its own, and each flow's limit alone let many reach one phone.
     * Counted per user under the same limits, apart from the messages anyone can ask for, so nobody
     * without the password can use it up and keep the user from signing in (found by review).
     */
    async enforceCodeFor(realmId: string, userId: string): Promise<void> {
      if (!limits.enabled) return;
      await enforceRateLimits(rateLimiter, [{ key: `second_factor_code:user:${realmId}:${userId}`, limit: limits.recoveryPerAddress }]);
      await enforceRateLimits(rateLimiter, [{ key: `second_factor_code:user_hour:${realmId}:${userId}`, limit: limits.recoveryPerAddressHour, windowMs: HOUR_MS }]);
    },
  };
}

export type AccountThrottle = ReturnType<typeof createAccountThrottle>;
