/** What the enrolment suites share: a new user of a realm that requires MFA, stopped at enrolment by their password. */
import assert from 'node:assert/strict';
import type { Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import { send } from '../support/http.ts';
import type { TestServer } from '../support/server.ts';

let counter = 0;

export async function stoppedAtEnrolment(server: TestServer, realm: Realm, password: string) {
  const email = `enrol-${++counter}-${Date.now().toString(36)}@example.com`;
  await server.services.users.create(realm, { email, email_verified: true, password }, operator);
  const step = await send(server, 'POST', `/realms/${realm.slug}/auth/login`, { identifier: email, password });
  assert.equal(step.statusCode, 200, step.body);
  return { email, step: step.json() };
}
