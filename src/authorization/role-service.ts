import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import { newId } from '../platform/ids.ts';
import type { InvalidationPublisher } from '../platform/invalidation-bus.ts';
import type { Realm } from '../realms/realm.ts';
import { uniqueViolation, type DialectName } from '../storage/database.ts';
import { realmStore } from '../realms/realm-store.ts';
import type { Page, PageRequest } from '../storage/pagination.ts';
import type { Schema } from '../storage/schema.ts';
import { checkRoleFields, roleLimits, roleNotFound, type Role, type RoleFields, type RoleRef } from './role.ts';
import { cycleThrough, type RoleGraph } from './role-graph.ts';
import { roleStore } from './role-store.ts';
import { tenantStore } from './tenant-store.ts';

/**
 * A realm's roles: what operators do with them (src/http/routes/admin-roles.ts). Every change and
 * its event are one transaction under the realm's lock (so two changes cannot build a cycle
 * together); after the commit a realm message tells every process to drop the realm's role graph
 * and its users' effective roles (src/authorization/role-resolver.ts).
 */
export interface RoleServiceDeps {
  db: Kysely<Schema>;
  /** PostgreSQL needs the realm's row lock to serialise role changes; SQLite has one writer. */
  dialect: DialectName;
  clock: Clock;
  events: EventLog;
  invalidation?: InvalidationPublisher;
}

export type NewRoleInput = Pick<RoleFields, 'slug'> & Partial<Omit<RoleFields, 'slug'>>;

const slugTaken = (slug: string) => new AppError('role.slug_taken', `Another role of this realm has the slug ${slug}.`, { details: [{ field: 'slug', issue: 'is taken' }] });

const isDefault = (slug: string, what: string) =>
  new AppError('role.is_default', `The role ${slug} is one of the realm's default roles (roles.default): remove it there before it can be ${what}.`);

/** Turns a duplicate slug from the unique index (a concurrent creation) into the client's mistake. */
async function slugChecked<T>(slug: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (uniqueViolation(error)?.includes('slug')) throw slugTaken(slug);
    throw error;
  }
}

function fieldsOf(role: Role): RoleFields {
  return { slug: role.slug, display_name: role.displayName, description: role.description, active: role.active, permissions: role.permissions, includes: role.includes.map((r) => r.id) };
}

function changedFields(before: RoleFields, after: RoleFields): string[] {
  return (Object.keys(after) as (keyof RoleFields)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

export function createRoleService(deps: RoleServiceDeps) {
  const { db, clock, events } = deps;
  const realmChanged = (realm: Realm) => deps.invalidation?.publish({ realmId: realm.id });

  /**
   * Locks the realm's row for the transaction, so concurrent role changes (and realm updates,
   * which check the default roles) take turns; returns the realm as stored, for its default roles.
   */
  async function lockRealm(trx: Kysely<Schema>, realm: Realm): Promise<Realm> {
    const locked = await realmStore.lock(trx, deps.dialect, realm.id);
    if (!locked) throw new AppError('realm.not_found', `No realm ${realm.id}.`);
    return locked;
  }

  async function requireRole(executor: Kysely<Schema>, realm: Realm, ref: string): Promise<Role> {
    const role = await roleStore.find(executor, realm.id, ref);
    if (!role) throw roleNotFound(ref);
    return role;
  }

  /** The included roles named by id or slug, all of this realm; the role may not reach itself through them. */
  function resolveIncludes(graph: RoleGraph, roleId: string, refs: string[]): RoleRef[] {
    const byRef = new Map<string, RoleRef>();
    for (const node of graph.values()) {
      byRef.set(node.id, { id: node.id, slug: node.slug });
      byRef.set(node.slug, { id: node.id, slug: node.slug });
    }
    const missing = refs.map((ref, i) => ({ ref, i })).filter(({ ref }) => !byRef.has(ref));
    if (missing.length > 0) {
      throw new AppError('role.included_not_found', `includes names no role of this realm: ${missing.map((m) => m.ref).join(', ')}.`, {
        details: missing.map(({ i }) => ({ field: `includes.${i}`, issue: 'is not a role of this realm' })),
      });
    }
    const included = refs.map((ref) => byRef.get(ref)!);
    if (new Set(included.map((r) => r.id)).size !== included.length) throw new AppError('role.invalid', 'includes names one role twice.', { details: [{ field: 'includes', issue: 'must not repeat a role' }] });
    const loop = cycleThrough(graph, roleId, included.map((r) => r.id));
    if (loop) {
      const slug = graph.get(roleId)?.slug;
      const path = slug ? [slug, ...loop].join(' → ') : loop.join(' → ');
      throw new AppError('role.cycle', `Composite roles may not include themselves, directly or not: ${path}.`, { details: [{ field: 'includes', issue: 'would form a cycle' }] });
    }
    return included;
  }

  async function create(realm: Realm, input: NewRoleInput, actor: Actor, origin: RequestOrigin): Promise<Role> {
    const fields = checkRoleFields({ display_name: null, description: null, active: true, permissions: [], includes: [], ...input });
    const role = await slugChecked(fields.slug, () =>
      db.transaction().execute(async (trx) => {
        await lockRealm(trx, realm);
        if ((await roleStore.count(trx, realm.id)) >= roleLimits.perRealm) {
          throw new AppError('role.limit_reached', `A realm has at most ${roleLimits.perRealm} roles: delete one first.`);
        }
        if (await roleStore.find(trx, realm.id, fields.slug)) throw slugTaken(fields.slug);
        const id = newId('rol');
        // A new role is included by nothing yet: it cannot close a cycle, but it may not include itself by slug.
        const includes = resolveIncludes(await roleStore.graph(trx, realm.id), id, fields.includes);
        const created = await roleStore.insert(trx, realm.id, id, fields, includes, clock.now(), actor.id);
        await events.record(trx, { realmId: realm.id, type: 'role.created', actor, origin, details: { role_id: id, slug: created.slug } });
        return created;
      }),
    );
    await realmChanged(realm);
    return role;
  }

  /** PATCH: the given fields replace the current ones and the whole is checked again. */
  async function update(realm: Realm, ref: string, changes: Partial<RoleFields>, actor: Actor, origin: RequestOrigin): Promise<Role> {
    let changedAny = false;
    const role = await slugChecked(changes.slug ?? '', () =>
      db.transaction().execute(async (trx) => {
        const defaults = (await lockRealm(trx, realm)).roles.default;
        const current = await requireRole(trx, realm, ref);
        const before = fieldsOf(current);
        const graph = await roleStore.graph(trx, realm.id);
        const given = checkRoleFields({ ...before, ...changes });
        const includes = resolveIncludes(graph, current.id, given.includes);
        const after = { ...given, includes: includes.map((r) => r.id) };
        const changed = changedFields(before, after);
        if (changed.length === 0) return current;
        if (after.slug !== before.slug) {
          if (defaults.includes(before.slug)) throw isDefault(before.slug, 'renamed');
          if (await roleStore.find(trx, realm.id, after.slug)) throw slugTaken(after.slug);
        }
        changedAny = true;
        const next = await roleStore.update(trx, current, after, includes, clock.now(), actor.id);
        // Memberships name roles by slug: they follow the rename.
        if (after.slug !== before.slug) await tenantStore.renameRoleInMemberships(trx, realm.id, before.slug, after.slug, clock.now());
        await events.record(trx, { realmId: realm.id, type: 'role.updated', actor, origin, details: { role_id: current.id, slug: next.slug, fields: changed } });
        return next;
      }),
    );
    if (changedAny) await realmChanged(realm);
    return role;
  }

  /** Deletes the role with its assignments and its place in every composite, in one transaction. */
  async function remove(realm: Realm, ref: string, actor: Actor, origin: RequestOrigin): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const defaults = (await lockRealm(trx, realm)).roles.default;
      const current = await requireRole(trx, realm, ref);
      if (defaults.includes(current.slug)) throw isDefault(current.slug, 'deleted');
      const left = await roleStore.remove(trx, realm.id, current.id);
      // Memberships name roles by slug: a later role of the same slug must not reach them.
      const members = await tenantStore.renameRoleInMemberships(trx, realm.id, current.slug, null, clock.now());
      await events.record(trx, {
        realmId: realm.id,
        type: 'role.deleted',
        actor,
        origin,
        details: { role_id: current.id, slug: current.slug, assignments_removed: left.assignments, removed_from_composites: left.includedBy, memberships_changed: members.length },
      });
    });
    await realmChanged(realm);
  }

  return {
    create,
    update,
    remove,
    get: (realm: Realm, ref: string): Promise<Role> => requireRole(db, realm, ref),
    list: (realm: Realm, page: PageRequest): Promise<Page<Role>> => roleStore.list(db, realm.id, page),
  };
}

export type RoleService = ReturnType<typeof createRoleService>;
