/**
 * Making a new user, shared by the operator's create and the bulk import: the record built under
 * the realm's rules (with its password hashed, or an imported hash checked and kept as is), then
 * written with its `user.created` event in one transaction.
 */
import type { Kysely } from 'kysely';
import { AppError, invalidField } from '../errors.ts';
import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import type { EventType } from '../events/event-types.ts';
import type { Clock } from '../platform/clock.ts';
import { newTimeOrderedId } from '../platform/ids.ts';
import { passwordHashIssue } from '../platform/passwords.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import { applyChanges, emptyUserState, type NewUserInput } from './user-fields.ts';
import { userStore } from './user-store.ts';
import type { UserWithSecret } from './user.ts';

export interface NewUserDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  /** Checks the password against the realm's policy for this user (AppError when refused) and hashes it. */
  hashPassword: (realm: Realm, password: string, user: { email: string | null; username: string | null }) => Promise<string>;
  /**
   * Further writes every new user gets in its creating transaction, however it is created (the
   * realm's default roles, the tenant its tenant_policy places them in).
   */
  afterInsert?: (trx: Kysely<Schema>, realm: Realm, userId: string, actor: Actor, origin: RequestOrigin) => Promise<void>;
  /**
   * Takes, in the creating transaction before the user's row is written, the locks `afterInsert`
   * will need (the realm's row, for a tenant of the user's own): writing the user takes the realm's
   * row `FOR KEY SHARE` (its foreign key), and two creators each holding that while asking for more
   * wait for each other (PostgreSQL's 40P01).
   */
  beforeInsert?: (trx: Kysely<Schema>, realm: Realm) => Promise<void>;
}

/** An imported hash is stored as given and verified at the first sign-in, which upgrades it. */
function requireSupportedHash(passwordHash: string): string {
  const issue = passwordHashIssue(passwordHash);
  if (issue === undefined) return passwordHash;
  throw new AppError('user.unsupported_password_hash', `password_hash ${issue}.`, { details: [{ field: 'password_hash', issue }] });
}

function storedPasswordHash(
  realm: Realm,
  input: NewUserInput,
  user: { email: string | null; username: string | null },
  hashPassword: NewUserDeps['hashPassword'],
): Promise<string | null> | string | null {
  const { password, password_hash: passwordHash } = input;
  if (passwordHash !== undefined) return requireSupportedHash(passwordHash);
  return password === undefined ? null : hashPassword(realm, password, user);
}

/** The new user's record, not yet written; throws AppError for anything the realm's rules refuse. */
export async function newUserRecord(deps: Pick<NewUserDeps, 'clock' | 'hashPassword'>, realm: Realm, input: NewUserInput, actor: Actor): Promise<UserWithSecret> {
  const { password, password_hash: passwordHash, ...changes } = input;
  if (password !== undefined && passwordHash !== undefined) {
    throw invalidField('user.invalid', 'password_hash', 'cannot be given together with password');
  }
  const { next: fields } = applyChanges(realm, emptyUserState(), changes);
  // The policy refuses passwords built on the new user's own (normalised) identifiers.
  const storedHash = await storedPasswordHash(realm, input, { email: fields.email, username: fields.username }, deps.hashPassword);
  const now = deps.clock.now();
  return {
    ...fields,
    id: newTimeOrderedId('usr', now),
    realm_id: realm.id,
    locked: false,
    locked_reason: null,
    has_password: storedHash !== null,
    signed_up: false,
    password_hash: storedHash,
    last_login_at: null,
    created_at: now,
    created_by: actor.id,
    updated_at: now,
    updated_by: actor.id,
    version: 1,
  };
}

/** How a user comes to be, beyond the record: self sign-up records its own event and queues its verification message. */
export interface InsertOptions {
  /** Recorded beside the user type. */
  details?: Record<string, unknown>;
  /** `user.created` unless given. */
  event?: EventType;
  /** Further writes in the same transaction (a message to queue, say). */
  within?: (trx: Kysely<Schema>, user: UserWithSecret) => Promise<void>;
}

/** Writes the user and records its event in one transaction. */
export async function insertNewUser(
  deps: Pick<NewUserDeps, 'db' | 'events' | 'beforeInsert' | 'afterInsert'>,
  realm: Realm,
  user: UserWithSecret,
  actor: Actor,
  origin: RequestOrigin,
  options: InsertOptions = {},
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await deps.beforeInsert?.(trx, realm);
    await userStore.insert(trx, realm.id, user, realm.users.require_unique_emails);
    const type = options.event ?? 'user.created';
    await deps.events.record(trx, { realmId: realm.id, type, actor, userId: user.id, origin, details: { user_type: user.user_type, ...options.details } });
    await deps.afterInsert?.(trx, realm, user.id, actor, origin);
    await options.within?.(trx, user);
  });
}
