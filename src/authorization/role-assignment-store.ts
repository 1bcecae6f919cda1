import type { ExpressionBuilder, Kysely } from 'kysely';
import { paginate, type Page, type PageRequest } from '../storage/pagination.ts';
import { prepared } from '../storage/prepared.ts';
import type { Schema } from '../storage/schema.ts';
import type { RoleRef } from './role.ts';

/**
 * The role_assignments table: which user holds which role of the same realm, from when until when.
 * Every call names the realm; the foreign key to (realm_id, role_id) keeps an assignment from
 * naming another realm's role.
 */
type Db = Kysely<Schema>;

export interface RoleWindow {
  roleId: string;
  startsAt: number;
  /** Null: no end. */
  endsAt: number | null;
}

export interface Assignment extends RoleWindow {
  userId: string;
  role: RoleRef;
  createdAt: number;
}

// Validate and token issue read a user's windows on every cache miss: compiled once.
const readWindows = prepared((db, realmId: string, userId: string) =>
  db.selectFrom('role_assignments').select(['role_id', 'starts_at', 'ends_at']).where('realm_id', '=', realmId).where('user_id', '=', userId),
);

const withRole = (db: Db, realmId: string) =>
  db
    .selectFrom('role_assignments')
    .innerJoin('roles', (join) => join.onRef('roles.realm_id', '=', 'role_assignments.realm_id').onRef('roles.id', '=', 'role_assignments.role_id'))
    .select(['role_assignments.user_id', 'role_assignments.role_id', 'role_assignments.starts_at', 'role_assignments.ends_at', 'role_assignments.created_at', 'roles.slug'])
    .where('role_assignments.realm_id', '=', realmId);

type JoinedRow = { user_id: string; role_id: string; starts_at: number; ends_at: number | null; created_at: number; slug: string };

function toAssignment(row: JoinedRow): Assignment {
  return {
    userId: row.user_id,
    roleId: row.role_id,
    role: { id: row.role_id, slug: row.slug },
    startsAt: Number(row.starts_at),
    endsAt: row.ends_at === null ? null : Number(row.ends_at),
    createdAt: Number(row.created_at),
  };
}

/** Users holding the role (by id or slug) at `at`: an exists-subquery for the users list. */
export function holdsRole(realmId: string, ref: string, at: number) {
  return (eb: ExpressionBuilder<Schema, 'users'>) =>
    eb.exists(
      eb
        .selectFrom('role_assignments')
        .innerJoin('roles', (join) => join.onRef('roles.realm_id', '=', 'role_assignments.realm_id').onRef('roles.id', '=', 'role_assignments.role_id'))
        .select('role_assignments.role_id')
        .whereRef('role_assignments.user_id', '=', 'users.id')
        .where('role_assignments.realm_id', '=', realmId)
        .where(ref.startsWith('rol_') ? 'roles.id' : 'roles.slug', '=', ref)
        .where('role_assignments.starts_at', '<=', at)
        .where((inner) => inner.or([inner('role_assignments.ends_at', 'is', null), inner('role_assignments.ends_at', '>', at)])),
    );
}

export const roleAssignmentStore = {
  /** Assigns, or replaces the window of an existing assignment of the same role. */
  async upsert(db: Db, realmId: string, userId: string, roleId: string, window: { startsAt: number; endsAt: number | null }, at: number, by: string | null): Promise<void> {
    await db
      .insertInto('role_assignments')
      .values({ realm_id: realmId, user_id: userId, role_id: roleId, starts_at: window.startsAt, ends_at: window.endsAt, created_at: at, created_by: by })
      .onConflict((oc) => oc.columns(['realm_id', 'user_id', 'role_id']).doUpdateSet({ starts_at: window.startsAt, ends_at: window.endsAt }))
      .execute();
  },

  async find(db: Db, realmId: string, userId: string, roleId: string): Promise<Assignment | undefined> {
    const row = await withRole(db, realmId).where('role_assignments.user_id', '=', userId).where('role_assignments.role_id', '=', roleId).executeTakeFirst();
    return row && toAssignment(row);
  },

  async remove(db: Db, realmId: string, userId: string, roleId: string): Promise<boolean> {
    const result = await db.deleteFrom('role_assignments').where('realm_id', '=', realmId).where('user_id', '=', userId).where('role_id', '=', roleId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  /** A deleted user's assignments go with them (users are soft-deleted, so no cascade does it). */
  async removeAllOfUser(db: Db, realmId: string, userId: string): Promise<void> {
    await db.deleteFrom('role_assignments').where('realm_id', '=', realmId).where('user_id', '=', userId).execute();
  },

  /** The user's assignments, oldest first, past and future windows included. */
  ofUser(db: Db, realmId: string, userId: string, page: PageRequest): Promise<Page<Assignment>> {
    const query = withRole(db, realmId).where('role_assignments.user_id', '=', userId);
    return paginate(query, { column: 'role_assignments.created_at', idColumn: 'role_assignments.role_id', direction: 'asc' }, page, toAssignment, (row) => Number(row.created_at), (row) => row.role_id);
  },

  /** The role's assignments (live users only), oldest first. */
  ofRole(db: Db, realmId: string, roleId: string, page: PageRequest): Promise<Page<Assignment>> {
    const query = withRole(db, realmId)
      .innerJoin('users', (join) => join.onRef('users.realm_id', '=', 'role_assignments.realm_id').onRef('users.id', '=', 'role_assignments.user_id'))
      .where('users.deleted_at', 'is', null)
      .where('role_assignments.role_id', '=', roleId);
    return paginate(query, { column: 'role_assignments.created_at', idColumn: 'role_assignments.user_id', direction: 'asc' }, page, toAssignment, (row) => Number(row.created_at), (row) => row.user_id);
  },

  async windows(db: Db, realmId: string, userId: string): Promise<RoleWindow[]> {
    const rows = await readWindows(db, realmId, userId);
    return rows.map((row) => ({ roleId: row.role_id, startsAt: Number(row.starts_at), endsAt: row.ends_at === null ? null : Number(row.ends_at) }));
  },
};
