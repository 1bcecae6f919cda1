/**
 * The console's users list in Chromium: finding users by search (substring, exact username) and by
 * filter (state, tag), creating one through the modal (checked against the admin API), the list in
 * light and dark (axe finds nothing serious), and a read-only operator offered no "Create user".
 * The user page has its own suite (user-page.test.ts).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { accessible } from '../support/browser.ts';
import { adminApi, consolePerSuite, OPERATOR_PASSWORD } from './console-fixtures.ts';

describe('console users list in Chromium', () => {
  const fixture = consolePerSuite();
  let realmId = '';

  const admin = adminApi(fixture);

  before(async () => {
    realmId = (await admin('POST', '/realms', { name: 'Acme', slug: 'acme' })).body.id;
    const seed = [
      { email: 'ann@example.com', username: 'ann', first_name: 'Ann', last_name: 'Archer', tags: ['vip'], email_verified: true },
      { email: 'bob@example.com', username: 'bobby', first_name: 'Bob', last_name: 'Baker' },
      { email: 'carol@example.com', first_name: 'Carol', last_name: 'Cole', state: 'inactive' },
      { username: 'dan', mobile: '+447700900123', display_name: 'Dan the API', tags: ['beta'] },
    ];
    for (const body of seed) assert.equal((await admin('POST', `/realms/${realmId}/users`, body)).status, 201);
    const bob = (await admin('GET', `/realms/${realmId}/users?username=bobby`)).body.items[0];
    assert.equal((await admin('POST', `/realms/${realmId}/users/${bob.id}/lock`, { reason: 'Lost laptop' })).status, 200);
  });

  it('finds users by search and filter, and creates one through the modal', async () => {
    const { context, page, refusals } = await fixture.open();
    await fixture.signIn(page, undefined, `/realms/${realmId}/users`);
    const table = page.getByRole('table', { name: 'Users of Acme' });
    await table.getByRole('link', { name: 'Dan the API' }).waitFor();
    assert.equal(await table.getByRole('row').count(), 5); // the header and four users
    await accessible(page, 'console-users-light');

    // Search: a substring of a name, then an exact username.
    await page.getByLabel('Search users').fill('arch');
    await page.getByText('All 1 shown').waitFor();
    await table.getByRole('link', { name: 'Ann Archer' }).waitFor();
    await page.getByLabel('Search by').selectOption('username');
    await page.getByLabel('Search users').fill('bobby');
    await table.getByRole('link', { name: 'Bob Baker' }).waitFor();
    await page.getByText('All 1 shown').waitFor();
    await page.getByLabel('Search users').fill('');
    // Filters: inactive users, locked users, then a tag; nothing matching says so.
    await page.getByLabel('State').selectOption('inactive');
    await table.getByRole('link', { name: 'Carol Cole' }).waitFor();
    await page.getByText('All 1 shown').waitFor();
    await page.getByLabel('State').selectOption('');
    await page.getByLabel('Lock').selectOption('true');
    await table.getByRole('link', { name: 'Bob Baker' }).waitFor();
    await page.getByText('All 1 shown').waitFor();
    await page.getByLabel('Lock').selectOption('');
    await page.getByLabel('Tag').fill('beta');
    await table.getByRole('link', { name: 'Dan the API' }).waitFor();
    await page.getByText('All 1 shown').waitFor();
    await page.getByLabel('Tag').fill('nobody-has-this');
    await page.getByText('No users match').waitFor();
    await page.getByLabel('Tag').fill('');
    await page.getByText('All 4 shown').waitFor();

    // Create a user through the modal: a taken email is refused in place, then the console goes to the new user.
    await page.getByRole('button', { name: 'Create user' }).click();
    const modal = page.getByRole('dialog', { name: 'Create a user' });
    await modal.getByLabel('Email').fill('ann@example.com');
    await modal.getByLabel('First name').fill('Erin');
    await modal.getByLabel('Tags').fill('new, trial');
    await modal.getByRole('button', { name: 'Create user' }).click();
    await modal.getByRole('alert').waitFor();
    assert.match(await modal.getByRole('alert').innerText(), /Error code: /);
    await modal.getByLabel('Email').fill('erin@example.com');
    await accessible(page, 'console-user-create-light');
    await modal.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('heading', { level: 1, name: 'Erin' }).waitFor();
    const erin = (await admin('GET', `/realms/${realmId}/users?email=erin@example.com`)).body.items[0];
    assert.equal(erin.first_name, 'Erin');
    assert.deepEqual(erin.tags, ['new', 'trial']);
    assert.equal(new URL(page.url()).pathname, `/console/realms/${realmId}/users/${erin.id}`);

    // Deleting asks for the user's email typed out, then returns to the list.
    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Erin?' });
    const deleteButton = confirm.getByRole('button', { name: 'Delete user' });
    assert.equal(await deleteButton.isDisabled(), true);
    await confirm.getByLabel('Type erin@example.com to confirm.').fill('erin@example.com');
    await deleteButton.click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    assert.equal((await admin('GET', `/realms/${realmId}/users/${erin.id}`)).status, 404);
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('shows the list in the dark theme, and a read-only operator no "Create user"', async () => {
    const dark = await fixture.open({ theme: 'dark' });
    await fixture.signIn(dark.page, undefined, `/realms/${realmId}/users`);
    await dark.page.getByRole('table', { name: 'Users of Acme' }).getByRole('link', { name: 'Carol Cole' }).waitFor();
    await accessible(dark.page, 'console-users-dark');
    await dark.context.close();

    await fixture.addOperator('viewer@example.com', [{ permission: 'read' }]);
    const { context, page } = await fixture.open();
    await fixture.signIn(page, { email: 'viewer@example.com', password: OPERATOR_PASSWORD }, `/realms/${realmId}/users`);
    await page.getByRole('table', { name: 'Users of Acme' }).getByRole('link', { name: 'Bob Baker' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Create user' }).count(), 0);
    await context.close();
  });
});
