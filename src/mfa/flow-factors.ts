import { AppError } from '../errors.ts';
import type { FactorVerifiers } from '../flows/proofs.ts';
import type { FactorVerifier } from './factor-verifier.ts';
import type { MfaService } from './mfa-service.ts';

/**
 * The TOTP, HOTP and recovery-code verifiers, and the confirmation of a factor enrolled during a
 * sign-in, in the shape the sign-in flow engine plugs second
 * factors in (src/flows/proofs.ts). Passkeys come from their own module; compose merges the two.
 */
export function otpFlowFactors(verifier: FactorVerifier, mfa: Pick<MfaService, 'confirm'>): Required<Pick<FactorVerifiers, 'verifyCode' | 'confirmEnrolment'>> {
  return {
    verifyCode(method, realm, userId, code, origin, executor) {
      if (method === 'totp') return verifier.verifyTotp(realm, userId, code, executor);
      if (method === 'hotp') return verifier.verifyHotp(realm, userId, code, executor);
      return verifier.useRecoveryCode(realm, userId, code, origin, executor);
    },
    async confirmEnrolment(realm, userId, factorId, code, origin, executor) {
      try {
        const { recovery_codes } = await mfa.confirm(realm, userId, factorId, code, origin, executor);
        return { ok: true, amr: ['otp'], recoveryCodes: recovery_codes };
      } catch (error) {
        // A wrong code (or a factor confirmed meanwhile) is a refused proof, counted by the flow.
        if (error instanceof AppError && error.code.startsWith('mfa.')) return { ok: false, reason: error.code };
        throw error;
      }
    },
  };
}
