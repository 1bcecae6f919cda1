import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Actor, RequestOrigin } from '../events/event-log.ts';
import type { Realm } from '../realms/realm.ts';
import type { Page, PageRequest } from '../storage/pagination.ts';
import type { Schema } from '../storage/schema.ts';
import { userStore } from '../users/user-store.ts';
import { settleRoles, tenantNotFound, type Membership, type Tenant } from './tenant.ts';
import type { TenantDeps } from './tenant-service.ts';
import { tenantStore } from './tenant-store.ts';
import { roleStore } from './role-store.ts';
import { lockForUserChange } from './write-locks.ts';

const userNotFound = (userId: string) => new AppError('user.not_found', `No user ${userId} in this realm.`);
const notMember = () => new AppError('tenant.not_found', 'The user is not a member of this tenant.');

/** Every role of a membership must be a role of the realm (by slug). */
async function requireRolesOf(trx: Kysely<Schema>, realm: Realm, roles: string[]): Promise<void> {
  if (roles.length === 0) return;
  const known = await roleStore.idsOf(trx, realm.id, roles);
  const missing = roles.map((slug, i) => ({ slug, i })).filter(({ slug }) => !known.has(slug));
  if (missing.length === 0) return;
  throw new AppError('tenant.invalid_roles', `roles names no role of this realm: ${missing.map((m) => m.slug).join(', ')}.`, {
    details: missing.map(({ i }) => ({ field: `roles.${i}`, issue: 'is not a role of this realm' })),
  });
}

/**
 * Who belongs to which tenant, with their roles there. Adding or changing a membership, or taking
 * it away, tells every process (after the commit) to read the user's validate state again: a
 * removed member's tokens for the tenant stop at once.
 */
export function createTenantMemberships(deps: TenantDeps) {
  const { db, clock, events } = deps;
  const userChanged = (realmId: string, userId: string) => deps.invalidation?.publish({ realmId, userId });

  async function requireTenant(executor: Kysely<Schema>, realm: Realm, ref: string): Promise<Tenant> {
    const tenant = await tenantStore.find(executor, realm.id, ref);
    if (!tenant) throw tenantNotFound();
    return tenant;
  }

  /** Adds (or re-roles) a membership inside the caller's transaction, with its event. */
  async function join(trx: Kysely<Schema>, realm: Realm, tenant: Tenant, userId: string, roles: string[], actor: Actor, origin: RequestOrigin): Promise<Membership> {
    const settled = settleRoles(roles);
    await requireRolesOf(trx, realm, settled);
    const { membership, added } = await tenantStore.upsertMembership(trx, realm.id, tenant.id, userId, settled, clock.now());
    const type = added ? 'tenant.member_added' : 'tenant.member_updated';
    await events.record(trx, { realmId: realm.id, type, actor, userId, origin, details: { tenant_id: tenant.id, roles: settled } });
    return membership;
  }

  return {
    join,

    /** Makes the user a member with these roles; an existing member's roles are replaced. */
    async addMember(realm: Realm, ref: string, userId: string, roles: string[], actor: Actor, origin: RequestOrigin): Promise<Membership> {
      const membership = await db.transaction().execute(async (trx) => {
        if (!(await lockForUserChange(trx, realm.id, userId))) throw userNotFound(userId);
        const tenant = await requireTenant(trx, realm, ref);
        return join(trx, realm, tenant, userId, roles, actor, origin);
      });
      await userChanged(realm.id, userId);
      return membership;
    },

    async removeMember(realm: Realm, ref: string, userId: string, actor: Actor, origin: RequestOrigin): Promise<void> {
      await db.transaction().execute(async (trx) => {
        // A user already gone has no membership left (deleting a user removes them): not found either way.
        if (!(await lockForUserChange(trx, realm.id, userId))) throw notMember();
        const tenant = await requireTenant(trx, realm, ref);
        if (!(await tenantStore.removeMembership(trx, realm.id, tenant.id, userId))) throw notMember();
        await events.record(trx, { realmId: realm.id, type: 'tenant.member_removed', actor, userId, origin, details: { tenant_id: tenant.id } });
      });
      await userChanged(realm.id, userId);
    },

    async members(realm: Realm, ref: string, page: PageRequest): Promise<Page<Membership>> {
      const tenant = await requireTenant(db, realm, ref);
      return tenantStore.members(db, realm.id, tenant.id, page);
    },

    async tenantsOf(realm: Realm, userId: string): Promise<{ tenant: Tenant; membership: Membership }[]> {
      if (!(await userStore.find(db, realm.id, userId))) throw userNotFound(userId);
      return tenantStore.tenantsOfUser(db, realm.id, userId);
    },
  };
}
