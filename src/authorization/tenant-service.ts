import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import { newId } from '../platform/ids.ts';
import type { InvalidationPublisher } from '../platform/invalidation-bus.ts';
import type { Realm } from '../realms/realm.ts';
import type { Page, PageRequest } from '../storage/pagination.ts';
import type { Schema } from '../storage/schema.ts';
import { settleTenantFields, tenantNotFound, type Tenant, type TenantFields } from './tenant.ts';
import { createTenantMemberships } from './tenant-memberships.ts';
import { tenantStore } from './tenant-store.ts';

/**
 * A realm's tenants (organisations): what operators do with them (src/http/routes/admin-tenants.ts).
 * Every change and its event are one transaction. A change that can alter what validate answers
 * (a tenant switched off, renamed or deleted; a membership added, changed or removed) is published
 * on the invalidation bus after the commit, so every process's validate cache drops it at once.
 */
export interface TenantDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  invalidation?: InvalidationPublisher;
}

const slugTaken = (slug: string) => new AppError('tenant.slug_taken', `The slug ${slug} is already used by a tenant of this realm.`, { details: [{ field: 'slug', issue: 'is taken' }] });

/** The tenant the realm's `selected` policy places every new user in (named by slug, or id) keeps its slug and stays. */
function isSelected(realm: Realm, tenant: Tenant): boolean {
  const policy = realm.tenant_policy;
  return policy.type === 'selected' && (policy.tenant === tenant.slug || policy.tenant === tenant.id);
}

export function createTenantService(deps: TenantDeps) {
  const { db, clock, events } = deps;
  const memberships = createTenantMemberships(deps);
  // A realm message: every cached validate state of the realm is read again (tenant changes are rare).
  const realmChanged = (realmId: string) => deps.invalidation?.publish({ realmId });

  async function requireForChange(trx: Kysely<Schema>, realm: Realm, ref: string): Promise<Tenant> {
    const tenant = await tenantStore.findForChange(trx, realm.id, ref);
    if (!tenant) throw tenantNotFound();
    return tenant;
  }

  /** Inside the caller's transaction (a user's own tenant is made with the user, src/authorization/tenant-policy.ts). */
  async function insert(trx: Kysely<Schema>, realm: Realm, input: TenantFields, actor: Actor, origin: RequestOrigin): Promise<Tenant> {
    const fields = settleTenantFields(input);
    await tenantStore.lockRealm(trx, realm.id);
    if (await tenantStore.slugTaken(trx, realm.id, fields.slug)) throw slugTaken(fields.slug);
    const tenant = await tenantStore.insert(trx, { realmId: realm.id, id: newId('tnt'), fields, at: clock.now(), by: actor.id });
    await events.record(trx, { realmId: realm.id, type: 'tenant.created', actor, origin, details: { tenant_id: tenant.id, slug: tenant.slug, name: tenant.name } });
    return tenant;
  }

  async function create(realm: Realm, input: { slug: string; name: string; active?: boolean; custom?: Record<string, unknown> }, actor: Actor, origin: RequestOrigin): Promise<Tenant> {
    return db.transaction().execute((trx) => insert(trx, realm, { active: true, custom: {}, ...input }, actor, origin));
  }

  async function update(realm: Realm, ref: string, changes: Partial<TenantFields>, actor: Actor, origin: RequestOrigin): Promise<Tenant> {
    let changedAny = false;
    const tenant = await db.transaction().execute(async (trx) => {
      // The realm's row first (the order every tenant write keeps), and its policy as stored now.
      const stored = await tenantStore.lockRealm(trx, realm.id);
      const current = await requireForChange(trx, realm, ref);
      const before: TenantFields = { slug: current.slug, name: current.name, active: current.active, custom: current.custom };
      const after = settleTenantFields({ ...before, ...changes });
      const changed = (Object.keys(after) as (keyof TenantFields)[]).filter((key) => !isDeepStrictEqual(before[key], after[key]));
      if (changed.length === 0) return current;
      if (after.slug !== before.slug) {
        if (isSelected(stored ?? realm, current)) throw new AppError('tenant.in_use', "The realm's tenant_policy places new users in this tenant by its slug: the slug cannot change.");
        if (await tenantStore.slugTaken(trx, realm.id, after.slug)) throw slugTaken(after.slug);
      }
      changedAny = true;
      const next = await tenantStore.update(trx, current, after, clock.now(), actor.id);
      await events.record(trx, { realmId: realm.id, type: 'tenant.updated', actor, origin, details: { tenant_id: current.id, fields: changed } });
      return next;
    });
    if (changedAny) await realmChanged(realm.id);
    return tenant;
  }

  async function remove(realm: Realm, ref: string, actor: Actor, origin: RequestOrigin): Promise<void> {
    await db.transaction().execute(async (trx) => {
      // The realm's row first (the order every tenant write keeps), and its policy as stored now.
      const stored = await tenantStore.lockRealm(trx, realm.id);
      const current = await requireForChange(trx, realm, ref);
      if (isSelected(stored ?? realm, current)) throw new AppError('tenant.in_use', "The realm's tenant_policy places new users in this tenant: change the policy before deleting it.");
      const members = await tenantStore.remove(trx, realm.id, current.id);
      await events.record(trx, { realmId: realm.id, type: 'tenant.deleted', actor, origin, details: { tenant_id: current.id, slug: current.slug, members: members.length } });
    });
    await realmChanged(realm.id);
  }

  return {
    insert,
    create,
    update,
    remove,
    async get(realm: Realm, ref: string): Promise<Tenant> {
      const tenant = await tenantStore.find(db, realm.id, ref);
      if (!tenant) throw tenantNotFound();
      return tenant;
    },
    list: (realm: Realm, page: PageRequest): Promise<Page<Tenant>> => tenantStore.list(db, realm.id, page),
    ...memberships,
  };
}

export type TenantService = ReturnType<typeof createTenantService>;
