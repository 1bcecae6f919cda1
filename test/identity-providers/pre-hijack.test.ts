import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FakeClock } from '../../src/platform/clock.ts';
import { tokenIn } from '../accounts/flow-fixtures.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { errorCode, send } from '../support/http.ts';
import { startTestServer } from '../support/server.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { APP_REDIRECT, PUBLIC_URL, signInThrough, VERIFIER, type Harness } from './idp-harness.ts';
import { startUpstreamOidc } from './upstream-oidc.ts';

/**
 * Pre-account hijacking (found by review): an upstream account that claims someone else's address,
 * through a provider that does not vouch for addresses (its default), makes an account with it. The
 * address's owner cannot sign up with it and resets the password instead; that reset is the first
 * proof of the address, so the upstream identity that made the account is removed with it.
 */
for (const dialect of dialects) {
  describe(`an account made by an upstream sign-in with someone else's address, on ${dialect}`, () => {
    const h = {} as Harness & { sink: SmtpSink };
    before(async () => {
      h.sink = await startSmtpSink();
      h.server = await startTestServer({ dialect, clock: new FakeClock(Date.now()), smtpUrl: h.sink.url, config: { allowInsecureUpstreams: true, publicUrl: PUBLIC_URL } });
      h.realm = await h.server.services.realms.create({ name: 'Shop', slug: 'shop' }, operator);
      h.upstream = await startUpstreamOidc([`${PUBLIC_URL}/realms/${h.realm.slug}/auth/idp/up/callback`]);
      const app = await send(h.server, 'POST', `/admin/v1/realms/${h.realm.slug}/applications`, { kind: 'web', name: 'App', redirect_uris: [APP_REDIRECT, 'https://app.example.com/idp-exchanged'] }, h.server.adminHeaders);
      assert.equal(app.statusCode, 201, app.body);
      // The provider's defaults: trust_email off, first_sign_in create.
      const provider = { slug: 'up', display_name: 'Up', oidc: { issuer: h.upstream.issuer, client_id: h.upstream.clientId }, client_secret: h.upstream.clientSecret };
      assert.equal((await send(h.server, 'POST', `/admin/v1/realms/${h.realm.slug}/identity-providers`, provider, h.server.adminHeaders)).statusCode, 201);
    });
    after(async () => {
      await h.upstream.close();
      await h.server.dispose();
      await h.sink.close();
    });

    it('loses the upstream identity that made it, and every other way in, when the address\u2019s owner resets the password', async () => {
      h.upstream.accounts.set('mallory-sub', { email: 'victim@example.com', email_verified: false });
      const made = await signInThrough(h, 'up', 'mallory-sub');
      assert.equal(made.statusCode, 200, made.body);
      const account = made.json().user;
      assert.deepEqual([account.email, account.email_verified], ['victim@example.com', false]);
      // A way back in that does not go through the provider: an API key, made while signed in.
      const key = await send(h.server, 'POST', `/realms/${h.realm.slug}/account/api-keys`, { name: 'backdoor' }, { authorization: `Bearer ${made.json().access_token}` });
      assert.equal(key.statusCode, 201, key.body);
      const validate = () => send(h.server, 'GET', `/realms/${h.realm.slug}/auth/validate`, undefined, { authorization: `Bearer ${key.json().api_key}` });
      assert.equal((await validate()).statusCode, 200);

      assert.equal((await send(h.server, 'POST', `/realms/${h.realm.slug}/auth/forgot-password`, { identifier: 'victim@example.com' })).statusCode, 202);
      await h.server.services.background.settle();
      await h.server.mailWorker.drain();
      const mail = await h.sink.waitForMail((m) => m.to.includes('victim@example.com') && /password/i.test(m.subject));
      const reset = await send(h.server, 'POST', `/realms/${h.realm.slug}/auth/reset-password`, { token: tokenIn(mail), password: 'victims own passphrase 123' });
      assert.equal(reset.statusCode, 204, reset.body);
      const victim = await h.server.login(h.realm.slug, 'victim@example.com', 'victims own passphrase 123');
      assert.deepEqual([victim.user.id, victim.user.email_verified], [account.id, true]);

      // The upstream account is no longer linked: its sign-in finds an account it must prove, and is refused.
      assert.equal(errorCode(await signInThrough(h, 'up', 'mallory-sub')), 'idp.link_required');
      const identities = await send(h.server, 'GET', `/admin/v1/realms/${h.realm.slug}/users/${account.id}/identities`, undefined, h.server.adminHeaders);
      assert.deepEqual(identities.json().items, []);
      const events = (await send(h.server, 'GET', `/admin/v1/realms/${h.realm.slug}/events?type=user.identity_unlinked`, undefined, h.server.adminHeaders)).json().items;
      assert.deepEqual(events.map((event: { details: { by: string } }) => event.details.by), ['recovery']);
      assert.equal((await validate()).statusCode, 401, 'the API key went with it');
      const [resetEvent] = (await send(h.server, 'GET', `/admin/v1/realms/${h.realm.slug}/events?type=user.password_reset`, undefined, h.server.adminHeaders)).json().items;
      assert.deepEqual(resetEvent.details.access_removed, { identities: 1, passkeys: 0, api_keys: 1, second_factors: 0, recovery_codes: 0 });
    });

    it('keeps identities linked to an address already proven', async () => {
      h.upstream.accounts.set('owen-sub', { email: 'owen@example.com', email_verified: false });
      const created = await send(h.server, 'POST', `/admin/v1/realms/${h.realm.slug}/users`, { email: 'owen@example.com', email_verified: true, password: 'owens first passphrase 1' }, h.server.adminHeaders);
      assert.equal(created.statusCode, 201, created.body);
      const { access_token } = await h.server.login(h.realm.slug, 'owen@example.com', 'owens first passphrase 1');
      const back = await signInThrough(h, 'up', 'owen-sub', { start: { redirect_uri: APP_REDIRECT, intent: 'link' } });
      const code = new URL(String(back.headers.location)).searchParams.get('code');
      const linked = await send(h.server, 'POST', `/realms/${h.realm.slug}/account/identities`, { code, redirect_uri: APP_REDIRECT, code_verifier: VERIFIER }, { authorization: `Bearer ${access_token}` });
      assert.equal(linked.statusCode, 201, linked.body);

      assert.equal((await send(h.server, 'POST', `/realms/${h.realm.slug}/auth/forgot-password`, { identifier: 'owen@example.com' })).statusCode, 202);
      await h.server.services.background.settle();
      await h.server.mailWorker.drain();
      const mail = await h.sink.waitForMail((m) => m.to.includes('owen@example.com') && /password/i.test(m.subject));
      assert.equal((await send(h.server, 'POST', `/realms/${h.realm.slug}/auth/reset-password`, { token: tokenIn(mail), password: 'owens second passphrase 2' })).statusCode, 204);
      const again = await signInThrough(h, 'up', 'owen-sub');
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json().user.id, created.json().id);
    });
  });
}
