import { AppError } from '../errors.ts';
import type { FactorVerifiers } from '../flows/proofs.ts';
import type { PasskeyService } from './passkey-service.ts';
import { amrOfPasskey } from './relying-party.ts';

/**
 * Passkeys in the shape the sign-in flow engine plugs methods in (src/flows/proofs.ts). compose
 * merges this with the TOTP/HOTP verifiers (src/mfa/flow-factors.ts); whether a user has a passkey
 * is asked with the other factors in one query (`passkeyEnrolmentChecks`, src/flows/enrolled-factors.ts).
 * A successful proof carries the user the passkey belongs to, which is how a discoverable
 * (passwordless) sign-in learns who is signing in. A passkey enrolled within the flow is the second
 * factor it was asked for: a possession factor, whatever the authenticator verified, named as a
 * sign-in names it (`hwk`, or `swk` for a synced one; found by review: a synced one was `hwk` here).
 */
export function passkeyFlowFactors(passkeys: Pick<PasskeyService, 'verifyAuthentication' | 'register'>): Required<Pick<FactorVerifiers, 'verifyPasskey' | 'registerPasskey'>> {
  return {
    async registerPasskey(realm, userId, flowId, response, origin) {
      try {
        const passkey = await passkeys.register(realm, { userId, enrollingInFlow: flowId }, { response }, origin);
        return { ok: true, amr: amrOfPasskey(passkey.deviceType, false) };
      } catch (error) {
        // Options replaced or already answered (a double submission): nothing was proven or refused,
        // the step is not counted, and the request that used the challenge is the one that goes on.
        if (error instanceof AppError && error.code === 'passkey.invalid_challenge') throw error;
        // A refused attestation, a passkey already registered (also when another user's registration
        // of it won a race: the insert's unique index answers), too many: a failed step, counted.
        if (error instanceof AppError && error.code.startsWith('passkey.')) return { ok: false, reason: error.code.slice('passkey.'.length) };
        throw error;
      }
    },
    async verifyPasskey(realm, expectedChallenge, response, userId, origin, into) {
      const check = await passkeys.verifyAuthentication(realm, expectedChallenge, response, { userId, origin, into });
      return check.ok ? { ok: true, amr: check.amr, userId: check.userId } : { ok: false, reason: check.reason };
    },
  };
}
