import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FakeClock } from '../../src/platform/clock.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { bearer, send } from '../support/http.ts';
import { startTestServer } from '../support/server.ts';
import { codeIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { PUBLIC_URL, signInThrough, type Harness } from './idp-harness.ts';
import { startUpstreamOidc } from './upstream-oidc.ts';

/**
 * Found by review (pre-account hijacking): an identity provider that does not vouch for addresses
 * made an account with another person's address; its owner, in a realm that signs in by emailed
 * code, signed in to that account, and both went on using it. A sign-in by emailed code or link to
 * an address never proven is now its first proof, as a password reset is: the address becomes
 * verified and every way in set up before it goes, the password and the other sessions with it.
 */
for (const dialect of dialects) {
  describe(`the first sign-in by emailed code proves the address, on ${dialect}`, () => {
    const h = {} as Harness & { sink: SmtpSink };
    let shop: Realm;
    before(async () => {
      h.sink = await startSmtpSink();
      h.server = await startTestServer({ dialect, clock: new FakeClock(Date.now()), smtpUrl: h.sink.url, config: { allowInsecureUpstreams: true, publicUrl: PUBLIC_URL } });
      shop = await h.server.services.realms.create(
        { name: 'Shop', slug: 'shop', sign_in: { first_factors: ['password', 'email_otp'], mfa: 'off' }, users: { registration: { enabled: true, require_email_verification: false } } } as never,
        operator,
      );
      h.realm = shop;
      h.upstream = await startUpstreamOidc([`${PUBLIC_URL}/realms/shop/auth/idp/up/callback`]);
      const app = await send(h.server, 'POST', '/admin/v1/realms/shop/applications', { kind: 'web', name: 'App', redirect_uris: ['https://app.example.com/idp-exchanged'] }, h.server.adminHeaders);
      assert.equal(app.statusCode, 201, app.body);
      // The defaults: trust_email off, first_sign_in create.
      const provider = { slug: 'up', display_name: 'Up', oidc: { issuer: h.upstream.issuer, client_id: h.upstream.clientId }, client_secret: h.upstream.clientSecret };
      assert.equal((await send(h.server, 'POST', '/admin/v1/realms/shop/identity-providers', provider, h.server.adminHeaders)).statusCode, 201);
    });
    after(async () => {
      await h.upstream.close();
      await h.server.dispose();
      await h.sink.close();
    });

    /** `meanwhile`: runs after the code is sent and before it is typed. */
    async function signInByEmailCode(address: string, meanwhile?: () => Promise<void>) {
      const seen = h.sink.mails.length;
      const start = await send(h.server, 'POST', '/realms/shop/auth/otp/email', { identifier: address });
      assert.equal(start.statusCode, 200, start.body);
      await h.server.services.background.settle();
      await h.server.mailWorker.drain();
      const mail = await h.sink.waitForMail((m) => h.sink.mails.indexOf(m) >= seen && m.to.includes(address) && /sign-in code/.test(m.subject));
      await meanwhile?.();
      return send(h.server, 'POST', `/realms/shop/auth/flows/${start.json().flow_id}/verify`, { method: 'email_otp', code: codeIn(mail) });
    }

    it('takes the identity an untrusted provider linked away from the account its address\u2019s owner signs in to', async () => {
      h.upstream.accounts.set('mallory-sub', { email: 'victim@example.com', email_verified: false });
      const made = await signInThrough(h, 'up', 'mallory-sub');
      assert.equal(made.statusCode, 200, made.body);
      const account = made.json().user;
      assert.deepEqual([account.email, account.email_verified], ['victim@example.com', false]);

      const owner = await signInByEmailCode('victim@example.com');
      assert.equal(owner.statusCode, 200, owner.body);
      assert.equal(owner.json().user.id, account.id);
      assert.equal(owner.json().user.email_verified, true);
      // The upstream account no longer reaches it, and its session has ended.
      const again = await signInThrough(h, 'up', 'mallory-sub');
      assert.ok(again.statusCode !== 200 || again.json().user.id !== account.id, again.body);
      assert.equal((await send(h.server, 'GET', '/realms/shop/auth/validate', undefined, bearer(made.json().access_token))).statusCode, 401);
      const [proof] = (await h.server.services.events.list(h.server.database.db, shop.id, { type: 'user.email_verified', userId: account.id } as never, { limit: 10 })).items;
      assert.equal(proof?.details.method, 'sign_in');
      assert.deepEqual(proof?.details.access_removed, { identities: 1, passkeys: 0, api_keys: 0, second_factors: 0, recovery_codes: 0, password: false });
    });

    it('proves only the address the code went to: with the address changed meanwhile the code no longer signs in, and nothing is taken', async () => {
      h.upstream.accounts.set('moved-sub', { email: 'moved@example.com', email_verified: false });
      const made = await signInThrough(h, 'up', 'moved-sub');
      assert.equal(made.statusCode, 200, made.body);
      const account = made.json().user;
      const signedIn = await signInByEmailCode('moved@example.com', async () => {
        const moved = await send(h.server, 'PATCH', `/admin/v1/realms/shop/users/${account.id}`, { email: 'elsewhere@example.com' }, h.server.adminHeaders);
        assert.equal(moved.statusCode, 200, moved.body);
      });
      // The account moved on since the code was sent: the sign-in ends (src/flows/flow-service.ts, open).
      assert.equal(signedIn.statusCode, 400, signedIn.body);
      assert.equal(signedIn.json().error.code, 'flow.expired');
      const user = await h.server.services.users.get(await h.server.services.realms.get('shop'), account.id);
      assert.deepEqual([user.email, user.email_verified], ['elsewhere@example.com', false]);
      assert.equal((await signInThrough(h, 'up', 'moved-sub')).json().user.id, account.id, 'the identity stays');
    });

    it('takes away a password set before the address was proven, and nothing once it is', async () => {
      const signedUp = await send(h.server, 'POST', '/realms/shop/auth/register', { email: 'ann@example.com', password: 'set up by someone else 42' });
      assert.ok(signedUp.statusCode < 300, signedUp.body);
      const before = await send(h.server, 'POST', '/realms/shop/auth/login', { identifier: 'ann@example.com', password: 'set up by someone else 42' });
      assert.equal(before.statusCode, 200, before.body);

      const owner = await signInByEmailCode('ann@example.com');
      assert.equal(owner.statusCode, 200, owner.body);
      assert.equal(owner.json().user.email_verified, true);
      const refused = await send(h.server, 'POST', '/realms/shop/auth/login', { identifier: 'ann@example.com', password: 'set up by someone else 42' });
      assert.equal(refused.statusCode, 401, 'the password set before the proof is gone');
      assert.equal((await send(h.server, 'GET', '/realms/shop/auth/validate', undefined, bearer(before.json().access_token))).statusCode, 401, 'and its session');

      // A proven address: a later sign-in by code takes nothing.
      const key = await send(h.server, 'POST', '/realms/shop/account/api-keys', { name: 'mine' }, bearer(owner.json().access_token));
      assert.equal(key.statusCode, 201, key.body);
      const later = await signInByEmailCode('ann@example.com');
      assert.equal(later.statusCode, 200, later.body);
      const keys = await send(h.server, 'GET', '/realms/shop/account/api-keys', undefined, bearer(later.json().access_token));
      assert.equal(keys.json().items.length, 1);
    });
  });
}
