/**
 * The hosted sign-in pages in real Chromium, with openid-client as the application: password,
 * password + TOTP, consent; each page looked at (screenshots at phone and desktop widths) and
 * checked by axe-core in English and German, with no Content-Security-Policy refusal.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as client from 'openid-client';
import type { Page } from 'playwright-core';
import { base32Decode, totp } from '../../src/mfa/otp.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { accessible, browserPerSuite, cspViolations } from '../support/browser.ts';
import { operator } from '../support/fixtures.ts';
import { authorizationRequest, oidcServerPerSuite } from '../oidc/oidc-fixtures.ts';
import { applicationPerSuite } from './hosted-page-helpers.ts';

const PASSWORD = 'correct horse battery staple 9';

describe('hosted sign-in pages in Chromium', () => {
  const server = oidcServerPerSuite('sqlite');
  const chromium = browserPerSuite();
  // The application: a page of its own on loopback, where the browser lands with the code.
  const application = applicationPerSuite();
  let realm: Realm;
  let issuer: string;

  before(async () => {
    realm = await server.services.realms.create({ name: 'Northwind', slug: 'northwind' }, operator);
    issuer = `${server.baseUrl}/realms/${realm.id}`;
    await server.services.users.create(realm, { username: 'ada', email: 'ada@example.com', display_name: 'Ada L', password: PASSWORD }, operator);
  });

  async function relyingParty(consent: 'implicit' | 'required') {
    const { app, secret } = await server.apps.add(realm, { name: 'Storefront', consent, redirectUris: [application.callback] });
    return client.discovery(new URL(issuer), app.clientId, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
  }

  /** Opens the application's authorization request; the callback is caught before it leaves the machine. */
  async function start(page: Page, config: client.Configuration) {
    const { url, verifier, state, nonce } = await authorizationRequest(config, application.callback);
    await page.goto(url.href);
    const finish = async () => {
      await page.waitForURL((target) => target.href.startsWith(application.callback));
      return client.authorizationCodeGrant(config, new URL(page.url()), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
    };
    return { finish };
  }


  it('signs in with a password, using only the keyboard, and the application gets an ID token saying so', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const refusals = cspViolations(page);
    const flow = await start(page, await relyingParty('implicit'));
    await page.getByLabel('Email or username').waitFor();
    await accessible(page, 'hosted-identifier-en');
    await page.keyboard.type('ada');
    await page.keyboard.press('Enter');
    await page.getByLabel('Password').waitFor();
    await accessible(page, 'hosted-password-en');
    await page.keyboard.type('wrong password entirely');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /not right/);
    await accessible(page, 'hosted-password-error-en');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    const tokens = await flow.finish();
    const claims = tokens.claims();
    assert.ok(claims);
    assert.deepEqual(claims.amr, ['pwd']);
    assert.equal(claims.acr, 'aal1');
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('asks a user with TOTP for a code, then for consent, in German', async () => {
    await server.services.users.create(realm, { username: 'grace', email: 'grace@example.com', password: PASSWORD }, operator);
    const login = await fetch(`${issuer}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'grace', password: PASSWORD }) });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const enrolled = (await (await fetch(`${issuer}/account/mfa/totp`, { method: 'POST', headers: bearer, body: JSON.stringify({ name: 'Phone' }) })).json()) as { id: string; secret: string; digits: number; algorithm: 'SHA1' };
    const code = () => totp(base32Decode(enrolled.secret), server.clock.now(), { algorithm: enrolled.algorithm, digits: enrolled.digits });
    const confirmed = await fetch(`${issuer}/account/mfa/${enrolled.id}/confirm`, { method: 'POST', headers: bearer, body: JSON.stringify({ code: code() }) });
    assert.equal(confirmed.status, 200, await confirmed.text());
    server.clock.advance(31_000);

    const context = await chromium.browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    const refusals = cspViolations(page);
    const flow = await start(page, await relyingParty('required'));
    await page.getByLabel('E-Mail-Adresse oder Benutzername').fill('grace');
    await accessible(page, 'hosted-identifier-de');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByLabel('Passwort').fill(PASSWORD);
    await accessible(page, 'hosted-password-de');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByLabel('Code', { exact: true }).waitFor();
    await accessible(page, 'hosted-second-factor-de');
    await page.getByLabel('Code', { exact: true }).fill('000000');
    await page.getByRole('button', { name: 'Bestätigen' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /stimmt nicht/);
    assert.deepEqual(await page.getByRole('radio').evaluateAll((radios) => radios.map((radio) => radio.getAttribute('value'))), ['totp', 'recovery_code'], 'the same choices as before the wrong code: what the user has');
    await page.getByLabel('Code', { exact: true }).fill(code());
    await page.getByRole('button', { name: 'Bestätigen' }).click();
    await page.getByRole('button', { name: 'Zulassen' }).waitFor();
    assert.match(await page.locator('h1').innerText(), /Storefront möchte auf Ihr Konto zugreifen/);
    await accessible(page, 'hosted-consent-de');
    await page.getByRole('button', { name: 'Zulassen' }).click();
    const tokens = await flow.finish();
    const claims = tokens.claims();
    assert.ok(claims);
    assert.deepEqual([...(claims.amr as string[])].sort(), ['otp', 'pwd']);
    assert.equal(claims.acr, 'aal2');
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('signs in and out in French: RP-initiated logout ends the realm session; the device and error pages too', async () => {
    const context = await chromium.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const refusals = cspViolations(page);
    const config = await relyingParty('implicit');
    const flow = await start(page, config);
    await page.getByLabel('Adresse e-mail ou nom d’utilisateur').fill('ada');
    await accessible(page, 'hosted-identifier-fr');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await accessible(page, 'hosted-password-fr');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const tokens = await flow.finish();
    assert.equal((await client.tokenIntrospection(config, tokens.access_token)).active, true);

    await page.goto(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token! }).href);
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    assert.match(await page.locator('h1').innerText(), /Se déconnecter/);
    await accessible(page, 'hosted-logout-confirm-fr');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Déconnecté' }).waitFor();
    await accessible(page, 'hosted-signed-out-fr');
    assert.equal((await client.tokenIntrospection(config, tokens.access_token)).active, false, 'signing out ended the grant');
    const validate = await fetch(`${issuer}/auth/validate`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(validate.status, 401, 'and the realm session');

    await page.goto(`${issuer}/oidc/device`);
    await page.getByLabel('Code').waitFor();
    assert.match(await page.locator('h1').innerText(), /Connecter un appareil/);
    assert.equal(await page.getByRole('textbox').count(), 1, 'one code field, the page’s own');
    await accessible(page, 'hosted-device-entry-fr');
    await page.goto(`${issuer}/oidc/auth?client_id=nobody&response_type=code&scope=openid`);
    await page.getByRole('alert').waitFor();
    assert.match(await page.locator('h1').innerText(), /Un problème est survenu/);
    await accessible(page, 'hosted-provider-error-fr');
    assert.deepEqual(refusals, []);
    await context.close();
  });
});
