import { PostgresAdapter, sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { jsonArrayFrom as postgresJsonArray } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArray } from 'kysely/helpers/sqlite';
import { isDeepStrictEqual } from 'node:util';
import { readJson, writeJson } from '../storage/codec.ts';
import { bulkInsert } from '../storage/bulk-insert.ts';
import { prepared } from '../storage/prepared.ts';
import type { TokenSubject } from '../contracts.ts';
import type { Schema } from '../storage/schema.ts';
import { identifierTaken } from './identifier-conflicts.ts';
import { normalizeMobile, usernameKey } from './identifiers.ts';
import { changeableColumns, emailColumns, liveUsers, newUserColumns, toUser, USER_COLUMNS, withTags } from './user-rows.ts';
import { listUsers } from './user-search.ts';
import { findTokenSubjectRow, toTokenSubject } from './token-subject.ts';
import { withoutSecret, type User, type UserWithSecret } from './user.ts';

type Db = Kysely<Schema>;

async function writeIdentifiers<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw identifierTaken(error) ?? error;
  }
}

const versionRow = (user: UserWithSecret) => ({
  realm_id: user.realm_id,
  user_id: user.id,
  version: user.version,
  snapshot: writeJson(withoutSecret(user)),
  recorded_at: user.updated_at,
  recorded_by: user.updated_by,
});

async function recordVersion(db: Db, user: UserWithSecret): Promise<void> {
  await db.insertInto('user_versions').values(versionRow(user)).execute();
}

/**
 * A bulk load writes no first versions (a snapshot per user would cost an import a third of its
 * speed), so the first change of a user at version 1 records the version it replaces, unless one
 * is there already. That snapshot carries the last sign-in time as of the change (sign-ins are
 * not versions): the one field in which it can differ from the user as loaded.
 */
async function recordFirstVersion(db: Db, previous: UserWithSecret): Promise<void> {
  if (previous.version !== 1) return;
  await db
    .insertInto('user_versions')
    .values(versionRow(previous))
    .onConflict((conflict) => conflict.columns(['user_id', 'version']).doNothing())
    .execute();
}

async function insertTags(db: Db, realmId: string, userId: string, tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  await db
    .insertInto('user_tags')
    .values(tags.map((tag) => ({ realm_id: realmId, user_id: userId, tag })))
    .execute();
}

/** The user's tags as a JSON array, read in the same statement as the user. */
function tagList(db: Db) {
  const jsonArrayFrom = db.getExecutor().adapter instanceof PostgresAdapter ? postgresJsonArray : sqliteJsonArray;
  return (eb: ExpressionBuilder<Schema, 'users'>) =>
    jsonArrayFrom(eb.selectFrom('user_tags').select('tag').whereRef('user_tags.user_id', '=', 'users.id').orderBy('tag')).as('tag_list');
}

const tagsOfRow = (row: { tag_list: unknown }) => readJson<{ tag: string }[]>(row.tag_list as string).map((t) => t.tag);

// Every validate and refresh looks the user up by id: one statement with the tags, compiled once
// (src/storage/prepared.ts). The tag subquery follows the realm-checked user row by its id, so
// it can walk the (user_id, tag) primary key instead of every tag of the realm.
const findLiveUser = prepared((db, realmId: string, userId: string) => liveUsers(db, realmId).where('id', '=', userId).select(tagList(db)));

/**
 * Step 1 of the lock order (src/authorization/write-locks.ts), before any lock on one of the
 * realm's users: the realm's row, shared, on PostgreSQL. Realm changes lock the realm and then
 * write its users (a deletion cascades to them); a transaction holding a user's row while it then
 * waited for the realm (its event's foreign key) deadlocked with them (found by review: 40P01).
 * Shared locks never wait for each other. SQLite has a single writer and nothing to order.
 */
async function shareRealm(db: Db, realmId: string): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await db.selectFrom('realms').select('id').where('id', '=', realmId).forKeyShare().execute();
}

// A sign-in's session is created under the user's version (src/auth/sign-in-tokens.ts), in the
// transaction that writes the sign-in's time on the user, only while the record is at that version.
// On PostgreSQL the realm's row is key-share-locked first, in the same statement (the subquery's
// row is locked before the join can hand the user's row to the update), then the user's row is
// written and held until the transaction ends: a change of the user (which write-locks the row,
// findForChange) waits for the new session and then ends it with the others, or the sign-in waits
// for the change and finds the version moved on. One user's sign-ins take turns for that short
// transaction, as they did for their last-login write when it came after it. SQLite's transactions
// take the database's write lock at their start: nothing to order there.
const signInRecorded = prepared((db, realmId: string, userId: string, version: number, at: number) => {
  // Never back in time: a sign-in that took its time before another's and its turn after it
  // (found by review). A first sign-in (null) takes `at`.
  const latest = sql<number>`case when users.last_login_at > ${at} then users.last_login_at else ${at} end`;
  const update = db
    .updateTable('users')
    .set({ last_login_at: latest })
    .where('users.realm_id', '=', realmId)
    .where('users.id', '=', userId)
    .where('users.version', '=', version)
    .where('users.deleted_at', 'is', null);
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return update.returning('users.id');
  const realm = db.selectFrom('realms').select('id').where('id', '=', realmId).forKeyShare().as('realm');
  return update.from(realm).whereRef('realm.id', '=', 'users.realm_id').returning('users.id');
});

type SignInMatch = 'username' | 'email' | 'mobile';

// Sign-in looks an identifier up as a username, an email and a mobile number in one statement
// instead of up to three (each a round trip on PostgreSQL), with the tags. Each branch is a
// subquery on its own index; only emails can repeat, and two of them are enough to refuse.
const signInCandidates = prepared((db, realmId: string, username: string, email: string, mobile: string | null) => {
  const branch = (match: SignInMatch, column: 'username_key' | 'email_search' | 'mobile_key', value: string | null, limit: number) => {
    const found = liveUsers(db, realmId).where(column, '=', value).select([sql.lit(match).as('match'), tagList(db)]);
    // Verified addresses first: of two users with one address (a realm without unique emails), its verified owner is found.
    return db.selectFrom((match === 'email' ? found.orderBy('email_verified', 'desc') : found).limit(limit).as(match)).select([...USER_COLUMNS, 'match', 'tag_list']);
  };
  return branch('username', 'username_key', username, 1).unionAll(branch('email', 'email_search', email, 2)).unionAll(branch('mobile', 'mobile_key', mobile, 1));
});

/**
 * The users repository. Every call takes the realm id and filters by it, and only ever sees users
 * that are not deleted. Each change of a user also records a snapshot of the new version, so
 * earlier versions stay retrievable (a bulk-loaded user's version 1 is recorded at its first
 * change). Uniqueness of identifiers is left to the database's unique
 * indexes on the `*_key` columns; a violation becomes a 409 naming the identifier.
 */
export const userStore = {
  /** Inserts a new user (version 1 expected), its tags and its first version snapshot. */
  async insert(db: Db, realmId: string, user: UserWithSecret, uniqueEmails: boolean): Promise<void> {
    await writeIdentifiers(() =>
      db
        .insertInto('users')
        .values(newUserColumns(realmId, user, uniqueEmails))
        .execute(),
    );
    await insertTags(db, realmId, user.id, user.tags);
    await recordVersion(db, user);
  },

  /**
   * Many new users of one realm with their tags, in as few statements as the database allows
   * (src/storage/bulk-insert.ts): imports and the scale benchmark. Their first versions are not
   * written: version 1 is the user as stored until the first change records it. The caller wraps
   * them in a transaction.
   */
  async insertMany(db: Db, realmId: string, users: UserWithSecret[], uniqueEmails: boolean): Promise<void> {
    if (users.length === 0) return;
    await writeIdentifiers(() => bulkInsert(db, 'users', users.map((user) => newUserColumns(realmId, user, uniqueEmails))));
    await bulkInsert(db, 'user_tags', users.flatMap((user) => user.tags.map((tag) => ({ realm_id: realmId, user_id: user.id, tag }))));
  },

  /** The columns an access token is made from, without the tags (refresh runs this every time). */
  async findTokenSubject(db: Db, realmId: string, userId: string): Promise<TokenSubject | undefined> {
    const [row] = await findTokenSubjectRow(db, realmId, userId);
    return row && toTokenSubject(row);
  },

  async find(db: Db, realmId: string, userId: string): Promise<UserWithSecret | undefined> {
    const [row] = await findLiveUser(db, realmId, userId);
    return row && toUser(row, tagsOfRow(row));
  },

  /**
   * Reads the user for a change, holding its row lock until the transaction ends (a no-op update,
   * the same on both dialects), so concurrent changes of one user queue instead of colliding; the
   * realm's row first (`shareRealm`).
   */
  async findForChange(db: Db, realmId: string, userId: string): Promise<UserWithSecret | undefined> {
    await shareRealm(db, realmId);
    const row = await db
      .updateTable('users')
      .set((eb) => ({ version: eb.ref('version') }))
      .where('realm_id', '=', realmId)
      .where('id', '=', userId)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row ? (await withTags(db, [row]))[0] : undefined;
  },

  /**
   * The user an identifier signs in: the one whose username it is, else the one user with this
   * email (none when several share it), else the one with this mobile number. Except that a
   * verified address belongs to its owner: another user's username spelling it (a username may hold
   * `@`), or another user with the same address unverified (a realm without unique emails), does
   * not take the address's sign-in, recovery and codes away from them.
   */
  async findForSignIn(db: Db, realmId: string, identifier: string): Promise<UserWithSecret | undefined> {
    const rows = await signInCandidates(db, realmId, usernameKey(identifier), identifier.trim().toLowerCase(), normalizeMobile(identifier) ?? null);
    const matching = (match: SignInMatch) => rows.filter((row) => row.match === match).map((row) => toUser(row, tagsOfRow(row)));
    const [byUsername] = matching('username');
    const byEmail = matching('email');
    // The one user who verified the address, if one did (verified rows come first, two at most are read).
    const owner = byEmail[0]?.email_verified && !byEmail[1]?.email_verified ? byEmail[0] : undefined;
    if (byUsername && (owner === undefined || owner.id === byUsername.id)) return byUsername;
    if (owner) return owner;
    if (byEmail.length > 0) return byEmail.length === 1 ? byEmail[0] : undefined;
    return matching('mobile')[0];
  },

  /**
   * Which of a new user's username and mobile number some row of the realm already holds (what
   * their unique indexes refuse), whatever else is taken: a sign-up's answer must not depend on
   * which index the database happened to check first.
   */
  async heldIdentifiers(db: Db, realmId: string, username: string | null, mobile: string | null): Promise<('username' | 'mobile')[]> {
    const held: ('username' | 'mobile')[] = [];
    const holds = async (column: 'username_key' | 'mobile_key', value: string) =>
      (await db.selectFrom('users').select('id').where('realm_id', '=', realmId).where(column, '=', value).limit(1).executeTakeFirst()) !== undefined;
    if (username !== null && (await holds('username_key', usernameKey(username)))) held.push('username');
    const mobileKey = mobile === null ? undefined : normalizeMobile(mobile);
    if (mobileKey !== undefined && (await holds('mobile_key', mobileKey))) held.push('mobile');
    return held;
  },

  /**
   * Writes `next` over `previous` if nobody changed the user in between (optimistic: the stored
   * version must still be `previous.version`). Returns false when it moved.
   */
  async update(db: Db, realmId: string, previous: UserWithSecret, next: UserWithSecret, uniqueEmails: boolean): Promise<boolean> {
    const result = await writeIdentifiers(() =>
      db
        .updateTable('users')
        // The email key is rewritten only with the email, so toggling the realm's uniqueness
        // setting never makes an unrelated change of a user fail.
        .set({ ...changeableColumns(next), ...(next.email === previous.email ? {} : emailColumns(next.email, uniqueEmails)) })
        .where('realm_id', '=', realmId)
        .where('id', '=', previous.id)
        .where('version', '=', previous.version)
        .where('deleted_at', 'is', null)
        .executeTakeFirst(),
    );
    if (Number(result.numUpdatedRows) === 0) return false;
    await recordFirstVersion(db, previous);
    if (!isDeepStrictEqual(previous.tags, next.tags)) {
      await db.deleteFrom('user_tags').where('realm_id', '=', realmId).where('user_id', '=', previous.id).execute();
      await insertTags(db, realmId, previous.id, next.tags);
    }
    await recordVersion(db, next);
    return true;
  },

  /** Soft deletion as a new version: the identifiers' keys are cleared so others may take them. */
  async softDelete(db: Db, realmId: string, previous: UserWithSecret, at: number, by: string | null): Promise<boolean> {
    const result = await db
      .updateTable('users')
      .set({ deleted_at: at, deleted_by: by, username_key: null, email_key: null, mobile_key: null, updated_at: at, updated_by: by, version: previous.version + 1 })
      .where('realm_id', '=', realmId)
      .where('id', '=', previous.id)
      .where('version', '=', previous.version)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await recordFirstVersion(db, previous);
    await recordVersion(db, { ...previous, updated_at: at, updated_by: by, version: previous.version + 1 });
    return true;
  },

  /**
   * The sign-in's time on the user, written only while the record is still at `version`, and held
   * there until the transaction `trx` ends (see `signInRecorded`). Not a change of the record: no
   * new version. False for a user changed or deleted meanwhile.
   */
  async recordSignIn(trx: Db, realmId: string, userId: string, version: number, at: number): Promise<boolean> {
    return (await signInRecorded(trx, realmId, userId, version, at)).length > 0;
  },

  /**
   * Housekeeping, not a change of the user's record: a stronger hash of the same password replaces
   * `oldHash` only if that is still the stored one (no new version). False when it moved meanwhile.
   */
  async upgradePasswordHash(db: Db, realmId: string, userId: string, oldHash: string, newHash: string): Promise<boolean> {
    const result = await db
      .updateTable('users')
      .set({ password_hash: newHash })
      .where('realm_id', '=', realmId)
      .where('id', '=', userId)
      .where('password_hash', '=', oldHash)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  async findVersion(db: Db, realmId: string, userId: string, version: number): Promise<User | undefined> {
    const row = await db
      .selectFrom('user_versions')
      .select('snapshot')
      .where('realm_id', '=', realmId)
      .where('user_id', '=', userId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row ? readJson<User>(row.snapshot) : undefined;
  },

  list: listUsers,
};
