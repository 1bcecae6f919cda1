/**
 * Operator applications in Chromium: a superadmin gives a machine application of the admin realm
 * grants (picked by searching, machines only), changes and revokes them, checked through the API.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessibleInBothThemes, adminApi, consolePerSuite } from './console-fixtures.ts';

describe('console operator applications in Chromium', () => {
  const fixture = consolePerSuite();
  const api = adminApi(fixture);

  it('gives an operator application grants, changes and revokes them', async () => {
    const made = (await api('POST', '/realms/admin/applications', { kind: 'machine', name: 'Provisioner' })).body as { client_id: string };
    await api('POST', '/realms/admin/applications', { kind: 'spa', name: 'Prov SPA', redirect_uris: ['https://spa.example.com/cb'] });
    const { context, page } = await fixture.open();
    await fixture.signIn(page, undefined, '/operator-applications');
    await page.getByRole('heading', { name: 'Operator applications', level: 1 }).waitFor();
    await page.getByText('No application has operator grants').waitFor();
    await accessibleInBothThemes(page, 'console-operator-applications-empty');
    await page.getByRole('button', { name: 'Give grants to an application' }).click();
    const dialog = page.getByRole('dialog', { name: 'Give grants to an application' });
    await dialog.getByLabel('Find an application').fill('Prov');
    await dialog.getByRole('button', { name: 'Choose Provisioner' }).waitFor();
    // Only machine applications are offered.
    assert.equal(await dialog.getByRole('button', { name: 'Choose Prov SPA' }).count(), 0);
    await dialog.getByRole('button', { name: 'Choose Provisioner' }).click();
    await dialog.getByRole('checkbox', { name: /^Read / }).check();
    await accessibleInBothThemes(page, 'console-operator-application-grant');
    await dialog.getByRole('button', { name: 'Save grants' }).click();
    await page.getByRole('table', { name: 'Operator applications' }).getByText('Provisioner').waitFor();
    assert.deepEqual(((await api('GET', `/operator-applications/${made.client_id}`)).body as { grants: unknown[] }).grants, [{ permission: 'read' }]);
    await accessibleInBothThemes(page, 'console-operator-applications');

    await page.getByRole('button', { name: 'Change grants of Provisioner' }).click();
    const change = page.getByRole('dialog', { name: 'Grants of Provisioner' });
    await change.getByLabel('Manage all realms').check();
    await change.getByRole('button', { name: 'Save grants' }).click();
    await page.getByText('Manages all realms').waitFor();
    assert.deepEqual(((await api('GET', `/operator-applications/${made.client_id}`)).body as { grants: { permission: string }[] }).grants.map((grant) => grant.permission).sort(), ['admin_all_realms', 'read']);

    await page.getByRole('button', { name: 'Revoke grants of Provisioner' }).click();
    await page.getByRole('dialog', { name: 'Revoke the grants of Provisioner?' }).getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('No application has operator grants').waitFor();
    assert.equal((await api('GET', `/operator-applications/${made.client_id}`)).status, 404);
    await context.close();
  });

});
