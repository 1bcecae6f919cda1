/**
 * The hosted sign-in pages in real Chromium, with openid-client as the application: password,
 * password + TOTP, consent, then the application's life with its tokens (refresh, userinfo,
 * introspection, revocation) and RP-initiated logout reaching it over the back channel; each page
 * looked at (screenshots at phone and desktop widths) and checked by axe-core in English, German
 * and French, with no Content-Security-Policy refusal.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import * as client from 'openid-client';
import type { Page } from 'playwright-core';
import { base32Decode, totp } from '../../src/mfa/otp.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { accessible, browserPerSuite, cspViolations } from '../support/browser.ts';
import { operator } from '../support/fixtures.ts';
import { authorizationRequest, decodeJwt, oidcServerPerSuite, type AppOverrides } from '../oidc/oidc-fixtures.ts';

const PASSWORD = 'correct horse battery staple 9';

describe('hosted sign-in pages in Chromium', () => {
  const server = oidcServerPerSuite('sqlite');
  const chromium = browserPerSuite();
  let realm: Realm;
  let issuer: string;
  // The application: a page of its own on loopback, where the browser lands with the code, and its
  // back-channel logout endpoint (what it received).
  let application: Server;
  let CALLBACK = '';
  const logoutTokens: string[] = [];

  before(async () => {
    application = createServer((request, response) => {
      if (request.method === 'POST' && request.url === '/backchannel') {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          logoutTokens.push(new URLSearchParams(body).get('logout_token') ?? '');
          response.writeHead(200).end();
        });
        return;
      }
      response.writeHead(200, { 'content-type': 'text/plain' }).end('back at the application');
    });
    await new Promise<void>((resolve) => application.listen(0, '127.0.0.1', resolve));
    CALLBACK = `http://127.0.0.1:${(application.address() as { port: number }).port}/callback`;
    realm = await server.services.realms.create({ name: 'Northwind', slug: 'northwind' }, operator);
    issuer = `${server.baseUrl}/realms/${realm.id}`;
    await server.services.users.create(realm, { username: 'ada', email: 'ada@example.com', display_name: 'Ada L', password: PASSWORD }, operator);
  });

  after(() => new Promise<void>((resolve) => application.close(() => resolve())));

  async function relyingParty(consent: 'implicit' | 'required', overrides: AppOverrides = {}) {
    const { app, secret } = await server.apps.add(realm, { name: 'Storefront', consent, redirectUris: [CALLBACK], ...overrides });
    return client.discovery(new URL(issuer), app.clientId, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
  }

  /** Opens the application's authorization request; the callback is caught before it leaves the machine. */
  async function start(page: Page, config: client.Configuration, extra: Record<string, string> = {}) {
    const { url, verifier, state, nonce } = await authorizationRequest(config, CALLBACK, extra);
    await page.goto(url.href);
    const finish = async () => {
      await page.waitForURL((target) => target.href.startsWith(CALLBACK));
      return client.authorizationCodeGrant(config, new URL(page.url()), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
    };
    return { finish };
  }


  /** The page's words for the identifier and password steps, in one language. */
  interface SignInWords { identifier: string; next: string; password: string; submit: string }
  const FRENCH: SignInWords = { identifier: 'Adresse e-mail ou nom d’utilisateur', next: 'Continuer', password: 'Mot de passe', submit: 'Se connecter' };
  const GERMAN: SignInWords = { identifier: 'E-Mail-Adresse oder Benutzername', next: 'Weiter', password: 'Passwort', submit: 'Anmelden' };

  /** Types the identifier and the password with the mouse; `look`: each step is checked by axe and screenshotted under that name. */
  async function signInWithPassword(page: Page, words: SignInWords, username: string, look?: string) {
    await page.getByLabel(words.identifier).fill(username);
    if (look) await accessible(page, `hosted-identifier-${look}`);
    await page.getByRole('button', { name: words.next }).click();
    await page.getByLabel(words.password).fill(PASSWORD);
    if (look) await accessible(page, `hosted-password-${look}`);
    await page.getByRole('button', { name: words.submit }).click();
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
    await signInWithPassword(page, GERMAN, 'grace', 'de');
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

  it('in French: signs in, refreshes, reads userinfo, introspects, revokes; RP-initiated logout ends the realm session and reaches the application over the back channel; the device and error pages too', async () => {
    const context = await chromium.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const refusals = cspViolations(page);
    const backchannel = CALLBACK.replace('/callback', '/backchannel');
    const config = await relyingParty('implicit', { grantTypes: ['authorization_code', 'refresh_token'], backchannelLogoutUri: backchannel });
    const flow = await start(page, config, { scope: 'openid profile email offline_access', prompt: 'consent' });
    await signInWithPassword(page, FRENCH, 'ada', 'fr');
    const tokens = await flow.finish();
    const sub = tokens.claims()!.sub;
    assert.equal((await client.tokenIntrospection(config, tokens.access_token)).active, true);

    // The application's life with its tokens, through openid-client alone.
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    assert.notEqual(refreshed.refresh_token, tokens.refresh_token, 'rotated');
    const userinfo = await client.fetchUserInfo(config, refreshed.access_token, sub);
    assert.equal(userinfo.email, 'ada@example.com');
    assert.equal(userinfo.name, 'Ada L');
    assert.equal((await client.tokenIntrospection(config, refreshed.access_token)).active, true);

    await page.goto(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token! }).href);
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    assert.match(await page.locator('h1').innerText(), /Se déconnecter/);
    await accessible(page, 'hosted-logout-confirm-fr');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Déconnecté' }).waitFor();
    await accessible(page, 'hosted-signed-out-fr');
    assert.equal((await client.tokenIntrospection(config, refreshed.access_token)).active, false, 'signing out ended the grant');
    await assert.rejects(client.refreshTokenGrant(config, refreshed.refresh_token!), 'and its refresh token');
    const validate = await fetch(`${issuer}/auth/validate`, { headers: { authorization: `Bearer ${refreshed.access_token}` } });
    assert.equal(validate.status, 401, 'and the realm session');

    // Revocation (RFC 7009): a new sign-in's access token, revoked by the application, ends its grant.
    const again = await start(page, config);
    await signInWithPassword(page, FRENCH, 'ada');
    const second = await again.finish();
    assert.equal((await client.tokenIntrospection(config, second.access_token)).active, true);
    await client.tokenRevocation(config, second.access_token);
    assert.equal((await client.tokenIntrospection(config, second.access_token)).active, false, 'revoked');
    await assert.rejects(client.fetchUserInfo(config, second.access_token, sub), 'refused at userinfo');
    const logoutToken = logoutTokens.map((token) => decodeJwt(token).payload).find((payload) => payload.sub === sub && payload.aud === config.clientMetadata().client_id);
    assert.ok(logoutToken, 'the application heard of it over the back channel');
    assert.equal(logoutToken.sid, tokens.claims()!.sid);

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
