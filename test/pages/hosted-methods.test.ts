/**
 * The hosted sign-in methods in real Chromium, with openid-client as the application: a magic link
 * opened in a second page, number matching, a code by email, and enrolling an authenticator during
 * a sign-in that requires one; each page looked at (phone and desktop screenshots) and checked by
 * axe-core, with no Content-Security-Policy refusal. Mail goes to an SMTP sink.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import * as client from 'openid-client';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { base32Decode, totp } from '../../src/mfa/otp.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { accessible, browserPerSuite, cspViolations, screenshots } from '../support/browser.ts';
import { operator } from '../support/fixtures.ts';
import { codeIn, linksIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { authorizationRequest, oidcServerPerSuite } from '../oidc/oidc-fixtures.ts';

const PASSWORD = 'correct horse battery staple 9';

describe('hosted sign-in methods in Chromium', () => {
  let sink: SmtpSink;
  before(async () => (sink = await startSmtpSink()));
  after(() => sink.close());
  const server = oidcServerPerSuite('sqlite', () => ({ smtpUrl: sink.url }));
  const chromium = browserPerSuite();
  // The application: a page of its own on loopback, where the browser lands with the code.
  let application: Server;
  let CALLBACK = '';
  let counter = 0;

  before(async () => {
    application = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('back at the application');
    });
    await new Promise<void>((resolve) => application.listen(0, '127.0.0.1', resolve));
    CALLBACK = `http://127.0.0.1:${(application.address() as { port: number }).port}/callback`;
  });

  after(() => new Promise<void>((resolve) => application.close(() => resolve())));

  /** A realm with these sign-in settings, a user in it, and an application signing in there. */
  async function setUp(sign_in: Record<string, unknown>) {
    const realm: Realm = await server.services.realms.create({ name: 'Northwind', slug: `northwind-${++counter}`, sign_in }, operator);
    const email = `ada-${counter}@example.com`;
    await server.services.users.create(realm, { email, email_verified: true, password: PASSWORD }, operator);
    const { app, secret } = await server.apps.add(realm, { name: 'Storefront', consent: 'implicit', redirectUris: [CALLBACK] });
    const config = await client.discovery(new URL(`${server.baseUrl}/realms/${realm.id}`), app.clientId, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
    return { realm, email, config };
  }

  /** Opens the application's authorization request in a new English page and types the identifier. */
  async function start(context: BrowserContext, config: client.Configuration, email: string) {
    const page = await context.newPage();
    const refusals = cspViolations(page);
    const { url, verifier, state, nonce } = await authorizationRequest(config, CALLBACK);
    await page.goto(url.href);
    await page.getByLabel('Email or username').fill(email);
    await page.getByRole('button', { name: 'Continue' }).click();
    const finish = async () => {
      await page.waitForURL((target) => target.href.startsWith(CALLBACK));
      const tokens = await client.authorizationCodeGrant(config, new URL(page.url()), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
      assert.deepEqual(refusals, [], 'no Content-Security-Policy refusal');
      return tokens.claims()!;
    };
    return { page, finish };
  }

  /** Presses the link page's button and waits for the server's answer to the approval. */
  async function approve(mailbox: Page, button: Locator) {
    await Promise.all([mailbox.waitForResponse((response) => response.request().method() === 'POST'), button.click()]);
  }

  const mailTo = (email: string) => sink.waitForMail((mail) => mail.to.includes(email));

  it('signs in with a magic link clicked in a second page; the first page goes on by itself', async () => {
    const { email, config } = await setUp({ first_factors: ['password', 'email_otp', 'magic_link', 'number_match'] });
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const { page, finish } = await start(context, config, email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).waitFor();
    await accessible(page, 'hosted-methods-choice-en');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await accessible(page, 'hosted-methods-link-waiting-en');

    const mailbox = await context.newPage();
    await mailbox.goto(linksIn(await mailTo(email))[0]);
    await approve(mailbox, mailbox.locator('form button').first());
    // No click on the first page: its meta refresh looks again and finds the approval.
    const claims = await finish();
    assert.deepEqual(claims.amr, ['email']);
    await context.close();
  });

  it('signs in by number matching without JavaScript: the number shows on the waiting page, is picked in the mail’s page, and a button goes on', async () => {
    const { email, config } = await setUp({ first_factors: ['password', 'number_match'] });
    const context = await chromium.browser.newContext({ locale: 'en-US', javaScriptEnabled: false });
    const { page, finish } = await start(context, config, email);
    await page.getByRole('button', { name: 'Approve from my email' }).click();
    const number = (await page.locator('.number').innerText()).trim();
    assert.match(number, /^\d\d$/);
    // axe needs script; the magic-link test checks this page's twin.
    await screenshots(page, 'hosted-methods-number-waiting-en');
    const elsewhere = await chromium.browser.newContext({ locale: 'en-US' });
    const mailbox = await elsewhere.newPage();
    await mailbox.goto(linksIn(await mailTo(email))[0]);
    await approve(mailbox, mailbox.getByRole('button', { name: number, exact: true }));
    await elsewhere.close();
    await page.getByRole('button', { name: 'I have approved it, continue' }).click();
    const claims = await finish();
    assert.deepEqual([...(claims.amr as string[])].sort(), ['email', 'mca']);
    await context.close();
  });

  it('signs in with a code by email, after a wrong one', async () => {
    const { email, config } = await setUp({ first_factors: ['password', 'email_otp'] });
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const { page, finish } = await start(context, config, email);
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByLabel('Code', { exact: true }).waitFor();
    await accessible(page, 'hosted-methods-email-code-en');
    const code = codeIn(await mailTo(email))!;
    await page.getByLabel('Code', { exact: true }).fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /wrong or has expired/);
    await accessible(page, 'hosted-methods-email-code-wrong-en');
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    const claims = await finish();
    assert.deepEqual(claims.amr, ['otp']);
    await context.close();
  });

  it('enrols an authenticator during a sign-in that requires one, and shows the recovery codes once', async () => {
    const { email, config } = await setUp({ first_factors: ['password'], second_factors: ['totp', 'recovery_code'], mfa: 'required' });
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const { page, finish } = await start(context, config, email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    assert.ok(await page.getByRole('img', { name: 'QR code for your authenticator app' }).evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth > 0), 'the QR code shows');
    await accessible(page, 'hosted-methods-enrol-en');
    const secret = (await page.locator('.secret code').innerText()).replace(/\s+/g, '');
    await page.getByLabel('Code', { exact: true }).fill(totp(base32Decode(secret), server.clock.now(), { algorithm: 'SHA1', digits: 6 }));
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    assert.ok((await page.locator('ul.codes li').count()) >= 8);
    await accessible(page, 'hosted-methods-recovery-codes-en');
    await page.getByRole('link', { name: 'I have saved them, continue' }).click();
    const claims = await finish();
    assert.equal(claims.acr, 'aal2');
    await context.close();
  });
});
