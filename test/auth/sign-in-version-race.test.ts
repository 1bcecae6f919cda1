import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { beforeNextSession } from './session-race-fixtures.ts';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a quite different passphrase 42';

/**
 * Found by review: a password sign-in checked the password against the user as read then, and made
 * its session later in a transaction of its own. A password reset or a lock landing in between
 * ended every session of the user but the one being made. The session is now made only while the
 * user's record is still at the version the password was checked against.
 */
for (const dialect of dialects) {
  describe(`a password sign-in and a change of its user at once on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let counter = 0;

    async function userOfNewRealm() {
      const realm = await server.services.realms.create({ name: `Version race ${++counter}`, sign_in: { mfa: 'off' } }, operator);
      const email = `race-${counter}@example.com`;
      const user = await server.services.users.create(realm, { email, email_verified: true, password: PASSWORD }, operator);
      return { realm, email, userId: user.id };
    }
    const login = (realm: Realm, email: string, password = PASSWORD) => send(server, 'POST', `/realms/${realm.slug}/auth/login`, { identifier: email, password });
    const liveSessions = async (realm: Realm, userId: string) => (await server.services.users.listSessions(realm, userId, { limit: 50 })).items;
    const signIns = async (realm: Realm, userId: string) =>
      (await server.services.events.list(server.database.db, realm.id, { type: 'user.login.succeeded', userId }, { limit: 50 })).items;

    /** A sign-in with the right password while `change` lands between its check and its session. */
    async function signInDuring(realm: Realm, email: string, change: () => Promise<unknown>) {
      const undo = beforeNextSession(server, realm, change);
      try {
        return await login(realm, email);
      } finally {
        undo();
      }
    }

    it('makes no session when the password is changed between its check and the session', async () => {
      const { realm, email, userId } = await userOfNewRealm();
      const answer = await signInDuring(realm, email, () => server.services.users.setPassword(realm, userId, NEW_PASSWORD, operator));
      assert.equal(answer.statusCode, 401, answer.body);
      assert.equal(errorCode(answer), 'auth.invalid_credentials');
      assert.deepEqual(await liveSessions(realm, userId), []);
      assert.deepEqual(await signIns(realm, userId), []);
      // As if the password were wrong now, but not counted as a wrong guess.
      assert.equal((await server.services.lockout.status(realm, userId)).failures, 0);
      assert.equal((await login(realm, email, NEW_PASSWORD)).statusCode, 200, 'the new password signs in');
    });

    it('makes no session when an operator locks the account meanwhile', async () => {
      const { realm, email, userId } = await userOfNewRealm();
      const answer = await signInDuring(realm, email, () => server.services.users.lock(realm, userId, 'Investigating', operator));
      assert.equal(errorCode(answer), 'auth.invalid_credentials');
      assert.deepEqual(await liveSessions(realm, userId), []);
    });

    it('lets concurrent sign-ins of one user with the right password all in', async () => {
      const { realm, email, userId } = await userOfNewRealm();
      const version = (await server.services.users.get(realm, userId)).version;
      const answers = await Promise.all(Array.from({ length: 5 }, () => login(realm, email)));
      assert.deepEqual(
        answers.map((answer) => answer.statusCode),
        [200, 200, 200, 200, 200],
        answers.map((answer) => answer.body).join('\n'),
      );
      assert.equal(new Set(answers.map((answer) => answer.json().session_id)).size, 5);
      assert.equal((await liveSessions(realm, userId)).length, 5);
      // Recording the last sign-in is not a change of the record: no sign-in moved the version.
      assert.equal((await server.services.users.get(realm, userId)).version, version);
    });
  });
}
