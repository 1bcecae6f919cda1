import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import { constantTimeEqual, hashToken } from '../platform/opaque-tokens.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import { oneTimeTokens } from '../storage/one-time-tokens.ts';
import type { Schema } from '../storage/schema.ts';

/**
 * A sign-in sent to an identity provider and not back yet, kept in one_time_tokens: found by the
 * hash of its `state` (the state itself is never stored), its nonce and PKCE verifier sealed with
 * the master key, bound to the browser that started it by the hash of a random cookie value, and
 * used up once (one conditional UPDATE: of two callbacks with one state exactly one gets it).
 */
export const PENDING_LIFETIME_MS = 10 * 60_000;
const TYPE = 'idp_sign_in';

/** Where the sign-in returns once the upstream account is known. */
export type ReturnTarget =
  /**
   * An API client (GET …/auth/idp/{idp}/start): it gets a one-time code at this registered redirect
   * URI, which it exchanges for tokens (`sign_in`), or, with the user's own token, for a link of
   * the upstream account to the signed-in account (`link`: how a user proves an existing account).
   * `codeChallenge` (PKCE, S256): only the client that started can use the code — an intercepted
   * code is useless, and nobody can slip their own upstream account into another user's link.
   */
  | { kind: 'client'; redirectUri: string; clientState?: string; intent: 'sign_in' | 'link'; codeChallenge: string }
  /**
   * A browser on the realm's hosted sign-in page (its button, the authorize request's `idp_hint`,
   * or the direct link): the sign-in comes back to the page's OpenID Connect interaction `uid`.
   */
  | { kind: 'page'; interaction: string };

export interface PendingSignIn {
  providerId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  requestId?: string;
  target: ReturnTarget;
  expiresAt: number;
  /** The application asked for a fresh sign-in: the upstream authentication may be no older than this (ms). */
  authenticatedSince?: number;
}

interface Payload {
  nonce: string;
  verifier: string;
  requestId?: string;
  binding: string;
  target: ReturnTarget;
  authenticatedSince?: number;
}

const random = () => randomBytes(32).toString('base64url');
const stateMismatch = () => new AppError('idp.state_mismatch', 'This sign-in was not started in this browser, or has expired; start again.');

export function createPendingSignIns(secrets: SecretBox) {
  return {
    /** Fresh secrets for a start: the state, nonce and verifier, and the browser's cookie value. */
    draft(providerId: string, target: ReturnTarget, now: number): PendingSignIn & { browserSecret: string } {
      return { providerId, state: random(), nonce: random(), codeVerifier: random(), target, expiresAt: now + PENDING_LIFETIME_MS, browserSecret: random() };
    },

    async store(db: Kysely<Schema>, realmId: string, pending: PendingSignIn & { browserSecret: string }, now: number): Promise<void> {
      const payload: Payload = {
        nonce: secrets.seal(pending.nonce),
        verifier: secrets.seal(pending.codeVerifier),
        ...(pending.requestId ? { requestId: pending.requestId } : {}),
        binding: hashToken(pending.browserSecret),
        target: pending.target,
        ...(pending.authenticatedSince === undefined ? {} : { authenticatedSince: pending.authenticatedSince }),
      };
      await oneTimeTokens.issue(db, { tokenHash: hashToken(pending.state), realmId, type: TYPE, subject: pending.providerId, payload: payload as unknown as Record<string, unknown>, createdAt: now, expiresAt: pending.expiresAt });
    },

    /**
     * Uses up the pending sign-in this callback's `state` names, if it is this provider's, this
     * browser's, and still unused and unexpired. Checked before it is used up, so a forged
     * callback cannot burn a real one; used up atomically, so a replayed callback gets nothing.
     */
    async consume(db: Kysely<Schema>, realmId: string, providerId: string, state: string | undefined, browserSecret: string | undefined, now: number): Promise<PendingSignIn> {
      if (!state) throw new AppError('idp.state_mismatch', 'The callback carries no state.');
      const hash = hashToken(state);
      const found = await oneTimeTokens.find<Payload>(db, realmId, TYPE, hash);
      if (!found?.payload || found.subject !== providerId) throw stateMismatch();
      if (!browserSecret || !constantTimeEqual(hashToken(browserSecret), found.payload.binding)) throw stateMismatch();
      if (found.consumedAt !== null) throw new AppError('idp.replayed', 'This sign-in has already come back once; start again.');
      if (found.expiresAt <= now) throw stateMismatch();
      const used = await oneTimeTokens.consumeOne<Payload>(db, realmId, TYPE, hash, now);
      if (!used?.payload) throw new AppError('idp.replayed', 'This sign-in has already come back once; start again.');
      const { payload } = used;
      return {
        providerId,
        state,
        nonce: secrets.open(payload.nonce),
        codeVerifier: secrets.open(payload.verifier),
        ...(payload.requestId ? { requestId: payload.requestId } : {}),
        target: payload.target,
        expiresAt: used.expiresAt,
        ...(typeof payload.authenticatedSince === 'number' ? { authenticatedSince: payload.authenticatedSince } : {}),
      };
    },
  };
}

export type PendingSignIns = ReturnType<typeof createPendingSignIns>;
