/**
 * Roles in Chromium: a manager creates a role with permissions, then a composite one including it,
 * assigns the composite to a seeded user from a start time (checked through the API), and a change
 * that would make a loop is refused with the API's own message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessible } from '../support/browser.ts';
import { adminApi, consolePerSuite } from './console-fixtures.ts';

describe('console roles in Chromium', () => {
  const fixture = consolePerSuite();
  const api = adminApi(fixture);

  it('creates roles, assigns one for a window and shows a refused cycle', async () => {
    const realm = (await api('POST', '/realms', { name: 'Roles shop' })).body as { id: string };
    const user = (await api('POST', `/realms/${realm.id}/users`, { email: 'ada@example.com', display_name: 'Ada Lovelace' })).body as { id: string };
    const { context, page, refusals } = await fixture.open();
    await fixture.signIn(page, undefined, `/realms/${realm.id}/roles`);
    await page.getByText('No roles yet').waitFor();
    const tabs = page.getByRole('navigation', { name: /^Sections of/ });

    // A plain role with two permissions.
    await page.getByRole('button', { name: 'Create role' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Slug', { exact: true }).fill('clerk');
    await dialog.getByLabel('Display name').fill('Clerk');
    await dialog.getByLabel('Permissions', { exact: true }).fill('invoices:read\ninvoices:list');
    await dialog.getByRole('button', { name: 'Create role' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clerk' }).waitFor();

    // A composite role including it.
    await tabs.getByRole('link', { name: 'Roles' }).click();
    await page.getByRole('link', { name: 'Clerk' }).waitFor();
    await page.getByRole('button', { name: 'Create role' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Slug', { exact: true }).fill('manager');
    await dialog.getByLabel('Permissions', { exact: true }).fill('invoices:write');
    await dialog.getByLabel('Clerk (clerk)').check();
    await dialog.getByRole('button', { name: 'Create role' }).click();
    await page.getByRole('heading', { level: 1, name: 'manager' }).waitFor();
    const manager = (await api('GET', `/realms/${realm.id}/roles/manager`)).body as { permissions: string[]; includes: { slug: string }[] };
    assert.deepEqual(manager.permissions, ['invoices:write']);
    assert.deepEqual(manager.includes.map((entry) => entry.slug), ['clerk']);
    const clerk = (await api('GET', `/realms/${realm.id}/roles/clerk`)).body as { permissions: string[] };
    assert.deepEqual(clerk.permissions, ['invoices:list', 'invoices:read']);

    // Assign it to Ada from a start time, found by searching.
    await page.getByText('Nobody holds this role directly').waitFor();
    await page.getByRole('button', { name: 'Assign to a user' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Search users').fill('ada');
    await dialog.getByRole('radio', { name: /Ada Lovelace/ }).check();
    await dialog.getByLabel('From').fill('2030-03-01T09:00');
    await dialog.getByRole('button', { name: 'Assign' }).click();
    await page.getByRole('link', { name: new RegExp(`Ada Lovelace ${user.id}`) }).waitFor();
    await page.getByRole('cell', { name: 'Scheduled' }).waitFor();
    const expected = await page.evaluate(() => new Date('2030-03-01T09:00').toISOString());
    const assigned = (await api('GET', `/realms/${realm.id}/users/${user.id}/roles`)).body as { items: { role: { slug: string }; starts_at: string; ends_at: string | null }[] };
    assert.deepEqual(assigned.items.map((item) => [item.role.slug, new Date(item.starts_at).toISOString(), item.ends_at]), [['manager', expected, null]]);

    // clerk including manager would make a loop: the API refuses it and its message is shown.
    const refused = await api('PATCH', `/realms/${realm.id}/roles/clerk`, { includes: ['manager'] });
    assert.equal(refused.status, 422);
    const message = (refused.body as { error: { code: string; message: string } }).error.message;
    await page.getByRole('list', { name: 'Includes' }).getByRole('link', { name: 'clerk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clerk' }).waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('manager', { exact: true }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    const alert = dialog.getByRole('alert');
    await alert.getByText(message).waitFor();
    await alert.getByText('Error code: role.cycle').waitFor();
    assert.match(message, /clerk → manager → clerk/);
    await accessible(page, 'console-role-cycle-light');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.deepEqual(((await api('GET', `/realms/${realm.id}/roles/clerk`)).body as { includes: unknown[] }).includes, []);

    // Deactivating is undone from its toast.
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('Grants nothing while inactive.').waitFor();
    assert.equal(((await api('GET', `/realms/${realm.id}/roles/clerk`)).body as { active: boolean }).active, false);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Deactivate' }).waitFor();
    assert.equal(((await api('GET', `/realms/${realm.id}/roles/clerk`)).body as { active: boolean }).active, true);
    assert.deepEqual(refusals, []);
    await context.close();
  });
});
