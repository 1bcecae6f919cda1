import type { Kysely } from 'kysely';
import type { OperatorDirectory, RealmLookup } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { Actor, EventLog } from '../events/event-log.ts';
import type { Realm } from '../realms/realm.ts';
import type { PageRequest } from '../storage/pagination.ts';
import type { Schema } from '../storage/schema.ts';
import type { User } from '../users/user.ts';
import { isActiveSuperadmin, operatorStore, type Operator } from './operator-store.ts';
import type { Grant, OperatorPrincipal } from './permissions.ts';
import { assertAnotherSuperadmin } from './superadmin-guard.ts';
import { holdGrantedRealms, normaliseGrants } from './grant-check.ts';

/** What the operator service needs of the user service: operators are users of the admin realm. */
export interface OperatorUsers {
  create(realm: Realm, input: OperatorProfile & { password: string }, actor: Actor): Promise<User>;
  update(realm: Realm, userId: string, patch: OperatorProfile & { state?: 'active' | 'inactive' }, actor: Actor): Promise<User>;
  lock(realm: Realm, userId: string, reason: string | null, actor: Actor): Promise<User>;
  unlock(realm: Realm, userId: string, actor: Actor): Promise<User>;
  remove(realm: Realm, userId: string, actor: Actor): Promise<unknown>;
}

interface OperatorProfile {
  email?: string;
  username?: string | null;
  display_name?: string | null;
}

export interface NewOperator extends OperatorProfile {
  email: string;
  password: string;
  /** `admin_realm` grants may name realms by id or slug; they are stored as ids. */
  grants: Grant[];
}

export interface OperatorPatch extends OperatorProfile {
  state?: 'active' | 'inactive';
  locked?: boolean;
  grants?: Grant[];
}

/** The signed-in principal as it sees itself: the grants are the ones its token was checked against. */
export interface OperatorIdentity {
  actor: OperatorPrincipal['actor'];
  email: string | null;
  display_name: string | null;
  grants: Grant[];
}

export interface OperatorServiceDeps {
  db: Kysely<Schema>;
  events: EventLog;
  users: OperatorUsers;
  /** Resolves the realms named by `admin_realm` grants. */
  lookup: RealmLookup;
  systemRealm: () => Promise<Realm>;
}

export function createOperatorService(deps: OperatorServiceDeps) {
  const { db, events, users, lookup, systemRealm } = deps;

  async function find(adminRealm: Realm, id: string, executor: Kysely<Schema> = db): Promise<Operator> {
    const operator = await operatorStore.find(executor, adminRealm.id, id);
    if (!operator) throw new AppError('operator.not_found', `No operator ${id}.`);
    return operator;
  }

  /** Records the change (and new grants) under the operators lock, checking the superadmin rule again. */
  async function recordUpdate(adminRealm: Realm, id: string, grants: Grant[] | undefined, changed: string[], actor: Actor) {
    await db.transaction().execute(async (trx) => {
      if (grants) await holdGrantedRealms(trx, grants);
      await operatorStore.lockAll(trx, adminRealm.id);
      if (grants) {
        // Checked again under the lock: two superadmins demoting each other at once must not both win.
        const current = await operatorStore.find(trx, adminRealm.id, id);
        if (current && isActiveSuperadmin(current) && !isActiveSuperadmin({ ...current, grants })) {
          await assertAnotherSuperadmin(trx, adminRealm.id, id);
        }
        await operatorStore.updateGrants(trx, adminRealm.id, id, grants);
      }
      await events.record(trx, { realmId: adminRealm.id, type: 'operator.updated', actor, userId: id, details: { changed } });
    });
  }

  const service = {
    async principalFor(userId: string, sessionId: string | null): Promise<OperatorPrincipal | undefined> {
      const operator = await operatorStore.find(db, (await systemRealm()).id, userId);
      return operator ? { actor: { type: 'operator', id: userId }, sessionId, grants: operator.grants } : undefined;
    },

    /**
     * Who a signed-in principal is (GET /admin/v1/me): any operator may ask, whatever its grants.
     * An operator's email and display name come from its user in the admin realm; an operator
     * application has neither. Null too for an operator removed since its token was checked.
     */
    async describe(principal: OperatorPrincipal): Promise<OperatorIdentity> {
      const operator = principal.actor.type === 'operator' ? await operatorStore.find(db, (await systemRealm()).id, principal.actor.id) : undefined;
      return { actor: principal.actor, email: operator?.email ?? null, display_name: operator?.display_name ?? null, grants: principal.grants };
    },

    async count(): Promise<number> {
      return operatorStore.count(db, (await systemRealm()).id);
    },

    async list(page: PageRequest) {
      return operatorStore.list(db, (await systemRealm()).id, page);
    },

    async get(id: string): Promise<Operator> {
      return find(await systemRealm(), id);
    },

    async create(input: NewOperator, actor: Actor): Promise<Operator> {
      const adminRealm = await systemRealm();
      const grants = await normaliseGrants(lookup, input.grants);
      const { grants: _grants, ...profile } = input;
      const user = await users.create(adminRealm, profile, actor);
      try {
        await db.transaction().execute(async (trx) => {
          await holdGrantedRealms(trx, grants);
          await operatorStore.insert(trx, adminRealm.id, user.id, grants);
          await events.record(trx, { realmId: adminRealm.id, type: 'operator.created', actor, userId: user.id, details: { grants } });
        });
      } catch (error) {
        // The user service commits on its own: undo the user so no half-made operator remains.
        // Should that fail too, what is left is an admin-realm user without any permission.
        await users.remove(adminRealm, user.id, actor).catch(() => undefined);
        throw error;
      }
      return find(adminRealm, user.id);
    },

    async update(id: string, patch: OperatorPatch, actor: Actor): Promise<Operator> {
      const adminRealm = await systemRealm();
      const before = await find(adminRealm, id);
      const grants = patch.grants ? await normaliseGrants(lookup, patch.grants) : undefined;
      const after = { state: patch.state ?? before.state, locked: patch.locked ?? before.locked, grants: grants ?? before.grants };
      // Checked before anything is written so a refused patch changes nothing; the user service's
      // hook (superadmin-guard.ts) and recordUpdate check again under the operators lock. Should
      // one of those later checks refuse (a race: another superadmin demoted, a granted realm
      // deleted meanwhile), the profile, state and lock changes before it stay made.
      if (isActiveSuperadmin(before) && !isActiveSuperadmin(after)) await assertAnotherSuperadmin(db, adminRealm.id, id);

      const { state, locked, grants: _grants, ...profile } = patch;
      const userPatch = { ...profile, ...(state !== undefined ? { state } : {}) };
      if (Object.keys(userPatch).length > 0) await users.update(adminRealm, id, userPatch, actor);
      if (locked === true && !before.locked) await users.lock(adminRealm, id, null, actor);
      if (locked === false && before.locked) await users.unlock(adminRealm, id, actor);

      const changed = Object.keys(patch).filter((key) => patch[key as keyof OperatorPatch] !== undefined);
      if (changed.length > 0) await recordUpdate(adminRealm, id, grants, changed, actor);
      return find(adminRealm, id);
    },

    async remove(id: string, actor: Actor): Promise<void> {
      const adminRealm = await systemRealm();
      // The grants go first, under the lock: if removing the user then fails, what remains is a
      // plain admin-realm user without any permission.
      await db.transaction().execute(async (trx) => {
        await operatorStore.lockAll(trx, adminRealm.id);
        const operator = await find(adminRealm, id, trx);
        if (isActiveSuperadmin(operator)) await assertAnotherSuperadmin(trx, adminRealm.id, id);
        await operatorStore.delete(trx, adminRealm.id, id);
        await events.record(trx, { realmId: adminRealm.id, type: 'operator.deleted', actor, userId: id, details: {} });
      });
      await users.remove(adminRealm, id, actor);
    },
  } satisfies OperatorDirectory & Record<string, unknown>;
  return service;
}

export type OperatorService = ReturnType<typeof createOperatorService>;
