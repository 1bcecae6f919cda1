import type { FactorVerifiers } from '../flows/proofs.ts';
import type { PasskeyService } from './passkey-service.ts';

/**
 * Passkeys in the shape the sign-in flow engine plugs methods in (src/flows/proofs.ts). compose
 * merges this with the TOTP/HOTP verifiers (src/mfa/flow-factors.ts): `enrolled` of both, joined.
 * A successful proof carries the user the passkey belongs to, which is how a discoverable
 * (passwordless) sign-in learns who is signing in.
 */
export function passkeyFlowFactors(passkeys: Pick<PasskeyService, 'count' | 'verifyAuthentication'>): Required<Pick<FactorVerifiers, 'enrolled' | 'verifyPasskey'>> {
  return {
    enrolled: async (realmId, userId) => ((await passkeys.count(realmId, userId)) > 0 ? ['passkey'] : []),
    async verifyPasskey(realm, expectedChallenge, response, userId, origin) {
      const check = await passkeys.verifyAuthentication(realm, expectedChallenge, response, { userId, origin });
      return check.ok ? { ok: true, amr: check.amr, userId: check.userId } : { ok: false, reason: check.reason };
    },
  };
}
