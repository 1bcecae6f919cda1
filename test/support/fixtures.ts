/**
 * Fixtures every suite may share: the acting operator, cheap argon2 parameters, the AppError
 * assertion, and realm and user rows written straight to the database (for suites that test
 * something other than the realm or user services).
 */
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { AppError, type ErrorCode } from '../../src/errors.ts';
import type { Actor } from '../../src/events/event-log.ts';
import { newId } from '../../src/platform/ids.ts';
import { defaultSettings, type Realm, type RealmSettings } from '../../src/realms/realm.ts';
import { realmStore } from '../../src/realms/realm-store.ts';
import type { Schema } from '../../src/storage/schema.ts';
import { emptyUserState } from '../../src/users/user-fields.ts';
import { newUserColumns } from '../../src/users/user-rows.ts';
import type { UserWithSecret } from '../../src/users/user.ts';

export const operator: Actor = { type: 'operator', id: 'usr_operator' };

export const cheapArgon2 = { memoryKib: 1024, passes: 1, parallelism: 1 };

/** Asserts the promise fails with this AppError code, and returns the error for further checks. */
export async function rejectsWith(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, `expected AppError ${code}, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected AppError ${code}, but it succeeded`);
}

/** An active realm with the default settings but for `users`; its slug is the id in kebab case. */
/** Settings a fixture realm overrides, each section merged over the defaults. */
export type SettingsOverrides = { [K in keyof RealmSettings]?: Partial<RealmSettings[K]> };

export async function insertRealm(db: Kysely<Schema>, id: string, overrides: SettingsOverrides = {}, at = Date.UTC(2026, 0, 1)): Promise<Realm> {
  const base = defaultSettings();
  const settings = Object.fromEntries(
    Object.entries(base).map(([key, value]) => [key, { ...value, ...overrides[key as keyof RealmSettings] }]),
  ) as unknown as RealmSettings;
  const realm: Realm = {
    ...settings,
    resource_links: overrides.resource_links ? [...(overrides.resource_links as RealmSettings['resource_links'])] : base.resource_links,
    id,
    slug: id.replaceAll('_', '-').toLowerCase(),
    name: id,
    state: 'active',
    reference: null,
    custom: {},
    public_info: { display_name: null, description: null, logo_url: null },
    is_system: false,
    created_at: at,
    created_by: null,
    updated_at: at,
    updated_by: null,
    version: 1,
  };
  await realmStore.insert(db, realm);
  return realm;
}

/**
 * A live user row with no password, tags or version history, named after its id. The email is
 * stored as given (the user service would have lower-cased it) and searched lower-cased.
 */
export async function insertUser(db: Kysely<Schema>, realmId: string, at: number, email: string | null = null): Promise<string> {
  const id = newId('usr');
  const user: UserWithSecret = {
    ...emptyUserState(),
    id,
    realm_id: realmId,
    username: id.toLowerCase(),
    email,
    locked: false,
    locked_reason: null,
    has_password: false,
    signed_up: false,
    password_hash: null,
    last_login_at: null,
    created_at: at,
    created_by: null,
    updated_at: at,
    updated_by: null,
    version: 1,
  };
  await db
    .insertInto('users')
    .values({ ...newUserColumns(realmId, user, false), email_search: email?.toLowerCase() ?? null })
    .execute();
  return id;
}
