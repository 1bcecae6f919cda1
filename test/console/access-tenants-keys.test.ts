/**
 * Tenants and API keys in Chromium: a tenant made through its form gets a member with a role there;
 * a service key is shown once after its creation, then revoked (both checked through the API).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessible } from '../support/browser.ts';
import { adminApi, consolePerSuite } from './console-fixtures.ts';
import { visit } from './access-seed.ts';

describe('console tenants and API keys in Chromium', () => {
  const fixture = consolePerSuite();
  const api = adminApi(fixture);

  it('creates a tenant with custom JSON and adds a member with a role', async () => {
    const realm = (await api('POST', '/realms', { name: 'Tenant shop' })).body as { id: string };
    const user = (await api('POST', `/realms/${realm.id}/users`, { email: 'grace@example.com', display_name: 'Grace Hopper' })).body as { id: string };
    await api('POST', `/realms/${realm.id}/roles`, { slug: 'admin', permissions: ['*'] });
    const { context, page, refusals } = await fixture.open();
    await fixture.signIn(page, undefined, `/realms/${realm.id}/tenants`);
    await page.getByText('belong to the realm itself and join no tenant').waitFor();
    await page.getByText('No tenants yet').waitFor();

    await page.getByRole('button', { name: 'Create tenant' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('Acme Corp');
    await dialog.getByLabel('Slug', { exact: true }).fill('acme');
    await dialog.getByLabel('Custom attributes (JSON)').fill('{ "plan": ');
    await dialog.getByRole('button', { name: 'Create tenant' }).click();
    await dialog.getByText(/This is not valid JSON/).waitFor();
    await dialog.getByLabel('Custom attributes (JSON)').fill('{ "plan": "gold" }');
    await dialog.getByRole('button', { name: 'Create tenant' }).click();
    await page.getByRole('heading', { level: 1, name: 'Acme Corp' }).waitFor();
    const tenant = (await api('GET', `/realms/${realm.id}/tenants/acme`)).body as { name: string; custom: unknown; active: boolean };
    assert.deepEqual([tenant.name, tenant.custom, tenant.active], ['Acme Corp', { plan: 'gold' }, true]);

    await page.getByText('No members yet').waitFor();
    await page.getByRole('button', { name: 'Add member' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Search users').fill('grace');
    await dialog.getByRole('radio', { name: /Grace Hopper/ }).check();
    await dialog.getByLabel('admin', { exact: true }).check();
    await dialog.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('link', { name: new RegExp(`Grace Hopper ${user.id}`) }).waitFor();
    const members = (await api('GET', `/realms/${realm.id}/tenants/acme/members`)).body as { items: { user_id: string; roles: string[] }[] };
    assert.deepEqual(members.items.map((item) => [item.user_id, item.roles]), [[user.id, ['admin']]]);
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('shows a new service key once, then revokes it', async () => {
    const realm = (await api('POST', '/realms', { name: 'Key shop' })).body as { id: string; slug: string };
    const { context, page, refusals } = await fixture.open();
    await fixture.signIn(page, undefined, `/realms/${realm.id}/api-keys`);
    await page.getByText('this realm hashes new keys').waitFor();
    await page.getByText('No service keys').waitFor();

    await page.getByRole('button', { name: 'Create key' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('reporting');
    await dialog.getByLabel('Service', { exact: true }).fill('billing');
    await dialog.getByLabel('Expires after (days)').fill('30');
    await dialog.getByLabel('Capability 1', { exact: true }).fill('invoices:read');
    await dialog.getByRole('button', { name: 'Add capability' }).click();
    await dialog.getByLabel('Capability 2', { exact: true }).fill('invoices:delete');
    await dialog.getByLabel('Effect of capability 2').selectOption('deny');
    await dialog.getByRole('button', { name: 'Create key' }).click();

    dialog = page.getByRole('dialog', { name: 'Key reporting created' });
    await dialog.getByText('it is shown only this once').waitFor();
    const key = await dialog.getByLabel('The key').inputValue();
    assert.match(key, /^kr_[A-Za-z0-9]{16}_[A-Za-z0-9]{38}$/);
    await accessible(page, 'console-api-key-shown-light');
    // The key works: validate answers for the realm's service account.
    const validate = await fetch(`${fixture.server.baseUrl}/realms/${realm.slug}/auth/validate`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(validate.status, 200);
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    assert.equal(await page.getByText(key).count(), 0);
    const listed = (await api('GET', `/realms/${realm.id}/api-keys`)).body as { items: { id: string; name: string; service: string; capabilities: unknown; expires_at: string | null }[] };
    assert.equal(listed.items.length, 1);
    assert.deepEqual([listed.items[0].name, listed.items[0].service, listed.items[0].capabilities], ['reporting', 'billing', { 'invoices:read': 'allow', 'invoices:delete': 'deny' }]);
    assert.ok(listed.items[0].expires_at);
    // Under the hash policy nothing can be read back: no such button.
    assert.equal(await page.getByRole('button', { name: /^Show key/ }).count(), 0);

    await page.getByRole('button', { name: 'Revoke key reporting' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Type reporting to confirm').fill('reporting');
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('No service keys').waitFor();
    assert.deepEqual(((await api('GET', `/realms/${realm.id}/api-keys`)).body as { items: unknown[] }).items, []);
    const after = await fetch(`${fixture.server.baseUrl}/realms/${realm.slug}/auth/validate`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(after.status, 401);

    // Under the encrypt policy a key can be read back (and each reading is an event).
    const vault = (await api('POST', '/realms', { name: 'Vault' })).body as { id: string };
    await api('PATCH', `/realms/${vault.id}`, { api_keys: { policy: 'encrypt' } });
    const made = (await api('POST', `/realms/${vault.id}/api-keys`, { name: 'backup' })).body as { api_key: string };
    await visit(page, `/realms/${vault.id}/api-keys`);
    await page.getByText('this realm encrypts new keys').waitFor();
    await page.getByRole('button', { name: 'Show key backup' }).click();
    dialog = page.getByRole('dialog', { name: 'Key backup' });
    assert.equal(await dialog.getByLabel('The key').inputValue(), made.api_key);
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    assert.deepEqual(refusals, []);
    await context.close();
  });
});
