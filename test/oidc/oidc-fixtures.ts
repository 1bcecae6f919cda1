/**
 * What the OpenID Connect tests share: applications registered through the real service, a server listening on
 * 127.0.0.1 with its public URL set to that address (openid-client needs real HTTP), and helpers.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as client from 'openid-client';
import pino from 'pino';
import type { Application } from '../../src/contracts.ts';
import { composeServer, type Server, type Services } from '../../src/compose.ts';
import { noOrigin } from '../../src/events/event-log.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import { loadConfig } from '../../src/config/config.ts';
import type { Config } from '../../src/config/options.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import type { Database, DialectName } from '../../src/storage/database.ts';
import { bootstrap } from '../../src/operators/bootstrap.ts';
import { createTestDatabase } from '../support/databases.ts';
import { perSuite } from '../support/suite.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/server.ts';

/** Application fields in the contract's names, as the tests write them. */
export type AppOverrides = Partial<Omit<Application, 'id' | 'realmId' | 'clientId' | 'version'>>;

const FIELD_NAMES: Record<string, string> = {
  kind: 'kind',
  name: 'name',
  logoUrl: 'logo_url',
  enabled: 'enabled',
  redirectUris: 'redirect_uris',
  postLogoutRedirectUris: 'post_logout_redirect_uris',
  corsOrigins: 'cors_origins',
  grantTypes: 'grant_types',
  scopes: 'scopes',
  consent: 'consent',
  accessTokenAudience: 'access_token_audience',
  accessTokenMinutes: 'access_token_minutes',
  refreshTokenDays: 'refresh_token_days',
  tokenEndpointAuthMethod: 'token_endpoint_auth_method',
  jwks: 'jwks',
  jwksUri: 'jwks_uri',
  backchannelLogoutUri: 'backchannel_logout_uri',
  frameOrigins: 'frame_origins',
};

const fields = (overrides: AppOverrides) => Object.fromEntries(Object.entries(overrides).map(([key, value]) => [FIELD_NAMES[key], value]));

/** Registers applications through the real applications service (a web app with a secret unless told otherwise). */
export function applicationsOf(services: Services) {
  let counter = 0;
  return {
    async add(realm: Realm, overrides: AppOverrides = {}): Promise<{ app: Application; secret: string }> {
      counter += 1;
      const defaults: AppOverrides = { kind: 'web', name: `App ${counter}`, consent: 'implicit', redirectUris: ['https://app.example/callback'], postLogoutRedirectUris: ['https://app.example/signed-out'] };
      const kind = overrides.kind ?? 'web';
      const base: AppOverrides = kind === 'machine' ? { kind, name: `App ${counter}` } : kind === 'device' ? { kind, name: `App ${counter}`, consent: 'implicit' } : defaults;
      const input = { ...fields(base), ...fields(overrides) };
      const made = await services.applications.create(realm, input as never, operator, noOrigin);
      return { app: made.application, secret: made.clientSecret ?? '' };
    },
    async update(realm: Realm, clientId: string, changes: AppOverrides): Promise<void> {
      await services.applications.update(realm, clientId, fields(changes) as never, operator, noOrigin);
    },
  };
}

export interface OidcTestServer extends Server {
  clock: FakeClock;
  config: Config;
  database: Database;
  baseUrl: string;
  apps: ReturnType<typeof applicationsOf>;
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

/**
 * `overrides`: configuration beyond the tests' defaults (an SMTP sink's URL, an SMS provider).
 * `host`: the public URL's (`localhost` where WebAuthn needs a domain, not an address); it listens on 127.0.0.1 either way.
 */
export async function startOidcServer(dialect: DialectName, overrides: Partial<Config> = {}, host = '127.0.0.1', logger: pino.Logger = pino({ level: 'silent' })): Promise<OidcTestServer> {
  const port = await freePort();
  const baseUrl = `http://${host}:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'keyrealm-oidc-'));
  const config: Config = { ...loadConfig({}), argon2MemoryKib: 1024, argon2Passes: 1, argon2Parallelism: 1, rateLimits: false, publicUrl: baseUrl, dataDir, ...overrides };
  const { database, dispose: disposeDatabase } = await createTestDatabase(dialect);
  const clock = new FakeClock(Date.now());
  const server = await composeServer(config, { database, clock, logger, masterKey: randomBytes(32) });
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
    apps: applicationsOf(server.services),
    adminHeaders: { authorization: `Bearer ${adminToken}` },
    async dispose() {
      await server.close();
      await disposeDatabase();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** `overrides` is read when the suite starts, so it may name fixtures started just before (an SMTP sink). */
export function oidcServerPerSuite(dialect: DialectName, overrides: () => Partial<Config> = () => ({}), host?: string): OidcTestServer {
  return perSuite(() => startOidcServer(dialect, overrides(), host));
}

export const basic = (clientId: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;

export const form = (fields: Record<string, string>) => ({ 'content-type': 'application/x-www-form-urlencoded', body: new URLSearchParams(fields).toString() });

/** Decodes a JWT's header and payload without checking it (tests check signatures elsewhere). */
export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token.split('.');
  return { header: JSON.parse(Buffer.from(header, 'base64url').toString()), payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) };
}

/** An application's authorization request with PKCE, state and nonce, as openid-client builds it. */
export async function authorizationRequest(config: client.Configuration, redirectUri: string, extra: Record<string, string> = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = randomBytes(8).toString('hex');
  const nonce = randomBytes(8).toString('hex');
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile email',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { url, verifier, state, nonce };
}
