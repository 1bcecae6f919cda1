import assert from 'node:assert/strict';
import type { Realm } from '../../src/realms/realm.ts';
import { bearer, send } from '../support/http.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestServer } from '../support/server.ts';

export const PASSWORD = 'correct horse battery staple 9';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * The admin API of one server, as its superadmin; `ok` asserts the status and returns the body.
 * A test that moves the clock outlives the operator's token: it signs in again when refused.
 */
export function adminApi(server: TestServer) {
  let token = server.adminToken;
  const call = async (method: Method, path: string, payload?: unknown) => {
    const response = await send(server, method, path, payload, bearer(token));
    if (response.statusCode !== 401) return response;
    token = (await server.login('admin', ADMIN_EMAIL, ADMIN_PASSWORD)).access_token;
    return send(server, method, path, payload, bearer(token));
  };
  return {
    call,
    async ok(method: Method, path: string, payload?: unknown, status = method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200) {
      const response = await call(method, path, payload);
      assert.equal(response.statusCode, status, `${method} ${path} → ${response.body}`);
      return response.statusCode === 204 ? undefined : response.json();
    },
  };
}

let counter = 0;

/** A new realm through the admin API, with the given settings. */
export async function newRealm(server: TestServer, settings: Record<string, unknown> = {}): Promise<Realm> {
  const response = await adminApi(server).call('POST', '/admin/v1/realms', { name: `Roles ${++counter}`, ...settings });
  assert.equal(response.statusCode, 201, response.body);
  const realm = await server.services.lookup.resolve(response.json().id);
  assert.ok(realm);
  return realm;
}

/** A user created by the operator, with a password to sign in with. */
export async function newUser(server: TestServer, realm: Realm, username = `user${++counter}`): Promise<string> {
  const response = await adminApi(server).call('POST', `/admin/v1/realms/${realm.slug}/users`, { username, password: PASSWORD });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().id;
}

/** The payload of a JWT, unchecked (the tests read what the server signed). */
export function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}
