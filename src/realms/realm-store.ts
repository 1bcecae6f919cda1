import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DialectName } from '../storage/database.ts';
import { readBool, readJson, writeJson } from '../storage/codec.ts';
import { paginate, type Page, type PageRequest } from '../storage/pagination.ts';
import { fewMatchingIds, startsWith } from '../storage/prefix-search.ts';
import type { RealmRow, Schema } from '../storage/schema.ts';
import type { PublicInfo, Realm, RealmState } from './realm.ts';
import { settingsOf, settingsWithDefaults } from './realm-settings.ts';

/**
 * Realm rows <-> `Realm`. The settings groups (users, tokens, tenant_policy, api_keys,
 * resource_links) live together in the one JSON column `settings`. Every call names the realm it
 * reads or changes by id (or slug); a realm is its own isolation boundary.
 */

export interface RealmFilter {
  reference?: string;
  state?: RealmState;
  /** A prefix of the name (any case) or of the slug, or a realm's exact id. */
  q?: string;
}

export type RealmSort = 'name' | 'id' | 'created_at';

export interface RealmOrder {
  sort: RealmSort;
  direction: 'asc' | 'desc';
}

export function toRealm(row: RealmRow): Realm {
  const settings = settingsWithDefaults(readJson(row.settings));
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    state: row.state as RealmState,
    reference: row.reference,
    custom: readJson<Record<string, unknown>>(row.custom),
    public_info: { display_name: null, description: null, logo_url: null, ...readJson<Partial<PublicInfo>>(row.public_info) },
    ...settings,
    is_system: readBool(row.is_system),
    created_at: row.created_at,
    created_by: row.created_by,
    updated_at: row.updated_at,
    updated_by: row.updated_by,
    version: row.version,
  };
}

function toRow(realm: Realm): RealmRow {
  return {
    id: realm.id,
    slug: realm.slug,
    name: realm.name,
    name_search: realm.name.toLowerCase(),
    state: realm.state,
    reference: realm.reference,
    custom: writeJson(realm.custom),
    public_info: writeJson(realm.public_info),
    settings: writeJson(settingsOf(realm)),
    is_system: realm.is_system,
    created_at: realm.created_at,
    created_by: realm.created_by,
    updated_at: realm.updated_at,
    updated_by: realm.updated_by,
    version: realm.version,
  };
}

/** Realm ids start with `rl_`; slugs cannot contain `_`, so one reference names at most one realm. */
const byRef = (ref: string) => (ref.startsWith('rl_') ? ('id' as const) : ('slug' as const));

/**
 * What an id or slug can look like. Anything else names no realm and is not sent to the database
 * (PostgreSQL refuses text with NUL bytes with an error rather than finding nothing).
 */
const REALM_REF = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * Realms whose name starts with `q` in any case, whose slug starts with it (slugs are lower-case),
 * or whose id it is. Each branch is an indexed range or equality (migration 010).
 */
function matching(db: Kysely<Schema>, q: string, indexed = true) {
  const prefix = q.toLowerCase();
  return (eb: ExpressionBuilder<Schema, 'realms'>) =>
    eb.or([startsWith(db, 'name_search', prefix, indexed), startsWith(db, 'slug', prefix, indexed), ...(q.startsWith('rl_') ? [eb('id', '=', q)] : [])]);
}

export const realmStore = {
  async insert(db: Kysely<Schema>, realm: Realm): Promise<void> {
    await db.insertInto('realms').values(toRow(realm)).execute();
  },

  /** Many realms in one statement (bulk loading: the scale benchmark); the caller batches and wraps a transaction. */
  async insertMany(db: Kysely<Schema>, realms: Realm[]): Promise<void> {
    if (realms.length > 0) await db.insertInto('realms').values(realms.map(toRow)).execute();
  },

  /** A realm by id or slug. */
  async find(db: Kysely<Schema>, ref: string): Promise<Realm | undefined> {
    if (!REALM_REF.test(ref)) return undefined;
    const row = await db.selectFrom('realms').selectAll().where(byRef(ref), '=', ref).executeTakeFirst();
    return row ? toRealm(row) : undefined;
  },

  /**
   * Reads a realm inside a transaction and, on PostgreSQL, locks its row until the transaction
   * ends, so read-modify-write changes of one realm run one after another. SQLite's single writer
   * already serialises them.
   */
  async lock(trx: Kysely<Schema>, dialect: DialectName, ref: string): Promise<Realm | undefined> {
    if (!REALM_REF.test(ref)) return undefined;
    const query = trx.selectFrom('realms').selectAll().where(byRef(ref), '=', ref);
    const row = await (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
    return row ? toRealm(row) : undefined;
  },

  async findSystem(db: Kysely<Schema>): Promise<Realm | undefined> {
    const row = await db.selectFrom('realms').selectAll().where('is_system', '=', true).executeTakeFirst();
    return row ? toRealm(row) : undefined;
  },

  /** Writes every editable column and the audit fields of an existing realm. */
  async update(db: Kysely<Schema>, realm: Realm): Promise<void> {
    const { id, created_at, created_by, is_system, ...changes } = toRow(realm);
    await db.updateTable('realms').set(changes).where('id', '=', id).execute();
  },

  /** Deletes the realm; foreign keys cascade to everything in it. */
  async remove(db: Kysely<Schema>, realmId: string): Promise<void> {
    await db.deleteFrom('realms').where('id', '=', realmId).execute();
  },

  async list(db: Kysely<Schema>, filter: RealmFilter, order: RealmOrder, page: PageRequest, visibleIds?: readonly string[]): Promise<Page<Realm>> {
    // No realm is visible, or none can have a reference with NUL (which PostgreSQL would refuse to compare).
    if (visibleIds?.length === 0 || filter.reference?.includes('\u0000')) return { items: [], next_cursor: null };
    let query = db.selectFrom('realms').selectAll();
    if (filter.reference !== undefined) query = query.where('reference', '=', filter.reference);
    if (filter.state !== undefined) query = query.where('state', '=', filter.state);
    if (visibleIds) query = query.where('id', 'in', [...visibleIds]);
    if (filter.q !== undefined) {
      // Few matches: sorted from their ids. Many: found along the sort order (prefix-search.ts).
      const ids = await fewMatchingIds(query.where(matching(db, filter.q)));
      if (ids?.length === 0) return { items: [], next_cursor: null };
      query = ids ? query.where('id', 'in', ids) : query.where(matching(db, filter.q, false));
    }
    return paginate(query, { column: order.sort, direction: order.direction }, page, toRealm, (row) => row[order.sort], (row) => row.id);
  },

  async countNonSystem(db: Kysely<Schema>): Promise<number> {
    const row = await db.selectFrom('realms').select((eb) => eb.fn.countAll<number | string>().as('n')).where('is_system', '=', false).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Slugs already taken among `base` and `base-N`, for deriving a free one. */
  async slugsLike(db: Kysely<Schema>, base: string): Promise<Set<string>> {
    // Slugs hold only a-z, 0-9 and '-', so `base` carries no LIKE wildcards.
    const rows = await db
      .selectFrom('realms')
      .select('slug')
      .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
      .execute();
    return new Set(rows.map((r) => r.slug));
  },

  /** Whether the realm has a user that is not deleted (settings that users depend on are then fixed). */
  async hasUsers(db: Kysely<Schema>, realmId: string): Promise<boolean> {
    const row = await db.selectFrom('users').select('id').where('realm_id', '=', realmId).where('deleted_at', 'is', null).limit(1).executeTakeFirst();
    return row !== undefined;
  },

  /** How many email addresses more than one live user of the realm shares (case-insensitively). */
  async countDuplicateEmails(db: Kysely<Schema>, realmId: string): Promise<number> {
    const rows = await db
      .selectFrom('users')
      .select('email_search')
      .where('realm_id', '=', realmId)
      .where('deleted_at', 'is', null)
      .where('email_search', 'is not', null)
      .groupBy('email_search')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    return rows.length;
  },

  /**
   * Sets or clears the users' unique email keys when the realm starts or stops requiring unique
   * emails. The unique index on (realm_id, email_key) then enforces the rule.
   */
  async setEmailKeys(db: Kysely<Schema>, realmId: string, unique: boolean): Promise<void> {
    await db
      .updateTable('users')
      .set((eb) => ({ email_key: unique ? eb.ref('email_search') : null }))
      .where('realm_id', '=', realmId)
      .where('deleted_at', 'is', null)
      .execute();
  },
};
