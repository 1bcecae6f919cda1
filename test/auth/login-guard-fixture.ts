/**
 * Set-up of the brute-force guard suites: the guard over each store (the database on SQLite and
 * PostgreSQL, and Redis under a key prefix of its own per run), with the real user service and
 * event log over a fresh test database and a fake clock.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { createDatabaseFailureStore, type FailureStore } from '../../src/auth/login-failure-store.ts';
import { createLoginGuard, type LoginGuard } from '../../src/auth/login-guard.ts';
import { createRedisFailureStore } from '../../src/auth/redis-failure-store.ts';
import { createEventLog, type RequestOrigin } from '../../src/events/event-log.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { newId } from '../../src/platform/ids.ts';
import { createPasswordHasher } from '../../src/platform/passwords.ts';
import type { BruteForcePolicy, Realm } from '../../src/realms/realm.ts';
import type { DialectName } from '../../src/storage/database.ts';
import type { Schema } from '../../src/storage/schema.ts';
import { createUserService, type UserService } from '../../src/users/user-service.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.ts';
import { cheapArgon2, insertRealm, operator } from '../support/fixtures.ts';

export const REDIS_URL = process.env.KEYREALM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const origin: RequestOrigin = { ip: '192.0.2.20', userAgent: 'guard-tests' };

export interface StoreVariant {
  name: string;
  dialect: DialectName;
  redis: boolean;
}

/** The database store on each dialect, and the Redis store (its events and users on SQLite). */
export const storeVariants: StoreVariant[] = [
  ...dialects.map((dialect) => ({ name: `the database on ${dialect}`, dialect, redis: false })),
  { name: 'Redis', dialect: 'sqlite', redis: true },
];

export interface GuardFixture {
  t: TestDatabase;
  db: Kysely<Schema>;
  clock: FakeClock;
  users: UserService;
  store: FailureStore;
  guard: LoginGuard;
  /** Deletes expired rows (database store only; Redis expires keys itself). */
  purge?: (now: number) => Promise<number>;
  /** A new realm with these brute-force settings over the defaults. */
  realm(policy?: Partial<BruteForcePolicy>): Promise<Realm>;
  /** A new user of the realm, with a password; returns its id. */
  user(realm: Realm): Promise<string>;
  events(realmId: string, type: string): Promise<{ user_id: string | null; actor_type: string; details: unknown }[]>;
  dispose(): Promise<void>;
}

export async function guardFixture(variant: StoreVariant): Promise<GuardFixture> {
  const t = await createTestDatabase(variant.dialect);
  const db = t.database.db;
  const clock = new FakeClock();
  const events = createEventLog(clock);
  const users = createUserService({ db, clock, events, hasher: createPasswordHasher(cheapArgon2) });
  const redis = variant.redis ? new Redis(REDIS_URL, { maxRetriesPerRequest: 1 }) : undefined;
  const prefix = `keyrealm:test:${randomBytes(6).toString('hex')}:`;
  const databaseStore = createDatabaseFailureStore(db);
  const store = redis ? createRedisFailureStore({ redis, prefix }) : databaseStore;
  const guard = createLoginGuard({ db, clock, events, store, users });
  let userCounter = 0;
  return {
    t,
    db,
    clock,
    users,
    store,
    guard,
    purge: redis ? undefined : databaseStore.purgeExpired,
    realm: (policy = {}) => insertRealm(db, newId('rl'), { brute_force: policy }),
    async user(realm) {
      return (await users.create(realm, { username: `user-${++userCounter}`, password: 'a fine password' }, operator)).id;
    },
    events: (realmId, type) =>
      db.selectFrom('events').select(['user_id', 'actor_type', 'details']).where('realm_id', '=', realmId).where('type', '=', type).orderBy('at').orderBy('id').execute(),
    async dispose() {
      if (redis) {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length > 0) await redis.del(...keys);
        redis.disconnect();
      }
      await t.dispose();
    },
  };
}
