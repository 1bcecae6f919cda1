/**
 * startTestServer: the whole Keyrealm (every service and route, composed as in production) over a
 * fresh test database of the given dialect, driven with `app.inject()` — no port is opened.
 *
 * - argon2 is cheap (1 MiB, 1 pass) and rate limits are off unless `config: { rateLimits: true }`.
 * - Time comes from a FakeClock (pass your own, or use `server.clock.advance(ms)`).
 * - The admin realm exists and one superadmin operator (ADMIN_EMAIL / ADMIN_PASSWORD, id `adminId`)
 *   is signed in: send `headers: server.adminHeaders` (or build your own from `adminToken`) to /admin/v1.
 * - `services` are the composed services (e.g. `services.events.list(...)`), `database` the open database.
 * - `login(realm, identifier, password)` signs anyone in through POST /realms/{realm}/auth/login and
 *   returns the response body (throws with the response when it is not 200).
 * - `dispose()` closes the app and drops the database; call it in `after()`, or let
 *   `serverPerSuite` start and dispose the server around a suite's tests.
 *
 *   for (const dialect of dialects) describe(`… on ${dialect}`, () => {
 *     const server = serverPerSuite({ dialect });
 *     it('…', async () => {
 *       const res = await server.app.inject({ method: 'POST', url: '/admin/v1/realms', headers: server.adminHeaders, payload: { name: 'A' } });
 *     });
 *   });
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { composeServer, type Services } from '../../src/compose.ts';
import { loadConfig } from '../../src/config/config.ts';
import type { Housekeeping } from '../../src/storage/housekeeping.ts';
import type { MailWorker } from '../../src/mail/mail-worker.ts';
import type { DeliveryWorker } from '../../src/webhooks/delivery-worker.ts';
import type { Config } from '../../src/config/options.ts';
import { bootstrap } from '../../src/operators/bootstrap.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import type { Logger } from '../../src/platform/logger.ts';
import type { Database, DialectName } from '../../src/storage/database.ts';
import { createTestDatabase } from './databases.ts';
import { perSuite } from './suite.ts';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'operator-password-1';

export interface TestServerOptions {
  dialect: DialectName;
  /** Overrides of the defaults (plus cheap argon2 and rate limits off). */
  config?: Partial<Config>;
  clock?: FakeClock;
  /** Silent by default; pass one to inspect what the server logs. */
  logger?: Logger;
  /** Where mail goes (e.g. an SmtpSink's url); unset: the outbox in the server's temporary data directory. */
  smtpUrl?: string;
  /** Random by default; give one to open what the server sealed (e.g. a second mail worker). */
  masterKey?: Buffer;
}

/** The body of a successful login. */
export interface LoginBody {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number | null;
  refresh_token?: string;
  session_id: string | null;
  user: Record<string, unknown> & { id: string };
}

export interface TestServer {
  app: FastifyInstance;
  clock: FakeClock;
  services: Services;
  database: Database;
  config: Config;
  /** Sends queued mail; `await mailWorker.drain()` sends everything due now. */
  mailWorker: MailWorker;
  /** Sends queued webhook deliveries; `await webhookWorker.drain()` sends everything due now. */
  webhookWorker: DeliveryWorker;
  /** `await housekeeping.runOnce()` purges what has expired by the server's clock. */
  housekeeping: Housekeeping;
  /** The superadmin operator's id (its user id in the admin realm), access token, and the headers that send it. */
  adminId: string;
  adminToken: string;
  adminHeaders: { authorization: string };
  login(realm: string, identifier: string, password: string): Promise<LoginBody>;
  dispose(): Promise<void>;
}

/** The configuration tests run with: the defaults, with cheap argon2, rate limits off and a test public URL, then `overrides`. */
export function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), argon2MemoryKib: 1024, argon2Passes: 1, argon2Parallelism: 1, rateLimits: false, publicUrl: 'http://keyrealm.test', dataDir, ...overrides };
}

export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const clock = options.clock ?? new FakeClock();
  // A fresh data directory (the mail outbox), removed on dispose: tests never write into ./data.
  const dataDir = await mkdtemp(join(tmpdir(), 'keyrealm-test-'));
  const config = testConfig(dataDir, { smtpUrl: options.smtpUrl, ...options.config });
  const { database, dispose: disposeDatabase } = await createTestDatabase(options.dialect);
  const logger = options.logger ?? pino({ level: 'silent' });
  const server = await composeServer(config, { database, clock, logger, masterKey: options.masterKey ?? randomBytes(32) });
  await bootstrap({ realms: server.services.realms, operators: server.services.operators, adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD });
  await server.app.ready();

  async function login(realm: string, identifier: string, password: string): Promise<LoginBody> {
    const response = await server.app.inject({ method: 'POST', url: `/realms/${realm}/auth/login`, payload: { identifier, password } });
    if (response.statusCode !== 200) throw new Error(`login to ${realm} as ${identifier} gave ${response.statusCode}: ${response.body}`);
    return response.json<LoginBody>();
  }

  const signedIn = await login('admin', ADMIN_EMAIL, ADMIN_PASSWORD);
  const adminToken = signedIn.access_token;
  return {
    app: server.app,
    clock,
    services: server.services,
    database,
    config,
    mailWorker: server.mailWorker,
    webhookWorker: server.webhookWorker,
    housekeeping: server.housekeeping,
    adminId: signedIn.user.id,
    adminToken,
    adminHeaders: { authorization: `Bearer ${adminToken}` },
    login,
    async dispose() {
      await server.close();
      await disposeDatabase();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A test server for the enclosing `describe`, started before its tests and disposed after them (see `perSuite`). */
export function serverPerSuite(options: TestServerOptions): TestServer {
  return perSuite(() => startTestServer(options));
}
