/**
 * Passkeys on the hosted sign-in pages in real Chromium, with openid-client as the application and
 * a virtual authenticator attached through the DevTools protocol: a passkey registered through the
 * account API signs in on its own (the button, no identifier, or among the choices after the
 * identifier), and completes a password sign-in as
 * the second factor; a ceremony that fails says so on the page; without JavaScript the passkey
 * button stays hidden and the password still works. Screenshots at phone and desktop widths, axe,
 * and no Content-Security-Policy refusal (the page's one script is allowed by its nonce).
 *
 * The server's public URL is http://localhost:<port>: WebAuthn wants a domain, not an IP address,
 * and with no passkey settings a realm's RP ID is that host and its one origin the public URL's,
 * which is exactly where the browser meets these pages.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as client from 'openid-client';
import type { BrowserContext, Page } from 'playwright-core';
import { base32Decode, totp } from '../../src/mfa/otp.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { addVirtualAuthenticator, createInPage } from '../passkeys/browser-webauthn.ts';
import { accessible, browserPerSuite, cspViolations, screenshots } from '../support/browser.ts';
import { applicationPerSuite } from './hosted-page-helpers.ts';
import { operator } from '../support/fixtures.ts';
import { authorizationRequest, oidcServerPerSuite } from '../oidc/oidc-fixtures.ts';
import { PASSWORD, passkeyPageRealm, userWithPasskey } from './passkey-page-fixtures.ts';

describe('passkeys on the hosted sign-in pages in Chromium', () => {
  const server = oidcServerPerSuite('sqlite', () => ({}), 'localhost');
  const chromium = browserPerSuite();
  const application = applicationPerSuite();

  async function relyingParty(realm: Realm) {
    const { app, secret } = await server.apps.add(realm, { name: 'Storefront', consent: 'implicit', redirectUris: [application.callback] });
    return client.discovery(new URL(`${server.baseUrl}/realms/${realm.id}`), app.clientId, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
  }

  /**
   * A browser tab with a virtual authenticator (a laptop's passkey store) and the CSP refusals it
   * reports. `autofill: false`: a browser that answers it has no autofill for passkeys, so the
   * button is the way in.
   */
  async function tab(locale: string, options: { javaScriptEnabled?: boolean; autofill?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; refusals: string[] }> {
    const context = await chromium.browser.newContext({ locale, javaScriptEnabled: options.javaScriptEnabled });
    const page = await context.newPage();
    const refusals = cspViolations(page);
    if (options.javaScriptEnabled !== false) await addVirtualAuthenticator(page);
    if (options.autofill === false) {
      await page.addInitScript(() => {
        (globalThis as unknown as { PublicKeyCredential: { isConditionalMediationAvailable(): Promise<boolean> } }).PublicKeyCredential.isConditionalMediationAvailable = async () => false;
      });
    }
    return { context, page, refusals };
  }

  /** Registers a passkey on the tab's authenticator through the account API (from a page of the server's origin). */
  async function registerIn(page: Page, realm: Realm, username: string) {
    await page.goto(`${server.baseUrl}/health`);
    return userWithPasskey(server, realm, username, async (options) => {
      const created = await createInPage(page, options);
      assert.ok(created.ok, created.ok ? '' : created.error);
      return created.credential;
    });
  }

  /** Opens the application's authorization request; `finish` catches the callback and redeems the code. */
  async function start(page: Page, config: client.Configuration) {
    const { url, verifier, state, nonce } = await authorizationRequest(config, application.callback);
    await page.goto(url.href);
    return async () => {
      await page.waitForURL((target) => target.href.startsWith(application.callback));
      const tokens = await client.authorizationCodeGrant(config, new URL(page.url()), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
      const claims = tokens.claims();
      assert.ok(claims);
      return claims;
    };
  }

  /** A confirmed TOTP authenticator (and with it the first recovery codes) through the account API. */
  async function enrolTotp(realm: Realm, token: string) {
    const issuer = `${server.baseUrl}/realms/${realm.id}`;
    const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const enrolled = (await (await fetch(`${issuer}/account/mfa/totp`, { method: 'POST', headers: bearer, body: JSON.stringify({ name: 'Phone' }) })).json()) as { id: string; secret: string; digits: number; algorithm: 'SHA1' };
    const code = totp(base32Decode(enrolled.secret), server.clock.now(), { algorithm: enrolled.algorithm, digits: enrolled.digits });
    const confirmed = await fetch(`${issuer}/account/mfa/${enrolled.id}/confirm`, { method: 'POST', headers: bearer, body: JSON.stringify({ code }) });
    assert.equal(confirmed.status, 200, await confirmed.text());
  }

  it('signs in with the passkey button alone (a browser without passkey autofill): no identifier, and the ID token says passkey with user verification', async () => {
    const realm = await passkeyPageRealm(server, {});
    const { context, page, refusals } = await tab('en-US', { autofill: false });
    await registerIn(page, realm, 'ada');
    const finish = await start(page, await relyingParty(realm));
    const button = page.getByRole('button', { name: 'Sign in with a passkey' });
    await button.waitFor();
    await accessible(page, 'hosted-passkey-identifier-en');
    await button.click();
    const claims = await finish();
    assert.deepEqual(claims.amr, ['hwk', 'user']);
    assert.equal(claims.acr, 'aal2');
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('signs in through the identifier field\u2019s autofill: the page asks with conditional mediation as it loads', async () => {
    const realm = await passkeyPageRealm(server, {});
    const { context, page, refusals } = await tab('en-US');
    await registerIn(page, realm, 'ida');
    const finish = await start(page, await relyingParty(realm));
    // Chromium's virtual authenticator picks its one passkey for the waiting autofill request at once, as a person choosing it would.
    const claims = await finish();
    assert.deepEqual(claims.amr, ['hwk', 'user']);
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('signs in from the choices after the identifier: the password or, beside it, the passkey', async () => {
    const realm = await passkeyPageRealm(server, {});
    const { context, page, refusals } = await tab('en-US', { autofill: false });
    await registerIn(page, realm, 'ada');
    const finish = await start(page, await relyingParty(realm));
    await page.getByLabel('Email or username').fill('ada');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Password').waitFor();
    const button = page.getByRole('button', { name: 'Sign in with a passkey' });
    await button.waitFor();
    await accessible(page, 'hosted-passkey-choices-en');
    await button.click();
    assert.deepEqual((await finish()).amr, ['hwk', 'user']);
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('takes the passkey as the second factor after a password, beside an authenticator app, in German', async () => {
    const realm = await passkeyPageRealm(server, {}, ['password']);
    const { context, page, refusals } = await tab('de-DE');
    await enrolTotp(realm, (await registerIn(page, realm, 'grace')).token);
    const finish = await start(page, await relyingParty(realm));
    await page.getByLabel('E-Mail-Adresse oder Benutzername').fill('grace');
    assert.equal(await page.getByRole('button', { name: 'Mit einem Passkey anmelden' }).count(), 0, 'passkeys are no first factor in this realm');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByLabel('Passwort').fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const button = page.getByRole('button', { name: 'Passkey verwenden' });
    await button.waitFor();
    assert.deepEqual(await page.getByRole('radio').evaluateAll((radios) => radios.map((radio) => radio.getAttribute('value'))), ['totp', 'recovery_code'], 'the codes too');
    await accessible(page, 'hosted-passkey-second-factor-de');
    await button.click();
    const claims = await finish();
    assert.deepEqual([...(claims.amr as string[])].sort(), ['hwk', 'pwd', 'user']);
    assert.equal(claims.acr, 'aal2');
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('enrols a passkey during a sign-in that requires a second factor: the choice, then the browser creates it and the sign-in completes', async () => {
    const slug = `passkey-enrol-${Math.random().toString(36).slice(2, 8)}`;
    const realm = await server.services.realms.create({ name: 'Northwind', slug, sign_in: { first_factors: ['password'], second_factors: ['totp', 'passkey', 'recovery_code'], mfa: 'required' } } as never, operator);
    const user = await server.services.users.create(realm, { username: 'hana', email: 'hana@example.com', password: PASSWORD }, operator);
    const { context, page, refusals } = await tab('en-US');
    const finish = await start(page, await relyingParty(realm));
    await page.getByLabel('Email or username').fill('hana');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Set up a second factor' }).waitFor();
    await accessible(page, 'hosted-passkey-enrol-choice-en');
    await page.getByRole('button', { name: 'A passkey or security key' }).click();
    const create = page.getByRole('button', { name: 'Create a passkey' });
    await create.waitFor();
    await accessible(page, 'hosted-passkey-enrol-en');
    await create.click();
    const claims = await finish();
    assert.deepEqual([...(claims.amr as string[])].sort(), ['hwk', 'pwd']);
    assert.equal(claims.acr, 'aal2');
    assert.equal((await server.services.passkeys.list(realm, user.id)).length, 1, 'the new passkey is the user\u2019s');
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('says so on the page when the ceremony fails, in French; without JavaScript there is no passkey button and the password works', async () => {
    const realm = await passkeyPageRealm(server, {});
    await server.services.users.create(realm, { username: 'lin', email: 'lin@example.com', password: PASSWORD }, operator);
    const config = await relyingParty(realm);

    // An authenticator with no passkey for this realm: the browser refuses, the page tells why.
    const empty = await tab('fr-FR');
    await start(empty.page, config);
    await empty.page.getByRole('button', { name: 'Se connecter avec une clé d’accès' }).click();
    await empty.page.getByRole('alert').waitFor();
    assert.match(await empty.page.getByRole('alert').innerText(), /annulée ou a expiré/);
    await accessible(empty.page, 'hosted-passkey-cancelled-fr');
    assert.deepEqual(empty.refusals, []);
    await empty.context.close();

    const noScript = await tab('en-US', { javaScriptEnabled: false });
    const finish = await start(noScript.page, config);
    await noScript.page.getByLabel('Email or username').fill('lin');
    assert.equal(await noScript.page.getByRole('button', { name: 'Sign in with a passkey' }).isVisible(), false);
    await screenshots(noScript.page, 'hosted-passkey-noscript-en');
    await noScript.page.getByRole('button', { name: 'Continue' }).click();
    await noScript.page.getByLabel('Password').fill(PASSWORD);
    await noScript.page.getByRole('button', { name: 'Sign in' }).click();
    assert.deepEqual((await finish()).amr, ['pwd']);
    await noScript.context.close();
  });
});
