/**
 * The decisions of a sign-in, as pure functions of the realm's policy, the user's factors and what
 * the flow has completed: which second factors a user may use, whether one is needed, and the
 * assurance level reached. No storage, no clock: the flow service acts on the answers.
 */
import type { Realm, SecondFactor } from '../realms/realm.ts';
import { reachableMobile, type SmsReach } from '../sms/sms-countries.ts';
import type { User } from '../users/user.ts';
import type { CompletedFactor, FlowMethod } from './flow.ts';

/** What the user has that can serve as a second factor. */
export interface UserFactors {
  /** Enrolled, confirmed factors: `totp`, `hotp`, `passkey`, `recovery_code`. */
  enrolled: string[];
  emailVerified: boolean;
  /** A verified mobile within the countries SMS may go to (KEYREALM_SMS_COUNTRIES). */
  smsReachable: boolean;
}

/** The user's factors as the policy reads them. */
export function userFactorsOf(user: Pick<User, 'email_verified' | 'mobile' | 'mobile_verified'>, enrolled: string[], smsReaches: SmsReach): UserFactors {
  return { enrolled, emailVerified: user.email_verified, smsReachable: reachableMobile(user, smsReaches) !== undefined };
}

/** Factors a user has enrolled on purpose (codes by email or SMS come with the account). */
export const STRONG_FACTORS: readonly string[] = ['totp', 'hotp', 'passkey'];

/** `refused`: the realm requires a second factor the user has, but none of it is left to ask for (see afterFirstFactor). */
export type NextStep = { next: 'done' } | { next: 'second_factor'; methods: SecondFactor[] } | { next: 'enrolment'; methods: SecondFactor[] } | { next: 'refused' };

/**
 * What a method proves possession of. Methods that reach the same inbox or phone prove one thing,
 * however many of them are used: a magic link and then an email code are one factor, not two.
 * Authenticator codes (TOTP, HOTP) and recovery codes are all codes the user keeps on hand; two of
 * them (a TOTP app and an HOTP token, or a recovery code then TOTP) count as one channel, the safe
 * side of telling whether they sit on one device.
 */
const CHANNEL: Record<string, string> = {
  email_otp: 'email',
  magic_link: 'email',
  number_match: 'email',
  sms_otp: 'sms',
  totp: 'kept_code',
  hotp: 'kept_code',
  recovery_code: 'kept_code',
};
const channelOf = (method: string) => CHANNEL[method] ?? method;

/** The second factors this user can use in this realm after `first` (never the same channel twice). */
export function availableSecondFactors(realm: Pick<Realm, 'sign_in'>, user: UserFactors, first: string): SecondFactor[] {
  return realm.sign_in.second_factors.filter((method) => {
    if (channelOf(method) === channelOf(first)) return false;
    if (method === 'email_otp') return user.emailVerified;
    if (method === 'sms_otp') return user.smsReachable;
    return user.enrolled.includes(method);
  });
}

/** Whether the sign-in is complete whatever the user has enrolled (so nobody need look). */
export function endsAtFirstFactor(realm: Pick<Realm, 'sign_in'>, first: CompletedFactor): boolean {
  // A passkey verified with the user's PIN or biometrics is two factors on its own.
  return realm.sign_in.mfa === 'off' || (first.method === 'passkey' && first.amr.includes('user'));
}

/** After the first factor: done, a second factor, or enrolment of one. */
export function afterFirstFactor(realm: Pick<Realm, 'sign_in'>, user: UserFactors, first: CompletedFactor): NextStep {
  const policy = realm.sign_in.mfa;
  if (endsAtFirstFactor(realm, first)) return { next: 'done' };
  const methods = availableSecondFactors(realm, user, first.method);
  const hasStrong = user.enrolled.some((factor) => STRONG_FACTORS.includes(factor) && realm.sign_in.second_factors.includes(factor as SecondFactor));
  if (methods.length > 0 && (hasStrong || policy === 'required')) return { next: 'second_factor', methods };
  // The user's factors are all of the first factor's own kind (their one passkey, used without user
  // verification): nothing is left to ask for, and a flow must never wait for nothing (found by review).
  if (hasStrong) return policy === 'required' ? { next: 'refused' } : { next: 'done' };
  // What can be enrolled on the spot: an authenticator app or a passkey (not another of the kind just used).
  if (policy === 'required') return { next: 'enrolment', methods: realm.sign_in.second_factors.filter((m) => STRONG_FACTORS.includes(m) && m !== first.method) };
  return { next: 'done' };
}

/** RFC 8176 references of every completed factor, without repeats. */
export function amrOf(completed: CompletedFactor[]): string[] {
  return [...new Set(completed.flatMap((factor) => factor.amr))];
}

/**
 * NIST SP 800-63B assurance: `aal2` once factors over two different channels are proven (a password
 * and a code, say; not a magic link and an email code), or a passkey with user verification; `aal1`
 * otherwise.
 */
export function acrOf(completed: CompletedFactor[]): 'aal1' | 'aal2' {
  const distinctChannels = new Set(completed.map((factor) => channelOf(factor.method))).size;
  const verifiedPasskey = completed.some((factor) => factor.method === 'passkey' && factor.amr.includes('user'));
  return distinctChannels >= 2 || verifiedPasskey ? 'aal2' : 'aal1';
}

/** What a session records of how its user proved themselves (`methods` only in sessions that keep them). */
export interface ProvenAssurance {
  amr: string[];
  acr: string;
  methods?: string[];
}

/**
 * For sessions that kept no methods, the method each unambiguous `amr` reference stands for.
 * `user` adds nothing to `hwk` or `swk`. `otp` is left out: it is an email code, an authenticator
 * code or a recovery code, which are different channels or the same, so it cannot be named.
 */
const METHOD_OF_AMR: Record<string, FlowMethod> = { pwd: 'password', sms: 'sms_otp', email: 'magic_link', mca: 'number_match', hwk: 'passkey', swk: 'passkey' };
/** The methods whose `amr` is `otp`. */
const OTP_METHODS: readonly string[] = ['email_otp', 'totp', 'hotp', 'recovery_code'];

/** The methods a session has proven: those it recorded, or for an older session, those its `amr` names for certain. */
function earlierMethods(before: ProvenAssurance | undefined): FlowMethod[] {
  if (!before) return [];
  if (before.methods) return before.methods as FlowMethod[];
  return [...new Set(before.amr.flatMap((amr) => (METHOD_OF_AMR[amr] ? [METHOD_OF_AMR[amr]] : [])))];
}

/** The methods to record on a session after a step-up: those it had proven and the step-up's. */
export function methodsAfterStepUp(before: ProvenAssurance | undefined, stepUp: CompletedFactor[]): string[] {
  return [...new Set([...earlierMethods(before), ...stepUp.map((factor) => factor.method)])];
}

/**
 * The assurance of a session after a step-up: the methods the session proved and the step-up's,
 * counted together by channel (a password session stepped up with an authenticator code is
 * `aal2`; a TOTP session stepped up with TOTP again is not), never lower than before. An older
 * session that recorded only `amr` is counted from it, failing safe: its `otp` counts as a channel
 * of its own only when the step-up proved no method that says `otp` too, since it may have been
 * that very method (an earlier TOTP step-up, say).
 */
export function acrAfterStepUp(before: ProvenAssurance | undefined, stepUp: CompletedFactor[]): 'aal1' | 'aal2' {
  if (before?.acr === 'aal2') return 'aal2';
  const earlier = earlierMethods(before).map((method): CompletedFactor => ({ method, amr: [], at: 0 }));
  const unnamedOtp = before !== undefined && !before.methods && before.amr.includes('otp') && !stepUp.some((factor) => OTP_METHODS.includes(factor.method));
  // Any one of the `otp` methods stands for it: none of them shares a channel with the step-up's.
  const otp: CompletedFactor[] = unnamedOtp ? [{ method: 'email_otp', amr: ['otp'], at: 0 }] : [];
  return acrOf([...earlier, ...otp, ...stepUp]);
}
