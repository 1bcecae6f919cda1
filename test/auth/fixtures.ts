import type { TokenSubject } from '../../src/contracts.ts';
/**
 * Shared set-up of the auth suites: a fresh database per dialect with the real realm, key ring and
 * user services, a fake clock, cheap argon2, and the auth service under test. Rate limits are off
 * unless a test asks for them.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createAuthService, type AuthLimits, type AuthService } from '../../src/auth/auth-service.ts';
import { identifierHashing } from '../../src/auth/identifier-hash.ts';
import { createDatabaseFailureStore } from '../../src/auth/login-failure-store.ts';
import { createLoginGuard } from '../../src/auth/login-guard.ts';
import { createPasswordMethod } from '../../src/auth/methods/password.ts';
import { createRateLimiter, type RateLimiter } from '../../src/auth/rate-limiter.ts';
import { createEventLog, type EventLog, type RequestOrigin } from '../../src/events/event-log.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { createPasswordHasher, type PasswordHasher } from '../../src/platform/passwords.ts';
import { createSecretBox } from '../../src/platform/secret-box.ts';
import { createKeyRing, type RealmKeyRing } from '../../src/realms/key-ring.ts';
import { createRealmLookup } from '../../src/realms/realm-lookup.ts';
import { createRealmService, type RealmService } from '../../src/realms/realm-service.ts';
import type { RealmInput } from '../../src/realms/realm-settings.ts';
import type { Realm } from '../../src/realms/realm.ts';
import type { Session } from '../../src/sessions/session-store.ts';
import type { DialectName } from '../../src/storage/database.ts';
import type { Schema } from '../../src/storage/schema.ts';
import { createAccessTokens, type AccessTokens } from '../../src/tokens/access-tokens.ts';
import { createRefreshTokens, refreshTokenMacKey, type RefreshTokens } from '../../src/tokens/refresh-tokens.ts';
import type { NewUserInput } from '../../src/users/user-fields.ts';
import { createUserService, type UserService } from '../../src/users/user-service.ts';
import type { User } from '../../src/users/user.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { cheapArgon2, operator } from '../support/fixtures.ts';

export const PUBLIC_URL = 'https://id.example.test';
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
  refreshTokens: RefreshTokens;
  /** The master key the identifier hash is keyed with. */
  masterKey: Buffer;
  auth: AuthService;
  /** Another auth service over the same database, clock and users: another server instance. */
  authService(options: FixtureOptions): AuthService;
  signIns: [method: string, result: string][];
  /** What the password method warned about (a failed hash upgrade). */
  warnings: string[];
  /** A new active realm; `tokens` and the rest as in a realm PATCH. */
  realm(input?: RealmInput): Promise<Realm>;
  /** A user with PASSWORD unless another (or none: `password: undefined`) is given. */
  user(realm: Realm, input?: NewUserInput): Promise<User>;
  /** A new active realm and one user in it, as `realm()` and `user()` make them. */
  realmWithUser(user: NewUserInput): Promise<{ realm: Realm; user: User }>;
  /** A password sign-in at the service layer, the way the flow engine does it when no second factor follows. */
  login(realm: Realm, credentials: { identifier: string; password: string }, at?: RequestOrigin, auth?: AuthService): ReturnType<AuthService['completeSignIn']>;
  dispose(): Promise<void>;
}

export interface FixtureOptions {
  limits?: Partial<AuthLimits>;
  rateLimiter?: RateLimiter;
  /** Wraps the access tokens the auth service uses (to make signing fail, for instance). */
  wrapAccessTokens?: (tokens: AccessTokens) => AccessTokens;
  /** Wraps the hasher the password method uses (to make hashing fail, for instance). */
  wrapHasher?: (hasher: PasswordHasher) => PasswordHasher;
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
  const refreshTokens = createRefreshTokens({ clock, events, macKey: refreshTokenMacKey(randomBytes(32)) });
  const signIns: [string, string][] = [];
  const warnings: string[] = [];
  const guard = createLoginGuard({ db, clock, events, users, store: createDatabaseFailureStore(db) });
  const masterKey = randomBytes(32);
  const identifierHash = identifierHashing(masterKey);
  const authService = (serviceOptions: FixtureOptions) =>
    createAuthService({
      db,
      clock,
      events,
      users,
      methods: {
        password: createPasswordMethod({
          users,
          hasher: serviceOptions.wrapHasher ? serviceOptions.wrapHasher(hasher) : hasher,
          warn: (details, message) => warnings.push(`${message} ${JSON.stringify(details)}`),
        }),
      },
      accessTokens: serviceOptions.wrapAccessTokens ? serviceOptions.wrapAccessTokens(accessTokens) : accessTokens,
      refreshTokens,
      rateLimiter: serviceOptions.rateLimiter ?? createRateLimiter({ clock }),
      limits: { enabled: false, loginPerIp: 1000, operatorLoginPerIp: 1000, loginPerIdentifier: 1000, refreshPerIp: 1000, ...serviceOptions.limits },
      guard,
      identifierHash,
      metrics: { signIn: (method, result) => signIns.push([method, result]) },
    });
  const service = authService(options);
  const realm = (input: RealmInput = {}) => realms.create({ name: `Realm ${++realmCounter}`, ...input }, operator);
  const user = (target: Realm, input: NewUserInput = {}) => users.create(target, { password: PASSWORD, ...input }, operator);
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
    refreshTokens,
    masterKey,
    auth: service,
    authService,
    async login(target, credentials, at = origin, auth = service) {
      const signedIn = await auth.authenticatePassword(target, credentials, at);
      return auth.completeSignIn(target, signedIn, 'password', { authTime: clock.now(), amr: ['pwd'], acr: 'aal1' }, at);
    },
    signIns,
    warnings,
    realm,
    user,
    async realmWithUser(input) {
      const created = await realm();
      return { realm: created, user: await user(created, input) };
    },
    dispose: () => t.dispose(),
  };
}

export function eventsOfType(f: AuthFixture, realmId: string, type: string) {
  return f.db.selectFrom('events').selectAll().where('realm_id', '=', realmId).where('type', '=', type).orderBy('at').orderBy('id').execute();
}

export async function sessionRow(f: AuthFixture, sessionId: string) {
  return f.db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow();
}

/**
 * For `wrapAccessTokens`: every signature first awaits `beforeSigning` with what it is about to
 * sign, which may look at the database at that moment, or throw to make signing fail.
 */
export function watchSigning(beforeSigning: (realm: Realm, user: TokenSubject, session: Session | null) => Promise<void>) {
  return (tokens: AccessTokens): AccessTokens => ({
    ...tokens,
    signerFor: async (realm) => {
      const signer = await tokens.signerFor(realm);
      return {
        async sign(user, session) {
          await beforeSigning(realm, user, session);
          return signer.sign(user, session);
        },
      };
    },
  });
}

/**
 * A read made from inside a token signer. SQLite has one connection, and an open transaction
 * holds it: a read from outside would wait for the commit, and the commit for the signature.
 * Bounded so that mistake fails, not hangs.
 */
export async function readWhileSigning<T>(read: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const blocked = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('a transaction was open while signing')), 2_000);
  });
  try {
    return await Promise.race([read, blocked]);
  } finally {
    clearTimeout(timer);
  }
}
