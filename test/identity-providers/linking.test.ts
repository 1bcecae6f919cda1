import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { perSuite } from '../support/suite.ts';
import { addProvider, APP_REDIRECT, VERIFIER, eventsOf, signInThrough, startHarness, type Harness } from './idp-harness.ts';

const PASSWORD = 'correct horse battery staple';

/** Which upstream accounts may sign in to or link with which local ones: never a takeover. */
for (const dialect of dialects) {
  describe(`linking upstream accounts on ${dialect}`, () => {
    const h: Harness = perSuite(() => startHarness(dialect, `linking ${dialect}`));
    const identityCount = async () => Number((await h.server.database.db.selectFrom('user_identities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const userCount = async () => Number((await h.server.database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('realm_id', '=', h.realm.id).executeTakeFirstOrThrow()).n);
    const localUser = async (email: string, emailVerified: boolean) => {
      const response = await send(h.server, 'POST', `/admin/v1/realms/${h.realm.slug}/users`, { email, email_verified: emailVerified, password: PASSWORD }, h.server.adminHeaders);
      assert.equal(response.statusCode, 201, response.body);
      return response.json() as { id: string };
    };
    /** The signed-in user's link: a start with intent=link, the provider, then the code with their token. */
    const linkWith = async (idp: string, sub: string, token: string) => {
      const back = await signInThrough(h, idp, sub, { start: { redirect_uri: APP_REDIRECT, intent: 'link' } });
      assert.equal(back.statusCode, 302, back.body);
      const code = new URL(String(back.headers.location)).searchParams.get('code');
      return send(h.server, 'POST', `/realms/${h.realm.slug}/account/identities`, { code, redirect_uri: APP_REDIRECT, code_verifier: VERIFIER }, bearer(token));
    };

    it('an unverified upstream email matching an account never links, even from a provider trusted to verify emails', async () => {
      await addProvider(h, 'up', { trust_email: true, link_by_email: true });
      await localUser('bob@example.com', true);
      h.upstream.accounts.set('bob-up', { email: 'bob@example.com', email_verified: false });
      const [identities, users] = [await identityCount(), await userCount()];
      const response = await signInThrough(h, 'up', 'bob-up');
      assert.equal(errorCode(response), 'idp.link_required', response.body);
      assert.deepEqual([await identityCount(), await userCount()], [identities, users], 'no link, no second account');
    });

    it('a verified email from a trusted provider links by itself to the account that verified it too (1320)', async () => {
      const carol = await localUser('carol@example.com', true);
      h.upstream.accounts.set('carol-up', { email: 'Carol@Example.com', email_verified: true });
      const response = await signInThrough(h, 'up', 'carol-up');
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().user.id, carol.id);
      const [linked] = await eventsOf(h, 'user.identity_linked');
      assert.deepEqual([linked?.code, linked?.user_id, linked?.details.by], [1320, carol.id, 'email']);
    });

    it('an address that only lower-casing makes another account\u2019s is not trusted (the Kelvin sign K is not k)', async () => {
      const kevin = await localUser('kevin@example.com', true);
      h.upstream.accounts.set('kelvin-up', { email: '\u212Aevin@example.com', email_verified: true });
      const response = await signInThrough(h, 'up', 'kelvin-up');
      assert.equal(errorCode(response), 'idp.link_required', response.body);
      // A new account from such an address is not taken as verified either.
      h.upstream.accounts.set('kelvin-new', { email: 'ne\u212Aw@example.com', email_verified: true });
      const created = await signInThrough(h, 'up', 'kelvin-new');
      assert.equal(created.statusCode, 200, created.body);
      assert.equal(created.json().user.email_verified, false);
      assert.notEqual(created.json().user.id, kevin.id);
    });

    it('takes an address and whether it is verified from one source, never the ID token\u2019s address with userinfo\u2019s "verified"', async () => {
      await localUser('boss@example.com', true);
      h.upstream.accounts.set('mixed-up', { email: 'mixed@example.com', email_verified: true });
      h.upstream.tamper = (claims) => {
        const { email_verified: _verified, ...rest } = claims;
        return { ...rest, email: 'boss@example.com' };
      };
      try {
        const response = await signInThrough(h, 'up', 'mixed-up');
        assert.equal(errorCode(response), 'idp.link_required', response.body);
      } finally {
        h.upstream.tamper = undefined;
      }
    });

    it('an account that has not verified its own email is not linked by email', async () => {
      await localUser('dora@example.com', false);
      h.upstream.accounts.set('dora-up', { email: 'dora@example.com', email_verified: true });
      assert.equal(errorCode(await signInThrough(h, 'up', 'dora-up')), 'idp.link_required');
    });

    it('two providers claiming one email: the second, not trusted, cannot take the account the first created', async () => {
      await addProvider(h, 'up2', { trust_email: false });
      h.upstream.accounts.set('erin-up', { email: 'erin@example.com', email_verified: true });
      const first = await signInThrough(h, 'up', 'erin-up');
      assert.equal(first.statusCode, 200, first.body);
      const users = await userCount();
      const second = await signInThrough(h, 'up2', 'erin-up');
      assert.equal(errorCode(second), 'idp.link_required');
      assert.equal(await userCount(), users);
    });

    it('the owner proves the account (signed in), then links it; the link then signs in to that account', async () => {
      const dora = await h.server.login(h.realm.slug, 'dora@example.com', PASSWORD);
      const linked = await linkWith('up', 'dora-up', dora.access_token);
      assert.equal(linked.statusCode, 201, linked.body);
      assert.equal(linked.json().subject, 'dora-up');
      const response = await signInThrough(h, 'up', 'dora-up');
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().user.id, dora.user.id);
      const events = await eventsOf(h, 'user.identity_linked');
      assert.ok(events.some((event) => event.user_id === dora.user.id && event.details.by === 'signed_in'));
    });

    it('a link needs a recent sign-in, a code of intent link, and an upstream account nobody else linked', async () => {
      const bob = await h.server.login(h.realm.slug, 'bob@example.com', PASSWORD);
      h.server.clock.advance(10 * 60_000);
      assert.equal(errorCode(await linkWith('up', 'bob-up', bob.access_token)), 'auth.step_up_required');
      const fresh = await h.server.login(h.realm.slug, 'bob@example.com', PASSWORD);
      assert.equal(errorCode(await linkWith('up', 'dora-up', fresh.access_token)), 'idp.refused', "dora's upstream account is hers");
      const signIn = new URL(String((await signInThrough(h, 'up', 'bob-up', { start: { redirect_uri: APP_REDIRECT, intent: 'link' } })).headers.location));
      const asTokens = await send(h.server, 'POST', `/realms/${h.realm.slug}/auth/idp/token`, { code: signIn.searchParams.get('code'), redirect_uri: APP_REDIRECT, code_verifier: VERIFIER });
      assert.equal(errorCode(asTokens), 'idp.replayed', 'a link code is no sign-in code');
      assert.equal((await linkWith('up', 'bob-up', fresh.access_token)).statusCode, 201);
    });

    it("an attacker's link code cannot be slipped into a victim's link: the victim's client brings its own PKCE verifier", async () => {
      h.upstream.accounts.set('mallory-up', { email: 'mallory@evil.example', email_verified: true });
      const victim = await h.server.login(h.realm.slug, 'bob@example.com', PASSWORD);
      // The attacker starts a link with a challenge of their own and gets a code for their upstream account.
      const attackerChallenge = createHash('sha256').update('the-attackers-own-verifier-0123456789-abcdefgh').digest('base64url');
      const back = new URL(String((await signInThrough(h, 'up', 'mallory-up', { start: { redirect_uri: APP_REDIRECT, intent: 'link', code_challenge: attackerChallenge } })).headers.location));
      // The victim's app is made to post it, with the victim's token and the victim's own verifier.
      const slipped = await send(h.server, 'POST', `/realms/${h.realm.slug}/account/identities`, { code: back.searchParams.get('code'), redirect_uri: APP_REDIRECT, code_verifier: VERIFIER }, bearer(victim.access_token));
      assert.equal(errorCode(slipped), 'idp.replayed');
      const identities = await send(h.server, 'GET', `/realms/${h.realm.slug}/account/identities`, undefined, bearer(victim.access_token));
      assert.ok(!identities.body.includes('mallory-up'), "the attacker's upstream account is linked to nobody");
    });

    it('first-sign-in policies and allowed email domains', async () => {
      await addProvider(h, 'only-link', { first_sign_in: 'link' });
      await addProvider(h, 'closed', { first_sign_in: 'refuse' });
      await addProvider(h, 'domains', { trust_email: true, allowed_email_domains: ['corp.example'] });
      h.upstream.accounts.set('nobody-up', { email: 'nobody@example.com', email_verified: true });
      assert.equal(errorCode(await signInThrough(h, 'only-link', 'nobody-up')), 'idp.refused');
      assert.equal(errorCode(await signInThrough(h, 'closed', 'nobody-up')), 'idp.refused');
      assert.equal(errorCode(await signInThrough(h, 'domains', 'nobody-up')), 'idp.refused', 'another domain');
      h.upstream.accounts.set('unverified-corp', { email: 'x@corp.example', email_verified: false });
      assert.equal(errorCode(await signInThrough(h, 'domains', 'unverified-corp')), 'idp.refused', 'an unverified address proves no domain');
      h.upstream.accounts.set('corp-up', { email: 'y@corp.example', email_verified: true });
      assert.equal((await signInThrough(h, 'domains', 'corp-up')).statusCode, 200);
    });

    it('a user keeps at least one way to sign in; operators list and unlink (1321); other realms see nothing', async () => {
      h.upstream.accounts.set('fern-up', { email: 'fern@example.com', email_verified: true });
      const fern = (await signInThrough(h, 'up', 'fern-up')).json();
      const own = await send(h.server, 'GET', `/realms/${h.realm.slug}/account/identities`, undefined, bearer(fern.access_token));
      const [identity] = own.json().items;
      const remove = (token: string, id = identity.id) => send(h.server, 'DELETE', `/realms/${h.realm.slug}/account/identities/${id}`, undefined, bearer(token));
      assert.equal(errorCode(await remove(fern.access_token)), 'idp.last_sign_in_method', 'no password, no passkey, no other identity');

      const dora = await h.server.login(h.realm.slug, 'dora@example.com', PASSWORD);
      const doraIdentity = (await send(h.server, 'GET', `/realms/${h.realm.slug}/account/identities`, undefined, bearer(dora.access_token))).json().items[0];
      assert.equal(errorCode(await remove(dora.access_token, identity.id)), 'idp.identity_not_found', "fern's is not dora's to remove");
      assert.equal((await remove(dora.access_token, doraIdentity.id)).statusCode, 204, 'dora has a password');

      const admin = (realm: string, path = '') => `/admin/v1/realms/${realm}/users/${fern.user.id}/identities${path}`;
      assert.equal((await send(h.server, 'GET', admin(h.other.slug), undefined, h.server.adminHeaders)).statusCode, 404, "another realm's user");
      assert.equal((await send(h.server, 'DELETE', admin(h.other.slug, `/${identity.id}`), undefined, h.server.adminHeaders)).statusCode, 404);
      const listed = await send(h.server, 'GET', admin(h.realm.slug), undefined, h.server.adminHeaders);
      assert.deepEqual(listed.json().items.map((i: { id: string }) => i.id), [identity.id]);
      assert.equal((await send(h.server, 'DELETE', admin(h.realm.slug, `/${identity.id}`), undefined, h.server.adminHeaders)).statusCode, 204);
      const unlinked = (await eventsOf(h, 'user.identity_unlinked')).find((event) => event.user_id === fern.user.id);
      assert.deepEqual([unlinked?.code, unlinked?.details.by], [1321, 'operator']);
    });
  });
}
