import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { noOrigin } from '../../src/events/event-log.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite, type TestServer } from '../support/server.ts';
import { spa } from './application-fixtures.ts';

const PASSWORD = 'correct horse battery staple';
let counter = 0;

/** A user's own view of the applications they let in, and withdrawing a consent. */
for (const dialect of dialects) {
  describe(`account applications API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realm: Realm;
    let other: Realm;
    before(async () => {
      realm = await newRealm(server);
      other = await newRealm(server);
    });

    const signedInUser = async (r: Realm) => {
      const email = `consenter-${++counter}@example.com`;
      const user = await server.services.users.create(r, { email, password: PASSWORD }, operator);
      return { id: user.id, headers: bearer((await server.login(r.slug, email, PASSWORD)).access_token) };
    };
    const newApp = async (r: Realm, name: string, logo: string | null = null) =>
      (await server.services.applications.create(r, { ...spa, name, logo_url: logo }, operator, noOrigin)).application.clientId;
    const list = (r: Realm, headers: Record<string, string>) => send(server, 'GET', `/realms/${r.slug}/account/applications`, undefined, headers);
    const revoke = (r: Realm, headers: Record<string, string>, app: string) => send(server, 'DELETE', `/realms/${r.slug}/account/applications/${app}`, undefined, headers);

    it('lists the applications the user consented to, most recent first, and revokes one', async () => {
      const me = await signedInUser(realm);
      const someoneElse = await signedInUser(realm);
      const first = await newApp(realm, 'First', 'https://cdn.example.com/first.png');
      const second = await newApp(realm, 'Second');
      const directory = server.services.applications;
      await directory.recordConsent(realm.id, me.id, first, ['openid', 'email'], noOrigin);
      server.clock.advance(1000);
      await directory.recordConsent(realm.id, me.id, second, ['openid'], noOrigin);
      await directory.recordConsent(realm.id, someoneElse.id, first, ['openid'], noOrigin);

      const listed = await list(realm, me.headers);
      assert.equal(listed.statusCode, 200, listed.body);
      const items = listed.json().items;
      assert.deepEqual(items.map((i: { client_id: string }) => i.client_id), [second, first]);
      assert.deepEqual(items[1], { id: first, client_id: first, name: 'First', logo_url: 'https://cdn.example.com/first.png', scopes: ['openid', 'email'], granted_at: new Date(server.clock.now() - 1000).toISOString() });

      const revoked = await revoke(realm, me.headers, first);
      assert.equal(revoked.statusCode, 204, revoked.body);
      assert.deepEqual((await list(realm, me.headers)).json().items.map((i: { client_id: string }) => i.client_id), [second]);
      assert.equal(await directory.consent(realm.id, me.id, first), undefined);
      // Another user's consent to the same application is theirs to keep.
      assert.ok(await directory.consent(realm.id, someoneElse.id, first));
      const again = await revoke(realm, me.headers, first);
      assert.equal(again.statusCode, 404);
      assert.equal(errorCode(again), 'application.consent_not_found');

      const [event] = (await server.services.events.list(server.database.db, realm.id, { type: 'user.consent_revoked' }, { limit: 10 })).items;
      assert.equal(event.user_id, me.id);
      assert.deepEqual(event.details, { client_id: first });
      assert.equal((await server.services.events.list(server.database.db, realm.id, { type: 'user.consent_granted', userId: me.id }, { limit: 10 })).items.length, 2);
    });

    it("cannot see or revoke across realms, nor without a valid token", async () => {
      const me = await signedInUser(realm);
      const stranger = await signedInUser(other);
      const app = await newApp(realm, 'Mine');
      await server.services.applications.recordConsent(realm.id, me.id, app, ['openid'], noOrigin);
      // A token of another realm is refused; a user of another realm has no consent to this app.
      assert.equal((await list(realm, stranger.headers)).statusCode, 401);
      assert.equal((await revoke(realm, stranger.headers, app)).statusCode, 401);
      assert.equal((await revoke(other, stranger.headers, app)).statusCode, 404);
      assert.deepEqual((await list(other, stranger.headers)).json().items, []);
      assert.equal((await list(realm, {})).statusCode, 401);
      assert.equal((await list(realm, bearer('not-a-token'))).statusCode, 401);
      assert.equal((await revoke(realm, me.headers, 'x'.repeat(101))).statusCode, 414);
      assert.ok(await server.services.applications.consent(realm.id, me.id, app));
    });
  });
}

async function newRealm(server: TestServer): Promise<Realm> {
  const response = await send(server, 'POST', '/admin/v1/realms', { name: `Consents ${++counter}` }, server.adminHeaders);
  assert.equal(response.statusCode, 201, response.body);
  const realm = await server.services.lookup.resolve(response.json().id);
  assert.ok(realm);
  return realm;
}
