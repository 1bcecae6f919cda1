/**
 * A realm's branding and localisation, on both databases: what the realm API refuses (and says
 * why, naming the field), what the hosted pages then carry (colours, layout, stylesheet, the
 * realm's words and default language, framing), that one realm's branding never shows on
 * another's pages, and that a preview shows a change without saving it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { renderHostedPage } from '../../src/pages/page-kit.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { BrowserAgent, locationOf } from '../oidc/browser-agent.ts';
import { oidcServerPerSuite } from '../oidc/oidc-fixtures.ts';

const CALLBACK = 'https://app.example/callback';
const LIGHT = { primary: '#0b6e4f', primary_text: '#ffffff', background: '#eef5f1', surface: '#ffffff', text: '#14221b' };
const DARK = { primary: '#5fd3a5', primary_text: '#08160f', background: '#08160f', surface: '#10241a', text: '#e3f2ea' };

type Body = Record<string, any>;

for (const dialect of dialects) {
  describe(`realm branding and localisation on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect);
    let branded: Realm;
    let plain: Realm;
    const clients = new Map<string, string>();

    async function admin(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const response = await fetch(`${server.baseUrl}/admin/v1/realms/${path}`, {
        method,
        headers: { ...server.adminHeaders, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, body: (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null) as Body };
    }

    /** The refusal's details for a realm PATCH that must fail with 400. */
    async function refused(body: unknown): Promise<{ field: string; issue: string }[]> {
      const answer = await admin('PATCH', branded.id, body);
      assert.equal(answer.status, 400, answer.text);
      return answer.body.error.details;
    }

    before(async () => {
      branded = await server.services.realms.create({ name: 'Greenleaf', slug: `greenleaf-${dialect}` }, operator);
      plain = await server.services.realms.create({ name: 'Plainfield', slug: `plainfield-${dialect}` }, operator);
      for (const realm of [branded, plain]) clients.set(realm.id, (await server.apps.add(realm, { name: 'Storefront', redirectUris: [CALLBACK] })).app.clientId);
    });

    /** A browser at the realm's sign-in page. */
    async function signInPage(realm: Realm, extra: Record<string, string> = {}, headers: Record<string, string> = {}) {
      const agent = new BrowserAgent(server.baseUrl);
      const query = new URLSearchParams({ client_id: clients.get(realm.id)!, response_type: 'code', scope: 'openid', redirect_uri: CALLBACK, state: 's', code_challenge: randomBytes(32).toString('base64url'), code_challenge_method: 'S256', ...extra });
      const page = await agent.get(locationOf(await agent.get(`/realms/${realm.id}/oidc/auth?${query}`)), { headers });
      return { page, html: await page.text() };
    }

    it('refuses colours that are not #rrggbb, or too faint to read, naming the field and the contrast', async () => {
      const notHex = await refused({ branding: { colours: { light: { ...LIGHT, primary: 'green' } } } });
      assert.equal(notHex[0]!.field, 'branding.colours.light.primary');
      const faint = await refused({ branding: { colours: { light: { ...LIGHT, text: '#b0b0b0' }, dark: { ...DARK, primary_text: '#ffffff' } } } });
      assert.deepEqual(faint.map((d) => d.field), ['branding.colours.light.text', 'branding.colours.dark.primary_text']);
      assert.match(faint[0]!.issue, /contrast of 2\.\d\d:1 on surface; it must be at least 4\.5:1/);
      const partial = await refused({ branding: { colours: { light: { primary: '#0b6e4f' } } } });
      assert.equal(partial[0]!.field, 'branding.colours.light.primary_text');
      assert.equal(partial[0]!.issue, 'is required');
    });

    it('refuses a stylesheet that could end its element, load from elsewhere or hide a rule in escapes', async () => {
      const evil: [string, RegExp][] = [
        ['main{color:red}</style><script>alert(1)</script>', /must not contain </],
        ['@import "https://evil.example/x.css";', /must not use @import/],
        ['body{background:url(http://evil.example/p.png)}', /url\(\) only with https: or data:image/],
        ['body{background:url( "javascript:alert(1)")}', /url\(\) only/],
        ['body{background:u\\72l(http://evil.example/p.png)}', /backslash/],
        ['p{width:expression(alert(1))}', /expression/],
        ['body{background-image:image-set("/realms/x/interaction/y/link" 1x)}', /only through url\(\)/],
        ['body{background:-webkit-image-set("//evil.example/p.png" 1x)}', /only through url\(\)/],
        ['form:has(input[name=csrf][value^="a"]) button{background:url(https://evil.example/a)}', /attribute selectors that match values/],
        ['input[type="password"]{border-width:2px}', /attribute selectors that match values/],
        ['x'.repeat(16 * 1024 + 1), /more than 16384 characters/],
        [`/* ${'é'.repeat(9000)} */`, /at most 16 KB/],
      ];
      for (const [css, issue] of evil) {
        const details = await refused({ branding: { stylesheet: css } });
        assert.equal(details[0]!.field, 'branding.stylesheet', css.slice(0, 40));
        assert.match(details.map((d) => d.issue).join('; '), issue, css.slice(0, 40));
      }
      const fine = await admin('PATCH', branded.id, { branding: { stylesheet: 'h1{letter-spacing:.02em;background:url("https://cdn.example/x.png")}input[disabled]{opacity:.5}' } });
      assert.equal(fine.status, 200, fine.text);
    });

    it('refuses frame origins with a path, over http off loopback, with wildcards or separators', async () => {
      const details = await refused({ branding: { frame_ancestors: ['https://portal.example/app', 'http://portal.example', 'https://*.example', 'https://a;b.example', 'https://ok.example'] } });
      assert.deepEqual(details.map((d) => d.field), [0, 1, 2, 3].map((i) => `branding.frame_ancestors.${i}`));
      const loopback = await admin('PATCH', plain.id, { branding: { frame_ancestors: ['http://localhost:8080'] } });
      assert.equal(loopback.status, 200, loopback.text);
      await admin('PATCH', plain.id, { branding: { frame_ancestors: [] } });
    });

    it('refuses overrides of languages or strings the pages do not have, blank ones and unknown placeholders', async () => {
      const language = await refused({ localisation: { overrides: { it: { 'sign_in.title': 'Accedi' } } } });
      assert.deepEqual(language, [{ field: 'localisation.overrides.it', issue: 'is not a known field' }]);
      const details = await refused({ localisation: { overrides: { en: { 'sign_in.welcome': 'Hi', 'sign_in.title': '  ', 'sign_in.to_app': 'on to {application}' } } } });
      assert.deepEqual(
        details.map((d) => d.field),
        ['localisation.overrides.en.sign_in.welcome', 'localisation.overrides.en.sign_in.title', 'localisation.overrides.en.sign_in.to_app'],
      );
      assert.match(details[0]!.issue, /not a message key/);
      assert.match(details[2]!.issue, /may use only \{app\}, not \{application\}/);
      const locale = await refused({ localisation: { default_locale: 'it' } });
      assert.equal(locale[0]!.field, 'localisation.default_locale');
    });

    it('shows the saved branding and words on the realm’s pages, in its default language, and frames only as allowed', async () => {
      const saved = await admin('PATCH', branded.id, {
        public_info: { display_name: 'Greenleaf Co-op' },
        branding: { colours: { light: LIGHT, dark: DARK }, layout: { style: 'full_bleed', logo_position: 'center', corner_radius: 'large' }, stylesheet: 'h1{letter-spacing:.02em}', frame_ancestors: ['https://portal.example'] },
        localisation: { default_locale: 'de', overrides: { de: { 'sign_in.title': 'Willkommen bei <Greenleaf>', 'sign_in.to_app': 'weiter zu {app}' }, en: { 'sign_in.title': 'Welcome to Greenleaf' } } },
      });
      assert.equal(saved.status, 200, saved.text);
      assert.deepEqual(saved.body.branding.colours.light, LIGHT);
      assert.equal(saved.body.localisation.default_locale, 'de');

      const { page, html } = await signInPage(branded, {}, { 'accept-language': 'ja' });
      assert.match(html, /<html lang="de">/, 'no shipped language asked for: the realm’s default');
      assert.match(html, /Willkommen bei &#60;Greenleaf&#62;/, 'an override is plain text, escaped');
      assert.match(html, /weiter zu Storefront/);
      assert.match(html, /E-Mail-Adresse oder Benutzername/, 'strings not overridden stay the shipped ones');
      assert.match(html, /--kr-primary:#0b6e4f/);
      assert.match(html, /@media \(prefers-color-scheme:dark\)\{:root\{--kr-primary:#5fd3a5/);
      assert.match(html, /<body class="layout-full_bleed logo-center radius-large">/);
      assert.match(html, /h1\{letter-spacing:\.02em\}<\/style>/);
      assert.match(html, /Greenleaf Co-op/);
      assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors https:\/\/portal\.example;/);
      assert.equal(page.headers.get('x-frame-options'), null);

      const english = await signInPage(branded, { ui_locales: 'en' });
      assert.match(english.html, /<html lang="en">/);
      assert.match(english.html, /Welcome to Greenleaf/);
      const french = await signInPage(branded, {}, { 'accept-language': 'fr' });
      assert.match(french.html, /<h1>Connexion<\/h1>/, 'a language without overrides speaks the shipped words');

      // A page the sign-in leads to may be framed as it is; one an emailed link opens never is.
      const forgot = await fetch(`${server.baseUrl}/realms/${branded.id}/forgot-password`);
      assert.match(forgot.headers.get('content-security-policy') ?? '', /frame-ancestors https:\/\/portal\.example;/);
      const reset = await fetch(`${server.baseUrl}/realms/${branded.id}/pages/reset-password?token=${'x'.repeat(43)}`);
      assert.match(await reset.text(), /--kr-primary:#0b6e4f/, 'in the realm’s colours all the same');
      assert.match(reset.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      assert.equal(reset.headers.get('x-frame-options'), 'DENY');
    });

    it('never shows one realm’s branding or words on another’s pages', async () => {
      const { page, html } = await signInPage(plain, {}, { 'accept-language': 'ja' });
      assert.match(html, /<html lang="en">/);
      assert.match(html, /<h1>Sign in<\/h1>/);
      assert.doesNotMatch(html, /--kr-primary|Greenleaf|letter-spacing:\.02em|layout-full_bleed/);
      assert.match(html, /<body class="layout-card logo-start radius-medium">/);
      assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      assert.equal(page.headers.get('x-frame-options'), 'DENY');
    });

    it('lets an application\u2019s frame_origins frame its own sign-in pages, and no other application\u2019s (found by review: ignored)', async () => {
      const framed = await server.apps.add(plain, { name: 'Embedded', redirectUris: [CALLBACK], frameOrigins: ['https://embed.example'] });
      const agent = new BrowserAgent(server.baseUrl);
      const query = (clientId: string) => new URLSearchParams({ client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: CALLBACK, state: 's', code_challenge: randomBytes(32).toString('base64url'), code_challenge_method: 'S256' });
      const own = await agent.get(locationOf(await agent.get(`/realms/${plain.id}/oidc/auth?${query(framed.app.clientId)}`)));
      assert.match(own.headers.get('content-security-policy') ?? '', /frame-ancestors https:\/\/embed\.example;/);
      assert.equal(own.headers.get('x-frame-options'), null);
      const other = await signInPage(plain);
      assert.match(other.page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, 'another application of the realm is not framed by it');
    });

    it('refuses frame origins that would end or widen frame-ancestors, and never sends one saved before that check (found by review)', async () => {
      for (const origin of ['https://*', "https://'self'", 'https://a.example;script-src', 'https://*.example']) {
        await assert.rejects(server.apps.add(plain, { name: 'Wide', redirectUris: [CALLBACK], frameOrigins: [origin] }), (error: { code?: string }) => error.code === 'application.invalid_frame_origins', origin);
      }
      const page = renderHostedPage({ realm: plain, locale: 'en', title: 'Sign in', body: '<p>x</p>', frameOrigins: ['https://embed.example', 'https://*', 'https://a.example;script-src'] });
      assert.match(page.headers['content-security-policy'] ?? '', /frame-ancestors https:\/\/embed\.example; base-uri/);
    });

    it('previews a change of the sign-in page without saving it, and refuses a bad one as saving would', async () => {
      const before = await admin('GET', plain.id);
      const preview = await admin('POST', `${plain.id}/branding/preview?locale=es`, {
        branding: { colours: { light: LIGHT }, frame_ancestors: ['https://portal.example'] },
        localisation: { overrides: { es: { 'sign_in.title': 'Hola de nuevo' } } },
      });
      assert.equal(preview.status, 200, preview.text);
      assert.match(preview.headers.get('content-type') ?? '', /text\/html/);
      assert.match(preview.text, /<html lang="es">/);
      assert.match(preview.text, /Hola de nuevo/);
      assert.match(preview.text, /--kr-primary:#0b6e4f/);
      assert.match(preview.text, /<meta name="color-scheme" content="light">/, 'a light palette alone: the page is light in both schemes');
      assert.match(preview.headers.get('content-security-policy') ?? '', /frame-ancestors https:\/\/portal\.example;/);

      const after = await admin('GET', plain.id);
      assert.deepEqual(after.body, before.body, 'nothing saved');
      assert.doesNotMatch((await signInPage(plain)).html, /Hola de nuevo|--kr-primary/);

      const bad = await admin('POST', `${plain.id}/branding/preview`, { branding: { colours: { light: { ...LIGHT, primary: '#f0fff0' } } } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'realm.invalid_settings');
      assert.ok(bad.body.error.details.some((d: Body) => d.field === 'branding.colours.light.primary'), bad.text);
      const current = await admin('POST', `${branded.id}/branding/preview`, {});
      assert.match(current.text, /<html lang="de">/, 'an empty change previews the saved branding');
      assert.match(current.text, /Willkommen bei/);
      const anonymous = await fetch(`${server.baseUrl}/admin/v1/realms/${plain.id}/branding/preview`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(anonymous.status, 401);
    });
  });
}
