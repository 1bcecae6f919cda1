/**
 * What the hosted passkey page suites share: a realm that signs in with passkeys, users with a
 * passkey registered through the account API (the answer to the creation options comes from a
 * software authenticator or from Chromium), and reading the options a page embeds.
 */
import assert from 'node:assert/strict';
import type { PasskeySettings, Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import type { OidcTestServer } from '../oidc/oidc-fixtures.ts';

export const PASSWORD = 'correct horse battery staple 9';

let counter = 0;

/** A realm whose first factors are the password and passkeys (second factors: the defaults, passkeys among them, unless given). */
export async function passkeyPageRealm(server: OidcTestServer, passkeys: Partial<PasskeySettings>, firstFactors = ['password', 'passkey'], secondFactors?: string[]): Promise<Realm> {
  const slug = `passkeys-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  const signIn = { first_factors: firstFactors, ...(secondFactors ? { second_factors: secondFactors } : {}) };
  return server.services.realms.create({ name: 'Northwind', slug, sign_in: signIn, passkeys } as never, operator);
}

const json = (token?: string) => ({ 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) });

/**
 * A new user with a password and one passkey: signed in by password (a recent sign-in, which adding
 * a passkey needs), creation options from the account API, `answer` makes the credential. The
 * token stays good for more account changes (a TOTP authenticator, say).
 */
export async function userWithPasskey(server: OidcTestServer, realm: Realm, username: string, answer: (options: never) => Promise<unknown> | unknown, emailVerified = false): Promise<{ id: string; token: string }> {
  const user = await server.services.users.create(realm, { username, email: `${username}@example.com`, email_verified: emailVerified, password: PASSWORD }, operator);
  const issuer = `${server.baseUrl}/realms/${realm.id}`;
  const login = await fetch(`${issuer}/auth/login`, { method: 'POST', headers: json(), body: JSON.stringify({ identifier: username, password: PASSWORD }) });
  assert.equal(login.status, 200, await login.clone().text());
  const { access_token: token } = (await login.json()) as { access_token: string };
  const options = await fetch(`${issuer}/account/passkeys/registration/options`, { method: 'POST', headers: json(token), body: '{}' });
  assert.equal(options.status, 200, await options.clone().text());
  const response = await answer((await options.json()) as never);
  const verified = await fetch(`${issuer}/account/passkeys/registration/verify`, { method: 'POST', headers: json(token), body: JSON.stringify({ response, name: 'Laptop' }) });
  assert.equal(verified.status, 201, await verified.text());
  return { id: user.id, token };
}

const unescapeHtml = (text: string) => text.replace(/&#(\d+);/g, (_whole, code: string) => String.fromCharCode(Number(code)));

/** The request options a page embeds for its passkey form, if it offers one. */
export function embeddedOptions(html: string): { challenge: string; rpId: string; allowCredentials: { id: string }[] } | undefined {
  const match = /data-passkey-options="([^"]+)"/.exec(html);
  return match ? JSON.parse(unescapeHtml(match[1])) : undefined;
}
