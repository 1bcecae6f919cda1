/**
 * Shared set-up of the auth suites: a fresh database per dialect with the real realm, key ring and
 * user services, a fake clock, cheap argon2, and the auth service under test. Rate limits are off
 * unless a test asks for them.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createAuthService, type AuthLimits, type AuthService } from '../../src/auth/auth-service.ts';
import { createPasswordMethod } from '../../src/auth/methods/password.ts';
import { createRateLimiter, type RateLimiter } from '../../src/auth/rate-limiter.ts';
import { AppError, type ErrorCode } from '../../src/errors.ts';
import { createEventLog, type Actor, type EventLog, type RequestOrigin } from '../../src/events/event-log.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { createPasswordHasher, type PasswordHasher } from '../../src/platform/passwords.ts';
import { createSecretBox } from '../../src/platform/secret-box.ts';
import { createKeyRing, type RealmKeyRing } from '../../src/realms/key-ring.ts';
import { createRealmLookup } from '../../src/realms/realm-lookup.ts';
import { createRealmService, type RealmService } from '../../src/realms/realm-service.ts';
import type { RealmInput } from '../../src/realms/realm-settings.ts';
import type { Realm } from '../../src/realms/realm.ts';
import type { DialectName } from '../../src/storage/database.ts';
import type { Schema } from '../../src/storage/schema.ts';
import { createAccessTokens, type AccessTokens } from '../../src/tokens/access-tokens.ts';
import type { NewUserInput } from '../../src/users/user-fields.ts';
import { createUserService, type UserService } from '../../src/users/user-service.ts';
import type { User } from '../../src/users/user.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';

export const cheapArgon2 = { memoryKib: 1024, passes: 1, parallelism: 1 };
export const PUBLIC_URL = 'https://id.example.test';
export const operator: Actor = { type: 'operator', id: 'usr_operator' };
export const origin: RequestOrigin = { ip: '192.0.2.10', userAgent: 'auth-tests' };
export const PASSWORD = 'correct horse battery';

export interface AuthFixture {
  t: TestDatabase;
  db: Kysely<Schema>;
  clock: FakeClock;
  events: EventLog;
  keys: RealmKeyRing;
  realms: RealmService;
  users: UserService;
  hasher: PasswordHasher;
  accessTokens: AccessTokens;
  auth: AuthService;
  /** Another auth service over the same database, clock and users: another server instance. */
  authService(options: FixtureOptions): AuthService;
  signIns: [method: string, result: string][];
  /** A new active realm; `tokens` and the rest as in a realm PATCH. */
  realm(input?: RealmInput): Promise<Realm>;
  /** A user with PASSWORD unless another (or none: `password: undefined`) is given. */
  user(realm: Realm, input?: NewUserInput): Promise<User>;
  dispose(): Promise<void>;
}

export interface FixtureOptions {
  limits?: Partial<AuthLimits>;
  rateLimiter?: RateLimiter;
  /** Wraps the access tokens the auth service uses (to make signing fail, for instance). */
  wrapAccessTokens?: (tokens: AccessTokens) => AccessTokens;
}

let realmCounter = 0;

export async function authFixture(dialect: DialectName, options: FixtureOptions = {}): Promise<AuthFixture> {
  const t = await createTestDatabase(dialect);
  const db = t.database.db;
  const clock = new FakeClock();
  const events = createEventLog(clock);
  const keys = createKeyRing({ db, clock, secretBox: createSecretBox(randomBytes(32)) });
  const lookup = createRealmLookup(db, clock);
  const realms = createRealmService({ db, dialect, clock, events, keys, lookup, maxRealms: 100, onBackgroundError: (error) => assert.fail(String(error)) });
  const hasher = createPasswordHasher(cheapArgon2);
  const users = createUserService({ db, clock, events, hasher });
  const accessTokens = createAccessTokens({ keys, publicUrl: PUBLIC_URL, clock });
  const signIns: [string, string][] = [];
  const authService = (serviceOptions: FixtureOptions) =>
    createAuthService({
      db,
      clock,
      events,
      users,
      methods: { password: createPasswordMethod({ users, hasher }) },
      accessTokens: serviceOptions.wrapAccessTokens ? serviceOptions.wrapAccessTokens(accessTokens) : accessTokens,
      rateLimiter: serviceOptions.rateLimiter ?? createRateLimiter({ clock }),
      limits: { enabled: false, loginPerIp: 1000, loginPerIdentifier: 1000, refreshPerIp: 1000, ...serviceOptions.limits },
      metrics: { signIn: (method, result) => signIns.push([method, result]) },
    });
  return {
    t,
    db,
    clock,
    events,
    keys,
    realms,
    users,
    hasher,
    accessTokens,
    auth: authService(options),
    authService,
    signIns,
    realm: (input = {}) => realms.create({ name: `Realm ${++realmCounter}`, ...input }, operator),
    user: (realm, input = {}) => users.create(realm, { password: PASSWORD, ...input }, operator),
    dispose: () => t.dispose(),
  };
}

/** Asserts the promise fails with this AppError code and returns the error. */
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

export function eventsOfType(f: AuthFixture, realmId: string, type: string) {
  return f.db.selectFrom('events').selectAll().where('realm_id', '=', realmId).where('type', '=', type).orderBy('at').orderBy('id').execute();
}

export async function sessionRow(f: AuthFixture, sessionId: string) {
  return f.db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow();
}
