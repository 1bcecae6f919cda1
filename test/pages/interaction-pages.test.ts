/**
 * The hosted sign-in pages over HTTP, on both databases: their headers (nonce CSP), CSRF, the
 * language chosen, answers that never tell accounts apart, and the direct sign-in's refusal of any
 * return address that is not registered exactly.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { BrowserAgent, locationOf } from '../oidc/browser-agent.ts';
import { oidcServerPerSuite } from '../oidc/oidc-fixtures.ts';

const PASSWORD = 'correct horse battery staple 9';
const CALLBACK = 'https://app.example/callback';

const formPost = (fields: Record<string, string>): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** A page with what changes per response (nonce, CSRF field) taken out. */
const comparable = (html: string) => html.replace(/nonce="[^"]+"/g, 'nonce').replace(/name="csrf" value="[^"]+"/g, 'csrf');

for (const dialect of dialects) {
  describe(`hosted sign-in pages on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect);
    let realm: Realm;
    let clientId: string;

    before(async () => {
      realm = await server.services.realms.create({ name: 'Northwind', slug: `northwind-${dialect}` }, operator);
      await server.services.users.create(realm, { username: 'ada', email: 'ada@example.com', password: PASSWORD }, operator);
      clientId = (await server.apps.add(realm, { name: 'Storefront', redirectUris: [CALLBACK] })).app.clientId;
    });

    /** A browser at the sign-in page of a new authorization request. */
    async function interaction(extra: Record<string, string> = {}, headers: Record<string, string> = {}) {
      const agent = new BrowserAgent(server.baseUrl);
      const query = new URLSearchParams({ client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: CALLBACK, state: 's', code_challenge: randomBytes(32).toString('base64url'), code_challenge_method: 'S256', ...extra });
      const url = locationOf(await agent.get(`/realms/${realm.id}/oidc/auth?${query}`));
      const page = await agent.get(url, { headers });
      return { agent, url, page, html: await page.text() };
    }

    it('serves the sign-in page with a fresh nonce CSP, no caching, no framing and an HttpOnly CSRF cookie', async () => {
      const { agent, page, html } = await interaction();
      assert.equal(page.status, 200);
      const csp = page.headers.get('content-security-policy') ?? '';
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      assert.ok(nonce, csp);
      assert.match(html, new RegExp(`<style nonce="${nonce.replace(/[+/=]/g, '\\$&')}">`));
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(html, /<script/);
      assert.equal(page.headers.get('cache-control'), 'no-store');
      assert.equal(page.headers.get('x-frame-options'), 'DENY');
      const csrf = agent.cookies.get('kr_csrf');
      assert.ok(csrf);
      assert.equal(csrf.path, `/realms/${realm.id}`);
      assert.match(csrf.attributes, /HttpOnly/);
      assert.match(csrf.attributes, /SameSite=Lax/);
      const again = await interaction();
      assert.notEqual(/'nonce-([^']+)'/.exec(again.page.headers.get('content-security-policy') ?? '')?.[1], nonce, 'a new nonce for every response');
    });

    it('refuses a form without the CSRF field, or with another browser’s', async () => {
      const first = await interaction();
      const other = await interaction();
      const missing = await first.agent.get(`${first.url}/identify`, formPost({ identifier: 'ada' }));
      assert.equal(missing.status, 400);
      assert.match(await missing.text(), /This form has expired/);
      const foreign = await first.agent.get(`${first.url}/identify`, formPost({ identifier: 'ada', csrf: csrfOf(other.html) }));
      assert.equal(foreign.status, 400);
      const own = await first.agent.get(`${first.url}/identify`, formPost({ identifier: 'ada', csrf: csrfOf(first.html) }));
      assert.equal(own.status, 200);
    });

    it('answers a known and an unknown identifier alike, at the password step and after a wrong password', async () => {
      const pages: string[] = [];
      const refusals: { status: number; html: string }[] = [];
      for (const identifier of ['ada', 'nobody-here']) {
        const { agent, url, html } = await interaction();
        // The interaction's URL, also as the forgotten-password link's return_to carries it.
        const masked = (page: string) =>
          comparable(page).replaceAll(encodeURIComponent(new URL(url, server.baseUrl).pathname), 'URL').replaceAll(url, 'URL').replaceAll(identifier, 'X');
        const password = await agent.get(`${url}/identify`, formPost({ identifier, csrf: csrfOf(html) }));
        const passwordHtml = await password.text();
        pages.push(masked(passwordHtml));
        const wrong = await agent.get(`${url}/password`, formPost({ identifier, password: 'not the password', csrf: csrfOf(passwordHtml) }));
        refusals.push({ status: wrong.status, html: masked(await wrong.text()) });
      }
      assert.equal(pages[0], pages[1]);
      assert.equal(refusals[0].status, 401);
      assert.deepEqual(refusals[0], refusals[1]);
    });

    it('speaks ui_locales first, then Accept-Language, then English', async () => {
      const lang = (html: string) => /<html lang="(\w+)"/.exec(html)?.[1];
      assert.equal(lang((await interaction({ ui_locales: 'fr-CA de' }, { 'accept-language': 'de' })).html), 'fr');
      assert.equal(lang((await interaction({}, { 'accept-language': 'it, es;q=0.8, de;q=0.5' })).html), 'es');
      assert.equal(lang((await interaction({}, { 'accept-language': 'ja' })).html), 'en');
      assert.match((await interaction({ ui_locales: 'de' })).html, /E-Mail-Adresse oder Benutzername/);
    });

    it('shows an unknown or expired interaction as a page, not an error', async () => {
      const { agent } = await interaction();
      const page = await agent.get(`/realms/${realm.id}/interaction/not-a-real-uid`);
      assert.equal(page.status, 404);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await page.text(), /unknown or has expired/);
      const consentAtLogin = await interaction();
      const early = await consentAtLogin.agent.get(`${consentAtLogin.url}/consent`, formPost({ decision: 'allow', csrf: csrfOf(consentAtLogin.html) }));
      assert.equal(early.status, 404, 'a consent posted at the login step');
      assert.match(await early.text(), /unknown or has expired/);
      const noRealm = await agent.get('/realms/no-such-realm/interaction/abc');
      assert.equal(noRealm.status, 404);
      assert.match(noRealm.headers.get('content-type') ?? '', /text\/html/);
    });

    it('sends direct sign-ins only to a registered return address, matched exactly', async () => {
      const agent = new BrowserAgent(server.baseUrl);
      for (const variant of ['', 'https://evil.example/callback', `${CALLBACK}/`, 'https://APP.example/callback', `${CALLBACK}?x=1`, 'https://app.example@evil.example/callback', 'https://app.example/%63allback']) {
        const page = await agent.get(`/realms/${realm.slug}/login?redirect_uri=${encodeURIComponent(variant)}`);
        assert.equal(page.status, 400, variant);
        assert.equal(page.headers.get('location'), null, variant);
        assert.match(await page.text(), /not one the realm allows/);
      }
      const start = await agent.get(`/realms/${realm.slug}/login?redirect_uri=${encodeURIComponent(CALLBACK)}`);
      assert.match(locationOf(start), new RegExp(`^${server.baseUrl}/realms/${realm.id}/oidc/auth\\?`));
    });
  });
}
