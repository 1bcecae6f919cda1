/**
 * The realm screens in Chromium: create a realm through the form (a refused slug shown at its
 * field, then created with a preset), its overview (users, failures and events after seeding, the
 * login link and issuer to copy), key rotation and deactivate with Undo. Screenshots of create and
 * overview (light; dark ones, reset, delete and read-only operators: realm-actions.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { systemActor } from '../../src/events/event-log.ts';
import { accessible } from '../support/browser.ts';
import { adminApi, consolePerSuite, until } from './console-fixtures.ts';

describe('console realm screens in Chromium', () => {
  const fixture = consolePerSuite();
  const api = adminApi(fixture);
  const confirmIn = (page: Page) => page.locator('dialog[open]');

  it('creates a realm through the form, with the API’s complaint at the field it concerns', async () => {
    const { context, page, refusals } = await fixture.open();
    await fixture.signIn(page, undefined, '/new/realm');
    await page.getByRole('heading', { level: 1, name: 'Create a realm' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Corner Shop');
    await page.getByLabel('Slug', { exact: true }).fill('x');
    await page.getByRole('radio', { name: /High security/ }).check();
    await accessible(page, 'console-realm-create-light');
    await page.getByRole('button', { name: 'Create realm' }).click();
    const slugError = page.locator('.field', { has: page.getByLabel('Slug', { exact: true }) }).locator('.error-text');
    await slugError.waitFor();
    assert.match(await slugError.innerText(), /pattern/);
    await page.getByLabel('Slug', { exact: true }).fill('corner-shop');
    await page.getByRole('button', { name: 'Create realm' }).click();
    await page.getByRole('heading', { level: 1, name: 'Corner Shop' }).waitFor();
    const created = await api('GET', '/realms/corner-shop');
    assert.equal(created.status, 200);
    assert.match(page.url(), new RegExp(`/console/realms/${created.body.id}$`));
    // The preset was applied: its password length and session lifetime.
    assert.equal(created.body.password_policy.min_length, 15);
    assert.equal(created.body.tokens.refresh_token_days, 1);
    assert.deepEqual(refusals, []);
    await context.close();

  });

  it('shows the overview with users, failures, events and links; rotates keys; deactivates with Undo', async () => {
    const { server } = fixture;
    const made = await api('POST', '/realms', { name: 'Overview Realm', slug: 'overview-realm' });
    const realm = await server.services.realms.get(made.body.id);
    await server.services.users.create(realm, { username: 'ann', email: 'ann@example.com', password: 'a long user password' }, systemActor);
    await server.services.users.create(realm, { username: 'bob', password: 'a long user password', state: 'inactive' }, systemActor);
    const failed = await fetch(`${server.baseUrl}/realms/overview-realm/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'ann', password: 'not the password' }) });
    assert.equal(failed.status, 401);
    const app = await api('POST', `/realms/${realm.id}/applications`, { kind: 'web', name: 'Storefront', redirect_uris: ['https://shop.example/callback'] });
    assert.equal(app.status, 201, JSON.stringify(app.body));

    const { context, page, refusals } = await fixture.open();
    await fixture.signIn(page, undefined, `/realms/${realm.id}`);
    await page.getByRole('heading', { level: 1, name: 'Overview Realm' }).waitFor();
    const stats = page.getByRole('region', { name: 'The realm at a glance' });
    await stats.getByText('1 active, 1 inactive').waitFor();
    assert.match(await stats.locator('.stat').nth(0).locator('.value').innerText(), /^2$/);
    assert.match(await stats.locator('.stat').nth(3).locator('.value').innerText(), /^1$/);
    // The failed sign-in among the latest events, with its numeric code.
    await page.getByRole('cell', { name: 'user.login.failed' }).waitFor();
    await page.getByRole('cell', { name: '1200' }).waitFor();
    const login = await page.getByLabel('Login link').inputValue();
    assert.equal(login, `${server.baseUrl}/realms/${realm.id}/login?redirect_uri=${encodeURIComponent('https://shop.example/callback')}`);
    assert.equal(await page.getByLabel('Issuer').inputValue(), `${server.baseUrl}/realms/${realm.id}`);
    assert.equal(await page.getByLabel('OpenID Connect discovery').inputValue(), `${server.baseUrl}/realms/${realm.id}/.well-known/openid-configuration`);
    // The link works: it leads to the realm's sign-in page.
    const followed = await fetch(login, { redirect: 'manual' });
    assert.equal(followed.status, 303);
    await accessible(page, 'console-realm-overview-light');

    // Rotation, confirmed first.
    const keysBefore = (await api('GET', `/realms/${realm.id}/keys`)).body.items.length;
    await page.getByRole('button', { name: 'Rotate keys' }).click();
    await confirmIn(page).getByRole('button', { name: 'Rotate keys' }).click();
    await page.getByText('Signing key rotated.').waitFor();
    assert.equal((await api('GET', `/realms/${realm.id}/keys`)).body.items.length, keysBefore + 1);
    await page.getByRole('cell', { name: 'Retired' }).waitFor();

    // Deactivate, then Undo.
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await confirmIn(page).getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('Realm Overview Realm deactivated.').waitFor();
    assert.equal((await api('GET', `/realms/${realm.id}`)).body.state, 'inactive');
    await page.getByRole('button', { name: 'Activate' }).waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await until(async () => (await api('GET', `/realms/${realm.id}`)).body.state === 'active', 'the realm active again');
    await page.getByRole('button', { name: 'Deactivate' }).waitFor();
    assert.deepEqual(refusals, []);
    await context.close();

  });
});
