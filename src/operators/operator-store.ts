import type { Kysely } from 'kysely';
import { readBool, readJson, writeJson } from '../storage/codec.ts';
import { paginate, type Page, type PageRequest } from '../storage/pagination.ts';
import type { Schema } from '../storage/schema.ts';
import type { Grant } from './permissions.ts';

/** An operator: a user of the admin realm and the grants of its `operators` row. Times in epoch ms. */
export interface Operator {
  id: string;
  email: string | null;
  username: string | null;
  display_name: string | null;
  state: 'active' | 'inactive';
  locked: boolean;
  grants: Grant[];
  created_at: number;
  last_login_at: number | null;
}

/** True when the operator counts towards "at least one superadmin who can still sign in". */
export function isActiveSuperadmin(operator: Pick<Operator, 'state' | 'locked' | 'grants'>): boolean {
  return operator.state === 'active' && !operator.locked && operator.grants.some((g) => g.permission === 'superadmin');
}

/**
 * The `operators` table has no realm column: every call takes the admin realm's id and joins the
 * operator's user row on it, so only (non-deleted) users of that realm are ever operators.
 */
function operatorsOf(db: Kysely<Schema>, adminRealmId: string) {
  return db
    .selectFrom('operators')
    .innerJoin('users', 'users.id', 'operators.user_id')
    .where('users.realm_id', '=', adminRealmId)
    .where('users.deleted_at', 'is', null)
    .select([
      'users.id as id',
      'users.email as email',
      'users.username as username',
      'users.display_name as display_name',
      'users.state as state',
      'users.locked as locked',
      'users.created_at as created_at',
      'users.last_login_at as last_login_at',
      'operators.grants as grants',
    ]);
}

type OperatorJoinRow = Awaited<ReturnType<ReturnType<typeof operatorsOf>['executeTakeFirstOrThrow']>>;

function toOperator(row: OperatorJoinRow): Operator {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    display_name: row.display_name,
    state: row.state as Operator['state'],
    locked: readBool(row.locked),
    grants: readJson<Grant[]>(row.grants),
    created_at: row.created_at,
    last_login_at: row.last_login_at,
  };
}

/** Only ids of live users of the admin realm qualify; used to scope writes to that realm. */
function adminRealmUserIds(db: Kysely<Schema>, adminRealmId: string) {
  return db.selectFrom('users').select('id').where('realm_id', '=', adminRealmId).where('deleted_at', 'is', null);
}

export const operatorStore = {
  /** Makes a user of the admin realm an operator; false when no such user exists there. */
  async insert(db: Kysely<Schema>, adminRealmId: string, userId: string, grants: Grant[]): Promise<boolean> {
    const result = await db
      .insertInto('operators')
      .columns(['user_id', 'grants'])
      .expression(adminRealmUserIds(db, adminRealmId).where('id', '=', userId).select((eb) => eb.val(writeJson(grants)).as('grants')))
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  async find(db: Kysely<Schema>, adminRealmId: string, userId: string): Promise<Operator | undefined> {
    const row = await operatorsOf(db, adminRealmId).where('users.id', '=', userId).executeTakeFirst();
    return row ? toOperator(row) : undefined;
  },

  async list(db: Kysely<Schema>, adminRealmId: string, page: PageRequest): Promise<Page<Operator>> {
    const order = { column: 'users.created_at', idColumn: 'users.id', direction: 'asc' } as const;
    return paginate(operatorsOf(db, adminRealmId), order, page, toOperator, (row) => row.created_at, (row) => row.id);
  },

  async all(db: Kysely<Schema>, adminRealmId: string): Promise<Operator[]> {
    return (await operatorsOf(db, adminRealmId).execute()).map(toOperator);
  },

  async count(db: Kysely<Schema>, adminRealmId: string): Promise<number> {
    const row = await db
      .selectFrom('operators')
      .innerJoin('users', 'users.id', 'operators.user_id')
      .where('users.realm_id', '=', adminRealmId)
      .where('users.deleted_at', 'is', null)
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  },

  /**
   * Takes a write lock on every operator row of the admin realm for the rest of the transaction
   * (a no-op update, which works the same on both dialects), so checks such as "another
   * superadmin remains" cannot race with a concurrent change.
   */
  async lockAll(db: Kysely<Schema>, adminRealmId: string): Promise<void> {
    await db
      .updateTable('operators')
      .set((eb) => ({ grants: eb.ref('grants') }))
      .where('user_id', 'in', adminRealmUserIds(db, adminRealmId))
      .execute();
  },

  async updateGrants(db: Kysely<Schema>, adminRealmId: string, userId: string, grants: Grant[]): Promise<void> {
    await db
      .updateTable('operators')
      .set({ grants: writeJson(grants) })
      .where('user_id', '=', userId)
      .where('user_id', 'in', adminRealmUserIds(db, adminRealmId))
      .execute();
  },

  async delete(db: Kysely<Schema>, adminRealmId: string, userId: string): Promise<void> {
    await db
      .deleteFrom('operators')
      .where('user_id', '=', userId)
      .where('user_id', 'in', adminRealmUserIds(db, adminRealmId))
      .execute();
  },
};
