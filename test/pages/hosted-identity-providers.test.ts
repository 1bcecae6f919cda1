/**
 * Signing in through another identity provider from the realm's hosted pages, in real Chromium:
 * an application (openid-client) sends the browser to the realm, whose sign-in page offers a
 * button per enabled provider; the browser goes to a second, independent OpenID Connect provider
 * (its own keys and accounts; its login is scripted) and back, and the application gets an ID
 * token for the realm's account. Also: the authorize request's `idp_hint`, the direct link
 * `/realms/{realm}/login/{idp}`, a refused upstream account told on the page in words, an
 * OAuth 2.0 provider (a local imitation of GitHub) beside the OpenID Connect one, and a SAML 2.0
 * IdP (built in the tests, signing with its own key) whose page posts its Response back.
 */
import assert from 'node:assert/strict';
import { before, after, describe, it } from 'node:test';
import * as client from 'openid-client';
import type { Page } from 'playwright-core';
import type { Realm } from '../../src/realms/realm.ts';
import { accessible, browserPerSuite, cspViolations } from '../support/browser.ts';
import { operator } from '../support/fixtures.ts';
import { authorizationRequest, oidcServerPerSuite } from '../oidc/oidc-fixtures.ts';
import { startUpstreamOidc, type UpstreamOidc } from '../identity-providers/upstream-oidc.ts';
import { GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, startFakeGitHub, type FakeGitHub } from '../identity-providers/presets/fake-github.ts';
import { applicationPerSuite } from './hosted-page-helpers.ts';
import { SamlIdp } from '../identity-providers/saml/saml-idp.ts';

describe('signing in through an identity provider on the hosted pages, in Chromium', () => {
  const server = oidcServerPerSuite('sqlite', () => ({ allowInsecureUpstreams: true }));
  const chromium = browserPerSuite();
  const application = applicationPerSuite();
  let realm: Realm;
  let issuer: string;
  let upstream: UpstreamOidc;
  let github: FakeGitHub;
  let config: client.Configuration;
  const samlIdp = new SamlIdp();

  before(async () => {
    realm = await server.services.realms.create({ name: 'Contoso', slug: 'contoso' }, operator);
    issuer = `${server.baseUrl}/realms/${realm.id}`;
    upstream = await startUpstreamOidc(['corp', 'off'].map((slug) => `${server.baseUrl}/realms/${realm.slug}/auth/idp/${slug}/callback`));
    for (const [slug, name, enabled] of [['corp', 'Contoso Corp', true], ['off', 'Switched Off', false]] as const) {
      const body = { slug, display_name: name, enabled, trust_email: true, oidc: { issuer: upstream.issuer, client_id: upstream.clientId }, client_secret: upstream.clientSecret };
      const added = await fetch(`${server.baseUrl}/admin/v1/realms/${realm.slug}/identity-providers`, { method: 'POST', headers: { ...server.adminHeaders, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(added.status, 201, await added.text());
    }
    github = await startFakeGitHub();
    const hub = {
      slug: 'hub',
      display_name: 'Hub',
      position: 5,
      oauth2: { authorization_url: `${github.baseUrl}/login/oauth/authorize`, token_url: `${github.baseUrl}/login/oauth/access_token`, profile_url: `${github.baseUrl}/user`, client_id: GITHUB_CLIENT_ID, claims: { subject: 'id', email: 'email', name: 'name' } },
      client_secret: GITHUB_CLIENT_SECRET,
    };
    const added = await fetch(`${server.baseUrl}/admin/v1/realms/${realm.slug}/identity-providers`, { method: 'POST', headers: { ...server.adminHeaders, 'content-type': 'application/json' }, body: JSON.stringify(hub) });
    assert.equal(added.status, 201, await added.text());
    await samlIdp.listen();
    const sso = { slug: 'sso', display_name: 'Contoso SSO', position: 9, trust_email: true, allowed_email_domains: ['contoso.example'], saml: { metadata_xml: samlIdp.metadata(), attributes: { email: 'email', given_name: 'givenName' } } };
    const addedSaml = await fetch(`${server.baseUrl}/admin/v1/realms/${realm.slug}/identity-providers`, { method: 'POST', headers: { ...server.adminHeaders, 'content-type': 'application/json' }, body: JSON.stringify(sso) });
    assert.equal(addedSaml.status, 201, await addedSaml.text());
    const { app, secret } = await server.apps.add(realm, { name: 'Intranet', consent: 'implicit', redirectUris: [application.callback] });
    config = await client.discovery(new URL(issuer), app.clientId, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
  });

  after(async () => {
    await upstream.close();
    await github.close();
    await samlIdp.close();
  });

  /** Opens the application's authorization request; `finish` takes the code the browser lands with. */
  async function start(page: Page, extra: Record<string, string> = {}) {
    const { url, verifier, state, nonce } = await authorizationRequest(config, application.callback, extra);
    await page.goto(url.href);
    return async () => {
      await page.waitForURL((target) => target.href.startsWith(application.callback));
      return client.authorizationCodeGrant(config, new URL(page.url()), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
    };
  }

  it("offers a button per enabled provider; the provider's account becomes a realm account the application signs in", async () => {
    upstream.accounts.set('olga', { email: 'olga@contoso.example', email_verified: true, given_name: 'Olga' });
    upstream.signInAs = 'olga';
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const refusals = cspViolations(page);
    const finish = await start(page);
    const button = page.getByRole('button', { name: 'Continue with Contoso Corp' });
    await button.waitFor();
    assert.equal(await page.getByRole('button', { name: 'Continue with Switched Off' }).count(), 0, 'a switched-off provider has no button');
    await accessible(page, 'hosted-identity-providers-en');
    await button.click();
    const tokens = await finish();
    const claims = tokens.claims()!;
    const olga = await server.database.db.selectFrom('user_identities').select('user_id').where('realm_id', '=', realm.id).where('subject', '=', 'olga').executeTakeFirstOrThrow();
    assert.equal(claims.sub, olga.user_id, "the ID token names the realm account linked to the provider's");
    assert.ok((claims.amr as string[]).includes('fed'), JSON.stringify(claims.amr));
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    assert.equal(userinfo.email, 'olga@contoso.example');
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it("idp_hint goes straight to the provider, and the direct link does the same for a registered address; an unknown hint shows the page", async () => {
    upstream.accounts.set('piotr', { email: 'piotr@contoso.example', email_verified: true });
    upstream.signInAs = 'piotr';
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const finish = await start(page, { idp_hint: 'corp' });
    const claims = (await finish()).claims()!;
    assert.ok((claims.amr as string[]).includes('fed'));

    await page.context().clearCookies();
    await page.goto(`${server.baseUrl}/realms/${realm.slug}/login/corp?redirect_uri=${encodeURIComponent(application.callback)}`);
    await page.waitForURL((target) => target.href.startsWith(application.callback));
    assert.equal(await page.locator('body').innerText(), 'back at the application');

    await page.context().clearCookies();
    await start(page, { idp_hint: 'off' });
    await page.getByRole('button', { name: 'Continue with Contoso Corp' }).waitFor();
    await context.close();
  });

  it('prompt=login reaches the provider: it is asked to authenticate again (max_age=0, prompt=login)', async () => {
    upstream.accounts.set('tomas', { email: 'tomas@contoso.example', email_verified: true });
    upstream.signInAs = 'tomas';
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const asked: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === new URL(upstream.issuer).origin && url.pathname === '/auth') asked.push(url);
    });
    const finish = await start(page, { idp_hint: 'corp', prompt: 'login' });
    const claims = (await finish()).claims()!;
    assert.equal(claims.email, 'tomas@contoso.example');
    assert.equal(asked.length, 1);
    assert.equal(asked[0].searchParams.get('max_age'), '0');
    assert.equal(asked[0].searchParams.get('prompt'), 'login');
    await context.close();
  });

  it('an upstream account whose address is an existing account\u2019s links once its owner signs in to that account', async () => {
    const quinn = await server.services.users.create(realm, { username: 'quinn', email: 'quinn@contoso.example', password: 'correct horse battery staple 9' }, operator);
    upstream.accounts.set('quinn-up', { email: 'quinn@contoso.example', email_verified: false });
    upstream.signInAs = 'quinn-up';
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const refusals = cspViolations(page);
    const finish = await start(page);
    await page.getByRole('button', { name: 'Continue with Contoso Corp' }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByRole('alert').innerText(), 'An account with this email address already exists. Sign in to it to link your Contoso Corp account (quinn@contoso.example) to it.');
    assert.match(page.url(), /\/interaction\/[^/]+\/idp-return\?link=[\w-]+$/);
    assert.equal(await page.getByLabel('Email or username').inputValue(), 'quinn@contoso.example');
    await accessible(page, 'hosted-identity-provider-link-en');
    assert.equal((await server.services.linkedIdentities.list(realm, quinn.id)).length, 0, 'nothing linked before the proof');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByLabel('Password').fill('correct horse battery staple 9');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const claims = (await finish()).claims()!;
    assert.equal(claims.sub, quinn.id);
    const linked = await server.services.linkedIdentities.list(realm, quinn.id);
    assert.deepEqual(linked.map((identity) => identity.subject), ['quinn-up'], 'linked once the owner proved the account');
    // From now on the provider's account signs in to it directly.
    await context.clearCookies();
    const again = await start(page);
    await page.getByRole('button', { name: 'Continue with Contoso Corp' }).click();
    assert.equal((await again()).claims()!.sub, quinn.id);
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('a link is not made when the user signs in to another account than the matched one', async () => {
    await server.services.users.create(realm, { username: 'rhea', email: 'rhea@contoso.example', password: 'correct horse battery staple 9' }, operator);
    const other = await server.services.users.create(realm, { username: 'sol', email: 'sol@contoso.example', password: 'correct horse battery staple 9' }, operator);
    upstream.accounts.set('rhea-up', { email: 'rhea@contoso.example', email_verified: false });
    upstream.signInAs = 'rhea-up';
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const finish = await start(page);
    await page.getByRole('button', { name: 'Continue with Contoso Corp' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Email or username').fill('sol');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByLabel('Password').fill('correct horse battery staple 9');
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.equal((await finish()).claims()!.sub, other.id, 'signed in as who proved themselves');
    assert.equal((await server.services.linkedIdentities.list(realm, other.id)).length, 0, 'but rhea\u2019s match is not linked to sol');
    await context.close();
  });

  it('an OAuth 2.0 provider (imitating GitHub) signs in the same way, its button in the realm\'s order', async () => {
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const finish = await start(page);
    await page.getByRole('button', { name: 'Continue with Hub' }).waitFor();
    const order = await page.locator('form.providers button').allInnerTexts();
    assert.deepEqual(order, ['Continue with Contoso Corp', 'Continue with Hub', 'Continue with Contoso SSO']);
    await page.getByRole('button', { name: 'Continue with Hub' }).click();
    const tokens = await finish();
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
    assert.equal(userinfo.email, 'octocat@github.example');
    await context.close();
  });

  it('a SAML provider signs in from its button: the IdP\u2019s page posts its signed Response back', async () => {
    samlIdp.signInAs = { nameId: 'emp-42', email: 'rosa@contoso.example', givenName: 'Rosa' };
    const context = await chromium.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const refusals = cspViolations(page);
    const finish = await start(page);
    await page.getByRole('button', { name: 'Continue with Contoso SSO' }).click();
    await page.getByRole('button', { name: 'Continue to the application' }).click();
    const tokens = await finish();
    const claims = tokens.claims()!;
    assert.ok((claims.amr as string[]).includes('fed'), JSON.stringify(claims.amr));
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    assert.equal(userinfo.email, 'rosa@contoso.example');
    assert.equal(userinfo.given_name, 'Rosa');
    assert.deepEqual(refusals, []);
    await context.close();
  });
});
