/**
 * The sign-in part of the composition root: the flow engine and every method that runs through it.
 * Second factors kept by their own modules (TOTP/HOTP and recovery codes in src/mfa, passkeys in
 * src/passkeys) plug in as one `FactorVerifiers`.
 */
import type { Kysely } from 'kysely';
import type { AccountThrottle } from './accounts/account-throttle.ts';
import type { InboxProof } from './accounts/inbox-proof.ts';
import type { IdentifierHash } from './auth/identifier-hash.ts';
import type { AuthService } from './auth/auth-service.ts';
import type { LoginGuard } from './auth/login-guard.ts';
import type { UserDirectory } from './contracts.ts';
import type { EventLog } from './events/event-log.ts';
import { createCodeSender } from './flows/code-sender.ts';
import { enrolledFactors } from './flows/enrolled-factors.ts';
import { createFlowEnrolment } from './flows/flow-enrolment.ts';
import { createFlowService } from './flows/flow-service.ts';
import { createFlowStore } from './flows/flow-store.ts';
import { createMagicLinks } from './flows/magic-link.ts';
import { createPasskeyStart } from './flows/passkey-start.ts';
import type { FactorVerifiers } from './flows/proofs.ts';
import { createSessionRaiser, createStepUp } from './flows/step-up.ts';
import type { MessageQueue } from './mail/message-queue.ts';
import type { FactorVerifier } from './mfa/factor-verifier.ts';
import { otpEnrolmentChecks } from './mfa/enrolment-checks.ts';
import { otpFlowFactors } from './mfa/flow-factors.ts';
import type { MfaService } from './mfa/mfa-service.ts';
import { passkeyFlowFactors } from './passkeys/flow-factors.ts';
import { passkeyEnrolmentChecks } from './passkeys/passkey-store.ts';
import type { PasskeyService } from './passkeys/passkey-service.ts';
import type { Background } from './platform/background.ts';
import type { Clock } from './platform/clock.ts';
import type { PasswordHasher } from './platform/passwords.ts';
import { createSecretBox } from './platform/secret-box.ts';
import type { SmsReach } from './sms/sms-countries.ts';
import type { SmsQueue } from './sms/sms-queue.ts';
import type { Schema } from './storage/schema.ts';
import type { AccessTokens } from './tokens/access-tokens.ts';

export interface SignInDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  masterKey: Buffer;
  publicUrl: string;
  auth: AuthService;
  users: UserDirectory;
  guard: LoginGuard;
  hasher: PasswordHasher;
  accessTokens: AccessTokens;
  mfaVerifier: FactorVerifier;
  mfa: MfaService;
  passkeys: PasskeyService;
  mailQueue: MessageQueue;
  smsQueue: SmsQueue;
  background: Background;
  throttle: AccountThrottle;
  identifierHash: IdentifierHash;
  inboxProof: InboxProof;
  smsReaches: SmsReach;
}

export function composeSignIn(deps: SignInDeps) {
  const { db, clock, events, auth, users, guard, hasher, accessTokens, mfa, passkeys, mailQueue, background, throttle } = deps;
  // Challenges (code hashes, passkey challenges) are sealed at rest under the master key.
  const store = createFlowStore(createSecretBox(deps.masterKey));
  const otpFactors = otpFlowFactors(deps.mfaVerifier, mfa);
  const passkeyFactors = passkeyFlowFactors(passkeys);
  const factors: FactorVerifiers = {
    enrolled: enrolledFactors(db, [otpEnrolmentChecks, passkeyEnrolmentChecks]),
    verifyCode: otpFactors.verifyCode,
    confirmEnrolment: otpFactors.confirmEnrolment,
    verifyPasskey: passkeyFactors.verifyPasskey,
    registerPasskey: passkeyFactors.registerPasskey,
  };
  const flows = createFlowService({ db, clock, events, store, auth, users, guard, factors, hasher, stepUp: createSessionRaiser({ db, clock, events, accessTokens }), inboxProof: deps.inboxProof, smsReaches: deps.smsReaches });
  return {
    flows,
    // Sign-in through identity providers (src/identity-providers) starts its flows itself.
    flowStore: store,
    codes: createCodeSender({ db, clock, events, store, flows, users, mailer: mailQueue, sms: deps.smsQueue, smsReaches: deps.smsReaches, background, throttle, identifierHash: deps.identifierHash }),
    stepUp: createStepUp({ db, store, flows, users, factors, smsReaches: deps.smsReaches }),
    passkeyStart: createPasskeyStart({ db, clock, store, flows, passkeys, throttle }),
    flowEnrolment: createFlowEnrolment({ db, flows, mfa, passkeys }),
    // Sign-in links (magic link, number matching): approved on the device that opens the mail, collected by the one that started.
    magicLinks: createMagicLinks({ db, clock, events, store, flows, users, guard, mailer: mailQueue, background, throttle, publicUrl: deps.publicUrl }),
  };
}
