import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { AppError, type ErrorCode } from '../../src/errors.ts';
import { createEventLog, type Actor } from '../../src/events/event-log.ts';
import type { DialectName } from '../../src/storage/database.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { createPasswordHasher } from '../../src/platform/passwords.ts';
import { defaultSettings, type Realm, type RealmSettings } from '../../src/realms/realm.ts';
import { sessionStore, type Session } from '../../src/sessions/session-store.ts';
import { writeJson } from '../../src/storage/codec.ts';
import type { Schema } from '../../src/storage/schema.ts';
import { createUserService, type UserService } from '../../src/users/user-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';

/** Shared set-up of the users suites: a database per dialect, two realms, a fake clock, cheap argon2. */
export const operator: Actor = { type: 'operator', id: 'usr_operator' };

export const cheapArgon2 = { memoryKib: 1024, passes: 1, parallelism: 1 };

type UsersSettings = Partial<RealmSettings['users']>;

export async function insertRealm(db: Kysely<Schema>, id: string, users: UsersSettings = {}, at = Date.UTC(2026, 0, 1)): Promise<Realm> {
  const base = defaultSettings();
  const settings: RealmSettings = { ...base, users: { ...base.users, ...users } };
  const realm: Realm = {
    ...settings,
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
  await db
    .insertInto('realms')
    .values({
      id,
      slug: realm.slug,
      name: realm.name,
      state: realm.state,
      reference: null,
      custom: writeJson(realm.custom),
      public_info: writeJson(realm.public_info),
      settings: writeJson(settings),
      is_system: false,
      created_at: at,
      created_by: null,
      updated_at: at,
      updated_by: null,
      version: 1,
    })
    .execute();
  return realm;
}

export interface UsersContext {
  t: TestDatabase;
  db: Kysely<Schema>;
  clock: FakeClock;
  users: UserService;
  realmA: Realm;
  realmB: Realm;
  dispose(): Promise<void>;
}

export async function usersContext(dialect: DialectName): Promise<UsersContext> {
  const t = await createTestDatabase(dialect);
  const db = t.database.db;
  const clock = new FakeClock();
  const users = createUserService({ db, clock, events: createEventLog(clock), hasher: createPasswordHasher(cheapArgon2) });
  const realmA = await insertRealm(db, 'rl_realmA');
  const realmB = await insertRealm(db, 'rl_realmB');
  return { t, db, clock, users, realmA, realmB, dispose: () => t.dispose() };
}

/** A live session of a user, valid for a day from now. */
export function openSession(ctx: UsersContext, realm: Realm, userId: string): Promise<Session> {
  const now = ctx.clock.now();
  return sessionStore.create(ctx.db, { realmId: realm.id, userId, now, expiresAt: now + 86_400_000, ip: '192.0.2.1', userAgent: 'test' });
}

export async function liveSessionIds(ctx: UsersContext, realm: Realm, userId: string): Promise<string[]> {
  const page = await sessionStore.listLiveForUser(ctx.db, realm.id, userId, ctx.clock.now(), { limit: 1000 });
  return page.items.map((s) => s.id).sort();
}

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

export async function eventsOf(db: Kysely<Schema>, realmId: string, userId: string) {
  return db.selectFrom('events').selectAll().where('realm_id', '=', realmId).where('user_id', '=', userId).orderBy('at').orderBy('id').execute();
}
