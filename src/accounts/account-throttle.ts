import type { RequestOrigin } from '../events/event-log.ts';
import { enforceRateLimits, type RateCheck, type RateLimiter } from '../auth/rate-limiter.ts';
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
   * A count by the minute (with `alongside`, the IP's), then by the hour, which counts only what the
   * minute let through; 429 past either. Whoever can ask for an address's messages can also use its
   * hour up, refusing its owner's requests until the hour ends; that is the price of a cap on mail
   * floods (docs/accounts.md), and why the hour's default is several times the minute's.
   */
  const minuteThenHour = async (name: string, subject: string, alongside: RateCheck[] = []): Promise<void> => {
    await enforceRateLimits(rateLimiter, [...alongside, { key: `${name}:${subject}`, limit: limits.recoveryPerAddress }]);
    await enforceRateLimits(rateLimiter, [{ key: `${name}_hour:${subject}`, limit: limits.recoveryPerAddressHour, windowMs: HOUR_MS }]);
  };
  /** One more message to the address, counted with every other one to it. */
  const messageTo = (realmId: string, address: string) => minuteThenHour('message_to:address', `${realmId}:${identifierHash(realmId, address)}`);
  return {
    async enforce(realmId: string, action: AccountAction, origin: RequestOrigin, address?: string): Promise<void> {
      if (!limits.enabled) return;
      const ipCheck: RateCheck[] = origin.ip === null ? [] : [{ key: `${action}:ip:${realmId}:${origin.ip}`, limit: perIp[action] }];
      await (address === undefined ? enforceRateLimits(rateLimiter, ipCheck) : minuteThenHour('recovery:address', `${realmId}:${identifierHash(realmId, address)}`, ipCheck));
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
      if (!limits.enabled) return true;
      try {
        await messageTo(realmId, address);
        return true;
      } catch (error) {
        if (error instanceof AppError && error.code === 'request.rate_limited') return false;
        throw error;
      }
    },

    /**
     * The same count, refused with 429: an operator's reset or verification link from the admin API
     * (an operator's script, or an operator limited to one realm, must not mail an address without
     * end: found by review).
     */
    async enforceMessageTo(realmId: string, address: string): Promise<void> {
      if (limits.enabled) await messageTo(realmId, address);
    },

    /**
     * A second factor's code (or a step-up's) to a user who proved who they are: every sign-in with
     * the password starts a flow of its own, and each flow's limit alone let many reach one phone.
     * Counted per user under the same limits, apart from the messages anyone can ask for, so nobody
     * without the password can use it up and keep the user from signing in (found by review).
     */
    async enforceCodeFor(realmId: string, userId: string): Promise<void> {
      if (limits.enabled) await minuteThenHour('second_factor_code:user', `${realmId}:${userId}`);
    },
  };
}

export type AccountThrottle = ReturnType<typeof createAccountThrottle>;
