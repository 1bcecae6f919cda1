/**
 * The identity provider screens in Chromium: add a GitHub preset and a generic OpenID Connect
 * provider (fake client ids and secrets: nothing upstream is called when a provider is added; the
 * OIDC issuer is another realm of this server, a real provider), the redirect URI to copy, the
 * secret write-only ("Set" / "Replace"), an edit that sends only what changed, switch off with
 * Undo, delete after typing the slug. Screenshots in the light theme; the dark theme and the
 * read-only operator are in integration-idp-views.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessible } from '../support/browser.ts';
import { adminApi, consolePerSuite } from './console-fixtures.ts';

describe('console identity provider screens in Chromium', () => {
  const fixture = consolePerSuite();
  const api = adminApi(fixture);

  it('adds a GitHub preset and an OpenID Connect provider, edits, switches off with Undo and deletes', async () => {
    const realm = await api('POST', '/realms', { name: 'Idp Shop', slug: 'idp-shop' });
    const realmId = realm.body.id;
    const upstream = await api('POST', '/realms', { name: 'Upstream', slug: 'upstream' });
    const { server } = fixture;
    const { context, page, refusals } = await fixture.open();
    await fixture.signIn(page, undefined, `/realms/${realmId}/identity-providers`);
    await page.getByRole('heading', { level: 1, name: 'Identity providers' }).waitFor();
    await page.getByText('No identity providers yet').waitFor();

    await page.getByRole('link', { name: 'Add identity provider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an identity provider' }).waitFor();
    await page.getByRole('button', { name: /^GitHub/ }).click();
    assert.equal(await page.getByLabel('Button name').inputValue(), 'GitHub');
    assert.equal(await page.getByLabel('Slug').inputValue(), 'github');
    assert.equal(await page.getByLabel('Redirect URI').inputValue(), `${server.baseUrl}/realms/idp-shop/auth/idp/github/callback`);
    await page.getByLabel('Client ID').fill('Iv1.fake-client-id');
    await accessible(page, 'console-identity-provider-create-light');
    // The secret is required for a confidential client: the API's complaint lands at the field.
    await page.getByRole('button', { name: 'Add provider' }).click();
    await page.locator('.field', { has: page.getByLabel('Client secret') }).locator('.error-text').waitFor();
    await page.getByLabel('Client secret').fill('fake-github-secret');
    await page.getByRole('button', { name: 'Add provider' }).click();
    await page.getByRole('heading', { level: 1, name: 'GitHub' }).waitFor();
    const github = (await api('GET', `/realms/${realmId}/identity-providers/github`)).body;
    assert.equal(github.preset, 'github');
    assert.equal(github.kind, 'oauth2');
    assert.equal(github.protocol.client_id, 'Iv1.fake-client-id');
    assert.equal(github.secret_set, true);
    assert.match(page.url(), new RegExp(`/identity-providers/${github.id}$`));
    // The secret is never shown: only that one is set, and a way to replace it.
    assert.equal(await page.getByText('fake-github-secret').count(), 0);
    assert.equal(await page.getByLabel('Redirect URI').inputValue(), `${server.baseUrl}/realms/idp-shop/auth/idp/github/callback`);
    await page.getByRole('button', { name: 'Replace' }).waitFor();
    await accessible(page, 'console-identity-provider-light');

    // Edit: only what changed is sent (the preset's settings stay as they were).
    await page.getByLabel('Button name').fill('GitHub (staff)');
    await page.getByLabel('Allowed email domains').fill('example.com, Example.org');
    await page.getByRole('checkbox', { name: /^Trust the provider’s verified addresses/ }).check();
    await page.getByRole('checkbox', { name: /^Link to an existing account/ }).check();
    await page.getByRole('button', { name: 'Replace' }).click();
    await page.getByLabel('Client secret').fill('rotated-fake-secret');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'GitHub (staff)' }).waitFor();
    const edited = (await api('GET', `/realms/${realmId}/identity-providers/github`)).body;
    assert.deepEqual(edited.allowed_email_domains, ['example.com', 'example.org']);
    assert.equal(edited.trust_email, true);
    assert.equal(edited.link_by_email, true);
    assert.equal(edited.protocol.client_id, 'Iv1.fake-client-id');
    const events = await api('GET', `/realms/${realmId}/events?type=identity_provider.updated`);
    assert.equal(events.body.items[0].details.secret_replaced, true);
    assert.deepEqual([...events.body.items[0].details.fields].sort(), ['allowed_email_domains', 'display_name', 'link_by_email', 'trust_email']);

    // A generic OpenID Connect provider: the issuer is another realm of this server.
    await page.goto(`${server.baseUrl}/console/realms/${realmId}/identity-providers/new`);
    await page.getByRole('button', { name: /^OpenID Connect/ }).click();
    await page.getByLabel('Button name').fill('Partner SSO');
    await page.getByLabel('Slug').fill('partner');
    await page.getByLabel('Issuer', { exact: true }).fill(`${server.baseUrl}/realms/${upstream.body.id}`);
    await page.getByLabel('Client ID').fill('partner-client');
    await page.getByLabel('Client secret').fill('partner-fake-secret');
    await page.getByLabel('Tags').fill('partner, sso');
    await page.getByLabel('Username from').fill('preferred_username');
    assert.equal(await page.getByLabel('Redirect URI').inputValue(), `${server.baseUrl}/realms/idp-shop/auth/idp/partner/callback`);
    await page.getByRole('button', { name: 'Add provider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partner SSO' }).waitFor();
    const partner = (await api('GET', `/realms/${realmId}/identity-providers/partner`)).body;
    assert.equal(partner.kind, 'oidc');
    assert.equal(partner.preset, null);
    assert.equal(partner.protocol.issuer, `${server.baseUrl}/realms/${upstream.body.id}`);
    assert.deepEqual(partner.mapping.tags, ['partner', 'sso']);
    assert.equal(partner.mapping.fields.username, 'preferred_username');
    assert.deepEqual(partner.scopes, ['openid', 'email', 'profile']);

    // Switch off, then Undo.
    await page.getByRole('button', { name: 'Switch off' }).click();
    await page.getByText('Provider switched off; its sessions were ended.').waitFor();
    assert.equal((await api('GET', `/realms/${realmId}/identity-providers/partner`)).body.enabled, false);
    await page.locator('.toast').getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Switch off' }).waitFor();
    assert.equal((await api('GET', `/realms/${realmId}/identity-providers/partner`)).body.enabled, true);

    // Delete after typing the slug.
    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.locator('dialog[open]');
    assert.equal(await confirm.getByRole('button', { name: 'Delete provider' }).isDisabled(), true);
    await confirm.getByLabel('Type partner to confirm.').fill('partner');
    await confirm.getByRole('button', { name: 'Delete provider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Identity providers' }).waitFor();
    assert.equal((await api('GET', `/realms/${realmId}/identity-providers/partner`)).status, 404);
    await page.getByRole('table', { name: 'Identity providers of this realm' }).getByRole('link', { name: 'GitHub (staff)' }).waitFor();
    await accessible(page, 'console-identity-providers-light');
    assert.deepEqual(refusals, []);
    await context.close();
  });

});
