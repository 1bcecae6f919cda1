/**
 * What the OpenID Connect tests share: an in-memory ApplicationDirectory (secrets kept as SHA-256
 * and compared in constant time, as the contract asks), a server composed with it, listening on
 * 127.0.0.1 with its public URL set to that address (openid-client needs real HTTP), and helpers.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Application, ApplicationConsent, ApplicationDirectory } from '../../src/contracts.ts';
import { composeServer, type Server } from '../../src/compose.ts';
import { loadConfig } from '../../src/config/config.ts';
import type { Config } from '../../src/config/options.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import type { Database, DialectName } from '../../src/storage/database.ts';
import { bootstrap } from '../../src/operators/bootstrap.ts';
import { createTestDatabase } from '../support/databases.ts';
import { perSuite } from '../support/suite.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/server.ts';

const sha = (text: string) => createHash('sha256').update(text).digest();

export function memoryApplications() {
  const apps = new Map<string, Application>();
  const secrets = new Map<string, Buffer>();
  const consents = new Map<string, ApplicationConsent>();
  let counter = 0;
  const directory: ApplicationDirectory = {
    async findByClientId(realmId, clientId) {
      return [...apps.values()].find((app) => app.realmId === realmId && app.clientId === clientId);
    },
    async verifySecret(realmId, applicationId, presented) {
      const app = apps.get(applicationId);
      const stored = secrets.get(applicationId);
      return !!app && app.realmId === realmId && !!stored && timingSafeEqual(stored, sha(presented));
    },
    async consent(realmId, userId, applicationId) {
      return consents.get(`${realmId}:${userId}:${applicationId}`);
    },
    async recordConsent(realmId, userId, applicationId, scopes) {
      const key = `${realmId}:${userId}:${applicationId}`;
      const before = consents.get(key);
      const consent = { applicationId, userId, scopes: [...new Set([...(before?.scopes ?? []), ...scopes])], grantedAt: before?.grantedAt ?? Date.now(), updatedAt: Date.now() };
      consents.set(key, consent);
      return consent;
    },
    async isRegisteredReturnUri(realmId, uri, kind) {
      return [...apps.values()].some((app) => app.realmId === realmId && app.enabled && (kind === 'redirect' ? app.redirectUris : app.postLogoutRedirectUris).includes(uri));
    },
  };
  return {
    directory,
    /** Registers an application; answers it and its secret (confidential kinds). */
    add(realmId: string, overrides: Partial<Application> = {}): { app: Application; secret: string } {
      counter += 1;
      const app: Application = {
        id: `app_${counter}`,
        realmId,
        clientId: `client-${counter}-${randomBytes(3).toString('hex')}`,
        kind: 'web',
        name: `App ${counter}`,
        logoUrl: null,
        enabled: true,
        redirectUris: ['https://app.example/callback'],
        postLogoutRedirectUris: ['https://app.example/signed-out'],
        corsOrigins: [],
        grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
        scopes: ['openid', 'profile', 'email', 'phone', 'offline_access'],
        consent: 'implicit',
        accessTokenAudience: null,
        accessTokenMinutes: null,
        refreshTokenDays: null,
        tokenEndpointAuthMethod: 'client_secret_basic',
        jwks: null,
        jwksUri: null,
        backchannelLogoutUri: null,
        frameOrigins: [],
        version: 1,
        ...overrides,
      };
      const secret = randomBytes(24).toString('base64url');
      apps.set(app.id, app);
      secrets.set(app.id, sha(secret));
      return { app, secret };
    },
    update(id: string, changes: Partial<Application>): void {
      const app = apps.get(id);
      if (app) apps.set(id, { ...app, ...changes, version: app.version + 1 });
    },
  };
}

export type MemoryApplications = ReturnType<typeof memoryApplications>;

export interface OidcTestServer extends Server {
  clock: FakeClock;
  config: Config;
  database: Database;
  baseUrl: string;
  apps: MemoryApplications;
  adminHeaders: { authorization: string };
  dispose(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function startOidcServer(dialect: DialectName): Promise<OidcTestServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'keyrealm-oidc-'));
  const config: Config = { ...loadConfig({}), argon2MemoryKib: 1024, argon2Passes: 1, argon2Parallelism: 1, rateLimits: false, publicUrl: baseUrl, dataDir };
  const { database, dispose: disposeDatabase } = await createTestDatabase(dialect);
  const clock = new FakeClock(Date.now());
  const apps = memoryApplications();
  const server = await composeServer(config, { database, clock, logger: pino({ level: 'silent' }), masterKey: randomBytes(32), applications: apps.directory });
  await bootstrap({ realms: server.services.realms, operators: server.services.operators, adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD });
  await server.app.listen({ port, host: '127.0.0.1' });
  const login = await fetch(`${baseUrl}/realms/admin/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: ADMIN_EMAIL, password: ADMIN_PASSWORD }) });
  const { access_token: adminToken } = (await login.json()) as { access_token: string };
  return {
    ...server,
    clock,
    config,
    database,
    baseUrl,
    apps,
    adminHeaders: { authorization: `Bearer ${adminToken}` },
    async dispose() {
      await server.close();
      await disposeDatabase();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function oidcServerPerSuite(dialect: DialectName): OidcTestServer {
  return perSuite(() => startOidcServer(dialect));
}

export const basic = (clientId: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;

export const form = (fields: Record<string, string>) => ({ 'content-type': 'application/x-www-form-urlencoded', body: new URLSearchParams(fields).toString() });

/** Decodes a JWT's header and payload without checking it (tests check signatures elsewhere). */
export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token.split('.');
  return { header: JSON.parse(Buffer.from(header, 'base64url').toString()), payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) };
}
