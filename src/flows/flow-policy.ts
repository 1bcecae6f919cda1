/**
 * The decisions of a sign-in, as pure functions of the realm's policy, the user's factors and what
 * the flow has completed: which second factors a user may use, whether one is needed, and the
 * assurance level reached. No storage, no clock: the flow service acts on the answers.
 */
import type { Realm, SecondFactor } from '../realms/realm.ts';
import type { CompletedFactor } from './flow.ts';

/** What the user has that can serve as a second factor. */
export interface UserFactors {
  /** Enrolled, confirmed factors: `totp`, `hotp`, `passkey`, `recovery_code`. */
  enrolled: string[];
  emailVerified: boolean;
  mobileVerified: boolean;
}

/** Factors a user has enrolled on purpose (codes by email or SMS come with the account). */
export const STRONG_FACTORS: readonly string[] = ['totp', 'hotp', 'passkey'];

export type NextStep = { next: 'done' } | { next: 'second_factor'; methods: SecondFactor[] } | { next: 'enrolment'; methods: SecondFactor[] };

/**
 * What a method proves possession of. Methods that reach the same inbox or phone prove one thing,
 * however many of them are used: a magic link and then an email code are one factor, not two.
 */
const CHANNEL: Record<string, string> = { email_otp: 'email', magic_link: 'email', number_match: 'email', sms_otp: 'sms' };
const channelOf = (method: string) => CHANNEL[method] ?? method;

/** The second factors this user can use in this realm after `first` (never the same channel twice). */
export function availableSecondFactors(realm: Pick<Realm, 'sign_in'>, user: UserFactors, first: string): SecondFactor[] {
  return realm.sign_in.second_factors.filter((method) => {
    if (channelOf(method) === channelOf(first)) return false;
    if (method === 'email_otp') return user.emailVerified;
    if (method === 'sms_otp') return user.mobileVerified;
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
  if (hasStrong || (policy === 'required' && methods.length > 0)) return { next: 'second_factor', methods };
  if (policy === 'required') return { next: 'enrolment', methods: realm.sign_in.second_factors.filter((m) => m === 'totp' || m === 'hotp') };
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

/**
 * The method each `amr` reference of an earlier sign-in stands for, so that its factors and a
 * step-up's can be counted together. `otp` is an email code here: among first factors only an
 * email code says `otp`, and a session still at `aal1` has only ever proven one channel (an
 * authenticator's `otp` lands only in sessions already at `aal2`). `user` adds nothing to `hwk`.
 */
const METHOD_OF_AMR: Record<string, CompletedFactor['method']> = { pwd: 'password', otp: 'email_otp', sms: 'sms_otp', email: 'magic_link', mca: 'number_match', hwk: 'passkey' };

/**
 * The assurance of a session after a step-up: the session's earlier factors and the step-up's,
 * counted together (a password session stepped up with an authenticator code is `aal2`), never
 * lower than before.
 */
export function acrAfterStepUp(before: { amr: string[]; acr: string } | undefined, stepUp: CompletedFactor[]): 'aal1' | 'aal2' {
  if (before?.acr === 'aal2') return 'aal2';
  const earlier = (before?.amr ?? []).flatMap((amr): CompletedFactor[] => (METHOD_OF_AMR[amr] ? [{ method: METHOD_OF_AMR[amr], amr: [amr], at: 0 }] : []));
  return acrOf([...earlier, ...stepUp]);
}
