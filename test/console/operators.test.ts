/**
 * The operators screens in Chromium: a superadmin creates an operator whose admin_realm grant is
 * picked through the server-side realm search, locks and unlocks them (Undo included), changes
 * grants and deletes them; the API's refusal of the last superadmin's demotion is shown; a `read`
 * operator sees operators without edit controls; an admin_realm-only operator has no Operators link and gets the API's 403 on the page itself.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessibleInBothThemes, adminApi, consolePerSuite, OPERATOR_PASSWORD } from './console-fixtures.ts';

describe('console operators in Chromium', () => {
  const fixture = consolePerSuite();
  const api = adminApi(fixture);

  it('creates an operator with a realm found by searching, then locks and unlocks them', async () => {
    const shop = (await api('POST', '/realms', { name: 'Shopfront', slug: 'shopfront' })).body as { id: string };
    await api('POST', '/realms', { name: 'Shipping', slug: 'shipping' });
    const { context, page, refusals } = await fixture.open();
    await fixture.signIn(page, undefined, '/operators');
    await page.getByRole('heading', { name: 'Operators', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Operators' }).waitFor();
    await accessibleInBothThemes(page, 'console-operators');

    await page.getByRole('button', { name: 'Create operator' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an operator' });
    await dialog.getByLabel('Email', { exact: true }).fill('ada@example.com');
    await dialog.getByLabel('Display name').fill('Ada Admin');
    await dialog.getByLabel('Initial password').fill(OPERATOR_PASSWORD);
    await dialog.getByLabel('Manage chosen realms').check();
    // Saving without a realm is stopped in the form.
    await dialog.getByRole('button', { name: 'Create operator' }).click();
    await dialog.getByText('Choose at least one realm').waitFor();
    await dialog.getByLabel('Find a realm to add').fill('shop');
    await dialog.getByRole('button', { name: 'Add Shopfront' }).click();
    await dialog.getByRole('list', { name: 'Realms to manage' }).getByText('Shopfront', { exact: true }).waitFor();
    await accessibleInBothThemes(page, 'console-operator-create');
    await dialog.getByRole('button', { name: 'Create operator' }).click();
    await page.getByRole('heading', { name: 'Ada Admin', level: 1 }).waitFor();

    const listed = (await api('GET', '/operators')).body as { items: { id: string; email: string; grants: unknown[] }[] };
    const ada = listed.items.find((operator) => operator.email === 'ada@example.com');
    assert.ok(ada);
    assert.deepEqual(ada.grants, [{ permission: 'admin_realm', realms: [shop.id] }]);
    await accessibleInBothThemes(page, 'console-operator');

    // Lock (asked first), then Undo from the toast, then lock and unlock with the button.
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByRole('dialog', { name: 'Lock Ada Admin?' }).getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('button', { name: 'Unlock' }).waitFor();
    assert.equal(((await api('GET', `/operators/${ada.id}`)).body as { locked: boolean }).locked, true);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Lock', exact: true }).waitFor();
    assert.equal(((await api('GET', `/operators/${ada.id}`)).body as { locked: boolean }).locked, false);
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByRole('dialog', { name: 'Lock Ada Admin?' }).getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: 'Lock', exact: true }).waitFor();
    assert.equal(((await api('GET', `/operators/${ada.id}`)).body as { locked: boolean }).locked, false);

    // Grants changed: admin_all_realms added, saved through PATCH.
    await page.getByLabel('Manage all realms').check();
    await page.getByRole('button', { name: 'Save permissions' }).click();
    await page.getByText('Permissions saved.').waitFor();
    const after = (await api('GET', `/operators/${ada.id}`)).body as { grants: { permission: string }[] };
    assert.deepEqual(after.grants.map((grant) => grant.permission).sort(), ['admin_all_realms', 'admin_realm']);

    // The superadmin cannot take away the last superadmin (their own): the API's refusal is shown.
    await page.goto(`${fixture.server.baseUrl}/console/operators`);
    await page.getByRole('table', { name: 'Operators' }).getByRole('link').filter({ hasNotText: 'Ada Admin' }).first().click();
    await page.getByText('This is you.').waitFor();
    await page.getByLabel('Superadmin').uncheck();
    await page.getByRole('checkbox', { name: /^Read / }).check();
    await page.getByRole('button', { name: 'Save permissions' }).click();
    await page.getByRole('dialog', { name: 'Remove your own superadmin?' }).getByRole('button', { name: 'Remove my superadmin' }).click();
    await page.getByRole('dialog').getByText('This is the last active superadmin').waitFor();
    await page.getByRole('dialog').getByText('operator.last_superadmin').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    // Delete Ada with her email typed.
    await page.goto(`${fixture.server.baseUrl}/console/operators/${ada.id}`);
    await page.getByRole('button', { name: 'Delete operator' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Ada Admin?' });
    await confirm.getByLabel('Type ada@example.com to confirm.').fill('ada@example.com');
    await confirm.getByRole('button', { name: 'Delete operator' }).click();
    await page.getByRole('heading', { name: 'Operators', level: 1 }).waitFor();
    assert.equal((await api('GET', `/operators/${ada.id}`)).status, 404);
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('shows a read operator the operators without any edit control', async () => {
    const reader = await fixture.addOperator('reader@example.com', [{ permission: 'read' }]);
    const { context, page } = await fixture.open({ theme: 'dark' });
    await fixture.signIn(page, { email: 'reader@example.com', password: OPERATOR_PASSWORD }, '/operators');
    await page.getByRole('table', { name: 'Operators' }).getByText('reader').first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Create operator' }).count(), 0);
    await page.goto(`${fixture.server.baseUrl}/console/operators/${reader.id}`);
    await page.getByText('Only a superadmin can change operators.').waitFor();
    assert.equal(await page.getByRole('button', { name: /Save|Lock|Unlock|Delete|Deactivate/ }).count(), 0);
    assert.equal(await page.locator('main input:not([type=search]), main select, main textarea').count(), 0);
    await accessibleInBothThemes(page, 'console-operator-readonly');
    await page.goto(`${fixture.server.baseUrl}/console/operator-applications`);
    await page.getByText('Only a superadmin can give or take grants.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Give grants to an application' }).count(), 0);
    await context.close();
  });

  it('hides Operators from an admin_realm operator and shows the API’s refusal at its address', async () => {
    const realm = (await api('POST', '/realms', { name: 'Only mine', slug: 'only-mine' })).body as { id: string };
    await fixture.addOperator('scoped@example.com', [{ permission: 'admin_realm', realms: [realm.id] }]);
    const { context, page } = await fixture.open();
    await fixture.signIn(page, { email: 'scoped@example.com', password: OPERATOR_PASSWORD });
    assert.equal(await page.getByRole('link', { name: 'Operators', exact: true }).count(), 0);
    await page.goto(`${fixture.server.baseUrl}/console/operators`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Error code: /);
    await page.getByRole('heading', { name: 'Operators', level: 1 }).waitFor();
    await accessibleInBothThemes(page, 'console-operators-forbidden');
    await context.close();
  });
});
