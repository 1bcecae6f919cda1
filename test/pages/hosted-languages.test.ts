/**
 * Every shipped language on every kind of hosted page a browser can open by itself: the sign-in
 * steps of an authorization request (identifier, choice of methods, a refused password), consent,
 * sign-up, forgotten password, the device code entry and a provider error. axe-core finds no
 * serious or critical violation in any of them, the page declares its language, and no
 * Content-Security-Policy refusal is reported.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as client from 'openid-client';
import type { Page } from 'playwright-core';
import { LOCALES } from '../../src/pages/messages.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { accessible, browserPerSuite, cspViolations } from '../support/browser.ts';
import { operator } from '../support/fixtures.ts';
import { authorizationRequest, oidcServerPerSuite } from '../oidc/oidc-fixtures.ts';

const PASSWORD = 'correct horse battery staple 9';
const CALLBACK = 'https://app.example/callback';

describe('hosted pages in every shipped language', () => {
  const server = oidcServerPerSuite('sqlite');
  const chromium = browserPerSuite();
  let realm: Realm;
  let issuer: string;
  let thirdParty: client.Configuration;

  before(async () => {
    realm = await server.services.realms.create(
      { name: 'Polyglot', slug: 'polyglot', users: { registration: { enabled: true } }, sign_in: { first_factors: ['password', 'email_otp', 'magic_link'] } },
      operator,
    );
    issuer = `${server.baseUrl}/realms/${realm.id}`;
    await server.services.users.create(realm, { username: 'ada', email: 'ada@example.com', password: PASSWORD }, operator);
    const { app, secret } = await server.apps.add(realm, { name: 'Atlas', consent: 'required', redirectUris: [CALLBACK] });
    thirdParty = await client.discovery(new URL(issuer), app.clientId, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
  });

  async function check(page: Page, name: string, locale: string): Promise<void> {
    assert.equal(await page.locator('html').getAttribute('lang'), locale, `${name} speaks ${locale}`);
    await accessible(page, `hosted-${name}-${locale}`);
  }

  for (const locale of LOCALES) {
    it(`${locale}: sign-in steps, consent, sign-up, forgotten password, device entry and an error`, async () => {
      const context = await chromium.browser.newContext({ locale });
      const page = await context.newPage();
      const refusals = cspViolations(page);

      await page.goto((await authorizationRequest(thirdParty, CALLBACK)).url.href);
      await page.locator('#identifier').waitFor();
      await check(page, 'lang-identifier', locale);
      await page.locator('#identifier').fill('ada');
      await page.locator('#identifier').press('Enter');
      await page.locator('#password').waitFor();
      await check(page, 'lang-choice', locale);
      await page.locator('#password').fill('not the password at all');
      await page.locator('#password').press('Enter');
      await page.getByRole('alert').waitFor();
      await check(page, 'lang-refused', locale);
      await page.locator('#password').fill(PASSWORD);
      await page.locator('#password').press('Enter');
      await page.locator('ul.scopes').waitFor();
      await check(page, 'lang-consent', locale);

      await page.goto(`${issuer}/signup`);
      await page.locator('form').first().waitFor();
      await check(page, 'lang-sign-up', locale);
      await page.goto(`${issuer}/forgot-password`);
      await page.locator('form').first().waitFor();
      await check(page, 'lang-forgot', locale);
      await page.goto(`${issuer}/oidc/device`);
      await page.locator('#user_code').waitFor();
      await check(page, 'lang-device', locale);
      await page.goto(`${issuer}/oidc/auth?client_id=nobody&response_type=code&scope=openid`);
      await page.getByRole('alert').waitFor();
      await check(page, 'lang-error', locale);

      assert.deepEqual(refusals, []);
      await context.close();
    });
  }
});
