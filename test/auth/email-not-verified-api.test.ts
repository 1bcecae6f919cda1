import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noOrigin } from '../../src/events/event-log.ts';
import type { Realm } from '../../src/realms/realm.ts';
import type { RealmInput } from '../../src/realms/realm-settings.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { PASSWORD } from './fixtures.ts';

/** A self-signed-up account must verify its email before signing in, where the realm requires it (issue #3 §2). */
for (const dialect of dialects) {
  describe(`sign-in before email verification on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realmCounter = 0;

    async function realmWith(input: RealmInput = {}): Promise<Realm> {
      return server.services.realms.create({ name: `Verifying ${++realmCounter}`, ...input }, operator);
    }

    /** A user as self sign-up creates one: `signed_up`, email not verified. */
    const signedUp = async (realm: Realm, email = 'ada@example.com') =>
      (await server.services.users.create(realm, { email, password: PASSWORD }, operator, noOrigin, { signedUp: true })).id;

    const login = (realm: Realm, identifier: string, password = PASSWORD) => send(server, 'POST', `/realms/${realm.slug}/auth/login`, { identifier, password });

    it('refuses the right password with 403 auth.email_not_verified and a wrong one with the generic 401', async () => {
      const realm = await realmWith();
      const adaId = await signedUp(realm);
      const refused = await login(realm, 'ada@example.com');
      assert.equal(refused.statusCode, 403);
      assert.equal(errorCode(refused), 'auth.email_not_verified');
      const wrong = await login(realm, 'ada@example.com', 'not the password');
      assert.equal(wrong.statusCode, 401);
      assert.equal(errorCode(wrong), 'auth.invalid_credentials');
      const events = await server.services.events.list(server.database.db, realm.id, { type: 'user.login.failed', userId: adaId }, { limit: 10 });
      assert.deepEqual(events.items.map((event) => event.details.reason).sort(), ['email_not_verified', 'wrong_password']);
    });

    it('counts a refusal for an unverified email as neither a failure nor a success', async () => {
      const realm = await realmWith({ brute_force: { delay_after: 3, lock_after: 3, permanent_after: 3 } });
      const adaId = await signedUp(realm);
      assert.equal((await login(realm, 'ada@example.com', 'wrong')).statusCode, 401);
      for (let i = 0; i < 5; i++) assert.equal((await login(realm, 'ada@example.com')).statusCode, 403, `attempt ${i}`);
      assert.equal((await server.services.guard.status(realm.id, adaId)).failures, 1, 'the wrong password stays counted, the 403s add nothing');
      assert.equal((await login(realm, 'ada@example.com', 'wrong')).statusCode, 401);
      assert.equal((await login(realm, 'ada@example.com', 'wrong')).statusCode, 401);
      assert.equal((await login(realm, 'ada@example.com')).statusCode, 429, 'the guard answers first');
    });

    it('lets the user in once an operator sets email_verified', async () => {
      const realm = await realmWith();
      const adaId = await signedUp(realm);
      assert.equal((await login(realm, 'ada@example.com')).statusCode, 403);
      const patched = await send(server, 'PATCH', `/admin/v1/realms/${realm.slug}/users/${adaId}`, { email_verified: true }, server.adminHeaders);
      assert.equal(patched.statusCode, 200, patched.body);
      const response = await login(realm, 'ada@example.com');
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().user.id, adaId);
    });

    it('does not apply to accounts an operator made, nor in realms that do not require verification', async () => {
      const requiring = await realmWith();
      await server.services.users.create(requiring, { email: 'grace@example.com', password: PASSWORD }, operator);
      assert.equal((await login(requiring, 'grace@example.com')).statusCode, 200, 'an operator vouches for the accounts they create');
      const relaxed = await realmWith({ users: { registration: { require_email_verification: false } } });
      await signedUp(relaxed);
      assert.equal((await login(relaxed, 'ada@example.com')).statusCode, 200);
    });
  });
}
