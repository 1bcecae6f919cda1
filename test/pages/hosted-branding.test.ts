/**
 * Branded hosted pages in real Chromium: a realm with its own light and dark colours on a card,
 * and one with a light palette only, full-bleed, centred logo, large corners and a stylesheet of
 * its own. Each is looked at in both colour schemes (screenshots at phone and desktop widths),
 * checked by axe, and its colours checked as the browser computes them; no CSP refusal.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Realm } from '../../src/realms/realm.ts';
import { accessible, browserPerSuite, cspViolations } from '../support/browser.ts';
import { operator } from '../support/fixtures.ts';
import { oidcServerPerSuite } from '../oidc/oidc-fixtures.ts';

const CALLBACK = 'https://app.example/callback';
const LIGHT = { primary: '#0b6e4f', primary_text: '#ffffff', background: '#e6f0eb', surface: '#ffffff', text: '#14221b' };
const DARK = { primary: '#5fd3a5', primary_text: '#08160f', background: '#050d09', surface: '#10241a', text: '#e3f2ea' };
const WARM = { primary: '#9a3412', primary_text: '#fff7ed', background: '#fff7ed', surface: '#fffbf5', text: '#3b1d0e' };

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)).join(', ')})`;

describe('branded hosted pages in Chromium', () => {
  const server = oidcServerPerSuite('sqlite');
  const chromium = browserPerSuite();
  const clients = new Map<string, string>();
  let greenleaf: Realm;
  let ember: Realm;

  before(async () => {
    greenleaf = await server.services.realms.create(
      { name: 'Greenleaf', slug: 'greenleaf', branding: { colours: { light: LIGHT, dark: DARK } }, localisation: { overrides: { en: { 'sign_in.title': 'Welcome back' } } } },
      operator,
    );
    ember = await server.services.realms.create(
      {
        name: 'Ember Studio',
        slug: 'ember',
        branding: { colours: { light: WARM, dark: null }, layout: { style: 'full_bleed', logo_position: 'center', corner_radius: 'large' }, stylesheet: 'h1{letter-spacing:-.01em;font-size:26px}header span{font-size:20px}' },
        localisation: { default_locale: 'fr' },
      },
      operator,
    );
    for (const realm of [greenleaf, ember]) clients.set(realm.id, (await server.apps.add(realm, { name: 'Storefront', redirectUris: [CALLBACK] })).app.clientId);
  });

  async function openSignIn(page: Page, realm: Realm) {
    const query = new URLSearchParams({ client_id: clients.get(realm.id)!, response_type: 'code', scope: 'openid', redirect_uri: CALLBACK, state: 's', code_challenge: randomBytes(32).toString('base64url'), code_challenge_method: 'S256' });
    await page.goto(`${server.baseUrl}/realms/${realm.id}/oidc/auth?${query}`);
    await page.locator('input#identifier').waitFor();
  }


  /** A property of an element's style as the browser computed it (the test runs without the DOM's types). */
  const css = (page: Page, selector: string, property: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((element, name) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(element)[name]!, property);

  const colours = async (page: Page) => ({
    body: await css(page, 'body', 'backgroundColor'),
    main: await css(page, 'main', 'backgroundColor'),
    h1: await css(page, 'h1', 'color'),
    button: await css(page, 'button[type=submit]', 'backgroundColor'),
    label: await css(page, 'button[type=submit]', 'color'),
  });

  it('shows a realm’s own light and dark colours on a card, and its own words', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const refusals = cspViolations(page);
    await openSignIn(page, greenleaf);
    assert.equal(await page.locator('h1').innerText(), 'Welcome back');
    for (const [scheme, palette] of [['light', LIGHT], ['dark', DARK]] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 1280, height: 800 });
      assert.deepEqual(await colours(page), { body: rgb(palette.background), main: rgb(palette.surface), h1: rgb(palette.text), button: rgb(palette.primary), label: rgb(palette.primary_text) }, scheme);
      await accessible(page, `hosted-branded-card-${scheme}`);
    }
    // The password step's account row and a refusal, in the realm's dark colours.
    await page.locator('input#identifier').fill('ada');
    await page.keyboard.press('Enter');
    await page.locator('input#password').fill('not the password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    await accessible(page, 'hosted-branded-card-password-error-dark');
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('shows a light-only realm full-bleed with a centred logo, large corners and its stylesheet, light in both schemes', async () => {
    const context = await chromium.browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    const refusals = cspViolations(page);
    await openSignIn(page, ember);
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr', 'no shipped language asked for: the realm’s default');
    assert.equal(await page.locator('h1').innerText(), 'Connexion');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 1280, height: 800 });
      const seen = await colours(page);
      assert.equal(seen.main, rgb(WARM.surface), scheme);
      assert.equal(seen.button, rgb(WARM.primary), scheme);
      assert.equal(seen.h1, rgb(WARM.text), scheme);
      const layout = {
        width: (await page.locator('main').boundingBox())?.width,
        header: await css(page, 'header', 'flexDirection'),
        radius: await css(page, 'input#identifier', 'borderTopLeftRadius'),
        spacing: await css(page, 'h1', 'fontSize'),
      };
      assert.deepEqual(layout, { width: 1280, header: 'column', radius: '14px', spacing: '26px' });
      await accessible(page, `hosted-branded-full-bleed-${scheme}`);
    }
    // Still in the dark scheme: a refusal keeps the light page's colours, not Keyrealm's dark ones.
    await page.locator('input#identifier').fill('ada');
    await page.keyboard.press('Enter');
    await page.locator('input#password').fill('not the password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    assert.equal(await css(page, '.error', 'backgroundColor'), rgb('#fdecea'));
    await accessible(page, 'hosted-branded-full-bleed-password-error-dark');
    assert.deepEqual(refusals, []);
    await context.close();
  });
});
