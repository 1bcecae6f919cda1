/**
 * A realm's users listed and searched: filters, substring search and indexed prefix search, over
 * the users that are not deleted (the users repository's `list`, src/users/user-store.ts).
 */

import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { holdsRole } from '../authorization/role-assignment-store.ts';
import { isMemberOf } from '../authorization/tenant-store.ts';
import { paginate, type Page, type PageRequest } from '../storage/pagination.ts';
import { column, fewMatchingIds, startsWith } from '../storage/prefix-search.ts';
import type { Schema } from '../storage/schema.ts';
import { normalizeMobile, usernameKey } from './identifiers.ts';
import { liveUsers, withTags } from './user-rows.ts';
import type { User, UserWithSecret } from './user.ts';

/** What a list asks for: every field given narrows it. */
export interface UserFilter {
  email?: string;
  username?: string;
  mobile?: string;
  tag?: string;
  /** Members of this tenant (its id or slug). */
  tenant?: string;
  state?: User['state'];
  locked?: boolean;
  /** Whether the user's email address is verified (`email_verified`). */
  verified?: boolean;
  /** Case-insensitive substring of the names, email or username (a scan of the realm's users). */
  q?: string;
  /** Indexed: the email or username starts with this (any case), or the mobile number does. */
  prefix?: string;
  direction?: 'asc' | 'desc';
  /** Users holding this role (id or slug) at `roleAt`: an assignment whose window includes that moment. */
  role?: string;
  /** The moment `role` is judged at; the service sets it from its clock. */
  roleAt?: number;
}

type Db = Kysely<Schema>;

const SEARCHED_COLUMNS = ['first_name', 'middle_name', 'last_name', 'display_name', 'email_search', 'username_key'] as const;

/** `%`, `_` and the escape character itself match literally in the LIKE patterns built here. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const MOBILE_PREFIX = /^\+?[\d\s\-.()]+$/;

/** Each branch is a range on a (realm_id, key) index: emails and usernames are stored lower-cased. */
function identifierStartsWith(db: Db, prefix: string, indexed = true) {
  const lower = prefix.trim().toLowerCase();
  const branches = [startsWith(db, 'email_search', lower, indexed), startsWith(db, 'username_key', usernameKey(prefix), indexed)];
  if (MOBILE_PREFIX.test(prefix.trim())) branches.push(startsWith(db, 'mobile_key', prefix.trim().replace(/[\s\-.()]/g, ''), indexed));
  return (eb: ExpressionBuilder<Schema, 'users'>) => eb.or(branches);
}

/**
 * The users matching a prefix search, as a query to paginate: few matches are read by id (the
 * realm condition written so SQLite does not walk the realm's creation-order index for them);
 * many are found along that index, which they fill soon (src/storage/prefix-search.ts).
 */
async function prefixMatches(db: Db, realmId: string, filtered: ReturnType<typeof liveUsers>, prefix: string) {
  const ids = await fewMatchingIds(filtered.where(identifierStartsWith(db, prefix)));
  if (ids === undefined) return filtered.where(identifierStartsWith(db, prefix, false));
  if (ids.length === 0) return undefined;
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(column(db, 'realm_id', false), '=', realmId))
    .where('deleted_at', 'is', null)
    .where('id', 'in', ids);
}

/** One page of the realm's users matching `filter`, oldest first unless asked otherwise. */
export async function listUsers(db: Db, realmId: string, filter: UserFilter, page: PageRequest): Promise<Page<UserWithSecret>> {
  let query = liveUsers(db, realmId);
  if (filter.email !== undefined) query = query.where('email_search', '=', filter.email.trim().toLowerCase());
  if (filter.username !== undefined) query = query.where('username_key', '=', usernameKey(filter.username));
  if (filter.mobile !== undefined) query = query.where('mobile_key', '=', normalizeMobile(filter.mobile) ?? filter.mobile);
  if (filter.state !== undefined) query = query.where('state', '=', filter.state);
  if (filter.locked !== undefined) query = query.where('locked', '=', filter.locked);
  // "Not verified" means an address waiting for verification: users without one are neither.
  if (filter.verified !== undefined) query = query.where('email_verified', '=', filter.verified).where('email', 'is not', null);
  if (filter.tenant !== undefined) query = query.where(isMemberOf(realmId, filter.tenant));
  if (filter.tag !== undefined) {
    const tag = filter.tag;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('user_tags').select('user_tags.tag').whereRef('user_tags.user_id', '=', 'users.id').where('user_tags.realm_id', '=', realmId).where('user_tags.tag', '=', tag)),
    );
  }
  if (filter.role !== undefined) {
    if (filter.roleAt === undefined) throw new Error('a role filter needs the moment it is judged at (roleAt)');
    query = query.where(holdsRole(realmId, filter.role, filter.roleAt));
  }
  if (filter.q !== undefined && filter.q !== '') {
    const pattern = likePattern(filter.q);
    query = query.where((eb) => eb.or(SEARCHED_COLUMNS.map((column) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`)));
  }
  if (filter.prefix !== undefined) {
    const matches = await prefixMatches(db, realmId, query, filter.prefix);
    if (!matches) return { items: [], next_cursor: null };
    query = matches;
  }
  const order = { column: 'created_at', direction: filter.direction ?? 'asc' } as const;
  const rows = await paginate(query, order, page, (row) => row, (row) => row.created_at, (row) => row.id);
  return { items: await withTags(db, rows.items), next_cursor: rows.next_cursor };
}
