/**
 * The identity provider screens in the dark theme (the SAML form and its SP metadata URL
 * included) and for a read-only operator, who sees a provider's settings, disabled, with its
 * secret only as "Set", and no control that changes anything.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessible } from '../support/browser.ts';
import { adminApi, consolePerSuite, OPERATOR_PASSWORD } from './console-fixtures.ts';

describe('console identity provider screens: dark theme and read-only', () => {
  const fixture = consolePerSuite();
  const api = adminApi(fixture);

  it('shows the list, the SAML create form and a provider dark; a read-only operator changes nothing', async () => {
    const realm = (await api('POST', '/realms', { name: 'Dark Idp', slug: 'dark-idp' })).body;
    const github = await api('POST', `/realms/${realm.id}/identity-providers`, { slug: 'github', display_name: 'GitHub', preset: 'github', preset_settings: { client_id: 'Iv1.fake' }, client_secret: 'never-shown-secret', mapping: { tags: ['dev'] } });
    assert.equal(github.status, 201);
    const google = await api('POST', `/realms/${realm.id}/identity-providers`, { slug: 'google', display_name: 'Google', preset: 'google', preset_settings: { client_id: 'x.apps.googleusercontent.com' }, client_secret: 'fake', enabled: false, position: 1 });
    assert.equal(google.status, 201);
    const { server } = fixture;

    const { context, page } = await fixture.open({ theme: 'dark' });
    await fixture.signIn(page, undefined, `/realms/${realm.id}/identity-providers`);
    await page.getByRole('table', { name: 'Identity providers of this realm' }).getByRole('link', { name: 'Google' }).waitFor();
    await accessible(page, 'console-identity-providers-dark');
    await page.getByRole('link', { name: 'Add identity provider' }).click();
    await page.getByRole('button', { name: /^SAML 2.0/ }).click();
    await page.getByLabel('Slug').fill('corp');
    assert.equal(await page.getByLabel(/Service provider metadata URL/).inputValue(), `${server.baseUrl}/realms/dark-idp/auth/idp/corp/saml/metadata`);
    assert.equal(await page.getByLabel(/Assertion consumer service/).inputValue(), `${server.baseUrl}/realms/dark-idp/auth/idp/corp/callback`);
    await accessible(page, 'console-identity-provider-create-dark');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('table', { name: 'Identity providers of this realm' }).getByRole('link', { name: 'GitHub' }).click();
    await page.getByRole('heading', { level: 1, name: 'GitHub' }).waitFor();
    await accessible(page, 'console-identity-provider-dark');
    await context.close();

    await fixture.addOperator('idp-reader@example.com', [{ permission: 'read' }]);
    const reader = await fixture.open();
    await fixture.signIn(reader.page, { email: 'idp-reader@example.com', password: OPERATOR_PASSWORD }, `/realms/${realm.id}/identity-providers`);
    await reader.page.getByRole('table', { name: 'Identity providers of this realm' }).getByRole('link', { name: 'GitHub' }).click();
    await reader.page.getByRole('heading', { level: 1, name: 'GitHub' }).waitFor();
    for (const name of ['Switch off', 'Delete', 'Save changes', 'Replace', 'Add role rule', 'Add custom key']) assert.equal(await reader.page.getByRole('button', { name }).count(), 0, name);
    assert.equal(await reader.page.getByLabel('Button name').isDisabled(), true);
    assert.equal(await reader.page.getByLabel('Tags').inputValue(), 'dev');
    assert.equal(await reader.page.getByText('never-shown-secret').count(), 0);
    await reader.page.getByLabel('Redirect URI').waitFor();
    await reader.page.getByRole('link', { name: 'Identity providers' }).last().click();
    await reader.page.getByRole('table', { name: 'Identity providers of this realm' }).waitFor();
    assert.equal(await reader.page.getByRole('link', { name: 'Add identity provider' }).count(), 0);
    await reader.context.close();
  });
});
