/**
 * A realm's applications for an operator who may only read: the console's own application is
 * marked built-in with its warning, and no form, button or editable field is offered.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { accessible } from '../support/browser.ts';
import { consolePerSuite, OPERATOR_PASSWORD } from './console-fixtures.ts';

describe('console applications for a read operator in Chromium', () => {
  const fixture = consolePerSuite();
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${fixture.server.baseUrl}/admin/v1${path}`, { method, headers: { ...fixture.server.adminHeaders, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  };
  const shot = async (page: Page, name: string) => {
    // The theme as the console applies it (the toggle's choice), without a reload losing the screen's state.
    const theme = (value: string) => page.evaluate((chosen) => { document.documentElement.dataset.theme = chosen; }, value);
    // The phone shot follows a resize at once: without this the sidebar is caught sliding away.
    await page.evaluate(() => document.querySelector<HTMLElement>('.sidebar')?.style.setProperty('transition', 'none'));
    await theme('light');
    await accessible(page, `${name}-light`);
    await theme('dark');
    await accessible(page, `${name}-dark`);
    await theme('light');
  };

  it('marks the console’s own application built-in, and shows a read operator no edit control', async () => {
    await api('POST', '/realms/admin/applications', { kind: 'spa', name: 'Admin SPA', redirect_uris: ['https://spa.example.com/cb'] });
    await fixture.addOperator('app-reader@example.com', [{ permission: 'read' }]);
    const { context, page } = await fixture.open();
    await fixture.signIn(page, { email: 'app-reader@example.com', password: OPERATOR_PASSWORD }, '/realms/admin/applications');
    const table = page.getByRole('table', { name: 'Applications' });
    await table.getByText('Built-in').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Create application' }).count(), 0);
    await shot(page, 'console-applications');
    await table.getByRole('link', { name: 'Keyrealm console' }).click();
    await page.getByText('This is the console you are using.').waitFor();
    await page.getByText('Your permissions let you look at this application, not change it.').waitFor();
    assert.equal(await page.getByRole('button', { name: /Save|Rotate|Disable|Enable|Delete/ }).count(), 0);
    // Only the client id's read-only copy field: no editable form.
    assert.equal(await page.locator('main input:not([readonly]), main select, main textarea').count(), 0);
    await shot(page, 'console-application-readonly');
    await context.close();
  });
});
