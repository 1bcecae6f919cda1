/**
 * A sign-in flow: one sign-in, step-up or enrolment in progress, persisted between its steps so
 * each step (a second factor, a code, an approval from another device) can arrive in its own
 * request, on any instance. The allowed methods are frozen from the realm's policy when the flow
 * starts, so a policy change never alters a flow half-way.
 */
import { createHash } from 'node:crypto';
import type { FirstFactor, SecondFactor } from '../realms/realm.ts';

export type FlowKind = 'login' | 'step_up';

/**
 * - `first_factor`: a passwordless method was started (a code sent); the user is not proven yet.
 * - `second_factor`: the first factor is done; one of `second_factors` must follow.
 * - `enrolment`: the realm requires a second factor the user does not have yet; they enrol one now.
 * - `completed`, `failed`: final.
 */
export type FlowState = 'first_factor' | 'second_factor' | 'enrolment' | 'completed' | 'failed';

/** `identity_provider`: the first factor was a sign-in through one of the realm's identity providers (src/identity-providers). */
export type FlowMethod = FirstFactor | SecondFactor | 'identity_provider';

export interface CompletedFactor {
  method: FlowMethod;
  amr: string[];
  /** Epoch ms. */
  at: number;
  /** `identity_provider`: the provider's id, which the session records. */
  provider?: string;
  /**
   * The first factor's only: the version of the user's record when it was proven. A later step is
   * refused once the record has moved on (a password changed or reset, say), so a flow opened
   * with an old password never completes (found by review).
   */
  userVersion?: number;
}

/**
 * The version of the user's record when a code was sent to them or their link approved, before any
 * factor is proven. Until the first factor records its own, a later step is refused once the record
 * has moved on: a code sent to an address an operator has changed since must not sign in (found by
 * review). Absent in flows of earlier releases: not checked.
 */
export interface UserVersioned {
  userVersion?: number;
}

/** What the method in progress must be shown: kept sealed at rest. */
export type Challenge =
  /**
   * `unknownIdentifierHash`: while a passwordless start has found no account (or before it has),
   * wrong codes count for the brute-force guard against the identifier, exactly as wrong passwords
   * for an unknown identifier do, so the guard's answers do not tell known identifiers apart.
   * `sentTo`: the address an email code went to, which a right code proves (src/accounts/inbox-proof.ts).
   * `userVersion` (here and on an approved link): see UserVersioned.
   */
  | ({ method: 'email_otp' | 'sms_otp'; codeHash: string; expiresAt: number; unknownIdentifierHash?: string; sentTo?: string } & UserVersioned)
  | { method: 'passkey'; challenge: string; expiresAt: number }
  /**
   * A link emailed to the user, approved on whichever device opens it (src/flows/magic-link.ts).
   * Number matching adds the number the starting screen shows and the three choices the link's
   * page offers (kept so a reload shows the same three).
   */
  | ({ method: 'magic_link' | 'number_match'; expiresAt: number; approved: boolean; number?: number; choices?: number[] } & UserVersioned)
  /** Enrolment within a sign-in: the pending factor the next code confirms. */
  | { method: 'enrolment'; type: 'totp' | 'hotp'; factorId: string }
  /**
   * Enrolment of a passkey within a sign-in: the registration challenge lives with the passkey
   * module (its hash in one_time_tokens, bound to the user); the flow only records what it waits for.
   */
  | { method: 'enrolment'; type: 'passkey' };

export interface SignInFlow {
  id: string;
  realmId: string;
  kind: FlowKind;
  state: FlowState;
  userId: string | null;
  /** The session a step-up raises. */
  sessionId: string | null;
  firstFactors: FirstFactor[];
  /** What may come next: second factors, or for a step-up also the password. */
  secondFactors: FlowMethod[];
  completed: CompletedFactor[];
  challenge: Challenge | null;
  /** Wrong proofs so far; at the realm's `otp.max_attempts` the flow fails. Sending a new code never resets it. */
  failures: number;
  ip: string | null;
  userAgent: string | null;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
  version: number;
  /** The tenant (id or slug) the login asked to sign in to, checked when the flow completes; null: none asked. */
  tenant: string | null;
}

/** A flow lives long enough for a code or a link (≤ 15 minutes), never longer. */
export const FLOW_LIFETIME_MS = 15 * 60_000;

export const isOpen = (flow: SignInFlow, now: number) => (flow.state === 'first_factor' || flow.state === 'second_factor' || flow.state === 'enrolment') && flow.expiresAt > now;

/**
 * How events name a flow. The flow id is a bearer secret (whoever holds a magic-link flow's id
 * collects its tokens once approved), and events never hold secrets: they carry this reference,
 * which ties a flow's events together and can be computed from an id but not turned back into one.
 */
export const flowRef = (flowId: string): string => createHash('sha256').update(flowId).digest('base64url').slice(0, 16);
