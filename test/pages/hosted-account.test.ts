/**
 * The hosted account pages in real Chromium, from an application's sign-in: sign-up in German
 * (the verification mail read from an SMTP sink, its link opened like a mail client would, back to
 * sign-in and signed in), and a forgotten password in French (the reset mail, the new password,
 * signed in with it). Each page is looked at (screenshots at phone and desktop widths) and checked
 * by axe-core, with no Content-Security-Policy refusal.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import * as client from 'openid-client';
import type { BrowserContext, Page } from 'playwright-core';
import type { Realm } from '../../src/realms/realm.ts';
import { accessible, browserPerSuite, cspViolations } from '../support/browser.ts';
import { operator } from '../support/fixtures.ts';
import { linksIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { perSuite } from '../support/suite.ts';
import { authorizationRequest, startOidcServer, type OidcTestServer } from '../oidc/oidc-fixtures.ts';

const PASSWORD = 'correct horse battery staple 9';

describe('hosted account pages in Chromium', () => {
  const ctx = perSuite(async () => {
    const sink = await startSmtpSink();
    const server = await startOidcServer('sqlite', { smtpUrl: sink.url });
    return {
      sink,
      server,
      async dispose() {
        await server.dispose();
        await sink.close();
      },
    } as { sink: SmtpSink; server: OidcTestServer; dispose(): Promise<void> };
  });
  const chromium = browserPerSuite();
  let realm: Realm;
  let config: client.Configuration;
  let application: Server;
  let CALLBACK = '';

  before(async () => {
    const { server } = ctx;
    application = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('back at the application');
    });
    await new Promise<void>((resolve) => application.listen(0, '127.0.0.1', resolve));
    CALLBACK = `http://127.0.0.1:${(application.address() as { port: number }).port}/callback`;
    realm = await server.services.realms.create(
      { name: 'Contoso', slug: 'contoso', users: { registration: { enabled: true } }, public_info: { display_name: 'Contoso Portal' }, sign_in: { first_factors: ['password', 'number_match'] } },
      operator,
    );
    await server.services.users.create(realm, { username: 'ada', email: 'ada@example.com', password: PASSWORD }, operator);
    const { app, secret } = await server.apps.add(realm, { name: 'Storefront', redirectUris: [CALLBACK] });
    config = await client.discovery(new URL(`${server.baseUrl}/realms/${realm.id}`), app.clientId, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
  });

  after(() => new Promise<void>((resolve) => application.close(() => resolve())));

  /** Opens the application's authorization request; `finish` catches the callback and redeems the code. */
  async function start(page: Page) {
    const { url, verifier, state, nonce } = await authorizationRequest(config, CALLBACK);
    await page.goto(url.href);
    return async () => {
      await page.waitForURL((target) => target.href.startsWith(CALLBACK));
      return client.authorizationCodeGrant(config, new URL(page.url()), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
    };
  }

  /** The first link of the message to `to` whose subject matches, opened in a new tab as a mail client would. */
  async function openMailedLink(context: BrowserContext, to: string, subject: RegExp): Promise<Page> {
    await ctx.server.services.background.settle();
    await ctx.server.mailWorker.drain();
    const mail = await ctx.sink.waitForMail((message) => message.to.includes(to) && subject.test(message.subject));
    const tab = await context.newPage();
    await tab.goto(linksIn(mail)[0]);
    return tab;
  }

  /** Back from an account page to the sign-in, and through it, in the page's language. */
  async function backAndSignIn(page: Page, words: { back: string; identifier: string; next: string; password: string; submit: string }, identifier: string, password: string) {
    await page.getByRole('link', { name: words.back }).click();
    await page.getByLabel(words.identifier).fill(identifier);
    await page.getByRole('button', { name: words.next }).click();
    await page.getByLabel(words.password).fill(password);
    await page.getByRole('button', { name: words.submit }).click();
  }

  it('signs up in German from the sign-in page, confirms the address from the mail, and signs in', async () => {
    const context = await chromium.browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    const refusals = cspViolations(page);
    const finish = await start(page);
    await page.getByRole('link', { name: 'Noch kein Konto? Jetzt erstellen' }).waitFor();
    await accessible(page, 'hosted-identifier-sign-up-de');
    await page.getByRole('link', { name: 'Noch kein Konto? Jetzt erstellen' }).click();
    await page.getByRole('heading', { name: 'Konto erstellen' }).waitFor();
    assert.match(await page.locator('#rules').innerText(), /Mindestens 8 Zeichen/);
    await accessible(page, 'hosted-sign-up-de');
    await page.getByLabel('E-Mail-Adresse').fill('grace@example.com');
    await page.getByLabel('Ihr Name (optional)').fill('Grace H');
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Passwort wiederholen').fill('not the same at all');
    await page.getByRole('button', { name: 'Konto erstellen' }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByRole('alert').innerText(), 'Einige Angaben sind ungültig. Prüfen Sie sie und versuchen Sie es erneut.');
    assert.equal(await page.locator('#confirm-error').innerText(), 'Die beiden Passwörter sind verschieden.', 'said under the second password');
    assert.equal(await page.getByLabel('Passwort wiederholen').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('E-Mail-Adresse').inputValue(), 'grace@example.com', 'what was typed stays');
    await accessible(page, 'hosted-sign-up-refused-de');
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Passwort wiederholen').fill(PASSWORD);
    await page.getByRole('button', { name: 'Konto erstellen' }).click();
    await page.getByRole('heading', { name: 'Sehen Sie in Ihr Postfach' }).waitFor();
    assert.match(await page.getByRole('status').innerText(), /grace@example\.com/);
    await accessible(page, 'hosted-sign-up-done-de');

    const mail = await openMailedLink(context, 'grace@example.com', /Confirm your email/);
    const mailRefusals = cspViolations(mail);
    await mail.getByRole('heading', { name: 'E-Mail-Adresse bestätigen' }).waitFor();
    await accessible(mail, 'hosted-verify-email-de');
    await mail.getByRole('button', { name: 'Meine Adresse bestätigen' }).click();
    await mail.getByRole('heading', { name: 'E-Mail-Adresse bestätigt' }).waitFor();
    await accessible(mail, 'hosted-verify-email-done-de');
    await mail.close();

    const german = { back: 'Zurück zur Anmeldung', identifier: 'E-Mail-Adresse oder Benutzername', next: 'Weiter', password: 'Passwort', submit: 'Anmelden' };
    await backAndSignIn(page, german, 'grace@example.com', PASSWORD);
    const tokens = await finish();
    assert.equal(tokens.claims()?.email, 'grace@example.com');
    assert.deepEqual([...refusals, ...mailRefusals], []);
    await context.close();
  });

  it('resets a forgotten password in French from the password step, and signs in with the new one', async () => {
    const context = await chromium.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const refusals = cspViolations(page);
    const finish = await start(page);
    await page.getByLabel('Adresse e-mail ou nom d’utilisateur').fill('ada');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByRole('heading', { name: 'Mot de passe oublié ?' }).waitFor();
    await accessible(page, 'hosted-forgot-fr');
    await page.getByLabel('Adresse e-mail ou nom d’utilisateur').fill('ada');
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await page.getByRole('heading', { name: 'Consultez vos e-mails' }).waitFor();
    assert.match(await page.getByRole('status').innerText(), /Si un compte correspond/);
    await accessible(page, 'hosted-forgot-done-fr');

    const mail = await openMailedLink(context, 'ada@example.com', /Reset your/);
    const mailRefusals = cspViolations(mail);
    await mail.getByRole('heading', { name: 'Choisissez un nouveau mot de passe' }).waitFor();
    assert.match(await mail.locator('#rules').innerText(), /Au moins 8 caractères/);
    await mail.getByLabel('Nouveau mot de passe').fill('password123');
    await mail.getByLabel('Répétez-le').fill('password123');
    await mail.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await mail.getByRole('alert').waitFor();
    assert.match(await mail.getByRole('alert').innerText(), /plus courants/);
    await accessible(mail, 'hosted-reset-refused-fr');
    const fresh = 'une phrase assez longue 42';
    await mail.getByLabel('Nouveau mot de passe').fill(fresh);
    await mail.getByLabel('Répétez-le').fill(fresh);
    await mail.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await mail.getByRole('heading', { name: 'Mot de passe modifié' }).waitFor();
    await accessible(mail, 'hosted-reset-done-fr');
    await mail.close();

    const french = { back: 'Retour à la connexion', identifier: 'Adresse e-mail ou nom d’utilisateur', next: 'Continuer', password: 'Mot de passe', submit: 'Se connecter' };
    await backAndSignIn(page, french, 'ada', fresh);
    const tokens = await finish();
    assert.ok(tokens.access_token);
    assert.deepEqual([...refusals, ...mailRefusals], []);
    await context.close();
  });

  it('approves a sign-in from the mailed number-matching link in Spanish', async () => {
    await ctx.server.services.users.create(realm, { email: 'lin@example.com', email_verified: true, password: PASSWORD }, operator);
    const started = await fetch(`${ctx.server.baseUrl}/realms/${realm.slug}/auth/number-match`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'lin@example.com' }) });
    const { number } = (await started.json()) as { number: number };
    const context = await chromium.browser.newContext({ locale: 'es-ES' });
    const page = await openMailedLink(context, 'lin@example.com', /^Approve your/);
    const refusals = cspViolations(page);
    await page.getByRole('heading', { name: 'Aprobar el inicio de sesión' }).waitFor();
    assert.equal(await page.getByRole('group', { name: 'El número que muestra tu pantalla' }).getByRole('button').count(), 3);
    await accessible(page, 'hosted-number-match-es');
    await page.getByRole('button', { name: String(number), exact: true }).click();
    await page.getByRole('heading', { name: 'Inicio de sesión aprobado' }).waitFor();
    await accessible(page, 'hosted-number-match-done-es');
    assert.deepEqual(refusals, []);
    await context.close();
  });
});
