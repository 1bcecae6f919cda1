/** Helpers the authorization suites share: subjects with chosen facts, a realm and a signed-in user. */
import assert from 'node:assert/strict';
import type { DecisionSubject } from '../../src/authorization/decision-subject.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { send } from '../support/http.ts';
import type { TestServer } from '../support/server.ts';

export function subject(facts: Partial<DecisionSubject> = {}): DecisionSubject {
  return {
    realmId: 'rlm_test',
    kind: 'user',
    userId: 'usr_1',
    apiKeyId: null,
    roles: [],
    permissions: [],
    tenant: null,
    access: { type: 'standard' },
    capabilities: null,
    service: null,
    attributes: { tags: [], custom: {} },
    ...facts,
  };
}

let counter = 0;
export const PASSWORD = 'a long and unusual passphrase 7';

export async function createRealm(server: TestServer): Promise<Realm> {
  const response = await send(server, 'POST', '/admin/v1/realms', { name: `Policies ${++counter}` }, server.adminHeaders);
  assert.equal(response.statusCode, 201, response.body);
  const realm = await server.services.lookup.resolve(response.json().id);
  assert.ok(realm);
  return realm;
}

/** A user of the realm (with an access override when given), signed in: its access token. */
export async function signedInUser(server: TestServer, realm: Realm, access?: unknown): Promise<{ id: string; token: string }> {
  const email = `user-${++counter}@example.com`;
  const created = await send(server, 'POST', `/admin/v1/realms/${realm.id}/users`, { email, password: PASSWORD, ...(access ? { access } : {}) }, server.adminHeaders);
  assert.equal(created.statusCode, 201, created.body);
  const login = await server.login(realm.slug, email, PASSWORD);
  return { id: created.json().id, token: login.access_token };
}

export const putPolicy = (server: TestServer, realm: Realm, module: string, policy: string, headers = server.adminHeaders) =>
  send(server, 'PUT', `/admin/v1/realms/${realm.slug}/policies/${module}`, { policy }, headers);
