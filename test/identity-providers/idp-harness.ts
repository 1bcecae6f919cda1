/**
 * Keyrealm (injected, with a fake clock at the real time) and a second, independent OpenID
 * Connect provider (oidc-provider on a random port) for the sign-in tests; and the browser's walk
 * between them: Keyrealm's start (its cookie kept), the provider's login and consent, and back to
 * Keyrealm's callback.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { operator } from '../support/fixtures.ts';
import { send } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import type { DialectName } from '../../src/storage/database.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import type { Config } from '../../src/config/options.ts';
import { startUpstreamOidc, type UpstreamOidc } from './upstream-oidc.ts';

export const PUBLIC_URL = 'http://keyrealm.test';
export const APP_REDIRECT = 'https://app.example.com/idp-done';
/** The PKCE verifier the tests' API client keeps, and the challenge its starts send (RFC 7636 S256). */
export const VERIFIER = 'test-client-verifier-0123456789-abcdefghijklmnop';
export const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
/** Where the walks that do not name a start go: `arrive` exchanges the code there at once, as an API client would. */
const EXCHANGED_REDIRECT = 'https://app.example.com/idp-exchanged';
/** The provider slugs every test realm may use (each is registered upstream for both realms). */
export const SLUGS = ['up', 'up2', 'strict', 'mfa-ok', 'only-link', 'closed', 'domains'];

export interface Harness {
  server: TestServer;
  upstream: UpstreamOidc;
  realm: Realm;
  other: Realm;
  dispose(): Promise<void>;
}

export async function startHarness(dialect: DialectName, tag: string, config: Partial<Config> = {}): Promise<Harness> {
  const server = await startTestServer({ dialect, clock: new FakeClock(Date.now()), config: { allowInsecureUpstreams: true, publicUrl: PUBLIC_URL, ...config } });
  const realm = await server.services.realms.create({ name: `IdP ${tag} A` }, operator);
  const other = await server.services.realms.create({ name: `IdP ${tag} B` }, operator);
  const uris = [realm, other].flatMap((r) => SLUGS.map((slug) => `${PUBLIC_URL}/realms/${r.slug}/auth/idp/${slug}/callback`));
  const upstream = await startUpstreamOidc(uris);
  for (const r of [realm, other]) {
    const app = await send(server, 'POST', `/admin/v1/realms/${r.slug}/applications`, { kind: 'web', name: 'App', redirect_uris: [APP_REDIRECT, EXCHANGED_REDIRECT] }, server.adminHeaders);
    assert.equal(app.statusCode, 201, app.body);
  }
  return {
    server,
    upstream,
    realm,
    other,
    async dispose() {
      await upstream.close();
      await server.dispose();
    },
  };
}

/** Adds an OpenID Connect provider pointing at the upstream; `rules` are the admin API's fields. */
export async function addProvider(h: Harness, slug: string, rules: Record<string, unknown> = {}, realm: Realm = h.realm): Promise<{ id: string; slug: string }> {
  const body = { slug, display_name: `Upstream ${slug}`, oidc: { issuer: h.upstream.issuer, client_id: h.upstream.clientId }, client_secret: h.upstream.clientSecret, ...rules };
  const response = await send(h.server, 'POST', `/admin/v1/realms/${realm.slug}/identity-providers`, body, h.server.adminHeaders);
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

export interface Started {
  /** Where Keyrealm sent the browser. */
  upstreamUrl: string;
  /** The browser's cookie for Keyrealm's callback. */
  cookie: string;
}

const cookieOf = (setCookie: string | string[] | undefined) => String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0];

/** An API client's start at the default redirect URI. */
export const startPath = (realm: Pick<Realm, 'slug'>, idp: string) => `/realms/${realm.slug}/auth/idp/${idp}/start?${new URLSearchParams({ redirect_uri: EXCHANGED_REDIRECT, code_challenge: CHALLENGE })}`;

/** The browser follows an API client's start (`start`: its query; by default to a redirect URI whose code `arrive` exchanges). */
export async function begin(h: Harness, idp: string, options: { realm?: Realm; start?: Record<string, string> } = {}): Promise<Started> {
  const realm = options.realm ?? h.realm;
  const url = `/realms/${realm.slug}/auth/idp/${idp}/start?${new URLSearchParams({ code_challenge: CHALLENGE, ...(options.start ?? { redirect_uri: EXCHANGED_REDIRECT }) })}`;
  const response = await h.server.app.inject({ method: 'GET', url });
  assert.equal(response.statusCode, 302, response.body);
  return { upstreamUrl: String(response.headers.location), cookie: cookieOf(response.headers['set-cookie']) };
}

/** The provider signs `sub` in and sends the browser back: the callback URL with its parameters. */
export async function atUpstream(h: Harness, started: Started, sub: string): Promise<URL> {
  h.upstream.signInAs = sub;
  const back = new URL(await h.upstream.authorize(started.upstreamUrl));
  assert.ok(back.href.startsWith(PUBLIC_URL), back.href);
  return back;
}

/**
 * The browser arrives at Keyrealm's callback (with its cookie unless told otherwise; posting `form`
 * when given, as SAML's HTTP-POST binding does); a code for the default redirect URI is exchanged
 * at once: the answer is then the exchange's (tokens or the next step).
 */
export async function arrive(h: Harness, callback: URL, cookie: string | undefined, form?: Record<string, string>) {
  const headers = { ...(cookie === undefined ? {} : { cookie }), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) };
  const response = await h.server.app.inject({ method: form ? 'POST' : 'GET', url: `${callback.pathname}${callback.search}`, headers, ...(form ? { payload: new URLSearchParams(form).toString() } : {}) });
  const location = response.statusCode === 302 ? new URL(String(response.headers.location)) : undefined;
  if (!location || `${location.origin}${location.pathname}` !== EXCHANGED_REDIRECT) return response;
  const realm = callback.pathname.split('/')[2];
  return send(h.server, 'POST', `/realms/${realm}/auth/idp/token`, { code: location.searchParams.get('code'), redirect_uri: EXCHANGED_REDIRECT, code_verifier: VERIFIER });
}

/** The whole walk: start, the provider, back; the callback's response. */
export async function signInThrough(h: Harness, idp: string, sub: string, options: { realm?: Realm; start?: Record<string, string> } = {}) {
  const started = await begin(h, idp, options);
  return arrive(h, await atUpstream(h, started, sub), started.cookie);
}

export async function eventsOf(h: Harness, type: string, realm: Realm = h.realm) {
  return (await h.server.services.events.list(h.server.database.db, realm.id, { type }, { limit: 50 })).items;
}
