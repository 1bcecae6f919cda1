import type { Kysely } from 'kysely';
import { readBool, readJson, writeJson } from '../storage/codec.ts';
import { paginate, type Page, type PageRequest } from '../storage/pagination.ts';
import type { RoleRow, Schema } from '../storage/schema.ts';
import type { Role, RoleFields, RoleRef } from './role.ts';
import type { RoleGraph } from './role-graph.ts';

/**
 * The roles and role_includes tables. Every call names the realm: another realm's role is never
 * read or changed, and a composite edge can only join roles of one realm (its foreign keys).
 */
type Db = Kysely<Schema>;

function toRole(row: RoleRow, includes: RoleRef[]): Role {
  return {
    id: row.id,
    realmId: row.realm_id,
    slug: row.slug,
    displayName: row.display_name,
    description: row.description,
    active: readBool(row.active),
    permissions: readJson<string[]>(row.permissions),
    includes,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    version: Number(row.version),
  };
}

/** An id (`rol_…`) or a slug: slugs never contain '_', so the two cannot be confused. */
const byRef = (db: Db, realmId: string, ref: string) =>
  db.selectFrom('roles').selectAll().where('realm_id', '=', realmId).where(ref.startsWith('rol_') ? 'id' : 'slug', '=', ref);

async function withIncludes(db: Db, realmId: string, rows: RoleRow[]): Promise<Role[]> {
  if (rows.length === 0) return [];
  const edges = await db
    .selectFrom('role_includes')
    .innerJoin('roles', (join) => join.onRef('roles.realm_id', '=', 'role_includes.realm_id').onRef('roles.id', '=', 'role_includes.included_id'))
    .select(['role_includes.role_id', 'roles.id', 'roles.slug'])
    .where('role_includes.realm_id', '=', realmId)
    .where('role_includes.role_id', 'in', rows.map((row) => row.id))
    .orderBy('roles.slug')
    .execute();
  const byRole = new Map<string, RoleRef[]>();
  for (const edge of edges) byRole.set(edge.role_id, [...(byRole.get(edge.role_id) ?? []), { id: edge.id, slug: edge.slug }]);
  return rows.map((row) => toRole(row, byRole.get(row.id) ?? []));
}

const bySlug = (refs: RoleRef[]) => [...refs].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));

function rowOf(realmId: string, id: string, fields: RoleFields, at: number, by: string | null, version: number, createdAt = at, createdBy = by): RoleRow {
  return {
    realm_id: realmId,
    id,
    slug: fields.slug,
    display_name: fields.display_name,
    description: fields.description,
    active: fields.active,
    permissions: writeJson(fields.permissions),
    created_at: createdAt,
    created_by: createdBy,
    updated_at: at,
    updated_by: by,
    version,
  };
}

async function writeIncludes(db: Db, realmId: string, roleId: string, includes: RoleRef[]): Promise<void> {
  await db.deleteFrom('role_includes').where('realm_id', '=', realmId).where('role_id', '=', roleId).execute();
  if (includes.length === 0) return;
  await db
    .insertInto('role_includes')
    .values(includes.map((included) => ({ realm_id: realmId, role_id: roleId, included_id: included.id })))
    .execute();
}

export const roleStore = {
  async count(db: Db, realmId: string): Promise<number> {
    const row = await db.selectFrom('roles').select((eb) => eb.fn.countAll<number | string>().as('n')).where('realm_id', '=', realmId).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async insert(db: Db, realmId: string, id: string, fields: RoleFields, includes: RoleRef[], at: number, by: string | null): Promise<Role> {
    const row = rowOf(realmId, id, fields, at, by, 1);
    await db.insertInto('roles').values(row).execute();
    await writeIncludes(db, realmId, id, includes);
    return toRole(row, bySlug(includes));
  },

  async find(db: Db, realmId: string, ref: string): Promise<Role | undefined> {
    const row = await byRef(db, realmId, ref).executeTakeFirst();
    return row ? (await withIncludes(db, realmId, [row]))[0] : undefined;
  },

  /** Oldest first. */
  async list(db: Db, realmId: string, page: PageRequest): Promise<Page<Role>> {
    const query = db.selectFrom('roles').selectAll().where('realm_id', '=', realmId);
    const rows = await paginate(query, { column: 'created_at', direction: 'asc' }, page, (row) => row, (row) => Number(row.created_at), (row) => row.id);
    return { items: await withIncludes(db, realmId, rows.items), next_cursor: rows.next_cursor };
  },

  /** The ids of the realm's roles named by these ids or slugs; a ref of no role is missing from the map. */
  async idsOf(db: Db, realmId: string, refs: string[]): Promise<Map<string, string>> {
    if (refs.length === 0) return new Map();
    const rows = await db
      .selectFrom('roles')
      .select(['id', 'slug'])
      .where('realm_id', '=', realmId)
      .where((eb) => eb.or([eb('id', 'in', refs), eb('slug', 'in', refs)]))
      .execute();
    const found = new Map<string, string>();
    for (const row of rows) {
      found.set(row.id, row.id);
      found.set(row.slug, row.id);
    }
    return found;
  },

  /** Every role of the realm with its edges: for cycle checks and effective roles (bounded by `roleLimits.perRealm`). */
  async graph(db: Db, realmId: string): Promise<RoleGraph> {
    const [rows, edges] = await Promise.all([
      db.selectFrom('roles').select(['id', 'slug', 'active', 'permissions']).where('realm_id', '=', realmId).execute(),
      db.selectFrom('role_includes').select(['role_id', 'included_id']).where('realm_id', '=', realmId).execute(),
    ]);
    const graph: RoleGraph = new Map(rows.map((row) => [row.id, { id: row.id, slug: row.slug, active: readBool(row.active), permissions: readJson<string[]>(row.permissions), includes: [] as string[] }]));
    for (const edge of edges) graph.get(edge.role_id)?.includes.push(edge.included_id);
    return graph;
  },

  async update(db: Db, current: Role, fields: RoleFields, includes: RoleRef[], at: number, by: string | null): Promise<Role> {
    const row = await db
      .updateTable('roles')
      .set({ slug: fields.slug, display_name: fields.display_name, description: fields.description, active: fields.active, permissions: writeJson(fields.permissions), updated_at: at, updated_by: by, version: current.version + 1 })
      .where('realm_id', '=', current.realmId)
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeIncludes(db, current.realmId, current.id, includes);
    return toRole(row, bySlug(includes));
  },

  /**
   * Deletes the role, its assignments and every edge to or from it (composites that included it
   * no longer do). Returns how many assignments and composites it left.
   */
  async remove(db: Db, realmId: string, roleId: string): Promise<{ assignments: number; includedBy: number }> {
    const assignments = await db.deleteFrom('role_assignments').where('realm_id', '=', realmId).where('role_id', '=', roleId).executeTakeFirst();
    const includedBy = await db.deleteFrom('role_includes').where('realm_id', '=', realmId).where('included_id', '=', roleId).executeTakeFirst();
    await db.deleteFrom('role_includes').where('realm_id', '=', realmId).where('role_id', '=', roleId).execute();
    await db.deleteFrom('roles').where('realm_id', '=', realmId).where('id', '=', roleId).execute();
    return { assignments: Number(assignments.numDeletedRows), includedBy: Number(includedBy.numDeletedRows) };
  },
};
