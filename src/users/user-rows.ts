import type { Kysely } from 'kysely';
import type { Access } from '../realms/realm.ts';
import { readBool, readJson, writeJson } from '../storage/codec.ts';
import type { Schema, UserRow } from '../storage/schema.ts';
import { usernameKey } from './identifiers.ts';
import type { User, UserWithSecret } from './user.ts';

/**
 * User rows <-> `UserWithSecret`: the columns a user is written to, and the user read back from
 * its row and its tags (kept in `user_tags`, one row a tag).
 */
type Db = Kysely<Schema>;

/**
 * The columns a user is read from: named rather than `*`, so a read can be a named prepared
 * statement on PostgreSQL, which refuses to run one as `*` once a later release adds a column.
 */
export const USER_COLUMNS = [
  'id', 'realm_id', 'username', 'email', 'email_verified', 'mobile', 'mobile_verified', 'first_name', 'middle_name', 'last_name',
  'display_name', 'state', 'locked', 'locked_reason', 'user_type', 'custom', 'access', 'access_token_minutes', 'password_hash',
  'signed_up', 'last_login_at', 'created_at', 'created_by', 'updated_at', 'updated_by', 'version',
] as const satisfies readonly (keyof UserRow)[];

export type UserReadRow = Pick<UserRow, (typeof USER_COLUMNS)[number]>;

export function toUser(row: UserReadRow, tags: string[]): UserWithSecret {
  return {
    id: row.id,
    realm_id: row.realm_id,
    username: row.username,
    email: row.email,
    email_verified: readBool(row.email_verified),
    mobile: row.mobile,
    mobile_verified: readBool(row.mobile_verified),
    first_name: row.first_name,
    middle_name: row.middle_name,
    last_name: row.last_name,
    display_name: row.display_name,
    state: row.state as User['state'],
    locked: readBool(row.locked),
    locked_reason: row.locked_reason,
    user_type: row.user_type as User['user_type'],
    tags,
    custom: readJson<Record<string, unknown>>(row.custom),
    access: row.access === null ? null : readJson<Access>(row.access),
    access_token_minutes: row.access_token_minutes,
    has_password: row.password_hash !== null,
    password_hash: row.password_hash,
    signed_up: readBool(row.signed_up),
    last_login_at: row.last_login_at,
    created_at: row.created_at,
    created_by: row.created_by,
    updated_at: row.updated_at,
    updated_by: row.updated_by,
    version: row.version,
  };
}

/** The columns a change of the user writes (identity, creation and deletion columns excepted). */
export function changeableColumns(user: UserWithSecret) {
  return {
    username: user.username,
    username_key: user.username === null ? null : usernameKey(user.username),
    email: user.email,
    email_verified: user.email_verified,
    mobile: user.mobile,
    mobile_key: user.mobile,
    mobile_verified: user.mobile_verified,
    first_name: user.first_name,
    middle_name: user.middle_name,
    last_name: user.last_name,
    display_name: user.display_name,
    state: user.state,
    locked: user.locked,
    locked_reason: user.locked_reason,
    user_type: user.user_type,
    custom: writeJson(user.custom),
    access: user.access === null ? null : writeJson(user.access),
    access_token_minutes: user.access_token_minutes,
    password_hash: user.password_hash,
    updated_at: user.updated_at,
    updated_by: user.updated_by,
    version: user.version,
  };
}

/** `email_key` carries the uniqueness constraint only while the realm asks for unique emails. */
export function emailColumns(email: string | null, uniqueEmails: boolean) {
  return { email_search: email, email_key: uniqueEmails ? email : null };
}

/** Every column of a new user's row: live, never signed in. */
export function newUserColumns(realmId: string, user: UserWithSecret, uniqueEmails: boolean) {
  return {
    ...changeableColumns(user),
    ...emailColumns(user.email, uniqueEmails),
    id: user.id,
    realm_id: realmId,
    signed_up: user.signed_up,
    last_login_at: null,
    created_at: user.created_at,
    created_by: user.created_by,
    deleted_at: null,
    deleted_by: null,
  };
}

/** Tags of many users in one query. */
async function tagsOf(db: Db, userIds: string[]): Promise<Map<string, string[]>> {
  const tags = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return tags;
  // The ids come from realm-checked rows; matching on the (user_id, tag) key alone keeps SQLite
  // from scanning every tag of the realm through the (realm_id, tag) index.
  const rows = await db
    .selectFrom('user_tags')
    .select(['user_id', 'tag'])
    .where('user_id', 'in', userIds)
    .orderBy('tag')
    .execute();
  for (const row of rows) tags.get(row.user_id)?.push(row.tag);
  return tags;
}

export async function withTags(db: Db, rows: UserReadRow[]): Promise<UserWithSecret[]> {
  const tags = await tagsOf(db, rows.map((row) => row.id));
  return rows.map((row) => toUser(row, tags.get(row.id) ?? []));
}

/** The realm's users that are not deleted: where every read of users starts. */
export function liveUsers(db: Db, realmId: string) {
  return db.selectFrom('users').select(USER_COLUMNS).where('realm_id', '=', realmId).where('deleted_at', 'is', null);
}
