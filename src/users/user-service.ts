import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import { noOrigin, type Actor, type EventLog, type RequestOrigin } from '../events/event-log.ts';
import type { EventType } from '../events/event-types.ts';
import type { Clock } from '../platform/clock.ts';
import type { InvalidationPublisher } from '../platform/invalidation-bus.ts';
import type { PasswordHasher } from '../platform/passwords.ts';
import { createBreachedPasswordCheck } from '../passwords/breached-passwords.ts';
import { createPasswordPolicy, refusalError, type PasswordPolicyChecker } from '../passwords/password-policy.ts';
import type { Realm } from '../realms/realm.ts';
import { isLive, sessionStore, type RevokeReason, type Session } from '../sessions/session-store.ts';
import type { Page, PageRequest } from '../storage/pagination.ts';
import type { Schema } from '../storage/schema.ts';
import { applyChanges, cleanLockedReason, profileOnly, type NewUserInput, type ProfileChanges, type UserChanges } from './user-fields.ts';
import { insertNewUser, newUserRecord, type InsertOptions, type NewUserDeps } from './new-user.ts';
import { importUsers, type ImportResult } from './user-import.ts';
import { withRegistrationFields, type FieldValues } from './registration-fields.ts';
import { createUserDirectory } from './user-directory.ts';
import type { UserFilter } from './user-search.ts';
import { userStore } from './user-store.ts';
import { withoutSecret, type User, type UserWithSecret } from './user.ts';

export interface UserServiceDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  hasher: PasswordHasher;
  /** Decides which new passwords a realm accepts; composed once in src/compose.ts (a default one when absent, as in narrow tests). */
  passwordPolicy?: PasswordPolicyChecker;
  /**
   * Runs inside every change's transaction once the change is decided, before it is written; it may
   * take further locks and refuse the change by throwing. `after` is null when the user is deleted.
   */
  beforeChange?: (trx: Kysely<Schema>, realm: Realm, change: { before: User; after: User | null }) => Promise<void>;
  /** Runs inside a change's transaction when it gives the user a new, unverified address (to queue a verification link). */
  onNewUnverifiedEmail?: (trx: Kysely<Schema>, realm: Realm, user: { id: string; email: string }) => Promise<void>;
  /** Told after every committed change of a user or their sessions, so every process's caches drop the user at once. */
  invalidation?: InvalidationPublisher;
  /** Runs in the transaction that creates a user, whichever way (operator, sign-up, import): the realm's default roles. */
  afterInsert?: NewUserDeps['afterInsert'];
  /** Runs in that transaction before the user is written: the locks `afterInsert` needs. */
  beforeInsert?: NewUserDeps['beforeInsert'];
}

/** Who a password is for: the policy refuses passwords built on these. */
export interface PasswordContext {
  email: string | null;
  username: string | null;
}

/** A new user made by self sign-up rather than by an operator. */
export interface CreateOptions extends Pick<InsertOptions, 'event' | 'within'> {
  signedUp?: boolean;
  /** Runs once the new user's record is accepted (its password passed the policy), before anything is written and outside the transaction. */
  accepted?: () => Promise<void>;
}

/** Decides a change from the locked current user; may write more through `trx` (all or nothing with the change). */
export type PlanChange = (current: UserWithSecret, trx: Kysely<Schema>) => Promise<UserChange | undefined> | UserChange | undefined;

/** What one change of a user writes besides the new version. */
export interface UserChange {
  fields?: Partial<UserWithSecret>;
  /** Soft deletion instead of an update. */
  remove?: boolean;
  event: EventType;
  details?: Record<string, unknown>;
  endSessions?: { reason: RevokeReason; except?: string };
}

const notFound = (userId: string) => new AppError('user.not_found', `No user ${userId} in this realm.`);

export function createUserService(deps: UserServiceDeps) {
  const { db, clock, events, hasher } = deps;
  const passwordPolicy = deps.passwordPolicy ?? createPasswordPolicy({ breachedCheck: createBreachedPasswordCheck() });

  async function requireUser(executor: Kysely<Schema>, realmId: string, userId: string): Promise<UserWithSecret> {
    const user = await userStore.find(executor, realmId, userId);
    if (!user) throw notFound(userId);
    return user;
  }

  /**
   * Read, decide, write and record in one transaction. `plan` sees the current user and returns
   * the change, or undefined when there is nothing to change. The read locks the user's row, so
   * concurrent changes of one user take turns and each writes its own version.
   */
  async function changeUser(
    realm: Realm,
    userId: string,
    actor: Actor,
    origin: RequestOrigin,
    plan: PlanChange,
  ): Promise<UserWithSecret> {
    let changed = false;
    const result = await db.transaction().execute(async (trx) => {
      const current = await userStore.findForChange(trx, realm.id, userId);
      if (!current) throw notFound(userId);
      const change = await plan(current, trx);
      if (!change) return current;
      changed = true;
      const now = clock.now();
      const next: UserWithSecret = { ...current, ...change.fields, updated_at: now, updated_by: actor.id, version: current.version + 1 };
      next.has_password = next.password_hash !== null;
      await deps.beforeChange?.(trx, realm, { before: current, after: change.remove ? null : next });
      const written = change.remove
        ? await userStore.softDelete(trx, realm.id, current, now, actor.id)
        : await userStore.update(trx, realm.id, current, next, realm.users.require_unique_emails);
      // Only a writer that bypassed the row lock can have moved the version.
      if (!written) throw new AppError('user.changed_concurrently', 'The user was changed by another request at the same time; try again.');
      const details = { ...change.details };
      if (change.endSessions) {
        const { reason, except } = change.endSessions;
        details.sessions_ended = (await sessionStore.revokeAllForUser(trx, realm.id, userId, reason, now, except)).length;
      }
      await events.record(trx, { realmId: realm.id, type: change.event, actor, userId, origin, details });
      if (!change.remove && next.email !== null && next.email !== current.email && !next.email_verified) {
        await deps.onNewUnverifiedEmail?.(trx, realm, { id: userId, email: next.email });
      }
      return next;
    });
    // Any change may lock, deactivate, delete or end sessions: validate must read the user afresh.
    if (changed) await deps.invalidation?.publish({ realmId: realm.id, userId });
    return result;
  }

  /** PATCH semantics shared by operators' updates and users' own profile changes. */
  function planPatch(realm: Realm, current: UserWithSecret, changes: UserChanges, event: EventType): UserChange | undefined {
    const { next, changed } = applyChanges(realm, current, changes);
    if (changed.length === 0) return undefined;
    const deactivated = current.state === 'active' && next.state === 'inactive';
    return {
      fields: next,
      event,
      details: { fields: changed },
      ...(deactivated ? { endSessions: { reason: 'user_inactive' as const } } : {}),
    };
  }

  function patchUser(realm: Realm, userId: string, changes: UserChanges, actor: Actor, event: EventType, origin: RequestOrigin) {
    return changeUser(realm, userId, actor, origin, (current) => planPatch(realm, current, changes, event));
  }

  /** Refuses (AppError with the reason code) a password the realm's policy does not accept for this user. */
  async function requireAcceptable(realm: Realm, password: string, context: PasswordContext, field = 'password'): Promise<void> {
    const verdict = await passwordPolicy.check(realm, password, context);
    if (!verdict.ok) throw refusalError(verdict, field);
  }

  async function hashAcceptable(realm: Realm, password: string, context: PasswordContext): Promise<string> {
    await requireAcceptable(realm, password, context);
    return hasher.hash(realm.id, password);
  }

  /** Session operations need the user to exist in this realm first, so another realm's ids are 404. */
  async function sessionChange(realm: Realm, userId: string, work: (trx: Kysely<Schema>, now: number) => Promise<void>): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await requireUser(trx, realm.id, userId);
      await work(trx, clock.now());
    });
    await deps.invalidation?.publish({ realmId: realm.id, userId });
  }

  const directory = createUserDirectory(db);

  return {
    ...directory,

    async create(realm: Realm, input: NewUserInput, actor: Actor, origin: RequestOrigin = noOrigin, options: CreateOptions = {}): Promise<User> {
      const record = await newUserRecord({ clock, hashPassword: hashAcceptable }, realm, input, actor);
      const user = { ...record, signed_up: options.signedUp ?? false };
      await options.accepted?.();
      await insertNewUser({ db, events, beforeInsert: deps.beforeInsert, afterInsert: deps.afterInsert }, realm, user, actor, origin, { event: options.event, within: options.within });
      return withoutSecret(user);
    },

    /** One change planned by an account flow (verification, reset) under the same rules as every other. */
    applyChange: changeUser,

    /** A new password checked against the realm's policy for this user, hashed. */
    hashAcceptablePassword: (realm: Realm, password: string, context: PasswordContext) => hashAcceptable(realm, password, context),

    /** Many users at once, each in its own transaction (src/users/user-import.ts). */
    importUsers(realm: Realm, items: NewUserInput[], actor: Actor, origin: RequestOrigin = noOrigin): Promise<ImportResult> {
      return importUsers({ db, clock, events, hashPassword: hashAcceptable, beforeInsert: deps.beforeInsert, afterInsert: deps.afterInsert }, realm, items, actor, origin);
    },

    /** The current user, or with `version` that earlier snapshot. */
    async get(realm: Realm, userId: string, version?: number): Promise<User> {
      const user = await requireUser(db, realm.id, userId);
      // The current version is the record itself (a bulk-loaded user has no stored version 1 until it changes).
      if (version === undefined || version === user.version) return withoutSecret(user);
      const snapshot = await userStore.findVersion(db, realm.id, userId, version);
      if (!snapshot) throw new AppError('user.version_not_found', `User ${userId} has no version ${version}.`, { details: [{ field: 'version', issue: 'does not exist' }] });
      return snapshot;
    },

    /** `role` (an id or slug) keeps the users holding that role now. */
    async list(realm: Realm, filter: UserFilter, page: PageRequest): Promise<Page<User>> {
      const result = await userStore.list(db, realm.id, { ...filter, roleAt: clock.now() }, page);
      return { items: result.items.map(withoutSecret), next_cursor: result.next_cursor };
    },

    async update(realm: Realm, userId: string, changes: UserChanges, actor: Actor, origin: RequestOrigin = noOrigin): Promise<User> {
      return withoutSecret(await patchUser(realm, userId, changes, actor, 'user.updated', origin));
    },

    async remove(realm: Realm, userId: string, actor: Actor, origin: RequestOrigin = noOrigin): Promise<void> {
      await changeUser(realm, userId, actor, origin, () => ({ remove: true, event: 'user.deleted', endSessions: { reason: 'user_deleted' } }));
    },

    async lock(realm: Realm, userId: string, reason: string | null, actor: Actor, origin: RequestOrigin = noOrigin): Promise<User> {
      const lockedReason = cleanLockedReason(reason);
      const user = await changeUser(realm, userId, actor, origin, (current) =>
        current.locked && current.locked_reason === lockedReason
          ? undefined
          : { fields: { locked: true, locked_reason: lockedReason }, event: 'user.locked', details: { reason: lockedReason }, endSessions: { reason: 'user_locked' } },
      );
      return withoutSecret(user);
    },

    async unlock(realm: Realm, userId: string, actor: Actor, origin: RequestOrigin = noOrigin): Promise<User> {
      const user = await changeUser(realm, userId, actor, origin, (current) =>
        current.locked ? { fields: { locked: false, locked_reason: null }, event: 'user.unlocked' } : undefined,
      );
      return withoutSecret(user);
    },

    /** An operator sets the password: every session of the user ends. */
    async setPassword(realm: Realm, userId: string, password: string, actor: Actor, origin: RequestOrigin = noOrigin): Promise<void> {
      const user = await requireUser(db, realm.id, userId);
      const passwordHash = await hashAcceptable(realm, password, { email: user.email, username: user.username });
      await changeUser(realm, userId, actor, origin, () => ({
        fields: { password_hash: passwordHash },
        event: 'user.password_set',
        endSessions: { reason: 'password_set' },
      }));
    },

    /** Ends every live session of the user, but `keepSessionId` (a user signing out everywhere else). */
    async logoutAll(realm: Realm, userId: string, actor: Actor, origin: RequestOrigin = noOrigin, keepSessionId?: string): Promise<void> {
      const byOperator = actor.type === 'operator';
      const reason: RevokeReason = byOperator ? 'operator_logout' : 'logout';
      await sessionChange(realm, userId, async (trx, now) => {
        const ended = await sessionStore.revokeAllForUser(trx, realm.id, userId, reason, now, keepSessionId);
        // flespi's 1311 means "logged out by the realm owner"; a user's own choice has its own type.
        const type = byOperator ? 'user.logged_out' : 'user.signed_out_elsewhere';
        await events.record(trx, { realmId: realm.id, type, actor, userId, origin, details: { sessions_ended: ended.length } });
      });
    },

    async listSessions(realm: Realm, userId: string, page: PageRequest): Promise<Page<Session>> {
      await requireUser(db, realm.id, userId);
      return sessionStore.listLiveForUser(db, realm.id, userId, clock.now(), page);
    },

    /** Ends one live session of this user; a session of anyone else is not found. */
    async revokeSession(realm: Realm, userId: string, sessionId: string, actor: Actor, origin: RequestOrigin = noOrigin): Promise<void> {
      await sessionChange(realm, userId, async (trx, now) => {
        const session = await sessionStore.find(trx, realm.id, sessionId);
        if (!session || session.user_id !== userId || !isLive(session, now)) {
          throw new AppError('session.not_found', `User ${userId} has no live session ${sessionId}.`);
        }
        await sessionStore.revoke(trx, realm.id, sessionId, actor.type === 'operator' ? 'revoked' : 'logout', now);
        const type = actor.type === 'operator' ? 'user.session_revoked' : 'user.logout';
        await events.record(trx, { realmId: realm.id, type, actor, userId, origin, details: { session_id: sessionId } });
      });
    },

    /** Self-service: the signed-in user changes their own names. */
    async updateProfile(realm: Realm, userId: string, changes: ProfileChanges & { fields?: FieldValues }, origin: RequestOrigin = noOrigin): Promise<User> {
      const self: Actor = { type: 'user', id: userId };
      const { fields, ...names } = changes;
      const nameChanges = profileOnly(names);
      const user = await changeUser(realm, userId, self, origin, (current) => {
        const custom = fields === undefined ? {} : { custom: withRegistrationFields(realm.users.registration.fields, current.custom, fields) };
        return planPatch(realm, current, { ...nameChanges, ...custom }, 'user.profile_updated');
      });
      return withoutSecret(user);
    },

    /**
     * Self-service: the current password proves it is the user; the new one ends every session
     * except the one making the change.
     */
    async changePassword(
      realm: Realm,
      userId: string,
      currentPassword: string,
      newPassword: string,
      keepSessionId: string | null,
      origin: RequestOrigin = noOrigin,
    ): Promise<void> {
      const user = await requireUser(db, realm.id, userId);
      await requireAcceptable(realm, newPassword, { email: user.email, username: user.username }, 'new_password');
      const verified = user.password_hash !== null && (await hasher.verify(realm.id, currentPassword, user.password_hash));
      if (!verified) {
        throw new AppError('account.invalid_password', 'The current password is not correct.', { details: [{ field: 'current_password', issue: 'is not correct' }] });
      }
      const passwordHash = await hasher.hash(realm.id, newPassword);
      await changeUser(realm, userId, { type: 'user', id: userId }, origin, (current) => {
        // The password proven above must still be the one stored when the new one is written.
        if (current.password_hash !== user.password_hash) throw new AppError('account.invalid_password', 'The current password is not correct.');
        return {
          fields: { password_hash: passwordHash },
          event: 'user.password_changed',
          endSessions: { reason: 'password_changed', ...(keepSessionId ? { except: keepSessionId } : {}) },
        };
      });
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
