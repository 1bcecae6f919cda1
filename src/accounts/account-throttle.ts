import type { RequestOrigin } from '../events/event-log.ts';
import { enforceRateLimits, RATE_WINDOW_MS, type RateCheck, type RateLimiter } from '../auth/rate-limiter.ts';
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
     * An operator's message to a user's address (a reset or verification link sent from the admin
     * API), counted with the address's other messages: an operator's script, or an operator limited
     * to one realm, must not mail an address without end (found by review). Only per address: an
     * operator may well send to many users from one IP.
     */
    async enforceOperatorMessage(realmId: string, address: string): Promise<void> {
      if (!limits.enabled) return;
      await enforceAddress(realmId, address, []);
    },

    /**
     * Whether one more message about this address, that nobody asked for by name (a sign-up with an
     * address that has an account), may go out this minute: the per-address limit, counted apart.
     * Past it the request is answered as always and no message is sent, so a stream of sign-ups
     * neither floods the owner's mailbox nor keeps retiring their reset link.
     */
    async mayMessage(realmId: string, address: string): Promise<boolean> {
      if (!limits.enabled) return true;
      const hash = identifierHash(realmId, address);
      // The hour counts only what the minute let through: the messages, not every request.
      if (!(await rateLimiter.hit(`unasked_message:address:${realmId}:${hash}`, limits.recoveryPerAddress, RATE_WINDOW_MS)).allowed) return false;
      return (await rateLimiter.hit(`unasked_message:address_hour:${realmId}:${hash}`, limits.recoveryPerAddressHour, HOUR_MS)).allowed;
    },
  };
}

export type AccountThrottle = ReturnType<typeof createAccountThrottle>;
