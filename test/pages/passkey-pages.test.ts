/**
 * Passkeys on the hosted sign-in pages over HTTP, on both databases, with a software authenticator:
 * what the pages embed and allow (options, the nonce'd script, the CSP), signing in with a passkey
 * first (beside the identifier, among the choices) and as a second factor (beside a sent code too),
 * and the bad paths — a bad or unknown assertion (the same page either way), a replayed challenge,
 * a missing CSRF field, another realm's flow, the per-IP limit on passkey starts.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { ORIGIN, RP_ID } from '../passkeys/passkey-fixtures.ts';
import { SoftAuthenticator } from '../passkeys/soft-authenticator.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { BrowserAgent, locationOf } from '../oidc/browser-agent.ts';
import { oidcServerPerSuite } from '../oidc/oidc-fixtures.ts';
import { embeddedOptions, PASSWORD, passkeyPageRealm, userWithPasskey } from './passkey-page-fixtures.ts';

const CALLBACK = 'https://app.example/callback';

const formPost = (fields: Record<string, string>): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** A page with what changes per response (nonce, CSRF field, passkey options, script version) taken out. */
const comparable = (html: string) => html.replace(/nonce="[^"]+"/g, 'nonce').replace(/name="csrf" value="[^"]+"/g, 'csrf').replace(/data-passkey-options="[^"]+"/g, 'options');
const device = () => new SoftAuthenticator({ rpId: RP_ID, origin: ORIGIN });

for (const dialect of dialects) {
  describe(`passkeys on the hosted sign-in pages on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect);
    let realm: Realm;
    let clientId: string;
    let ada: SoftAuthenticator;
    let grace: SoftAuthenticator;

    before(async () => {
      realm = await passkeyPageRealm(server, { rp_id: RP_ID, allowed_origins: [ORIGIN] });
      clientId = (await server.apps.add(realm, { name: 'Storefront', redirectUris: [CALLBACK] })).app.clientId;
      ada = device();
      await userWithPasskey(server, realm, 'ada', (options) => ada.create(options));
      grace = device();
      await userWithPasskey(server, realm, 'grace', (options) => grace.create(options));
    });

    /** A browser at the sign-in page of a new authorization request of `target`'s application. */
    async function interaction(target = realm, client = clientId) {
      const agent = new BrowserAgent(server.baseUrl);
      const query = new URLSearchParams({ client_id: client, response_type: 'code', scope: 'openid', redirect_uri: CALLBACK, state: 's', code_challenge: randomBytes(32).toString('base64url'), code_challenge_method: 'S256' });
      const url = locationOf(await agent.get(`/realms/${target.id}/oidc/auth?${query}`));
      const page = await agent.get(url);
      return { agent, url, page, html: await page.text() };
    }

    /** Posts an assertion for the page's challenge, as the script would. */
    function postAssertion(agent: BrowserAgent, url: string, html: string, response: unknown) {
      return agent.get(`${url}/passkey`, formPost({ csrf: csrfOf(html), response: JSON.stringify(response) }));
    }

    it('offers a discoverable passkey on the identifier page: options for any account, one nonce\u2019d script, autofill', async () => {
      const { agent, page, html } = await interaction();
      const options = embeddedOptions(html);
      assert.ok(options);
      assert.equal(options.rpId, RP_ID);
      assert.deepEqual(options.allowCredentials, [], 'no account named, none revealed');
      assert.match(html, /<input id="identifier" name="identifier" autocomplete="username webauthn"/);
      assert.match(html, /<div class="passkey" data-passkey hidden>/, 'hidden until the script shows it');
      const csp = page.headers.get('content-security-policy') ?? '';
      const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
      assert.ok(nonce, csp);
      const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((match) => match[1]);
      assert.equal(scripts.length, 1);
      const src = /src="([^"]+)"/.exec(scripts[0])?.[1] ?? '';
      assert.match(src, new RegExp(`^/realms/${realm.id}/pages/assets/passkey\\.js\\?v=[\\w-]+$`));
      assert.ok(scripts[0].includes(`nonce="${nonce}"`));
      assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
      assert.match(csp, /default-src 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline|'self'/);
      assert.ok(agent.cookies.get('kr_flow'), 'the passkey flow rides in the flow cookie');

      const asset = await agent.get(src);
      assert.equal(asset.status, 200);
      assert.equal(asset.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.match(await asset.text(), /mediation = mediation/);
    });

    it('offers no passkey and no script where the realm does not sign in with passkeys first', async () => {
      const plain = await passkeyPageRealm(server, { rp_id: RP_ID, allowed_origins: [ORIGIN] }, ['password']);
      const app = (await server.apps.add(plain, { name: 'Plain', redirectUris: [CALLBACK] })).app.clientId;
      const { page, html } = await interaction(plain, app);
      assert.equal(embeddedOptions(html), undefined);
      assert.doesNotMatch(html, /<script/);
      assert.doesNotMatch(page.headers.get('content-security-policy') ?? '', /script-src/);
      assert.match(html, /autocomplete="username"/);
    });

    it('signs in with a passkey and no identifier; the replayed assertion gets nowhere', async () => {
      const { agent, url, html } = await interaction();
      const flowCookie = agent.cookies.get('kr_flow');
      assert.ok(flowCookie);
      const assertion = ada.get(embeddedOptions(html)!.challenge);
      const signedIn = await postAssertion(agent, url, html, assertion);
      assert.equal(signedIn.status, 303);
      assert.equal(agent.cookies.get('kr_flow'), undefined, 'the flow cookie is cleared');
      const back = locationOf(await agent.get(locationOf(signedIn)));
      assert.match(back, /^https:\/\/app\.example\/callback\?code=/);

      // The same assertion and flow again (a copied request): the flow has completed.
      agent.cookies.set('kr_flow', flowCookie);
      const replayed = await postAssertion(agent, url, html, assertion);
      assert.ok(replayed.status === 400 || replayed.status === 404, String(replayed.status));
      assert.equal(replayed.headers.get('location'), null);
      // The same assertion against a new page's challenge proves nothing.
      const next = await interaction();
      const again = await postAssertion(next.agent, next.url, next.html, assertion);
      assert.equal(again.status, 401);
      assert.match(await again.text(), /That passkey could not be used to sign in/);
    });

    it('answers a bad assertion and an unknown passkey with the same page, offering a fresh challenge', async () => {
      const pages: string[] = [];
      const stranger = device();
      for (const answer of [(challenge: string) => ada.get(challenge, { origin: 'https://evil.example' }), (challenge: string) => stranger.get(challenge), () => 'not an assertion']) {
        const { agent, url, html } = await interaction();
        const challenge = embeddedOptions(html)!.challenge;
        const refused = await postAssertion(agent, url, html, answer(challenge));
        assert.equal(refused.status, 401);
        const page = await refused.text();
        assert.match(page, /<p class="error" role="alert">That passkey could not be used to sign in/);
        assert.notEqual(embeddedOptions(page)?.challenge, challenge, 'a new challenge to try again with');
        pages.push(comparable(page).replaceAll(url, 'URL'));
      }
      assert.equal(pages[0], pages[1]);
      assert.equal(pages[1], pages[2]);
    });

    it('refuses a post without the CSRF field, and a flow of another realm', async () => {
      const { agent, url, html } = await interaction();
      const assertion = ada.get(embeddedOptions(html)!.challenge);
      const missing = await agent.get(`${url}/passkey`, formPost({ response: JSON.stringify(assertion) }));
      assert.equal(missing.status, 400);
      assert.match(await missing.text(), /This form has expired/);

      const other = await passkeyPageRealm(server, { rp_id: RP_ID, allowed_origins: [ORIGIN] });
      const otherApp = (await server.apps.add(other, { name: 'Elsewhere', redirectUris: [CALLBACK] })).app.clientId;
      const there = await interaction(other, otherApp);
      there.agent.cookies.set('kr_flow', { ...agent.cookies.get('kr_flow')!, path: new URL(there.url, server.baseUrl).pathname });
      const foreign = await postAssertion(there.agent, there.url, there.html, assertion);
      assert.equal(foreign.status, 400);
      assert.match(await foreign.text(), /unknown or has expired/);
      // The genuine post, untouched by both refusals, still signs in.
      assert.equal((await postAssertion(agent, url, html, assertion)).status, 303);
    });

    it('offers the passkey among the choices after the identifier, the same page for any identifier, and signs in whoever the passkey names', async () => {
      const choices: string[] = [];
      for (const identifier of ['grace', 'nobody@example.com']) {
        const { agent, url, html } = await interaction();
        const chosen = await agent.get(`${url}/identify`, formPost({ identifier, csrf: csrfOf(html) }));
        assert.equal(chosen.status, 200);
        const page = await chosen.text();
        assert.match(page, /name="password"/, 'the password beside it');
        assert.deepEqual(embeddedOptions(page)?.allowCredentials, [], 'discoverable: no account named');
        choices.push(comparable(page).replaceAll(url, 'URL').replace(identifier, 'X').replace(identifier, 'X').replace(identifier, 'X'));
        if (identifier === 'grace') {
          // Ada's passkey on the page where grace was typed: the passkey says who signs in.
          const signedIn = await postAssertion(agent, url, page, ada.get(embeddedOptions(page)!.challenge));
          assert.equal(signedIn.status, 303);
        }
      }
      assert.equal(choices[0].replace(/interaction%2F[\w-]+/, ''), choices[1].replace(/interaction%2F[\w-]+/, ''));
    });

    it('offers the passkey alone where it is the realm\u2019s only first factor, saying that it needs JavaScript', async () => {
      const only = await passkeyPageRealm(server, { rp_id: RP_ID, allowed_origins: [ORIGIN] }, ['passkey']);
      const app = (await server.apps.add(only, { name: 'Only', redirectUris: [CALLBACK] })).app.clientId;
      const { agent, url, html } = await interaction(only, app);
      const page = await (await agent.get(`${url}/identify`, formPost({ identifier: 'ada', csrf: csrfOf(html) }))).text();
      assert.ok(embeddedOptions(page));
      assert.match(page, /<button type="submit" class="passkey">/, 'the main button');
      assert.match(page, /<noscript><p class="error">Passkeys need JavaScript/);
      assert.doesNotMatch(page, /offers no way to sign in/);
    });

    it('takes a passkey as the second factor after a password: only that user\u2019s passkeys, a wrong one refused', async () => {
      const { agent, url, html } = await interaction();
      const identified = await agent.get(`${url}/identify`, formPost({ identifier: 'grace', csrf: csrfOf(html) }));
      const choiceHtml = await identified.text();
      const factor = await agent.get(`${url}/password`, formPost({ identifier: 'grace', password: PASSWORD, csrf: csrfOf(choiceHtml) }));
      assert.equal(factor.status, 200);
      const factorHtml = await factor.text();
      const options = embeddedOptions(factorHtml);
      assert.ok(options);
      assert.deepEqual(options.allowCredentials.map((credential) => credential.id), [grace.id]);
      assert.match(factorHtml, /Use a passkey/);
      assert.match(factorHtml, /<noscript><p class="error">Passkeys need JavaScript/, 'her only second factor: the main button');

      const wrong = await postAssertion(agent, url, factorHtml, ada.get(options.challenge));
      assert.equal(wrong.status, 401);
      const retry = await wrong.text();
      assert.match(retry, /That passkey could not be used/);
      const fresh = embeddedOptions(retry);
      assert.ok(fresh && fresh.challenge !== options.challenge);
      assert.deepEqual(fresh.allowCredentials.map((credential) => credential.id), [grace.id]);
      const done = await postAssertion(agent, url, retry, grace.get(fresh.challenge));
      assert.equal(done.status, 303);
      assert.match(locationOf(await agent.get(locationOf(done))), /^https:\/\/app\.example\/callback\?code=/);
    });

    it('keeps a sent second-factor code good: no passkey challenge replaces it unless asked for, then the passkey works', async () => {
      const mixed = await passkeyPageRealm(server, { rp_id: RP_ID, allowed_origins: [ORIGIN] }, ['password'], ['passkey', 'email_otp']);
      const app = (await server.apps.add(mixed, { name: 'Mixed', redirectUris: [CALLBACK] })).app.clientId;
      const key = device();
      await userWithPasskey(server, mixed, 'lin', (options) => key.create(options), true);
      const { agent, url, html } = await interaction(mixed, app);
      const factorHtml = await (await agent.get(`${url}/password`, formPost({ identifier: 'lin', password: PASSWORD, csrf: csrfOf(html) }))).text();
      assert.ok(embeddedOptions(factorHtml), 'a passkey offered beside the code');
      const sent = await agent.get(`${url}/factor/send`, formPost({ method: 'email_otp', csrf: csrfOf(factorHtml) }));
      assert.equal(sent.status, 200);
      const sentHtml = await sent.text();
      assert.match(sentHtml, /A code is on its way/);
      assert.equal(embeddedOptions(sentHtml), undefined, 'no new passkey challenge to void the code');
      assert.doesNotMatch(sentHtml, /<script/);
      assert.match(sentHtml, /action="[^"]+\/factor\/passkey"/);
      // The old page's passkey challenge went with the code: refused, and the code still waits.
      const stale = await postAssertion(agent, url, factorHtml, key.get(embeddedOptions(factorHtml)!.challenge));
      assert.equal(stale.status, 401);
      assert.equal(embeddedOptions(await stale.text()), undefined);

      const asked = await agent.get(`${url}/factor/passkey`, formPost({ csrf: csrfOf(sentHtml) }));
      assert.equal(asked.status, 200);
      const askedHtml = await asked.text();
      const options = embeddedOptions(askedHtml);
      assert.ok(options);
      const done = await postAssertion(agent, url, askedHtml, key.get(options.challenge));
      assert.equal(done.status, 303);
    });
  });

  describe(`the per-IP limit on passkey starts of the hosted pages on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect, () => ({ rateLimits: true, rateLimitTokenPerIp: 2 }));

    it('shows the pages without the passkey past the limit, and the password still signs in', async () => {
      const realm = await passkeyPageRealm(server, { rp_id: RP_ID, allowed_origins: [ORIGIN] });
      const clientId = (await server.apps.add(realm, { name: 'Storefront', redirectUris: [CALLBACK] })).app.clientId;
      await server.services.users.create(realm, { username: 'lin', email: 'lin@example.com', password: PASSWORD }, operator);
      const open = async () => {
        const agent = new BrowserAgent(server.baseUrl);
        const query = new URLSearchParams({ client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: CALLBACK, state: 's', code_challenge: randomBytes(32).toString('base64url'), code_challenge_method: 'S256' });
        const url = locationOf(await agent.get(`/realms/${realm.id}/oidc/auth?${query}`));
        const page = await agent.get(url);
        return { agent, url, page, html: await page.text() };
      };
      for (let i = 0; i < 2; i++) assert.ok(embeddedOptions((await open()).html), `start ${i + 1} is within the limit`);
      const { agent, url, page, html } = await open();
      assert.equal(page.status, 200);
      assert.equal(embeddedOptions(html), undefined, 'no passkey past the limit');
      assert.doesNotMatch(html, /<script/);
      assert.doesNotMatch(page.headers.get('content-security-policy') ?? '', /script-src/);
      assert.match(html, /autocomplete="username"/);
      const chosen = await agent.get(`${url}/identify`, formPost({ identifier: 'lin', csrf: csrfOf(html) }));
      assert.equal(chosen.status, 200);
      const choiceHtml = await chosen.text();
      assert.equal(embeddedOptions(choiceHtml), undefined);
      const signedIn = await agent.get(`${url}/password`, formPost({ identifier: 'lin', password: PASSWORD, csrf: csrfOf(choiceHtml) }));
      assert.equal(signedIn.status, 303);
    });
  });
}
