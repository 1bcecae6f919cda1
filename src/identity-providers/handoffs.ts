import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Clock } from '../platform/clock.ts';
import { constantTimeEqual, hashToken } from '../platform/opaque-tokens.ts';
import type { Realm } from '../realms/realm.ts';
import { oneTimeTokens } from '../storage/one-time-tokens.ts';
import type { Schema } from '../storage/schema.ts';
import type { UpstreamProfile } from './upstream.ts';

/**
 * The one-time codes a provider's callback hands on (issue #11): to an API client's redirect URI
 * or the hosted page's interaction, standing for the account to sign in to, or (link) the upstream
 * account to link to an account its owner proves. Stored hashed, used once, bound to the address
 * they were given to (and an API client's PKCE verifier).
 */
export interface Handoff {
  intent: 'sign_in' | 'link';
  providerId: string;
  redirectUri: string;
  /** An API client's PKCE challenge (S256): the exchange must bring its verifier. A hosted page's code has none (its interaction binds it). */
  codeChallenge?: string;
  amr: string[];
  /** The account to sign in to; for a hosted page's link, the existing account its owner must prove. */
  userId?: string;
  upstream?: Pick<UpstreamProfile, 'subject' | 'email' | 'emailVerified'>;
}

/** Who presents a code: the hosted page that asked for it, or an API client with its PKCE verifier. */
export type HandoffHolder = { page: true } | { codeVerifier: string | undefined };

const HANDOFF_TYPE = 'idp_handoff';
/** An API client exchanges its code at once; two minutes cover a slow network. */
export const HANDOFF_LIFETIME_MS = 2 * 60_000;

/** PKCE S256 (RFC 7636): the verifier's SHA-256, base64url, is the challenge; compared in constant time. */
const pkceMatches = (challenge: string, verifier: string | undefined) =>
  verifier !== undefined && constantTimeEqual(createHash('sha256').update(verifier).digest('base64url'), challenge);
const badHandoff = () => new AppError('idp.replayed', 'The sign-in code is invalid, used or expired; start again.');

export function createHandoffs(db: Kysely<Schema>, clock: Clock) {
  return {
    async issue(realm: Realm, handoff: Handoff, lifetimeMs = HANDOFF_LIFETIME_MS): Promise<string> {
      const code = randomBytes(32).toString('base64url');
      const now = clock.now();
      await oneTimeTokens.issue(db, { tokenHash: hashToken(code), realmId: realm.id, type: HANDOFF_TYPE, subject: handoff.providerId, payload: { ...handoff }, createdAt: now, expiresAt: now + lifetimeMs });
      return code;
    },

    /** What a code stands for, without using it up (a page tells what it will link); undefined when unknown, used or expired. */
    async peek(realm: Realm, code: string, redirectUri: string, intent: Handoff['intent']): Promise<Handoff | undefined> {
      const found = await oneTimeTokens.find<Handoff>(db, realm.id, HANDOFF_TYPE, hashToken(code));
      const live = found?.payload && found.consumedAt === null && found.expiresAt > clock.now();
      return live && found.payload!.redirectUri === redirectUri && found.payload!.intent === intent ? found.payload! : undefined;
    },

    /**
     * Uses up a code given at this redirect URI for this intent (unknown, used, expired, other
     * realms' alike refused). `holder` says who presents it: the hosted page (its interaction binds
     * the code, which has no PKCE challenge), or an API client with the start's PKCE verifier. Each
     * takes only its own codes: a page's code sent to the API with the page's address as its
     * redirect URI is refused, or it would skip the interaction cookie (and, for a link, the check
     * that the matched account is the one signed in).
     */
    async take(realm: Realm, code: string, redirectUri: string, intent: Handoff['intent'], holder: HandoffHolder): Promise<Handoff> {
      // Checked before it is used up: a code presented with the wrong address or verifier (by
      // whoever saw it go by) must not burn it for the client it was made for.
      const found = await oneTimeTokens.find<Handoff>(db, realm.id, HANDOFF_TYPE, hashToken(code));
      if (!found?.payload || found.payload.redirectUri !== redirectUri || found.payload.intent !== intent) throw badHandoff();
      const challenge = found.payload.codeChallenge;
      if ('page' in holder ? challenge !== undefined : challenge === undefined || !pkceMatches(challenge, holder.codeVerifier)) throw badHandoff();
      const used = await oneTimeTokens.consumeOne<Handoff>(db, realm.id, HANDOFF_TYPE, hashToken(code), clock.now());
      if (!used?.payload) throw badHandoff();
      return used.payload;
    },
  };
}
