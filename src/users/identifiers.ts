/**
 * Rules for the identifiers a user signs in with (username, email, mobile): how each is
 * normalised before it is stored or compared, and when it is refused. The `*Key` functions give
 * the form the database compares for uniqueness and sign-in look-ups. Password rules live in
 * src/passwords/password-policy.ts.
 */
import { AppError, invalidField } from '../errors.ts';
import { MAX_PASSWORD_LENGTH } from '../platform/passwords.ts';
import type { RealmSettings } from '../realms/realm.ts';

export type UsernameValidation = RealmSettings['users']['username_validation'];

export const identifierLimits = {
  emailLength: 254,
  emailLocalPartLength: 64,
  usernameLength: 100,
  passwordLength: MAX_PASSWORD_LENGTH,
} as const;

// The local part allows RFC 5322's atext and inner dots; the domain is DNS labels. A single label
// is allowed because self-hosted setups use such addresses (the first operator is admin@localhost).
// Deliberately narrower than the RFC (no quoted local parts, no IP literals): such addresses are
// almost always mistakes in an identity store.
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

// Letters and digits of any script, and `. _ - @ +`, starting with a letter or digit.
const STANDARD_USERNAME = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}._\-@+]*$/u;

const MOBILE_SEPARATORS = /[\s\-.()]/g;
// E.164: a country code never starts with 0; at most 15 digits in all.
const E164 = /^\+[1-9]\d{6,14}$/;

/** Trimmed and lower-cased; undefined when it is not a plausible address. */
export function normalizeEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  if (email.length > identifierLimits.emailLength || !EMAIL.test(email)) return undefined;
  if (email.indexOf('@') > identifierLimits.emailLocalPartLength) return undefined;
  return email;
}

/** Whether an account's address is the one a message went to (addresses compare without case). */
export const sameAddress = (held: string | null, sentTo: string): held is string => held !== null && held.toLowerCase() === sentTo.toLowerCase();

export function requireEmail(raw: string): string {
  const email = normalizeEmail(raw);
  if (email === undefined) throw invalidField('user.invalid', 'email', 'is not a valid email address');
  return email;
}

/** The username as stored: trimmed and NFKC-normalised so look-alike compatibility forms compare equal. */
export function requireUsername(raw: string, validation: UsernameValidation): string {
  const username = raw.trim().normalize('NFKC');
  if (validation === 'email') {
    if (normalizeEmail(username) === undefined) throw invalidField('user.invalid', 'username', 'must be an email address in this realm');
    return username;
  }
  const length = [...username].length;
  if (length < 1 || length > identifierLimits.usernameLength) {
    throw invalidField('user.invalid', 'username', `must be 1 to ${identifierLimits.usernameLength} characters`);
  }
  if (!STANDARD_USERNAME.test(username)) {
    throw invalidField('user.invalid', 'username', 'may contain only letters, digits and . _ - @ +, and must start with a letter or digit');
  }
  return username;
}

/**
 * A username (as it would be stored: NFKC, so look-alike full-width letters count) that is an email
 * address other than `email`: nobody may name themselves after another person's address (sign-in
 * resolves it, src/users/user-store.ts). Operators and imports may; sign-up and identity-provider
 * mapping may not.
 */
export function spellsAnotherAddress(username: string, email: string | null | undefined): boolean {
  const spelled = normalizeEmail(username.trim().normalize('NFKC'));
  return spelled !== undefined && spelled !== (email ? normalizeEmail(email) : undefined);
}

/** Usernames compare case-insensitively. */
export function usernameKey(username: string): string {
  return username.trim().normalize('NFKC').toLowerCase();
}

/** E.164 with separators stripped; undefined when it is not a phone number. */
export function normalizeMobile(raw: string): string | undefined {
  const mobile = raw.trim().replace(MOBILE_SEPARATORS, '');
  return E164.test(mobile) ? mobile : undefined;
}

export function requireMobile(raw: string): string {
  const mobile = normalizeMobile(raw);
  if (mobile === undefined) {
    throw invalidField('user.invalid', 'mobile', 'must be a phone number in E.164 form: + and 7 to 15 digits');
  }
  return mobile;
}

/** The identifiers a user ends up with, checked together. */
export interface IdentifierSet {
  username: string | null;
  email: string | null;
  mobile: string | null;
  user_type: 'human' | 'api';
}

export function requireSignInIdentifier(user: IdentifierSet): void {
  if (user.user_type === 'api' && user.username === null) {
    throw invalidField('user.invalid', 'username', 'is required for api users');
  }
  if (user.username === null && user.email === null && user.mobile === null) {
    throw new AppError('user.invalid', 'A user needs at least one of username, email or mobile.', {
      details: ['username', 'email', 'mobile'].map((field) => ({ field, issue: 'at least one is required' })),
    });
  }
}

/** "First Middle Last" when any name is given, else the username, else the email. */
export function deriveDisplayName(user: {
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  username: string | null;
  email: string | null;
}): string | null {
  const names = [user.first_name, user.middle_name, user.last_name].filter((name) => name !== null && name !== '');
  if (names.length > 0) return names.join(' ');
  return user.username ?? user.email ?? null;
}
