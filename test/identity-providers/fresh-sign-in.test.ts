/**
 * An application that asks for a fresh sign-in (`prompt=login`, `max_age`) and a user who signs in
 * through another identity provider: the provider is asked the same (OpenID Connect `max_age` and
 * `prompt=login` where its discovery lists it; SAML `ForceAuthn`), and an answer from an older
 * authentication is refused (an ID token without auth_time cannot be held to it), so a
 * provider's long-lived session does not stand in for the sign-in the application asked for.
 * Against a second, independent OpenID Connect provider and the tests' SAML IdP, on each database.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { idpCookieName } from '../../src/http/idp-cookie.ts';
import { dialects } from '../support/databases.ts';
import { send } from '../support/http.ts';
import { perSuite } from '../support/suite.ts';
import { addProvider, PUBLIC_URL, startHarness, type Harness } from './idp-harness.ts';
import { IDP_CERT, readAuthnRequest, SamlIdp, type Tamper } from './saml/saml-idp.ts';

const origin = { ip: '203.0.113.40', userAgent: null };

for (const dialect of dialects) {
  describe(`a fresh sign-in asked of an identity provider on ${dialect}`, () => {
    const h = perSuite(() => startHarness(dialect, `fresh ${dialect}`));
    const idp = new SamlIdp();

    before(async () => {
      await addProvider(h, 'up', { trust_email: true });
      await addProvider(h, 'up2', { trust_email: true, prompt: 'none', authorize_params: { max_age: '60' } });
      const saml = { entity_id: idp.entityId, sso_url: idp.ssoUrl, certificates: [IDP_CERT], attributes: { email: 'email' } };
      const made = await send(h.server, 'POST', `/admin/v1/realms/${h.realm.slug}/identity-providers`, { slug: 'corp', display_name: 'Corp', saml }, h.server.adminHeaders);
      assert.equal(made.statusCode, 201, made.body);
    });

    /** A hosted page's sign-in started as its interaction asks: the provider's URL and the browser's cookie. */
    async function startOnPage(h: Harness, slug: string, maxAuthAge?: number) {
      const started = await h.server.services.idpSignIn.start(h.realm, slug, { kind: 'page', interaction: 'uid-fresh' }, origin, maxAuthAge === undefined ? {} : { maxAuthAge });
      return { url: new URL(started.url), cookie: `${idpCookieName(started.state)}=${started.browserSecret}` };
    }

    /** The browser back at the callback: where it is sent on, `code` (signed in) or `error` on the page. */
    async function back(callback: URL, cookie: string, form?: Record<string, string>): Promise<URLSearchParams> {
      const headers = { cookie, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) };
      const response = await h.server.app.inject({ method: form ? 'POST' : 'GET', url: `${callback.pathname}${callback.search}`, headers, ...(form ? { payload: new URLSearchParams(form).toString() } : {}) });
      assert.equal(response.statusCode, 302, response.body);
      const to = new URL(String(response.headers.location), PUBLIC_URL);
      assert.equal(to.pathname, `/realms/${h.realm.id}/interaction/uid-fresh/idp-return`);
      return to.searchParams;
    }

    /** Through the OpenID Connect provider, whose ID token says the user authenticated `secondsAgo` (undefined: as it happened). */
    async function throughOidc(maxAuthAge: number | undefined, secondsAgo?: number) {
      const started = await startOnPage(h, 'up', maxAuthAge);
      h.upstream.accounts.set('fresh-1', { email: 'fresh@example.com', email_verified: true });
      h.upstream.signInAs = 'fresh-1';
      h.upstream.tamper = secondsAgo === undefined ? undefined : (claims) => ({ ...claims, auth_time: Math.floor(Date.now() / 1000) - secondsAgo });
      try {
        return { sent: started.url.searchParams, answer: await back(new URL(await h.upstream.authorize(started.url.href)), started.cookie) };
      } finally {
        h.upstream.tamper = undefined;
      }
    }

    it('prompt=login: the OpenID Connect provider is asked to authenticate again (max_age=0, prompt=login), and its new authentication signs in', async () => {
      const { sent, answer } = await throughOidc(0);
      assert.equal(sent.get('max_age'), '0');
      assert.equal(sent.get('prompt'), 'login', 'the provider lists prompt=login in its discovery document');
      assert.ok(answer.get('code'), answer.toString());
    });

    it('an ID token from an authentication before the sign-in started is refused when a fresh one was asked for, and accepted when not', async () => {
      const stale = await throughOidc(0, 600);
      assert.equal(stale.answer.get('error'), 'idp.token_invalid');
      const refusal = (await h.server.services.events.list(h.server.database.db, h.realm.id, { type: 'identity_provider.sign_in_failed' }, { limit: 5 })).items[0];
      assert.equal(refusal?.details.code, 'idp.token_invalid');
      const unasked = await throughOidc(undefined, 600);
      assert.equal(unasked.sent.get('max_age'), null, 'nothing asked of the provider');
      assert.equal(unasked.sent.get('prompt'), null);
      assert.ok(unasked.answer.get('code'), 'an old session is fine when the application did not ask for a fresh sign-in');
    });

    it('max_age is passed on as it came: an authentication within it signs in, an older one is refused', async () => {
      const within = await throughOidc(300, 200);
      assert.equal(within.sent.get('max_age'), '300');
      assert.equal(within.sent.get('prompt'), null, 'prompt=login only for prompt=login');
      assert.ok(within.answer.get('code'), within.answer.toString());
      assert.equal((await throughOidc(300, 400)).answer.get('error'), 'idp.token_invalid');
    });

    it("the admin's prompt=none gives way (the provider could only refuse), and a stricter max_age of the admin's stays", async () => {
      const looser = (await startOnPage(h, 'up2', 300)).url.searchParams;
      assert.equal(looser.get('max_age'), '60');
      assert.equal(looser.get('prompt'), null);
      const now = (await startOnPage(h, 'up2', 0)).url.searchParams;
      assert.deepEqual([now.get('max_age'), now.get('prompt')], ['0', 'login']);
      const unasked = (await startOnPage(h, 'up2')).url.searchParams;
      assert.deepEqual([unasked.get('max_age'), unasked.get('prompt')], ['60', 'none'], 'as the admin set them when nothing is asked');
    });

    it('an ID token without auth_time (a provider that ignores max_age) cannot be held to it and signs in', async () => {
      const started = await startOnPage(h, 'up', 0);
      h.upstream.signInAs = 'fresh-1';
      h.upstream.tamper = ({ auth_time: _dropped, ...claims }) => claims;
      try {
        assert.ok((await back(new URL(await h.upstream.authorize(started.url.href)), started.cookie)).get('code'));
      } finally {
        h.upstream.tamper = undefined;
      }
    });

    it('SAML: the AuthnRequest carries ForceAuthn, and an assertion whose AuthnInstant is older than the sign-in is refused', async () => {
      let employees = 0;
      const viaSaml = async (maxAuthAge: number | undefined, tamper: Tamper = {}) => {
        const started = await startOnPage(h, 'corp', maxAuthAge);
        const employee = `emp-${(employees += 1)}`;
        const { acs, fields } = idp.respond(started.url.href, { nameId: employee, email: `${employee}@corp.example` }, tamper);
        return { request: readAuthnRequest(started.url.href), answer: await back(new URL(acs), started.cookie, fields) };
      };
      const fresh = await viaSaml(0);
      assert.equal(fresh.request.forceAuthn, true);
      assert.ok(fresh.answer.get('code'), fresh.answer.toString());
      assert.equal((await viaSaml(0, { authenticatedMinutesAgo: 30 })).answer.get('error'), 'idp.saml_invalid');
      const unasked = await viaSaml(undefined, { authenticatedMinutesAgo: 30 });
      assert.equal(unasked.request.forceAuthn, false);
      assert.ok(unasked.answer.get('code'), 'an old session is fine when the application did not ask for a fresh sign-in');
    });
  });
}
