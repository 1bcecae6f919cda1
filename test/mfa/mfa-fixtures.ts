/**
 * Shared steps of the second-factor suites: a signed-in user of a realm, enrolment and confirmation
 * through the API, and codes computed the way an authenticator app would.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { base32Decode, hotp, totp, type OtpAlgorithm } from '../../src/mfa/otp.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import { bearer, send } from '../support/http.ts';
import type { TestServer } from '../support/server.ts';

export const PASSWORD = 'correct horse battery staple';
const STEP_MS = 30_000;

let counter = 0;

export interface SignedInUser {
  id: string;
  email: string;
  token: string;
  realm: Realm;
}

/** A new user of the realm, signed in (a fresh sign-in: sensitive changes are allowed for 5 minutes). */
export async function signedInUser(server: TestServer, realm: Realm, label = 'holder'): Promise<SignedInUser> {
  const email = `${label}-${++counter}@example.com`;
  const user = await server.services.users.create(realm, { email, password: PASSWORD }, operator);
  const login = await server.login(realm.slug, email, PASSWORD);
  return { id: user.id, email, token: login.access_token, realm };
}

export const mfaUrl = (user: SignedInUser, path = '') => `/realms/${user.realm.slug}/account/mfa${path}`;

export function call(server: TestServer, user: SignedInUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: unknown) {
  return send(server, method, mfaUrl(user, path), payload, bearer(user.token));
}

export interface Enrolled {
  id: string;
  secret: string;
  uri: string;
  qr_svg: string;
  state: string;
  digits: number;
  algorithm: OtpAlgorithm;
}

export async function enrol(server: TestServer, user: SignedInUser, type: 'totp' | 'hotp', body: Record<string, unknown> = { name: 'Phone' }): Promise<Enrolled> {
  const response = await call(server, user, 'POST', `/${type}`, body);
  assert.equal(response.statusCode, 201, response.body);
  return response.json<Enrolled>();
}

/** The TOTP code an app shows at the server's time, `steps` steps away. */
export function totpNow(server: TestServer, factor: Pick<Enrolled, 'secret' | 'digits' | 'algorithm'>, steps = 0): string {
  return totp(base32Decode(factor.secret), server.clock.now() + steps * STEP_MS, { algorithm: factor.algorithm, digits: factor.digits });
}

export function hotpAt(factor: Pick<Enrolled, 'secret' | 'digits' | 'algorithm'>, count: number): string {
  return hotp(base32Decode(factor.secret), count, { algorithm: factor.algorithm, digits: factor.digits });
}

/** Enrols and confirms a TOTP factor (the confirming code's step is spent), moving the clock to the next step. */
export async function activeTotp(server: TestServer, user: SignedInUser, body?: Record<string, unknown>) {
  const factor = await enrol(server, user, 'totp', body);
  const confirmed = await call(server, user, 'POST', `/${factor.id}/confirm`, { code: totpNow(server, factor) });
  assert.equal(confirmed.statusCode, 200, confirmed.body);
  server.clock.advance(STEP_MS);
  return { ...factor, recovery_codes: confirmed.json<{ recovery_codes: string[] | null }>().recovery_codes };
}

/** Enrols and confirms an HOTP factor with the code of counter 0: the next counter is 1. */
export async function activeHotp(server: TestServer, user: SignedInUser, body?: Record<string, unknown>) {
  const factor = await enrol(server, user, 'hotp', body);
  const confirmed = await call(server, user, 'POST', `/${factor.id}/confirm`, { code: hotpAt(factor, 0) });
  assert.equal(confirmed.statusCode, 200, confirmed.body);
  return { ...factor, recovery_codes: confirmed.json<{ recovery_codes: string[] | null }>().recovery_codes };
}

export function check(server: TestServer, user: SignedInUser, type: 'totp' | 'hotp', code: unknown) {
  return send(server, 'POST', `/realms/${user.realm.slug}/auth/check/mfa/${type}`, { code }, bearer(user.token));
}

export async function isValid(server: TestServer, user: SignedInUser, type: 'totp' | 'hotp', code: string): Promise<boolean> {
  const response = await check(server, user, type, code);
  assert.equal(response.statusCode, 200, response.body);
  return response.json<{ valid: boolean }>().valid;
}

/** Debian's oathtool: an independent implementation, as an authenticator app would compute. */
export function oathtool(args: string[]): string[] {
  return execFileSync('oathtool', args, { encoding: 'utf8' }).trim().split('\n');
}

export const eventsOf = async (server: TestServer, realm: Realm, type: string, userId?: string) =>
  (await server.services.events.list(server.database.db, realm.id, { type, ...(userId ? { userId } : {}) }, { limit: 100 })).items;

export const newRealm = (server: TestServer, name: string) => server.services.realms.create({ name, slug: `${name.toLowerCase()}-${++counter}` }, operator);
