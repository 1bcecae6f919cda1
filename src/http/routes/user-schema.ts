import { Type } from '@sinclair/typebox';
import { MAX_PASSWORD_HASH_LENGTH } from '../../platform/passwords.ts';
import { identifierLimits } from '../../users/identifiers.ts';
import { userLimits } from '../../users/user-fields.ts';
import type { Session } from '../../sessions/session-store.ts';
import type { User } from '../../users/user.ts';
import { JsonObject, Nullable, SearchText, Timestamp } from '../schemas.ts';
import { AccessBody, AccessResponse, oneOf } from './realm-schema.ts';

/**
 * The user as every route returns it, and the bodies that create and change one. The schemas give
 * shapes and generous bounds; the identifier rules (which depend on the realm) live in
 * src/users/identifiers.ts. Kept without `$id` so other route trees can embed UserResponse.
 */

const strict = { additionalProperties: false } as const;

/** An access level as responses show it: the realm schema's, shared with the validate response. */
export const AccessSchema = AccessResponse;

export const UserState = oneOf(['active', 'inactive'] as const, 'Only active users can sign in.');
const UserType = oneOf(['human', 'api'] as const, 'api users need a username.');

export const UserResponse = Type.Object({
  id: Type.String(),
  realm_id: Type.String(),
  username: Nullable(Type.String()),
  email: Nullable(Type.String()),
  email_verified: Type.Boolean(),
  mobile: Nullable(Type.String({ description: 'E.164' })),
  mobile_verified: Type.Boolean(),
  first_name: Nullable(Type.String()),
  middle_name: Nullable(Type.String()),
  last_name: Nullable(Type.String()),
  display_name: Nullable(Type.String()),
  state: UserState,
  locked: Type.Boolean(),
  locked_reason: Nullable(Type.String()),
  user_type: UserType,
  tags: Type.Array(Type.String()),
  custom: JsonObject('Free-form attributes.'),
  access: Nullable(AccessSchema),
  access_token_minutes: Nullable(Type.Integer({ description: "Overrides the realm's access token lifetime." })),
  has_password: Type.Boolean(),
  signed_up: Type.Boolean({ description: 'Created through self sign-up rather than by an operator.' }),
  last_login_at: Nullable(Timestamp),
  created_at: Timestamp,
  created_by: Nullable(Type.String()),
  updated_at: Timestamp,
  updated_by: Nullable(Type.String()),
  version: Type.Integer({ description: 'Starts at 1, +1 on every change; GET ?version=N returns an earlier one.' }),
});

const iso = (at: number) => new Date(at).toISOString();

export function toUserResponse(user: User) {
  return {
    ...user,
    last_login_at: user.last_login_at === null ? null : iso(user.last_login_at),
    created_at: iso(user.created_at),
    updated_at: iso(user.updated_at),
  };
}

const name = (description: string) => Type.Optional(Nullable(Type.String({ maxLength: userLimits.nameLength, description })));

/** Fields an operator may set on create and change with PATCH; null clears. */
const changeable = {
  username: Type.Optional(Nullable(Type.String({ maxLength: identifierLimits.emailLength, description: "Follows the realm's username_validation." }))),
  email: Type.Optional(Nullable(Type.String({ maxLength: identifierLimits.emailLength, description: 'Stored lower-cased.' }))),
  email_verified: Type.Optional(Type.Boolean()),
  mobile: Type.Optional(Nullable(Type.String({ maxLength: 40, description: 'E.164; spaces, dashes, dots and parentheses are ignored.' }))),
  mobile_verified: Type.Optional(Type.Boolean()),
  first_name: name('Given name.'),
  middle_name: name('Middle name.'),
  last_name: name('Family name.'),
  display_name: name('Derived from the names (else username, else email) when absent.'),
  state: Type.Optional(UserState),
  user_type: Type.Optional(UserType),
  tags: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: userLimits.tagLength }), { maxItems: userLimits.tags, description: 'Duplicates are dropped.' }),
  ),
  custom: Type.Optional(JsonObject(`Free-form attributes, at most ${userLimits.customBytes / 1024} KB as JSON.`)),
  access: Type.Optional(Nullable(AccessBody)),
  access_token_minutes: Type.Optional(Nullable(Type.Integer({ minimum: userLimits.accessTokenMinutes.min, maximum: userLimits.accessTokenMinutes.max }))),
};

// Passwords are checked by the service against the realm's password_policy (length, common
// passwords, context words, breaches), so a refusal is always a documented 422 password.* code.
const password = Type.String({ description: `Within the realm's password_policy, at most ${identifierLimits.passwordLength} characters.` });

// Checked by the service, so an unsupported one is the documented 400 user.unsupported_password_hash.
const passwordHash = Type.String({
  maxLength: MAX_PASSWORD_HASH_LENGTH,
  description: 'Instead of password: a hash made by another system (argon2, bcrypt, scrypt, PBKDF2; see docs/password-hashes.md), upgraded to argon2id at the next sign-in.',
});

export const CreateUserBody = Type.Object({ ...changeable, password: Type.Optional(password), password_hash: Type.Optional(passwordHash) }, strict);

export const PatchUserBody = Type.Object(changeable, strict);

export const SetPasswordBody = Type.Object({ password }, strict);

export const LockUserBody = Type.Object({ reason: Type.Optional(Nullable(Type.String({ maxLength: userLimits.lockedReasonLength }))) }, strict);

const MINUTE_MS = 60_000;

/** A sign-in session as its user and operators see it (the user agent stands for the device; `last_used_at` to the minute). */
export const SessionResponse = Type.Object({
  id: Type.String(),
  created_at: Timestamp,
  last_used_at: Type.String({ format: 'date-time', description: 'When the session was last used (sign-in, refresh, step-up), rounded down to the minute.' }),
  expires_at: Timestamp,
  ip: Nullable(Type.String()),
  user_agent: Nullable(Type.String()),
});

export function toSessionResponse(session: Session) {
  const iso = (at: number) => new Date(at).toISOString();
  return {
    id: session.id,
    created_at: iso(session.created_at),
    // To the minute, rounded down: to the second, the list would show whoever can read it (a thief
    // with the session's access token) each refresh as it happens, the moment to replay a spent token.
    last_used_at: iso(Math.floor(Number(session.last_used_at) / MINUTE_MS) * MINUTE_MS),
    expires_at: iso(session.expires_at),
    ip: session.ip,
    user_agent: session.user_agent,
  };
}

const filter = (description: string) => Type.Optional(Type.String({ maxLength: 254, description }));

/** The user list's filters (GET …/users), shared by the export (GET …/users/export). */
export const UserFilterQuery = {
  email: filter('Exact email (compared lower-cased).'),
  username: filter('Exact username (case-insensitive).'),
  mobile: filter('Exact mobile; separators are ignored.'),
  tag: filter('Users carrying this tag.'),
  role: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "Users holding this role (id or slug) now: assigned directly, inside the assignment's window." })),
  tenant: filter('Members of this tenant (its id or slug).'),
  state: Type.Optional(UserState),
  locked: Type.Optional(Type.Boolean()),
  verified: Type.Optional(Type.Boolean({ description: 'Users whose email address is verified (true) or not (false).' })),
  q: filter('Case-insensitive substring of the names, email or username (scans the realm: prefer prefix in large realms).'),
  prefix: Type.Optional(SearchText(254, 'Indexed search: users whose email or username starts with this (any case), or whose mobile number does.')),
  direction: oneOf(['asc', 'desc'] as const, 'Order by created_at.', 'asc'),
};
