import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import type { InvalidationPublisher } from '../platform/invalidation-bus.ts';
import type { Realm } from '../realms/realm.ts';
import type { Page, PageRequest } from '../storage/pagination.ts';
import type { Schema } from '../storage/schema.ts';
import { userStore } from '../users/user-store.ts';
import { roleNotFound, windowOf } from './role.ts';
import { roleAssignmentStore, type Assignment } from './role-assignment-store.ts';
import { roleStore } from './role-store.ts';
import { lockForUserChange } from './write-locks.ts';

/**
 * Users' roles: assignments with a window (from `startsAt`, until `endsAt` or for good), default
 * roles given to every new user, and the realm setting that names them.
 * Each change and its event are one transaction; after the commit a user message drops that
 * user's cached effective roles in every process (src/authorization/role-resolver.ts).
 */
export interface RoleAssignmentDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  invalidation?: InvalidationPublisher;
}

export interface AssignInput {
  /** Role id or slug. */
  role: string;
  /** ISO 8601; now when absent. */
  starts_at?: string;
  /** ISO 8601; null or absent: no end. */
  ends_at?: string | null;
}

const userNotFound = (userId: string) => new AppError('user.not_found', `No user ${userId} in this realm.`);

export function createRoleAssignments(deps: RoleAssignmentDeps) {
  const { db, clock, events } = deps;
  const userChanged = (realm: Realm, userId: string) => deps.invalidation?.publish({ realmId: realm.id, userId });

  async function requireUser(executor: Kysely<Schema>, realm: Realm, userId: string): Promise<void> {
    if (!(await userStore.find(executor, realm.id, userId))) throw userNotFound(userId);
  }

  async function requireRoleId(executor: Kysely<Schema>, realm: Realm, ref: string): Promise<string> {
    const role = await roleStore.find(executor, realm.id, ref);
    if (!role) throw roleNotFound(ref);
    return role.id;
  }

  /** Assigns each role the slugs name from now on, with event role.assigned (`keepHeld`: a role the user holds is left as it is); answers how many. */
  async function giveFromNow(trx: Kysely<Schema>, realm: Realm, userId: string, slugs: string[], actor: Actor, details: Record<string, unknown>, keepHeld = false): Promise<number> {
    if (slugs.length === 0) return 0;
    const ids = await roleStore.idsOf(trx, realm.id, slugs);
    const now = clock.now();
    let given = 0;
    for (const slug of new Set(slugs)) {
      const roleId = ids.get(slug);
      if (roleId === undefined || (keepHeld && (await roleAssignmentStore.find(trx, realm.id, userId, roleId)))) continue;
      await roleAssignmentStore.upsert(trx, realm.id, userId, roleId, { startsAt: now, endsAt: null }, now, actor.id);
      await events.record(trx, { realmId: realm.id, type: 'role.assigned', actor, userId, details: { role_id: roleId, slug, starts_at: now, ends_at: null, ...details } });
      given++;
    }
    return given;
  }

  return {
    /** Gives the user the role, or gives an existing assignment of it this window. */
    async assign(realm: Realm, userId: string, input: AssignInput, actor: Actor, origin: RequestOrigin): Promise<Assignment> {
      const now = clock.now();
      const window = windowOf(input, now);
      const assignment = await db.transaction().execute(async (trx) => {
        if (!(await lockForUserChange(trx, realm.id, userId))) throw userNotFound(userId);
        const roleId = await requireRoleId(trx, realm, input.role);
        await roleAssignmentStore.upsert(trx, realm.id, userId, roleId, window, now, actor.id);
        const written = (await roleAssignmentStore.find(trx, realm.id, userId, roleId))!;
        await events.record(trx, {
          realmId: realm.id,
          type: 'role.assigned',
          actor,
          userId,
          origin,
          details: { role_id: roleId, slug: written.role.slug, starts_at: window.startsAt, ends_at: window.endsAt },
        });
        return written;
      });
      await userChanged(realm, userId);
      return assignment;
    },

    async unassign(realm: Realm, userId: string, roleRef: string, actor: Actor, origin: RequestOrigin): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (!(await lockForUserChange(trx, realm.id, userId))) throw userNotFound(userId);
        const roleId = await requireRoleId(trx, realm, roleRef);
        const existing = await roleAssignmentStore.find(trx, realm.id, userId, roleId);
        if (!existing || !(await roleAssignmentStore.remove(trx, realm.id, userId, roleId))) {
          throw new AppError('role.assignment_not_found', `User ${userId} has no assignment of role ${roleRef}.`);
        }
        await events.record(trx, { realmId: realm.id, type: 'role.unassigned', actor, userId, origin, details: { role_id: roleId, slug: existing.role.slug } });
      });
      await userChanged(realm, userId);
    },

    async ofUser(realm: Realm, userId: string, page: PageRequest): Promise<Page<Assignment>> {
      await requireUser(db, realm, userId);
      return roleAssignmentStore.ofUser(db, realm.id, userId, page);
    },

    async ofRole(realm: Realm, roleRef: string, page: PageRequest): Promise<Page<Assignment>> {
      return roleAssignmentStore.ofRole(db, realm.id, await requireRoleId(db, realm, roleRef), page);
    },

    /**
     * Gives a new user the realm's default roles, from now on, inside the transaction that creates
     * the user (src/users/new-user.ts calls it). A default that no longer names a role is skipped:
     * defaults cannot be deleted or renamed, so only a race with a realm change could cause it.
     */
    assignDefaults: (trx: Kysely<Schema>, realm: Realm, userId: string, actor: Actor): Promise<number> => giveFromNow(trx, realm, userId, realm.roles.default, actor, { default: true }),

    /**
     * Gives the user the roles an identity provider's mapping names that they do not hold yet, from
     * now on (a role held already keeps its window; a slug no longer naming a role, deleted since, is
     * skipped). Inside `trx`, the new user's transaction, when given; else in a transaction of its
     * own, followed by the user message.
     */
    async giveMapped(realm: Realm, userId: string, slugs: string[], providerId: string, trx?: Kysely<Schema>): Promise<void> {
      const actor: Actor = { type: 'system', id: null };
      if (trx) {
        await giveFromNow(trx, realm, userId, slugs, actor, { identity_provider_id: providerId }, true);
        return;
      }
      if (slugs.length === 0) return;
      const given = await db.transaction().execute(async (own) => {
        if (!(await lockForUserChange(own, realm.id, userId))) throw userNotFound(userId);
        return giveFromNow(own, realm, userId, slugs, actor, { identity_provider_id: providerId }, true);
      });
      if (given > 0) await userChanged(realm, userId);
    },

    /** The realm's default roles must each name a role of the realm (src/realms/realm-service.ts runs this in its transaction). */
    async checkDefaultRoles(trx: Kysely<Schema>, realm: Realm): Promise<void> {
      const ids = await roleStore.idsOf(trx, realm.id, realm.roles.default);
      const missing = realm.roles.default.map((slug, i) => ({ slug, i })).filter(({ slug }) => !ids.has(slug));
      if (missing.length === 0) return;
      throw new AppError('realm.invalid_settings', `roles.default names no role of this realm: ${missing.map((m) => m.slug).join(', ')}.`, {
        details: missing.map(({ i }) => ({ field: `roles.default.${i}`, issue: 'is not a role of this realm' })),
      });
    },
  };
}

export type RoleAssignments = ReturnType<typeof createRoleAssignments>;
