import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { perSuite } from '../support/suite.ts';
import { addProvider, APP_REDIRECT, arrive, atUpstream, begin, eventsOf, signInThrough, startHarness } from './idp-harness.ts';

/** Signing in through another OpenID Connect provider (a second oidc-provider with its own keys and accounts), end to end. */
for (const dialect of dialects) {
  describe(`sign-in through an OpenID Connect provider on ${dialect}`, () => {
    const h = perSuite(() => startHarness(dialect, `sign-in ${dialect}`));

    it('a first sign-in creates the account with mapped attributes (1305); the next one signs in to it (1322); the session remembers the provider', async () => {
      const provider = await addProvider(h, 'up', { trust_email: true, mapping: { fields: {}, custom: { dept: 'department' }, tags: ['from-upstream'] } });
      h.upstream.accounts.set('alice-1', { email: 'alice@example.com', email_verified: true, given_name: 'Alice', family_name: 'Liddell', department: 'Wonder' });
      const first = await signInThrough(h, 'up', 'alice-1');
      assert.equal(first.statusCode, 200, first.body);
      const body = first.json();
      assert.deepEqual([body.user.email, body.user.email_verified, body.user.first_name, body.user.last_name, body.user.custom, body.user.tags], ['alice@example.com', true, 'Alice', 'Liddell', { dept: 'Wonder' }, ['from-upstream']]);
      const claims = decodeJwt(body.access_token);
      assert.deepEqual([claims.amr, claims.acr], [['fed'], 'aal1']);
      const session = await h.server.database.db.selectFrom('sessions').select('identity_provider_id').where('id', '=', body.session_id).executeTakeFirstOrThrow();
      assert.equal(session.identity_provider_id, provider.id);
      const [created] = await eventsOf(h, 'user.signed_up.identity_provider');
      assert.equal(created?.code, 1305);
      const logins = await eventsOf(h, 'user.login.succeeded');
      assert.equal(logins[0]?.code, 1322);

      const again = await signInThrough(h, 'up', 'alice-1');
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json().user.id, body.user.id, 'the linked identity signs in to the same account');
      const identities = await send(h.server, 'GET', `/realms/${h.realm.slug}/account/identities`, undefined, bearer(again.json().access_token));
      assert.equal(identities.statusCode, 200, identities.body);
      assert.deepEqual(identities.json().items.map((i: { subject: string; provider_slug: string }) => [i.subject, i.provider_slug]), [['alice-1', 'up']]);
    });
  });
}
