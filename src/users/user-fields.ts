/**
 * Turns what a caller asks for (a new user, a patch) into the user's next state under the realm's
 * rules, and says which fields changed. Pure: no storage, no clock.
 */
import { isDeepStrictEqual } from 'node:util';
import { AppError, invalidField } from '../errors.ts';
import { ONE_LINE_ISSUE, oneLine, UNSAFE_CHARACTERS } from '../platform/display-text.ts';
import { limits, type Access, type Realm } from '../realms/realm.ts';
import { deriveDisplayName, requireEmail, requireMobile, requireSignInIdentifier, requireUsername } from './identifiers.ts';
import type { User } from './user.ts';

export const userLimits = {
  nameLength: 200,
  lockedReasonLength: 500,
  tags: 50,
  tagLength: 64,
  customBytes: limits.customBytes,
  accessTokenMinutes: limits.accessTokenMinutes,
} as const;

/** The fields an operator may set; `null` clears a field. */
export interface UserChanges {
  username?: string | null;
  email?: string | null;
  email_verified?: boolean;
  mobile?: string | null;
  mobile_verified?: boolean;
  first_name?: string | null;
  middle_name?: string | null;
  last_name?: string | null;
  display_name?: string | null;
  state?: User['state'];
  user_type?: User['user_type'];
  tags?: string[];
  custom?: Record<string, unknown>;
  access?: Access | null;
  access_token_minutes?: number | null;
}

export interface NewUserInput extends UserChanges {
  password?: string;
  /** Instead of `password`: a hash made by another system, stored as is (src/platform/password-formats). */
  password_hash?: string;
}

/** What a signed-in user may change about themselves. */
export type ProfileChanges = Pick<UserChanges, 'first_name' | 'middle_name' | 'last_name' | 'display_name'>;

/** The part of a user that changes through `UserChanges`. */
export type UserState = Pick<User, keyof UserChanges>;

const NAME_FIELDS: readonly string[] = ['first_name', 'middle_name', 'last_name', 'display_name'];

export function emptyUserState(): UserState {
  return {
    username: null,
    email: null,
    email_verified: false,
    mobile: null,
    mobile_verified: false,
    first_name: null,
    middle_name: null,
    last_name: null,
    display_name: null,
    state: 'active',
    user_type: 'human',
    tags: [],
    custom: {},
    access: null,
    access_token_minutes: null,
  };
}

/** `input` with its names made one line (imports; the API refuses such names instead). */
export function withOneLineNames<T extends UserChanges>(input: T): T {
  const names = NAME_FIELDS.filter((field) => typeof input[field as keyof T] === 'string').map((field) => [field, oneLine(input[field as keyof T] as string)]);
  return names.length === 0 ? input : { ...input, ...Object.fromEntries(names) };
}

/**
 * Trimmed; blank means absent. One line without control characters: names go into the plain-text
 * part of mails ("Hi {{user_name}},"), where a line break would let whoever typed the name write
 * paragraphs of their own into a genuine message, and into terminals (the operator CLI).
 */
function cleanText(field: string, value: string | null, maxLength: number): string | null {
  const text = value?.trim() ?? '';
  if ([...text].length > maxLength) throw invalidField('user.invalid', field, `must be at most ${maxLength} characters`);
  if (UNSAFE_CHARACTERS.test(text)) throw invalidField('user.invalid', field, ONE_LINE_ISSUE);
  return text === '' ? null : text;
}

/** A lock's reason: trimmed, blank meaning none. */
export const cleanLockedReason = (reason: string | null) => cleanText('reason', reason, userLimits.lockedReasonLength);

/** Deduplicated and sorted, so the stored set does not depend on the order given. */
export function cleanTags(tags: string[]): string[] {
  const unique = [...new Set(tags)];
  if (unique.length > userLimits.tags) throw invalidField('user.invalid', 'tags', `must hold at most ${userLimits.tags} tags`);
  for (const tag of unique) {
    const length = [...tag].length;
    if (length < 1 || length > userLimits.tagLength) throw invalidField('user.invalid', 'tags', `each tag must be 1 to ${userLimits.tagLength} characters`);
  }
  return unique.sort();
}

function checkCustom(custom: Record<string, unknown>): Record<string, unknown> {
  if (Buffer.byteLength(JSON.stringify(custom)) > userLimits.customBytes) {
    throw invalidField('user.invalid', 'custom', `must be at most ${userLimits.customBytes / 1024} KB as JSON`);
  }
  return custom;
}

function checkTokenMinutes(minutes: number | null): number | null {
  const { min, max } = userLimits.accessTokenMinutes;
  if (minutes !== null && (!Number.isInteger(minutes) || minutes < min || minutes > max)) {
    throw invalidField('user.invalid', 'access_token_minutes', `must be a whole number from ${min} to ${max}, or null`);
  }
  return minutes;
}

/** Normalises one requested field to the form it is stored in. */
function normalize<K extends keyof UserChanges>(realm: Realm, field: K, value: UserChanges[K]): UserState[K] {
  const v = value as unknown;
  switch (field) {
    case 'username':
      return (v === null ? null : requireUsername(v as string, realm.users.username_validation)) as UserState[K];
    case 'email':
      return (v === null ? null : requireEmail(v as string)) as UserState[K];
    case 'mobile':
      return (v === null ? null : requireMobile(v as string)) as UserState[K];
    case 'first_name':
    case 'middle_name':
    case 'last_name':
    case 'display_name':
      return cleanText(field, v as string | null, userLimits.nameLength) as UserState[K];
    case 'tags':
      return cleanTags(v as string[]) as UserState[K];
    case 'custom':
      return checkCustom(v as Record<string, unknown>) as UserState[K];
    case 'access_token_minutes':
      return checkTokenMinutes(v as number | null) as UserState[K];
    default:
      return value as UserState[K];
  }
}

const CHANGEABLE_FIELDS = Object.keys(emptyUserState()) as (keyof UserState)[];

/** Callers outside TypeScript's reach (and the JSON they pass on) cannot slip other fields in. */
function refuseOtherFields(changes: object, allowed: readonly string[], message: string): void {
  const others = Object.keys(changes).filter((field) => !allowed.includes(field));
  if (others.length > 0) {
    throw new AppError('user.invalid', message, { details: others.map((field) => ({ field, issue: 'cannot be changed here' })) });
  }
}

export interface AppliedChanges {
  next: UserState;
  /** Field names whose stored value differs from before, derived ones included. */
  changed: (keyof UserState)[];
}

/**
 * Applies `changes` to `current` with PATCH semantics: absent fields stay, `null` clears. A new
 * email or mobile is unverified unless the same request says otherwise. A display name that was
 * derived from the names follows them; one that was set explicitly stays.
 */
export function applyChanges(realm: Realm, current: UserState, changes: UserChanges): AppliedChanges {
  refuseOtherFields(changes, CHANGEABLE_FIELDS, `Only ${CHANGEABLE_FIELDS.join(', ')} can be changed here.`);
  const next: UserState = { ...current };
  const assign = next as Record<keyof UserState, unknown>;
  for (const field of Object.keys(changes) as (keyof UserChanges)[]) {
    if (changes[field] !== undefined) assign[field] = normalize(realm, field, changes[field]);
  }
  if (next.email !== current.email && changes.email_verified === undefined) next.email_verified = false;
  if (next.mobile !== current.mobile && changes.mobile_verified === undefined) next.mobile_verified = false;
  if (next.email === null) next.email_verified = false;
  if (next.mobile === null) next.mobile_verified = false;

  const displayWasDerived = current.display_name === deriveDisplayName(current);
  if (next.display_name === null || (changes.display_name === undefined && displayWasDerived)) {
    next.display_name = deriveDisplayName(next);
  }
  requireSignInIdentifier(next);

  const changed = CHANGEABLE_FIELDS.filter((field) => !isDeepStrictEqual(next[field], current[field]));
  return { next, changed };
}

/** A profile patch may touch only the names; anything else is refused rather than ignored. */
export function profileOnly(changes: ProfileChanges): UserChanges {
  refuseOtherFields(changes, NAME_FIELDS, 'Only first_name, middle_name, last_name and display_name can be changed here.');
  return changes;
}
