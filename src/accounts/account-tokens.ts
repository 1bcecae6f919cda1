import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Clock } from '../platform/clock.ts';
import { hashToken } from '../platform/opaque-tokens.ts';
import { oneTimeTokens, type OneTimeToken } from '../storage/one-time-tokens.ts';
import type { Schema } from '../storage/schema.ts';

/**
 * The single-use secrets sent in account emails. Each is 256 random bits, stored only as its
 * SHA-256, typed (a reset token cannot verify an email nor the other way round), bound to its realm
 * and user, and bound to the email address it was sent to: once the address changes, links sent to
 * the old one stop working. Issuing a new token of a type retires the user's older ones of that type,
 * so only the latest link works.
 */
export type AccountTokenType = 'verify_email' | 'password_reset';

export interface AccountTokenPayload {
  email: string;
}

export interface IssuedToken {
  token: string;
  expiresAt: number;
}

/** One answer for unknown, used, expired, retyped and other-realm tokens: the holder learns nothing more. */
export const invalidAccountToken = () => new AppError('account.invalid_token', 'The link is invalid, has been used or has expired.');

/** Bounds the token accepted by the routes: 43 base64url characters. */
export const ACCOUNT_TOKEN_LENGTH = 43;

export function createAccountTokens(deps: { clock: Clock }) {
  const { clock } = deps;
  return {
    async issue(trx: Kysely<Schema>, realmId: string, type: AccountTokenType, userId: string, email: string, lifetimeMs: number): Promise<IssuedToken> {
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      await oneTimeTokens.retireForSubject(trx, realmId, type, userId, now);
      await oneTimeTokens.issue(trx, {
        tokenHash: hashToken(token),
        realmId,
        type,
        subject: userId,
        payload: { email } satisfies AccountTokenPayload,
        createdAt: now,
        expiresAt: now + lifetimeMs,
      });
      return { token, expiresAt: now + lifetimeMs };
    },

    /** The live token, without using it up (a page asking whether a link still works). */
    async peek(db: Kysely<Schema>, realmId: string, type: AccountTokenType, token: string): Promise<OneTimeToken<AccountTokenPayload>> {
      const found = await oneTimeTokens.find<AccountTokenPayload>(db, realmId, type, hashToken(token));
      if (!found || found.consumedAt !== null || found.expiresAt <= clock.now()) throw invalidAccountToken();
      return found;
    },

    /** Uses the token up; of concurrent callers exactly one gets it, the others are refused. */
    async consume(trx: Kysely<Schema>, realmId: string, type: AccountTokenType, token: string): Promise<OneTimeToken<AccountTokenPayload>> {
      const used = await oneTimeTokens.consumeOne<AccountTokenPayload>(trx, realmId, type, hashToken(token), clock.now());
      if (!used) throw invalidAccountToken();
      return used;
    },
  };
}

export type AccountTokens = ReturnType<typeof createAccountTokens>;
