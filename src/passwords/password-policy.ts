/**
 * A realm's password policy (issue #3 §5, NIST SP 800-63B): length in code points of the NFKC
 * form, never truncated and with no composition rules; the most common passwords refused; passwords
 * built on the realm's name or the user's own identifiers refused; optionally, passwords known from
 * breaches refused. A refusal is a verdict (a value with a stable reason code), not an exception;
 * `refusalError` turns one into the AppError a request answers with.
 */
import { AppError } from '../errors.ts';
import type { PasswordPolicy, Realm } from '../realms/realm.ts';
import type { BreachedCheck } from './breached-passwords.ts';
import { loadCommonPasswords, type CommonPasswords } from './common-passwords.ts';
import { builtOnContext, type PasswordContext } from './context-words.ts';
import { codePointLength, normalizePassword } from './password-text.ts';

export type { PasswordContext };

export type PasswordRefusal =
  | 'password.too_short'
  | 'password.too_long'
  | 'password.common'
  | 'password.contains_identifier'
  | 'password.breached'
  | 'password.breach_check_unavailable';

export type PasswordVerdict =
  | { ok: true }
  /** `message` is for people; `issue` completes "<field> …" in an error's details. */
  | { ok: false; reason: PasswordRefusal; message: string; issue: string };

export interface PasswordCheckDeps {
  breachedCheck: BreachedCheck;
  /** The shipped list unless given. */
  commonPasswords?: () => Promise<CommonPasswords>;
}

const refuse = (reason: PasswordRefusal, issue: string, message: string): PasswordVerdict => ({ ok: false, reason, issue, message });

/**
 * The first rule the password breaks, in this order: length, the common list, the context words,
 * then (only for a password that passed the rest, as it costs a request) the breach corpus.
 */
export async function checkPassword(password: string, policy: PasswordPolicy, context: PasswordContext, deps: PasswordCheckDeps): Promise<PasswordVerdict> {
  const normalized = normalizePassword(password);
  const length = codePointLength(normalized);
  if (length < policy.min_length) {
    return refuse('password.too_short', `must be at least ${policy.min_length} characters`, `The password must be at least ${policy.min_length} characters long.`);
  }
  if (length > policy.max_length) {
    return refuse('password.too_long', `must be at most ${policy.max_length} characters`, `The password must be at most ${policy.max_length} characters long.`);
  }
  if (policy.block_common && (await (deps.commonPasswords ?? loadCommonPasswords)()).includes(normalized)) {
    return refuse('password.common', 'is one of the most common passwords', 'This password is one of the most commonly used; choose another.');
  }
  if (policy.block_context && builtOnContext(normalized, context)) {
    return refuse(
      'password.contains_identifier',
      'is built on the realm name, the email address or the username',
      'The password is mostly the name of this service, your email address or your username; choose another.',
    );
  }
  if (policy.breached.enabled) {
    const status = await deps.breachedCheck(normalized, policy.breached.range_url);
    if (status === 'breached') {
      return refuse('password.breached', 'has appeared in a data breach', 'This password has appeared in a data breach, so attackers try it; choose another.');
    }
    if (status === 'unavailable' && policy.breached.on_unavailable === 'refuse') {
      return refuse(
        'password.breach_check_unavailable',
        'could not be checked against known breaches',
        'The password could not be checked against known breaches right now; try again in a moment.',
      );
    }
  }
  return { ok: true };
}

/** Who the password is for, besides the realm: the user's identifiers (null when they have none). */
export interface UserPasswordContext {
  email: string | null;
  username: string | null;
  extraWords?: string[];
}

export interface PasswordPolicyChecker {
  check(realm: Pick<Realm, 'name' | 'password_policy'>, password: string, user: UserPasswordContext): Promise<PasswordVerdict>;
}

/** Composed once (src/compose.ts) and handed to whatever accepts new passwords. */
export function createPasswordPolicy(deps: PasswordCheckDeps): PasswordPolicyChecker {
  return {
    check: (realm, password, user) => checkPassword(password, realm.password_policy, { realmName: realm.name, ...user }, deps),
  };
}

/** Seconds a client is asked to wait when the breach corpus could not be asked. */
const BREACH_CHECK_RETRY_SECONDS = 5;

/** The error a refused password answers with; `field` is the request's name for the password. */
export function refusalError(verdict: Extract<PasswordVerdict, { ok: false }>, field = 'password'): AppError {
  return new AppError(verdict.reason, verdict.message, {
    details: [{ field, issue: verdict.issue }],
    ...(verdict.reason === 'password.breach_check_unavailable' ? { retryAfterSeconds: BREACH_CHECK_RETRY_SECONDS } : {}),
  });
}
