import type { Kysely } from 'kysely';
import { createEventLog } from '../../src/events/event-log.ts';
import type { DialectName } from '../../src/storage/database.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { createPasswordHasher } from '../../src/platform/passwords.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { sessionStore, type Session } from '../../src/sessions/session-store.ts';
import type { Schema } from '../../src/storage/schema.ts';
import { createUserService, type UserService } from '../../src/users/user-service.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { cheapArgon2, insertRealm } from '../support/fixtures.ts';

/** Shared set-up of the users suites: a database per dialect, two realms, a fake clock, cheap argon2. */
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

export async function eventsOf(db: Kysely<Schema>, realmId: string, userId: string) {
  return db.selectFrom('events').selectAll().where('realm_id', '=', realmId).where('user_id', '=', userId).orderBy('at').orderBy('id').execute();
}
