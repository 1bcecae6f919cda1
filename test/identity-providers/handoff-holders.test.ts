import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idpCookieName } from '../../src/http/idp-cookie.ts';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { perSuite } from '../support/suite.ts';
import { addProvider, APP_REDIRECT, PUBLIC_URL, signInThrough, startHarness, VERIFIER, type Harness } from './idp-harness.ts';

/**
 * Found by review: a hosted page's one-time codes were good at the API too (no interaction cookie,
 * no PKCE: the page's return path as `redirect_uri` and any verifier), and a provider whose
 * `first_sign_in` is `refuse` still let a signed-in user link any upstream account to theirs.
 */
for (const dialect of dialects) {
  describe(`who may use an identity provider's codes, on ${dialect}`, () => {
    const h: Harness = perSuite(() => startHarness(dialect, 'holders'));
    const origin = { ip: '203.0.113.9', userAgent: null };

    /** A hosted page's round trip through the upstream provider: where the callback sends the browser back. */
    const throughPage = async (interaction: string, sub: string): Promise<URL> => {
      const started = await h.server.services.idpSignIn.start(h.realm, 'up', { kind: 'page', interaction }, origin);
      h.upstream.signInAs = sub;
      const callback = new URL(await h.upstream.authorize(started.url));
      const response = await h.server.app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, headers: { cookie: `${idpCookieName(started.state)}=${started.browserSecret}` } });
      assert.equal(response.statusCode, 302, response.body);
      return new URL(String(response.headers.location), PUBLIC_URL);
    };

    it('refuses a hosted page\u2019s sign-in and link codes at the API, and leaves them good for the page', async () => {
      await addProvider(h, 'up');
      h.upstream.accounts.set('vic-1', { email: 'vic@example.com', email_verified: true });
      const back = await throughPage('uid-victim', 'vic-1');
      const code = back.searchParams.get('code') as string;
      // Whoever saw the URL (history, a proxy log, a shared screen) posts it with a made-up verifier, or none.
      for (const verifier of ['x'.repeat(43), undefined]) {
        const stolen = await send(h.server, 'POST', `/realms/${h.realm.slug}/auth/idp/token`, { code, redirect_uri: back.pathname, ...(verifier ? { code_verifier: verifier } : {}) });
        assert.ok(stolen.statusCode >= 400 && stolen.statusCode < 500, stolen.body);
      }
      const onPage = await h.server.services.idpSignIn.signInOnPage(h.realm, 'uid-victim', code, origin);
      assert.ok(onPage, 'the page still signs in with its code');

      // A link code: the page would ask the matched account's owner to sign in; another user's token must not redeem it.
      const mallory = await send(h.server, 'POST', `/admin/v1/realms/${h.realm.slug}/users`, { email: 'mal@example.com', email_verified: true, password: 'correct horse battery staple' }, h.server.adminHeaders);
      assert.equal(mallory.statusCode, 201, mallory.body);
      const token = (await h.server.login(h.realm.slug, 'mal@example.com', 'correct horse battery staple')).access_token;
      h.upstream.accounts.set('vic-2', { email: 'vic@example.com', email_verified: false });
      const linkBack = await throughPage('uid-victim-2', 'vic-2');
      const link = linkBack.searchParams.get('link') as string;
      assert.ok(link, linkBack.href);
      const redeemed = await send(h.server, 'POST', `/realms/${h.realm.slug}/account/identities`, { code: link, redirect_uri: linkBack.pathname, code_verifier: 'x'.repeat(43) }, bearer(token));
      assert.equal(errorCode(redeemed), 'idp.replayed', redeemed.body);
      assert.equal((await send(h.server, 'GET', `/realms/${h.realm.slug}/account/identities`, undefined, bearer(token))).json().items.length, 0, `nothing linked to ${mallory.json().id}`);
    });

    it('a provider that refuses first sign-ins refuses links by signed-in users too', async () => {
      await addProvider(h, 'closed', { first_sign_in: 'refuse' });
      const pat = await send(h.server, 'POST', `/admin/v1/realms/${h.realm.slug}/users`, { email: 'pat@example.com', email_verified: true, password: 'correct horse battery staple' }, h.server.adminHeaders);
      assert.equal(pat.statusCode, 201, pat.body);
      h.upstream.accounts.set('pat-personal', { email: 'pat.personal@example.net', email_verified: true });
      assert.equal(errorCode(await signInThrough(h, 'closed', 'pat-personal')), 'idp.refused');
      const token = (await h.server.login(h.realm.slug, 'pat@example.com', 'correct horse battery staple')).access_token;
      const back = await signInThrough(h, 'closed', 'pat-personal', { start: { redirect_uri: APP_REDIRECT, intent: 'link' } });
      const code = new URL(String(back.headers.location)).searchParams.get('code');
      const linked = await send(h.server, 'POST', `/realms/${h.realm.slug}/account/identities`, { code, redirect_uri: APP_REDIRECT, code_verifier: VERIFIER }, bearer(token));
      assert.equal(errorCode(linked), 'idp.refused', linked.body);
      assert.equal(linked.json().error.details[0].issue, 'first_sign_in_refused');
      assert.equal(errorCode(await signInThrough(h, 'closed', 'pat-personal')), 'idp.refused', 'still no way in');
    });
  });
}
