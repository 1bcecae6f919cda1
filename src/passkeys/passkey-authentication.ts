import { randomBytes } from 'node:crypto';
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON, verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { Kysely } from 'kysely';
import type { RequestOrigin } from '../events/event-log.ts';
import { noOrigin, systemActor } from '../events/event-log.ts';
import { inTransaction } from '../mfa/factor-store.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import { userStore } from '../users/user-store.ts';
import { checkClientData, hasCredentialShape, readClientData, reasonOfLibraryError, type RefusalReason } from './client-data.ts';
import type { PasskeyDeps } from './passkey-registration.ts';
import { CHALLENGE_LIFETIME_MS } from './passkey-registration.ts';
import { passkeyStore, type Passkey } from './passkey-store.ts';
import { amrOfPasskey, loadWebAuthn, relyingPartyOf, userHandleText } from './relying-party.ts';

/**
 * Signing in with a passkey, as primitives for the flow engine: the engine asks for options, keeps
 * the challenge in its flow (so it is single use and bound to that flow), and hands the browser's
 * assertion back here. The answer is a value, never an exception, for anything the client sent.
 */
export type PasskeyCheck =
  | { ok: true; userId: string; passkeyId: string; credentialId: string; amr: string[]; userVerified: boolean }
  | { ok: false; reason: RefusalReason };

export interface AuthenticationOptions {
  options: PublicKeyCredentialRequestOptionsJSON;
  /** base64url; what `verifyAuthentication` must be given back as `expectedChallenge`. */
  challenge: string;
}

const RESPONSE_FIELDS = ['clientDataJSON', 'authenticatorData', 'signature'] as const;

export function createPasskeyAuthentication(deps: PasskeyDeps) {
  const { db, clock, events, publicUrl } = deps;

  async function recordRefusal(into: Kysely<Schema>, realm: Realm, reason: RefusalReason, origin: RequestOrigin, passkey?: Passkey): Promise<PasskeyCheck> {
    await events.record(into, {
      realmId: realm.id,
      type: reason === 'counter_regressed' ? 'passkey.counter_regressed' : 'passkey.failed',
      actor: passkey ? { type: 'user', id: passkey.userId } : systemActor,
      userId: passkey?.userId ?? null,
      origin,
      details: { reason, ...(passkey ? { passkey_id: passkey.id } : {}) },
    });
    return { ok: false, reason };
  }

  return {
    /**
     * `PublicKeyCredentialRequestOptionsJSON` for `navigator.credentials.get()`. Without a user the
     * list of credentials is empty: the browser offers the realm's discoverable passkeys. With one
     * (a second factor), only that user's passkeys are allowed.
     */
    async authenticationOptions(realm: Realm, input: { userId?: string } = {}): Promise<AuthenticationOptions> {
      const rp = relyingPartyOf(realm, publicUrl);
      const allowed = input.userId === undefined ? [] : await passkeyStore.listForUser(db, realm.id, input.userId);
      const { generateAuthenticationOptions } = await loadWebAuthn();
      const options = await generateAuthenticationOptions({
        rpID: rp.id,
        challenge: new Uint8Array(randomBytes(32)),
        timeout: CHALLENGE_LIFETIME_MS,
        userVerification: rp.userVerification,
        allowCredentials: allowed.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
      });
      return { options, challenge: options.challenge };
    },

    /**
     * Checks an assertion against the challenge the caller issued: origin among the realm's, RP ID,
     * user verification when the realm requires it, the signature, and the signature counter (a
     * counter that did not grow, when either is non-zero, means a cloned authenticator: refused and
     * recorded as `passkey.counter_regressed`). A success moves the stored counter on atomically.
     * `userId` restricts the check to that user's passkeys (a second factor). `into`: the transaction
     * to read and move the counter in (the flow engine's, which completes the flow with it, so an
     * assertion whose flow loses its race leaves the counter where it was); a new one when absent.
     */
    async verifyAuthentication(
      realm: Realm,
      expectedChallenge: string,
      response: unknown,
      input: { userId?: string | null; origin?: RequestOrigin; into?: Kysely<Schema> } = {},
    ): Promise<PasskeyCheck> {
      const origin = input.origin ?? noOrigin;
      const into = input.into ?? db;
      const refuse = (reason: RefusalReason, passkey?: Passkey) => recordRefusal(into, realm, reason, origin, passkey);
      if (!hasCredentialShape(response, RESPONSE_FIELDS)) return refuse('malformed_response');
      const clientData = readClientData(response.response.clientDataJSON);
      if (!clientData) return refuse('malformed_response');
      const passkey = await passkeyStore.findByCredentialId(into, realm.id, response.id);
      // Read through `into`: on SQLite, a read on a connection of its own would wait for the caller's transaction.
      const owner = passkey && (await userStore.find(into, realm.id, passkey.userId));
      if (!passkey || !owner || (input.userId != null && passkey.userId !== input.userId)) return refuse('unknown_credential');
      const userHandle = response.response.userHandle;
      if (userHandle != null && userHandle !== '' && userHandle !== userHandleText(passkey.userId)) return refuse('user_handle_mismatch', passkey);

      const rp = relyingPartyOf(realm, publicUrl);
      const early = checkClientData(clientData, { ceremony: 'webauthn.get', challenge: expectedChallenge, origins: rp.origins });
      if (early) return refuse(early, passkey);

      // Loaded outside the try: a broken install is a fault, not a refused passkey.
      const webAuthn = await loadWebAuthn();
      let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
      try {
        verified = await webAuthn.verifyAuthenticationResponse({
          response: response as unknown as AuthenticationResponseJSON,
          expectedChallenge,
          expectedOrigin: rp.origins,
          expectedRPID: rp.id,
          // The counter is checked below, after the signature, so that a regression is told apart.
          credential: { id: passkey.credentialId, publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')), counter: 0, transports: passkey.transports },
          requireUserVerification: rp.userVerification === 'required',
        });
      } catch (error) {
        return refuse(reasonOfLibraryError(error, 'bad_signature'), passkey);
      }
      if (!verified.verified) return refuse('bad_signature', passkey);

      const info = verified.authenticationInfo;
      const counter = info.newCounter;
      if ((counter > 0 || passkey.signCount > 0) && counter <= passkey.signCount) return refuse('counter_regressed', passkey);

      const now = clock.now();
      const amr = amrOfPasskey(passkey.deviceType, info.userVerified);
      const recorded = await inTransaction(into, async (trx) => {
        if (!(await passkeyStore.recordUse(trx, realm.id, passkey.id, { from: passkey.signCount, to: counter, backedUp: info.credentialBackedUp }, now))) return false;
        await events.record(trx, {
          realmId: realm.id,
          type: 'passkey.used',
          actor: { type: 'user', id: passkey.userId },
          userId: passkey.userId,
          origin,
          details: { passkey_id: passkey.id, user_verified: info.userVerified, amr },
        });
        return true;
      });
      // Another use of this passkey moved the counter between our read and our write.
      if (!recorded) return refuse('concurrent_use', passkey);
      return { ok: true, userId: passkey.userId, passkeyId: passkey.id, credentialId: passkey.credentialId, amr, userVerified: info.userVerified };
    },
  };
}

export type PasskeyAuthentication = ReturnType<typeof createPasskeyAuthentication>;
