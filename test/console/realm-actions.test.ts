/**
 * A realm's actions in Chromium: reset (users deleted, after the typed slug), delete (the typed
 * slug, then back to the list), none of them for the built-in admin realm, rotating the signing
 * key and revoking the retired one (confirmed), and a read-only
 * operator who sees the overview without any action and cannot create realms. Also the create and
 * overview screens in the dark theme (axe and screenshots).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { systemActor } from '../../src/events/event-log.ts';
import { accessible } from '../support/browser.ts';
import { adminApi, consolePerSuite, OPERATOR_PASSWORD, until } from './console-fixtures.ts';

describe('console realm actions in Chromium', () => {
  const fixture = consolePerSuite();
  const api = adminApi(fixture);
  const confirmIn = (page: Page) => page.locator('dialog[open]');

  it('shows the create and overview screens in the dark theme', async () => {
    const made = await api('POST', '/realms', { name: 'Night Shop', slug: 'night-shop' });
    const realm = await fixture.server.services.realms.get(made.body.id);
    await fixture.server.services.users.create(realm, { username: 'owl', password: 'a long user password' }, systemActor);
    await fetch(`${fixture.server.baseUrl}/realms/night-shop/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'owl', password: 'not the password' }) });
    const { context, page, refusals } = await fixture.open({ theme: 'dark' });
    await fixture.signIn(page, undefined, '/new/realm');
    await page.getByRole('heading', { level: 1, name: 'Create a realm' }).waitFor();
    await accessible(page, 'console-realm-create-dark');
    await page.goto(`${fixture.server.baseUrl}/console/realms/${realm.id}`);
    await page.getByRole('cell', { name: 'user.login.failed' }).waitFor();
    await accessible(page, 'console-realm-overview-dark');
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('resets a realm after its slug is typed: its users go, the realm stays', async () => {
    const made = await api('POST', '/realms', { name: 'Scratch', slug: 'scratch-realm' });
    const realm = await fixture.server.services.realms.get(made.body.id);
    await fixture.server.services.users.create(realm, { username: 'temp', password: 'a long user password' }, systemActor);
    const { context, page, refusals } = await fixture.open();
    await fixture.signIn(page, undefined, `/realms/${realm.id}`);
    await page.getByText('1 active, 0 inactive').waitFor();
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    const dialog = confirmIn(page);
    await dialog.getByLabel('Type scratch-realm to confirm.').fill('scratch-realm');
    await dialog.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.getByText('Reset of Scratch started').waitFor();
    await until(async () => (await api('GET', `/realms/${realm.id}/overview`)).body.users.total === 0, 'the users deleted');
    assert.equal((await api('GET', `/realms/${realm.id}`)).status, 200);
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('deletes a realm after its slug is typed; the admin realm offers no such action', async () => {
    const made = await api('POST', '/realms', { name: 'Doomed', slug: 'doomed-realm' });
    const { context, page } = await fixture.open();
    await fixture.signIn(page, undefined, `/realms/${made.body.id}`);
    await page.getByRole('heading', { level: 1, name: 'Doomed' }).waitFor();
    await page.getByRole('button', { name: 'Delete realm' }).click();
    const dialog = confirmIn(page);
    const confirm = dialog.getByRole('button', { name: 'Delete realm' });
    assert.equal(await confirm.isDisabled(), true);
    await dialog.getByLabel('Type doomed-realm to confirm.').fill('doomed-realm');
    await confirm.click();
    await page.getByRole('heading', { level: 1, name: 'Realms' }).waitFor();
    assert.equal((await api('GET', `/realms/${made.body.id}`)).status, 404);

    await page.goto(`${fixture.server.baseUrl}/console/realms/admin`);
    await page.getByText('The built-in admin realm holds the operators').waitFor();
    for (const name of ['Delete realm', 'Reset', 'Deactivate']) assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, name);
    await page.getByRole('button', { name: 'Rotate keys' }).waitFor();
    await context.close();
  });

  it('rotates the signing key, then revokes the retired one after a confirmation', async () => {
    const made = await api('POST', '/realms', { name: 'Key Shop', slug: 'key-shop' });
    const { context, page, refusals } = await fixture.open();
    await fixture.signIn(page, undefined, `/realms/${made.body.id}`);
    const keys = page.getByRole('table', { name: 'Signing keys of Key Shop' });
    await keys.getByRole('row').nth(1).waitFor();
    assert.equal(await keys.getByRole('button', { name: /^Revoke key / }).count(), 0, 'the active key has no revoke');
    await page.getByRole('button', { name: 'Rotate keys' }).click();
    await confirmIn(page).getByRole('button', { name: 'Rotate keys' }).click();
    await page.getByText('Signing key rotated.').waitFor();
    const listed = (await api('GET', `/realms/${made.body.id}/keys`)).body.items as { kid: string; state: string }[];
    const retired = listed.find((key) => key.state === 'retired')?.kid ?? '';
    await keys.getByRole('button', { name: `Revoke key ${retired}` }).waitFor();
    await accessible(page, 'console-realm-keys');
    await keys.getByRole('button', { name: `Revoke key ${retired}` }).click();
    const dialog = confirmIn(page);
    await dialog.getByText(`Tokens signed with ${retired} stop working at once`).waitFor();
    await accessible(page, 'console-realm-key-revoke');
    await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
    await page.getByText('Key revoked.').waitFor();
    await until(async () => (await keys.getByRole('row').count()) === 2, 'the revoked key leaves the list');
    assert.deepEqual((await api('GET', `/realms/${made.body.id}/keys`)).body.items.map((key: { state: string }) => key.state), ['active']);
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('shows a read-only operator the overview without any action', async () => {
    const made = await api('POST', '/realms', { name: 'Looked At', slug: 'looked-at' });
    await fixture.addOperator('realm-reader@example.com', [{ permission: 'read' }]);
    const { context, page } = await fixture.open();
    await fixture.signIn(page, { email: 'realm-reader@example.com', password: OPERATOR_PASSWORD }, `/realms/${made.body.id}`);
    await page.getByRole('heading', { level: 1, name: 'Looked At' }).waitFor();
    await page.getByRole('heading', { name: 'Signing keys' }).waitFor();
    await page.getByLabel('Issuer').waitFor();
    for (const name of ['Rotate keys', 'Deactivate', 'Activate', 'Reset', 'Delete realm']) assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, name);
    await page.goto(`${fixture.server.baseUrl}/console/new/realm`);
    await page.getByText('Creating realms needs').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Create realm' }).count(), 0);
    await context.close();
  });
});
