/**
 * Checking what a user presents at a step of a flow. Every method answers with a value: proven
 * (with its RFC 8176 references) or not (with a reason for the log). Exceptions are faults only.
 * Second factors that live in other modules (TOTP, HOTP, recovery codes, passkeys) plug in through
 * `FactorVerifiers`.
 */
import type { Kysely } from 'kysely';
import type { RequestOrigin } from '../events/event-log.ts';
import type { PasswordHasher } from '../platform/passwords.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import type { UserWithSecret } from '../users/user.ts';
import type { FlowMethod, SignInFlow } from './flow.ts';
import { codeMatches } from './one-time-code.ts';

/** `afterCommit`: what to do once the transaction that used the proof up commits (wake the mail worker). */
export type Proof = { ok: true; amr: string[]; recoveryCodes?: string[] | null; afterCommit?: () => void } | { ok: false; reason: string };

/** What a client sends to prove one step. */
export interface ProofInput {
  method: FlowMethod;
  code?: string;
  password?: string;
  /** A WebAuthn assertion (passkeys). */
  response?: Record<string, unknown>;
}

/** Second factors kept by other modules. Each is optional: a realm can only offer what is wired. */
export interface FactorVerifiers {
  /** The user's enrolled, confirmed factor types (`totp`, `hotp`, `passkey`, `recovery_code`). */
  enrolled(realmId: string, userId: string): Promise<string[]>;
  /** Checks and uses up a code of this kind (a TOTP step, an HOTP counter, a recovery code), within `executor`'s transaction. */
  verifyCode?(method: 'totp' | 'hotp' | 'recovery_code', realm: Realm, userId: string, code: string, origin: RequestOrigin, executor: Kysely<Schema>): Promise<Proof>;
  /**
   * Confirms a factor enrolled within the flow with its first code (the code is spent), within
   * `executor`'s transaction; a first factor comes with its recovery codes, shown this once.
   */
  confirmEnrolment?(realm: Realm, userId: string, factorId: string, code: string, origin: RequestOrigin, executor: Kysely<Schema>): Promise<Proof>;
  /**
   * Registers the passkey a user enrols within the flow (the browser's attestation, against the
   * registration challenge the passkey module issued to this user); the new passkey is the proof.
   */
  registerPasskey?(realm: Realm, userId: string, flowId: string, response: Record<string, unknown>, origin: RequestOrigin): Promise<Proof>;
  /** Checks a WebAuthn assertion against the challenge the flow issued; a right one moves the passkey's counter within `executor`'s transaction (if one). */
  verifyPasskey?(realm: Realm, expectedChallenge: string, response: Record<string, unknown>, userId: string | null, origin: RequestOrigin, executor?: Kysely<Schema>): Promise<Proof & { userId?: string }>;
}


/** Everything a method may look at to check one step. */
export interface ProofContext {
  deps: { factors: FactorVerifiers; hasher: PasswordHasher };
  realm: Realm;
  flow: SignInFlow;
  user: UserWithSecret | undefined;
  input: ProofInput;
  now: number;
  origin: RequestOrigin;
  /** Where a proof is used up: the transaction that moves the flow on when `usedUpInTransaction`, else the database. */
  executor: Kysely<Schema>;
}

/** One sign-in method's check of one step. A new method is one entry in `methods` below. */
export type Prover = (context: ProofContext) => Promise<Proof>;

/** A code sent by email or SMS, held as a hash in the flow's challenge. */
const sentCode: Prover = async ({ flow, input, now }) => {
  const challenge = flow.challenge;
  if (!challenge || challenge.method !== input.method || !('codeHash' in challenge)) return { ok: false, reason: 'no_code_sent' };
  if (challenge.expiresAt <= now) return { ok: false, reason: 'code_expired' };
  if (input.code === undefined || !codeMatches(flow.id, input.code, challenge.codeHash)) return { ok: false, reason: 'wrong_code' };
  return { ok: true, amr: [input.method === 'sms_otp' ? 'sms' : 'otp'] };
};

/** The password (a step-up): a missing hash still costs one verification, so timing tells nothing. */
const password: Prover = async ({ deps, realm, user, input }) => {
  if (!user?.password_hash || input.password === undefined) {
    await deps.hasher.verifyDummy(realm.id, input.password ?? '');
    return { ok: false, reason: 'wrong_password' };
  }
  return (await deps.hasher.verify(realm.id, input.password, user.password_hash)) ? { ok: true, amr: ['pwd'] } : { ok: false, reason: 'wrong_password' };
};

/** A TOTP, HOTP or recovery code; while enrolling within the flow, the code confirms the new factor. */
const factorCode: Prover = async ({ deps, realm, flow, user, input, origin, executor }) => {
  if (!user || !deps.factors.verifyCode) return { ok: false, reason: 'not_enrolled' };
  if (input.code === undefined) return { ok: false, reason: 'wrong_code' };
  const enrolling = flow.challenge?.method === 'enrolment' ? flow.challenge : undefined;
  if (enrolling && enrolling.type !== 'passkey') {
    return deps.factors.confirmEnrolment ? deps.factors.confirmEnrolment(realm, user.id, enrolling.factorId, input.code, origin, executor) : { ok: false, reason: 'not_enrolled' };
  }
  // The table below registers this prover for these three methods only.
  return deps.factors.verifyCode(input.method as 'totp' | 'hotp' | 'recovery_code', realm, user.id, input.code, origin, executor);
};

/** A WebAuthn assertion against the challenge this flow issued; while enrolling, the new passkey's attestation. */
const passkey: Prover = async ({ deps, realm, flow, user, input, now, origin, executor }) => {
  const challenge = flow.challenge;
  if (challenge?.method === 'enrolment' && challenge.type === 'passkey') {
    if (!user || !deps.factors.registerPasskey || !input.response) return { ok: false, reason: 'no_challenge' };
    return deps.factors.registerPasskey(realm, user.id, flow.id, input.response, origin);
  }
  if (!deps.factors.verifyPasskey || !challenge || challenge.method !== 'passkey' || !input.response) return { ok: false, reason: 'no_challenge' };
  if (challenge.expiresAt <= now) return { ok: false, reason: 'challenge_expired' };
  // The flow's own user when it has one; a discoverable passkey's, whoever it is, only for a flow that names nobody yet.
  return deps.factors.verifyPasskey(realm, challenge.challenge, input.response, flow.userId, origin, executor);
};

/**
 * Approved on the link's page and collected by polling (src/flows/magic-link.ts), or proven at an
 * identity provider's callback (src/identity-providers): never proven by a submission.
 */
const elsewhere: Prover = async () => ({ ok: false, reason: 'method_not_available' });

/** Every method the engine knows, and how it checks a step. */
const methods: Record<FlowMethod, Prover> = {
  password,
  email_otp: sentCode,
  sms_otp: sentCode,
  totp: factorCode,
  hotp: factorCode,
  recovery_code: factorCode,
  passkey,
  magic_link: elsewhere,
  number_match: elsewhere,
  identity_provider: elsewhere,
};

/**
 * Whether this step's proof is used up in the transaction that moves the flow on, so that a right
 * proof losing the flow's version race is not spent (found by review): a TOTP step, an HOTP
 * counter, a recovery code, an enrolment's confirmation, and a passkey assertion's counter, all
 * past the first factor. Not:
 * - a first factor: the flow learns from it who signs in and what comes next (their factors, an
 *   inbox proven: src/accounts/inbox-proof.ts), through reads and changes that take connections of
 *   their own, which SQLite's one connection cannot give while the transaction holds it;
 * - a passkey registered within the flow: its challenge is spent on its own before the attestation
 *   is checked, so that of a double submission exactly one goes on (src/passkeys/passkey-registration.ts).
 */
export function usedUpInTransaction(flow: SignInFlow, method: FlowMethod): boolean {
  if (flow.state === 'first_factor') return false;
  if (method === 'passkey') return flow.challenge?.method !== 'enrolment';
  return method === 'totp' || method === 'hotp' || method === 'recovery_code';
}

export const checkProof = (context: ProofContext): Promise<Proof> => methods[context.input.method](context);
