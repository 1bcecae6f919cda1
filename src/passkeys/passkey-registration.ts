import { randomBytes } from 'node:crypto';
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON, verifyRegistrationResponse } from '@simplewebauthn/server';
import type { Kysely } from 'kysely';
import { requireRecentSignIn } from '../auth/recent-sign-in.ts';
import type { AccessTokenClaims, UserDirectory } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import { newId } from '../platform/ids.ts';
import { hashToken } from '../platform/opaque-tokens.ts';
import type { Realm } from '../realms/realm.ts';
import { uniqueViolation } from '../storage/database.ts';
import { oneTimeTokens, type OneTimeToken } from '../storage/one-time-tokens.ts';
import type { Schema } from '../storage/schema.ts';
import { userStore } from '../users/user-store.ts';
import { checkClientData, hasCredentialShape, readClientData, reasonOfLibraryError, type RefusalReason } from './client-data.ts';
import { passkeyStore, type Passkey } from './passkey-store.ts';
import { loadWebAuthn, relyingPartyOf, userHandleOf } from './relying-party.ts';

/**
 * Registering a passkey for a signed-in user, in two steps: creation options with a fresh challenge
 * (single use, five minutes, bound to the user and realm, and to the sign-in flow it was asked for
 * in, if any; stored only as its hash in one_time_tokens), then the browser's answer, checked
 * against that challenge, the realm's origins and RP ID, and stored. Adding a passkey needs a recent
 * sign-in. Both steps hold the user's row while they write, so one user's registrations take turns
 * (found by review: on PostgreSQL concurrent options left several challenges live, and concurrent
 * answers could pass the cap).
 */
export const REGISTRATION_CHALLENGE_TYPE = 'webauthn_registration';
export const CHALLENGE_LIFETIME_MS = 5 * 60_000;
export const MAX_PASSKEYS_PER_USER = 20;
/** EdDSA, ES256, RS256: what authenticators offer in practice. */
export const SUPPORTED_ALGORITHMS = [-8, -7, -257];

export interface PasskeyDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  /** The server's public URL: the default RP ID and origin. */
  publicUrl: string;
  users: Pick<UserDirectory, 'findById'>;
}

/** The signed-in user and the claims of their token (a recent sign-in is checked from `auth_time`). */
export interface SignedInOwner {
  userId: string;
  claims: Pick<AccessTokenClaims, 'auth_time'>;
}

/**
 * Who adds a passkey: a signed-in user, or a user in the middle of a sign-in whose flow stopped at
 * enrolment (src/flows/flow-enrolment.ts, which checks that): the flow's first factor, proven
 * moments ago, is the recent sign-in.
 */
export type PasskeyOwner = SignedInOwner | { userId: string; enrollingInFlow: string };

/** What a challenge issued for enrolment within a sign-in flow keeps (one_time_tokens.payload). */
type ChallengePayload = { flow_id: string };

const invalidChallenge = () => new AppError('passkey.invalid_challenge', 'The registration has expired or was already used; ask for new options.');
const invalidResponse = (reason: RefusalReason) =>
  new AppError('passkey.invalid_response', 'The authenticator\u2019s answer was not accepted.', { details: [{ field: 'response', issue: reason }] });

const alreadyRegistered = () => new AppError('passkey.already_registered', 'This passkey is already registered in this realm.');

/** The flow a challenge is for; null for the account API's. */
const flowOf = (owner: PasskeyOwner): string | null => ('enrollingInFlow' in owner ? owner.enrollingInFlow : null);

/**
 * A challenge answers only where it was asked: the same flow, or the account API for one issued
 * there (found by review: the answer to one flow's options completed another flow of the user).
 */
const challengeFits = (token: OneTimeToken<ChallengePayload>, userId: string, owner: PasskeyOwner) =>
  token.subject === userId && (token.payload?.flow_id ?? null) === flowOf(owner);

const RESPONSE_FIELDS = ['clientDataJSON', 'attestationObject'] as const;

const usesPasskeys = (realm: Realm) => realm.sign_in.first_factors.includes('passkey') || realm.sign_in.second_factors.includes('passkey');

export function createPasskeyRegistration(deps: PasskeyDeps) {
  const { db, clock, events, publicUrl, users } = deps;

  async function requireUser(realm: Realm, userId: string) {
    const user = await users.findById(realm.id, userId);
    if (!user) throw new AppError('auth.invalid_token', 'The access token is invalid or has expired.');
    return user;
  }

  /**
   * Adding a passkey is a sensitive change, the first one included: a passkey with user
   * verification signs in on its own, so a stolen older token must not be able to plant one.
   */
  function requireRecent(owner: PasskeyOwner): void {
    if ('claims' in owner) requireRecentSignIn(owner.claims, clock.now());
  }

  /**
   * Holds the user's row until `trx` ends, then checks the cap: concurrent registrations of the
   * user wait here, so what they count and retire is what the one before them left.
   */
  async function lockWithRoom(trx: Kysely<Schema>, realm: Realm, userId: string): Promise<Passkey[]> {
    if (!(await userStore.findForChange(trx, realm.id, userId))) throw new AppError('auth.invalid_token', 'The access token is invalid or has expired.');
    const existing = await passkeyStore.listForUser(trx, realm.id, userId);
    if (existing.length >= MAX_PASSKEYS_PER_USER) throw new AppError('passkey.too_many', `A user can have at most ${MAX_PASSKEYS_PER_USER} passkeys; remove one first.`);
    return existing;
  }

  async function refuse(realm: Realm, userId: string, reason: RefusalReason, origin: RequestOrigin): Promise<never> {
    await events.record(db, { realmId: realm.id, type: 'passkey.registration_failed', actor: { type: 'user', id: userId }, userId, origin, details: { reason } });
    throw invalidResponse(reason);
  }

  return {
    /** `PublicKeyCredentialCreationOptionsJSON` for `navigator.credentials.create()`. */
    async options(realm: Realm, owner: PasskeyOwner): Promise<PublicKeyCredentialCreationOptionsJSON> {
      // A passkey the realm's policy never asks for would be registered for nothing.
      if (!usesPasskeys(realm)) throw new AppError('auth.method_disabled', 'This realm does not sign in with passkeys.');
      const user = await requireUser(realm, owner.userId);
      requireRecent(owner);
      const rp = relyingPartyOf(realm, publicUrl);
      const { generateRegistrationOptions } = await loadWebAuthn();
      return db.transaction().execute(async (trx) => {
        const existing = await lockWithRoom(trx, realm, user.id);
        const options = await generateRegistrationOptions({
          rpName: rp.name,
          rpID: rp.id,
          userID: userHandleOf(user.id),
          userName: user.email ?? user.username ?? user.mobile ?? user.id,
          userDisplayName: user.display_name ?? '',
          challenge: new Uint8Array(randomBytes(32)),
          timeout: CHALLENGE_LIFETIME_MS,
          attestationType: rp.attestation,
          excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
          // Discoverable: the passkey itself names the user, so sign-in needs no identifier.
          authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: rp.userVerification },
          supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
        });
        const now = clock.now();
        // Only the newest options can complete: an abandoned ceremony's challenge dies.
        await oneTimeTokens.retireForSubject(trx, realm.id, REGISTRATION_CHALLENGE_TYPE, user.id, now);
        const flowId = flowOf(owner);
        await oneTimeTokens.issue(trx, {
          tokenHash: hashToken(options.challenge),
          realmId: realm.id,
          type: REGISTRATION_CHALLENGE_TYPE,
          subject: user.id,
          ...(flowId === null ? {} : { payload: { flow_id: flowId } satisfies ChallengePayload }),
          createdAt: now,
          expiresAt: now + CHALLENGE_LIFETIME_MS,
        });
        return options;
      });
    },

    /** Checks the browser's `PublicKeyCredential.toJSON()` and stores the passkey. */
    async verify(realm: Realm, owner: PasskeyOwner, input: { response: unknown; name?: string }, origin: RequestOrigin): Promise<Passkey> {
      const user = await requireUser(realm, owner.userId);
      const { response } = input;
      if (!hasCredentialShape(response, RESPONSE_FIELDS)) return refuse(realm, user.id, 'malformed_response', origin);
      const clientData = readClientData(response.response.clientDataJSON);
      if (!clientData) return refuse(realm, user.id, 'malformed_response', origin);

      // The challenge is spent whatever comes next: a refused answer needs new options.
      const token = await oneTimeTokens.find<ChallengePayload>(db, realm.id, REGISTRATION_CHALLENGE_TYPE, hashToken(clientData.challenge));
      if (!token || !challengeFits(token, user.id, owner)) throw invalidChallenge();
      if (!(await oneTimeTokens.consumeOne(db, realm.id, REGISTRATION_CHALLENGE_TYPE, token.tokenHash, clock.now()))) throw invalidChallenge();

      requireRecent(owner);
      const rp = relyingPartyOf(realm, publicUrl);
      // The challenge was matched above, by looking up its hash.
      const early = checkClientData(clientData, { ceremony: 'webauthn.create', origins: rp.origins });
      if (early) return refuse(realm, user.id, early, origin);

      // Loaded outside the try: a broken install is a fault, not a refused passkey.
      const webAuthn = await loadWebAuthn();
      let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
      try {
        verified = await webAuthn.verifyRegistrationResponse({
          response: response as unknown as RegistrationResponseJSON,
          expectedChallenge: clientData.challenge,
          expectedOrigin: rp.origins,
          expectedRPID: rp.id,
          requireUserVerification: rp.userVerification === 'required',
          supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
        });
      } catch (error) {
        return refuse(realm, user.id, reasonOfLibraryError(error, 'invalid_attestation'), origin);
      }
      if (!verified.verified) return refuse(realm, user.id, 'invalid_attestation', origin);

      const info = verified.registrationInfo;
      const now = clock.now();
      const passkey: Passkey = {
        id: newId('pk'),
        realmId: realm.id,
        userId: user.id,
        credentialId: info.credential.id,
        publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
        signCount: info.credential.counter,
        transports: info.credential.transports ?? [],
        aaguid: info.aaguid,
        backedUp: info.credentialBackedUp,
        deviceType: info.credentialDeviceType,
        name: input.name?.trim() || 'Passkey',
        createdAt: now,
        lastUsedAt: null,
      };
      await db.transaction().execute(async (trx) => {
        await lockWithRoom(trx, realm, user.id);
        try {
          await passkeyStore.insert(trx, passkey);
        } catch (error) {
          // The one unique index besides the random id: (realm_id, credential_id). The insert itself
          // decides, so two users registering one credential at once get a 409, not a 500 (review).
          if (uniqueViolation(error) !== undefined) throw alreadyRegistered();
          throw error;
        }
        await events.record(trx, {
          realmId: realm.id,
          type: 'passkey.registered',
          actor: { type: 'user', id: user.id },
          userId: user.id,
          origin,
          details: { passkey_id: passkey.id, aaguid: passkey.aaguid, device_type: passkey.deviceType, user_verified: info.userVerified, attestation: info.fmt },
        });
      });
      return passkey;
    },
  };
}

export type PasskeyRegistration = ReturnType<typeof createPasskeyRegistration>;
