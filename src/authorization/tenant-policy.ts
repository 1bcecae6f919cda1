import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import type { InvalidationPublisher } from '../platform/invalidation-bus.ts';
import { sessionStore } from '../sessions/session-store.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import { userStore } from '../users/user-store.ts';
import { readBool, readJson } from '../storage/codec.ts';
import { tenantAccessEnded, type TokenTenant } from './tenant.ts';
import type { TenantService } from './tenant-service.ts';
import { tenantStore } from './tenant-store.ts';

/**
 * The realm's `tenant_policy` and the tenant a sign-in is in.
 *
 * - `current`: users belong to the realm itself. Nobody is placed in a tenant; operators may still
 *   make users members of tenants, and a sign-in names one (or is in none: no `tenant` claim).
 * - `selected`: every new user becomes a member (no roles) of the tenant the policy names by slug.
 * - `auto_created`: every new user gets a tenant of their own (slug `user-` and their id in lower
 *   case, named after them) and is its member, made in the transaction that makes the user.
 *
 * A sign-in is in the tenant it asks for (the login body's `tenant`, the authorize request's
 * `organization`, a refresh's `tenant`), by id or slug, if the user is a member of it and it is
 * active; else in the user's only active tenant when they have exactly one; else in none.
 */
const notAllowed = () => new AppError('auth.tenant_not_allowed', 'You cannot sign in to that tenant.');

/** The slug of a user's own tenant: their id is unique, and base62 lower-cased keeps ~113 random bits. */
const ownTenantSlug = (userId: string) => `user-${userId.replace(/^usr_/, '').toLowerCase()}`;

type Db = Kysely<Schema>;

/** The user's membership of an active tenant, by the tenant's id or slug; undefined when there is none. */
async function activeMembership(db: Db, realmId: string, userId: string, ref: string): Promise<TokenTenant | undefined> {
  const row = await db
    .selectFrom('tenant_memberships as m')
    .innerJoin('tenants as t', (join) => join.onRef('t.realm_id', '=', 'm.realm_id').onRef('t.id', '=', 'm.tenant_id'))
    .select(['t.id', 't.slug', 't.active', 'm.roles'])
    .where('m.realm_id', '=', realmId)
    .where('m.user_id', '=', userId)
    .where(ref.startsWith('tnt_') ? 't.id' : 't.slug', '=', ref)
    .executeTakeFirst();
  if (!row || !readBool(row.active)) return undefined;
  return { id: row.id, slug: row.slug, roles: readJson(row.roles) };
}

export interface TenantPolicyDeps {
  db: Db;
  tenants: Pick<TenantService, 'insert' | 'join'>;
  events: EventLog;
  /** A session moved to another tenant: validate's cached state of it is dropped in every process. */
  invalidation?: InvalidationPublisher;
  now: () => number;
}

export function createTenantPolicy(deps: TenantPolicyDeps) {
  const { db, tenants, events } = deps;

  /** The tenant a sign-in is in: the one asked for (refused unless the user may), else the only one, else none. */
  async function forSignIn(realmId: string, userId: string, requested: string | undefined): Promise<TokenTenant | null> {
    if (requested !== undefined) {
      // Unknown, inactive, or not theirs: one refusal, so nobody learns which tenants exist.
      const chosen = await activeMembership(db, realmId, userId, requested);
      if (!chosen) throw notAllowed();
      return chosen;
    }
    const mine = (await tenantStore.tenantsOfUser(db, realmId, userId)).filter(({ tenant }) => tenant.active);
    if (mine.length !== 1) return null;
    const [{ tenant, membership }] = mine;
    return { id: tenant.id, slug: tenant.slug, roles: membership.roles };
  }

  return {
    forSignIn,

    /** The id of the realm's tenant `ref` (an id or slug) names; undefined when none. */
    tenantIdOf: async (realmId: string, ref: string): Promise<string | undefined> => (await tenantStore.find(db, realmId, ref))?.id,

    /** The session is in another tenant from now on (a refresh's `tenant`, an authorize request's `organization`), recorded. */
    async moveSession(realmId: string, session: { id: string; user_id: string; tenant_id: string | null }, tenant: TokenTenant | null, origin: RequestOrigin): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await sessionStore.setTenant(trx, realmId, session.id, tenant?.id ?? null, deps.now());
        await events.record(trx, {
          realmId,
          type: 'session.tenant_switched',
          actor: { type: 'user', id: session.user_id },
          userId: session.user_id,
          origin,
          details: { session_id: session.id, from: session.tenant_id, to: tenant?.id ?? null },
        });
      });
      await deps.invalidation?.publish({ realmId, sessionId: session.id });
    },

    /** A realm's policy must name a tenant of the realm (refused before the realm changes). */
    async checkRealmPolicy(trx: Db, realm: Realm): Promise<void> {
      const policy = realm.tenant_policy;
      if (policy.type !== 'selected') return;
      if (!(await tenantStore.find(trx, realm.id, policy.tenant))) {
        throw new AppError('realm.unknown_tenant', `tenant_policy names ${policy.tenant}, which is not a tenant of this realm: create it first.`, {
          details: [{ field: 'tenant_policy.tenant', issue: 'is not a tenant of this realm' }],
        });
      }
    },

    /**
     * Before a new user is written, in the transaction that creates them: an `auto_created` realm's
     * row, exclusively, as their own tenant's insert takes it (tenant-service.ts), so concurrent
     * creations queue here. Taken only after the user's insert had share-locked the realm's row (its
     * foreign key), each creator waited for the others' share (found by review: 40P01, sign-ups of
     * such a realm failing). The other policies write no tenant and take nothing.
     */
    async beforeNewUser(trx: Db, realm: Realm): Promise<void> {
      if (realm.tenant_policy.type === 'auto_created') await tenantStore.lockRealm(trx, realm.id);
    },

    /** Places a new user as the realm's policy says, inside the transaction that creates them. */
    async placeNewUser(trx: Db, realm: Realm, userId: string, actor: Actor, origin: RequestOrigin): Promise<void> {
      const policy = realm.tenant_policy;
      if (policy.type === 'current') return;
      if (policy.type === 'selected') {
        const tenant = await tenantStore.find(trx, realm.id, policy.tenant);
        if (!tenant) throw new AppError('realm.unknown_tenant', `tenant_policy names ${policy.tenant}, which is not a tenant of this realm.`);
        await tenants.join(trx, realm, tenant, userId, [], actor, origin);
        return;
      }
      // Named after the user, as they were just written in this transaction.
      const user = await userStore.find(trx, realm.id, userId);
      const name = (user?.display_name ?? user?.username ?? user?.email ?? userId).slice(0, 200);
      const own = await tenants.insert(trx, realm, { slug: ownTenantSlug(userId), name, active: true, custom: {} }, actor, origin);
      await tenants.join(trx, realm, own, userId, [], actor, origin);
    },

    /** The tenant a refresh is in: a switch when asked, else the session's own while the user still belongs to it. */
    async forRefresh(realmId: string, userId: string, sessionTenantId: string | null, requested: string | undefined): Promise<TokenTenant | null> {
      if (requested !== undefined) return forSignIn(realmId, userId, requested);
      if (sessionTenantId === null) return null;
      const still = await tenantStore.membershipById(db, realmId, userId, sessionTenantId);
      if (!still?.active) throw tenantAccessEnded();
      return { id: sessionTenantId, slug: still.slug, roles: still.roles };
    },
  };
}

export type TenantPolicy = ReturnType<typeof createTenantPolicy>;

/** What sign-in and refresh ask of tenants (src/auth). */
export type TenantSignIn = Pick<TenantPolicy, 'forSignIn' | 'forRefresh' | 'moveSession' | 'tenantIdOf'>;
