/**
 * The composition root: the one place that builds every service and route tree and wires them
 * together, passing each only what it needs. main.ts and the test harness both start here.
 */
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import packageJson from '../package.json' with { type: 'json' };
import { createOperatorAuthenticator } from './auth/operator-authenticator.ts';
import { createAuthService } from './auth/auth-service.ts';
import { createPasswordMethod } from './auth/methods/password.ts';
import { limitPasswordChanges } from './auth/password-change-limit.ts';
import { createRateLimiter } from './auth/rate-limiter.ts';
import type { Config } from './config/options.ts';
import { createEventLog } from './events/event-log.ts';
import { buildApp } from './http/app.ts';
import { createMetrics } from './http/metrics.ts';
import { accountRoutes } from './http/routes/account.ts';
import { accountSessionRoutes } from './http/routes/account-sessions.ts';
import { adminEventRoutes } from './http/routes/admin-events.ts';
import { adminOperatorRoutes } from './http/routes/admin-operators.ts';
import { adminRealmRoutes } from './http/routes/admin-realms.ts';
import { adminUserImportRoutes } from './http/routes/admin-user-import.ts';
import { adminUserRoutes } from './http/routes/admin-users.ts';
import { publicAuthRoutes } from './http/routes/public-auth.ts';
import { publicRealmRoutes } from './http/routes/public-realms.ts';
import { systemRoutes } from './http/routes/system.ts';
import { createOperatorService } from './operators/operator-service.ts';
import { keepSuperadmin } from './operators/superadmin-guard.ts';
import type { Clock } from './platform/clock.ts';
import { createHealthCheck } from './platform/health.ts';
import type { Logger } from './platform/logger.ts';
import { createPasswordHasher } from './platform/passwords.ts';
import { createSecretBox } from './platform/secret-box.ts';
import { createKeyRing } from './realms/key-ring.ts';
import { createRealmLookup } from './realms/realm-lookup.ts';
import { createRealmService } from './realms/realm-service.ts';
import { ADMIN_REALM_SLUG } from './realms/realm.ts';
import { resolveRealm } from './realms/resolve-realm.ts';
import type { Database } from './storage/database.ts';
import { pendingMigrations } from './storage/migrate.ts';
import { createAccessTokens } from './tokens/access-tokens.ts';
import { createRefreshTokens, refreshTokenMacKey } from './tokens/refresh-tokens.ts';
import { createUserService } from './users/user-service.ts';

export const VERSION: string = packageJson.version;

export interface Runtime {
  /** Opened and migrated by the caller, who also closes it. */
  database: Database;
  clock: Clock;
  logger: Logger;
  /** 32 bytes; seals signing keys at rest, and refresh-token macs are keyed from it. */
  masterKey: Buffer;
  /** Shared rate-limit counters across instances; in process when absent. */
  redis?: Redis;
}

/** Every service, without HTTP: main's primary process uses this alone to bootstrap. */
export function composeServices(config: Config, runtime: Runtime) {
  const { database, clock, logger } = runtime;
  const { db } = database;
  const events = createEventLog(clock);
  const hasher = createPasswordHasher({
    memoryKib: config.argon2MemoryKib,
    passes: config.argon2Passes,
    parallelism: config.argon2Parallelism,
  });
  const metrics = createMetrics(database.poolStats);
  const lookup = createRealmLookup(db, clock);
  const keys = createKeyRing({ db, clock, secretBox: createSecretBox(runtime.masterKey) });
  const realms = createRealmService({
    db,
    clock,
    events,
    keys,
    lookup,
    dialect: database.dialect,
    maxRealms: config.maxRealms,
    onBackgroundError: (error) => logger.error({ err: error }, 'a background realm task failed'),
  });
  // Operators are admin-realm users: every change of one checks the superadmin rule in its transaction.
  const users = createUserService({ db, clock, events, hasher, beforeChange: keepSuperadmin });
  const operators = createOperatorService({ db, events, users, lookup, systemRealm: () => resolveRealm(lookup, ADMIN_REALM_SLUG) });
  const rateLimiter = createRateLimiter({ clock, redis: runtime.redis });
  const auth = createAuthService({
    db,
    clock,
    events,
    users,
    methods: { password: createPasswordMethod({ users, hasher }) },
    accessTokens: createAccessTokens({ keys, publicUrl: config.publicUrl, clock }),
    refreshTokens: createRefreshTokens({ clock, events, macKey: refreshTokenMacKey(runtime.masterKey) }),
    rateLimiter,
    limits: {
      enabled: config.rateLimits,
      loginPerIp: config.rateLimitLoginPerIp,
      loginPerIdentifier: config.rateLimitLoginPerIdentifier,
      refreshPerIp: config.rateLimitRefreshPerIp,
    },
    metrics,
  });
  // The signed-in user's own account routes: password changes are limited per user.
  const accountUsers = config.rateLimits
    ? limitPasswordChanges(users, { rateLimiter, perUserPerMinute: config.rateLimitPasswordChangePerUser })
    : users;
  const authenticate = createOperatorAuthenticator({ lookup, validator: auth, operators });
  const health = createHealthCheck({
    version: VERSION,
    dialect: database.dialect,
    ping: database.ping,
    pendingMigrations: () => pendingMigrations(database),
  });
  return { events, lookup, keys, realms, users, accountUsers, operators, auth, authenticate, metrics, health };
}

export type Services = ReturnType<typeof composeServices>;

export interface Server {
  app: FastifyInstance;
  services: Services;
  /** Stops accepting and waits for in-flight requests; the database and Redis stay the caller's. */
  close(): Promise<void>;
}

export async function composeServer(config: Config, runtime: Runtime): Promise<Server> {
  const services = composeServices(config, runtime);
  const { lookup, keys, realms, users, accountUsers, operators, auth, authenticate, metrics, health, events } = services;
  const db = runtime.database.db;
  const app = await buildApp({
    logger: runtime.logger,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    metrics,
    version: VERSION,
    routes: [
      systemRoutes({ health, metrics }),
      publicRealmRoutes({ lookup, keys }),
      publicAuthRoutes({ lookup, auth }),
      accountRoutes({ lookup, auth, users: accountUsers }),
      accountSessionRoutes({ lookup, auth, users }),
      adminRealmRoutes({ realms, lookup, authenticate }),
      adminUserRoutes({ users, lookup, authenticate }),
      adminUserImportRoutes({ users, lookup, authenticate }),
      adminEventRoutes({ lookup, authenticate, listEvents: (realmId, filter, page) => events.list(db, realmId, filter, page) }),
      adminOperatorRoutes({ operators, authenticate }),
    ],
  });
  return {
    app,
    services,
    async close() {
      // close() stops accepting and drops idle keep-alive connections once; a connection whose
      // request finishes later would stay open until the keep-alive timeout, so keep dropping them.
      const reaper = setInterval(() => app.server.closeIdleConnections(), 100);
      try {
        await app.close();
      } finally {
        clearInterval(reaper);
      }
    },
  };
}
