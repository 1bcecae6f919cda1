/**
 * Shared steps of the passkey suites: a realm with passkey settings (made through the admin API),
 * a signed-in user of it, and registration through the account routes with a software
 * authenticator.
 */
import assert from 'node:assert/strict';
import type { PasskeySettings, Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import { bearer, send } from '../support/http.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestServer } from '../support/server.ts';
import { SoftAuthenticator, type CreationOptionsJson, type Lies } from './soft-authenticator.ts';

export const PASSWORD = 'correct horse battery staple';
export const RP_ID = 'localhost';
export const ORIGIN = 'https://login.localhost';

let counter = 0;

/** A realm whose passkeys belong to `localhost` and are accepted from ORIGIN (unless overridden). */
export async function passkeyRealm(server: TestServer, passkeys: Partial<PasskeySettings> = { rp_id: RP_ID, allowed_origins: [ORIGIN] }): Promise<Realm> {
  // A fresh operator token: suites move the clock past the first one's lifetime.
  const admin = await server.login('admin', ADMIN_EMAIL, ADMIN_PASSWORD);
  // MFA off: these suites sign holders in again by password after they own a passkey; whether the
  // passkey is then asked for as a second factor is the flow tests' business.
  const body = { name: `Passkeys ${++counter}`, passkeys, sign_in: { mfa: 'off' } };
  const response = await send(server, 'POST', '/admin/v1/realms', body, bearer(admin.access_token));
  assert.equal(response.statusCode, 201, response.body);
  const realm = await server.services.lookup.resolve(response.json<{ id: string }>().id);
  assert.ok(realm);
  return realm;
}

export interface Holder {
  id: string;
  email: string;
  token: string;
  realm: Realm;
}

/** A new user of the realm, freshly signed in with a password (a recent sign-in for five minutes). */
export async function holder(server: TestServer, realm: Realm, label = 'holder'): Promise<Holder> {
  const email = `${label}-${++counter}@example.com`;
  const user = await server.services.users.create(realm, { email, password: PASSWORD }, operator);
  const login = await server.login(realm.slug, email, PASSWORD);
  return { id: user.id, email, token: login.access_token, realm };
}

/** Signs the holder in again: a fresh token (and a fresh auth_time). */
export async function refreshSignIn(server: TestServer, who: Holder): Promise<Holder> {
  return { ...who, token: (await server.login(who.realm.slug, who.email, PASSWORD)).access_token };
}

export const accountUrl = (who: Holder, path = '') => `/realms/${who.realm.slug}/account/passkeys${path}`;

export function call(server: TestServer, who: Holder, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: unknown) {
  return send(server, method, accountUrl(who, path), payload, bearer(who.token));
}

export async function creationOptions(server: TestServer, who: Holder): Promise<CreationOptionsJson> {
  const response = await call(server, who, 'POST', '/registration/options', {});
  assert.equal(response.statusCode, 200, response.body);
  return response.json<CreationOptionsJson>();
}

export function authenticator(overrides: Partial<ConstructorParameters<typeof SoftAuthenticator>[0]> = {}): SoftAuthenticator {
  return new SoftAuthenticator({ rpId: RP_ID, origin: ORIGIN, ...overrides });
}

/** Options, then the authenticator's answer: the raw response of the verify call. */
export async function attemptRegistration(server: TestServer, who: Holder, device: SoftAuthenticator, lies: Lies = {}, name?: string) {
  const options = await creationOptions(server, who);
  return call(server, who, 'POST', '/registration/verify', { response: device.create(options, lies), ...(name === undefined ? {} : { name }) });
}

export interface RegisteredPasskey {
  id: string;
  name: string;
  credential_id: string;
  device_type: string;
  backed_up: boolean;
  transports: string[];
  aaguid: string;
  created_at: string;
  last_used_at: string | null;
}

export async function register(server: TestServer, who: Holder, device: SoftAuthenticator = authenticator(), name?: string): Promise<RegisteredPasskey> {
  const response = await attemptRegistration(server, who, device, {}, name);
  assert.equal(response.statusCode, 201, response.body);
  return response.json<RegisteredPasskey>();
}

/** The realm's events of one type (about one user, when given), newest first. */
export async function eventsOf(server: TestServer, realm: Realm, type: string, userId?: string) {
  const page = await server.services.events.list(server.database.db, realm.id, { type, ...(userId ? { userId } : {}) }, { limit: 100 });
  return page.items;
}
