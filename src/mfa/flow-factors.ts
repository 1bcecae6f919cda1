import type { FactorVerifiers } from '../flows/proofs.ts';
import type { FactorVerifier } from './factor-verifier.ts';

/**
 * The TOTP, HOTP and recovery-code verifiers in the shape the sign-in flow engine plugs second
 * factors in (src/flows/proofs.ts). Passkeys come from their own module; compose merges the two.
 */
export function otpFlowFactors(verifier: FactorVerifier): Required<Pick<FactorVerifiers, 'enrolled' | 'verifyCode'>> {
  return {
    enrolled: (realmId, userId) => verifier.activeFactorTypes(realmId, userId),
    verifyCode(method, realm, userId, code) {
      if (method === 'totp') return verifier.verifyTotp(realm, userId, code);
      if (method === 'hotp') return verifier.verifyHotp(realm, userId, code);
      return verifier.useRecoveryCode(realm, userId, code);
    },
  };
}
