/**
 * A realm's applications for an operator who may only read: the console's own application is
 * marked built-in with its warning, and no form, button or editable field is offered.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessibleInBothThemes, adminApi, consolePerSuite, OPERATOR_PASSWORD } from './console-fixtures.ts';

describe('console applications for a read operator in Chromium', () => {
  const fixture = consolePerSuite();
  const api = adminApi(fixture);

  it('marks the console’s own application built-in, and shows a read operator no edit control', async () => {
    await api('POST', '/realms/admin/applications', { kind: 'spa', name: 'Admin SPA', redirect_uris: ['https://spa.example.com/cb'] });
    await fixture.addOperator('app-reader@example.com', [{ permission: 'read' }]);
    const { context, page } = await fixture.open();
    await fixture.signIn(page, { email: 'app-reader@example.com', password: OPERATOR_PASSWORD }, '/realms/admin/applications');
    const table = page.getByRole('table', { name: 'Applications' });
    await table.getByText('Built-in').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Create application' }).count(), 0);
    await accessibleInBothThemes(page, 'console-applications');
    await table.getByRole('link', { name: 'Keyrealm console' }).click();
    await page.getByText('This is the console you are using.').waitFor();
    await page.getByText('Your permissions let you look at this application, not change it.').waitFor();
    assert.equal(await page.getByRole('button', { name: /Save|Rotate|Disable|Enable|Delete/ }).count(), 0);
    // Only the client id's read-only copy field: no editable form.
    assert.equal(await page.locator('main input:not([readonly]), main select, main textarea').count(), 0);
    await accessibleInBothThemes(page, 'console-application-readonly');
    await context.close();
  });
});
