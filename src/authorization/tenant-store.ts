import { PostgresAdapter, sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { readBool, readJson, writeJson } from '../storage/codec.ts';
import { paginate, type Page, type PageRequest } from '../storage/pagination.ts';
import { prepared } from '../storage/prepared.ts';
import type { Schema, TenantMembershipRow, TenantRow } from '../storage/schema.ts';
import type { Realm } from '../realms/realm.ts';
import { toRealm } from '../realms/realm-store.ts';
import type { Membership, Tenant, TenantFields } from './tenant.ts';

/**
 * The tenants and tenant_memberships tables. Every call names the realm: another realm's tenant or
 * membership is never read or changed. A tenant is named by its id or its slug (`ref`).
 */
type Db = Kysely<Schema>;

function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    realmId: row.realm_id,
    slug: row.slug,
    name: row.name,
    active: readBool(row.active),
    custom: readJson(row.custom),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    version: Number(row.version),
  };
}

function toMembership(row: Pick<TenantMembershipRow, 'tenant_id' | 'user_id' | 'roles' | 'created_at' | 'updated_at'>): Membership {
  return { tenantId: row.tenant_id, userId: row.user_id, roles: readJson(row.roles), createdAt: Number(row.created_at), updatedAt: Number(row.updated_at) };
}

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Ids start with `tnt_`, which a slug (no underscore) never does: one lookup answers either. */
const byRef = (db: Db, realmId: string, ref: string) =>
  db.selectFrom('tenants').selectAll().where('realm_id', '=', realmId).where(ref.startsWith('tnt_') ? 'id' : 'slug', '=', ref);

/** A tenant's columns, named rather than `*` so reads of them can be named statements on PostgreSQL. */
const TENANT_COLUMNS = ['realm_id', 'id', 'slug', 'name', 'active', 'custom', 'created_at', 'created_by', 'updated_at', 'updated_by', 'version'] as const satisfies readonly (keyof TenantRow)[];

// Every sign-in asks which tenants the user belongs to.
const tenantsOfUserRows = prepared((db, realmId: string, userId: string) =>
  db
    .selectFrom('tenant_memberships as m')
    .innerJoin('tenants as t', (join) => join.onRef('t.realm_id', '=', 'm.realm_id').onRef('t.id', '=', 'm.tenant_id'))
    .select(TENANT_COLUMNS.map((column) => `t.${column}` as const))
    .select(['m.tenant_id', 'm.user_id', 'm.roles', 'm.created_at as member_since', 'm.updated_at as member_updated'])
    .where('m.realm_id', '=', realmId)
    .where('m.user_id', '=', userId)
    .orderBy('m.created_at')
    .orderBy('m.tenant_id'),
);

// Validate and refresh (hot paths): the user's membership of a tenant named by id, with the tenant.
const membershipById = prepared((db, realmId: string, userId: string, tenantId: string) =>
  db
    .selectFrom('tenant_memberships as tm')
    .innerJoin('tenants as tn', (join) => join.onRef('tn.realm_id', '=', 'tm.realm_id').onRef('tn.id', '=', 'tm.tenant_id'))
    .select(['tm.roles', 'tn.slug', 'tn.active'])
    .where('tm.realm_id', '=', realmId)
    .where('tm.user_id', '=', userId)
    .where('tm.tenant_id', '=', tenantId),
);

export interface NewTenantRow {
  realmId: string;
  id: string;
  fields: TenantFields;
  at: number;
  by: string | null;
}

/** Users who are members of the tenant (by id or slug): an exists-subquery for the users list. */
export function isMemberOf(realmId: string, ref: string) {
  return (eb: ExpressionBuilder<Schema, 'users'>) =>
    eb.exists(
      eb
        .selectFrom('tenant_memberships as tm')
        .innerJoin('tenants as tn', (join) => join.onRef('tn.realm_id', '=', 'tm.realm_id').onRef('tn.id', '=', 'tm.tenant_id'))
        .select('tm.user_id')
        .whereRef('tm.user_id', '=', 'users.id')
        .where('tm.realm_id', '=', realmId)
        .where(ref.startsWith('tnt_') ? 'tn.id' : 'tn.slug', '=', ref),
    );
}

export const tenantStore = {
  async insert(db: Db, tenant: NewTenantRow): Promise<Tenant> {
    const { fields } = tenant;
    const row: TenantRow = {
      realm_id: tenant.realmId,
      id: tenant.id,
      slug: fields.slug,
      name: fields.name,
      active: fields.active,
      custom: writeJson(fields.custom),
      created_at: tenant.at,
      created_by: tenant.by,
      updated_at: tenant.at,
      updated_by: tenant.by,
      version: 1,
    };
    await db.insertInto('tenants').values(row).execute();
    return toTenant(row);
  },

  async find(db: Db, realmId: string, ref: string): Promise<Tenant | undefined> {
    const row = await byRef(db, realmId, ref).executeTakeFirst();
    return row ? toTenant(row) : undefined;
  },

  /** Reads the tenant for a change, locking its row until the transaction ends (PostgreSQL; SQLite's write lock is already held). */
  async findForChange(db: Db, realmId: string, ref: string): Promise<Tenant | undefined> {
    const query = byRef(db, realmId, ref);
    const row = await (isPostgres(db) ? query.forUpdate() : query).executeTakeFirst();
    return row ? toTenant(row) : undefined;
  },

  /** The user's membership of the tenant with this id (its slug, whether it is active, the roles); undefined when none. */
  async membershipById(db: Db, realmId: string, userId: string, tenantId: string): Promise<{ slug: string; active: boolean; roles: string[] } | undefined> {
    const [row] = await membershipById(db, realmId, userId, tenantId);
    return row && { slug: row.slug, active: readBool(row.active), roles: readJson(row.roles) };
  },

  /**
   * Locks the realm's row until the transaction ends (PostgreSQL; SQLite's single writer already
   * serialises), so slug checks hold until the write; answers the realm as stored now (its
   * `tenant_policy` may have changed since the request read it).
   */
  async lockRealm(db: Db, realmId: string): Promise<Realm | undefined> {
    const query = db.selectFrom('realms').selectAll().where('id', '=', realmId);
    const row = await (isPostgres(db) ? query.forUpdate() : query).executeTakeFirst();
    return row ? toRealm(row) : undefined;
  },

  async slugTaken(db: Db, realmId: string, slug: string): Promise<boolean> {
    return (await db.selectFrom('tenants').select('id').where('realm_id', '=', realmId).where('slug', '=', slug).executeTakeFirst()) !== undefined;
  },

  /** Oldest first. */
  list(db: Db, realmId: string, page: PageRequest): Promise<Page<Tenant>> {
    const query = db.selectFrom('tenants').selectAll().where('realm_id', '=', realmId);
    return paginate(query, { column: 'created_at', direction: 'asc' }, page, toTenant, (row) => Number(row.created_at), (row) => row.id);
  },

  async update(db: Db, current: Tenant, fields: TenantFields, at: number, by: string | null): Promise<Tenant> {
    const row = await db
      .updateTable('tenants')
      .set({ slug: fields.slug, name: fields.name, active: fields.active, custom: writeJson(fields.custom), updated_at: at, updated_by: by, version: current.version + 1 })
      .where('realm_id', '=', current.realmId)
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toTenant(row);
  },

  /** Deletes the tenant and its memberships; the user ids that were members. */
  async remove(db: Db, realmId: string, tenantId: string): Promise<string[]> {
    const members = await db.selectFrom('tenant_memberships').select('user_id').where('realm_id', '=', realmId).where('tenant_id', '=', tenantId).execute();
    await db.deleteFrom('tenant_memberships').where('realm_id', '=', realmId).where('tenant_id', '=', tenantId).execute();
    await db.deleteFrom('tenants').where('realm_id', '=', realmId).where('id', '=', tenantId).execute();
    return members.map((row) => row.user_id);
  },

  /**
   * Adds the membership, or replaces its roles when the user is already a member (`added` false).
   * Two concurrent adds of one member both succeed: the insert that loses becomes the update.
   */
  async upsertMembership(db: Db, realmId: string, tenantId: string, userId: string, roles: string[], at: number): Promise<{ membership: Membership; added: boolean }> {
    const row = { realm_id: realmId, tenant_id: tenantId, user_id: userId, roles: writeJson(roles), created_at: at, updated_at: at };
    const inserted = await db
      .insertInto('tenant_memberships')
      .values(row)
      .onConflict((oc) => oc.columns(['realm_id', 'tenant_id', 'user_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return { membership: toMembership(row), added: true };
    const updated = await db
      .updateTable('tenant_memberships')
      .set({ roles: row.roles, updated_at: at })
      .where('realm_id', '=', realmId)
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { membership: toMembership(updated), added: false };
  },

  /**
   * A role renamed (`to`: its new slug) or deleted (`to` null): every membership of the realm that
   * names it by its old slug names the new one, or no longer names it, so a role made later with
   * the old slug is not given to them. Answers the users whose memberships changed.
   */
  async renameRoleInMemberships(db: Db, realmId: string, from: string, to: string | null, at: number): Promise<string[]> {
    // The JSON text holds `"slug"`; LIKE narrows (its `_` may match more), the parsed list decides.
    const candidates = await db
      .selectFrom('tenant_memberships')
      .select(['tenant_id', 'user_id', 'roles'])
      .where('realm_id', '=', realmId)
      .where(sql<string>`cast(roles as text)`, 'like', `%"${from}"%`)
      .execute();
    const changed: string[] = [];
    for (const row of candidates) {
      const roles = readJson<string[]>(row.roles);
      if (!roles.includes(from)) continue;
      const next = [...new Set(roles.flatMap((role) => (role !== from ? [role] : to === null ? [] : [to])))];
      await db
        .updateTable('tenant_memberships')
        .set({ roles: writeJson(next), updated_at: at })
        .where('realm_id', '=', realmId)
        .where('tenant_id', '=', row.tenant_id)
        .where('user_id', '=', row.user_id)
        .execute();
      changed.push(row.user_id);
    }
    return changed;
  },

  async removeMembership(db: Db, realmId: string, tenantId: string, userId: string): Promise<boolean> {
    const result = await db.deleteFrom('tenant_memberships').where('realm_id', '=', realmId).where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  /** A deleted user's memberships go with them (users are soft-deleted, so no cascade does it). */
  async removeMembershipsOfUser(db: Db, realmId: string, userId: string): Promise<void> {
    await db.deleteFrom('tenant_memberships').where('realm_id', '=', realmId).where('user_id', '=', userId).execute();
  },

  /** The tenant's members, earliest first. */
  members(db: Db, realmId: string, tenantId: string, page: PageRequest): Promise<Page<Membership>> {
    const query = db.selectFrom('tenant_memberships').selectAll().where('realm_id', '=', realmId).where('tenant_id', '=', tenantId);
    return paginate(query, { column: 'created_at', idColumn: 'user_id', direction: 'asc' }, page, toMembership, (row) => Number(row.created_at), (row) => row.user_id);
  },

  /** The user's tenants with their membership, oldest membership first. */
  async tenantsOfUser(db: Db, realmId: string, userId: string): Promise<{ tenant: Tenant; membership: Membership }[]> {
    const rows = await tenantsOfUserRows(db, realmId, userId);
    return rows.map((row) => ({
      tenant: toTenant(row),
      membership: toMembership({ tenant_id: row.tenant_id, user_id: row.user_id, roles: row.roles, created_at: row.member_since, updated_at: row.member_updated }),
    }));
  },
};
