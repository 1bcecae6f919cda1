/**
 * Messages and templates in Chromium: a queued password-reset mail in the outbox and its drawer;
 * a template edited with its live preview, saved (checked through the API) and reset to the
 * default; a read-only operator sees the template without Save or Reset. Light and dark, axe.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { accessible } from '../support/browser.ts';
import { adminApi, consolePerSuite, OPERATOR_PASSWORD } from './console-fixtures.ts';

const USER_EMAIL = 'grace@example.com';

describe('console messages and templates in Chromium', () => {
  const fixture = consolePerSuite();
  let realmId = '';

  const api = adminApi(fixture);

  async function openMessages(page: Page, credentials?: { email: string; password: string }) {
    await fixture.signIn(page, credentials, `/realms/${realmId}/messages`);
    await page.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
  }

  it('shows a queued reset mail and its details', async () => {
    const realm = await api('POST', '/realms', { name: 'Mail Co', slug: 'mail-co' });
    realmId = realm.body.id;
    const user = await api('POST', `/realms/${realmId}/users`, { email: USER_EMAIL, password: 'a long enough password 1', email_verified: true });
    assert.equal(user.status, 201);
    const sent = await api('POST', `/realms/${realmId}/users/${user.body.id}/send-reset`);
    assert.ok(sent.status < 300, `send-reset answered ${sent.status}`);

    const { context, page, refusals } = await fixture.open();
    await openMessages(page);
    const row = page.getByRole('row').filter({ hasText: USER_EMAIL }).filter({ hasText: 'password_reset' });
    await row.waitFor();
    await page.getByLabel('Status').selectOption('failed');
    await page.getByText('No message matches these filters.').waitFor();
    await page.getByLabel('Status').selectOption('');
    await row.waitFor();
    await row.getByRole('button').click();
    const drawer = page.getByRole('dialog', { name: 'Message' });
    await drawer.getByText(user.body.id).waitFor();
    await drawer.getByText('password_reset').waitFor();
    await accessible(page, 'console-messages-light');
    await drawer.getByRole('button', { name: 'Close' }).click();
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('edits a template with a live preview, saves it and resets it to the default', async () => {
    // The preview frame is a document of its own (/console/mail-preview) whose policy lets the
    // email's inline styles through: no refusal anywhere.
    const { context, page, refusals } = await fixture.open();
    await openMessages(page);
    await page.getByRole('navigation', { name: 'Messages and templates' }).getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('heading', { level: 1, name: 'Templates' }).waitFor();
    await page.getByRole('link', { name: 'Edit password_reset' }).click();
    await page.getByRole('heading', { level: 1, name: 'Template: password_reset' }).waitFor();
    await page.getByRole('heading', { name: 'Variables' }).waitFor();
    await page.getByText('{{link}}', { exact: true }).waitFor();
    const preview = page.getByTestId('preview-subject');
    await preview.waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save template' }).isDisabled(), true);

    await page.getByLabel('Subject').fill('Reset your {{realm_name}} password now');
    await page.getByLabel('HTML', { exact: true }).fill('<p style="color: rgb(200, 0, 0)">Hello {{user_name}}, <a href="{{link}}">reset</a> for {{realm_name}}.</p>');
    await page.waitForFunction(() => document.querySelector('[data-testid="preview-subject"]')?.textContent === 'Reset your Mail Co password now');
    const frame = page.frameLocator('iframe[title="Rendered HTML of the message"]');
    await frame.getByText('reset', { exact: true }).waitFor();
    // The email's own inline styles apply in the preview.
    assert.equal(await frame.locator('p').evaluate((element) => getComputedStyle(element).color), 'rgb(200, 0, 0)');
    assert.equal(await page.locator('iframe.template-frame').getAttribute('sandbox'), '');
    await accessible(page, 'console-template-editor-light');

    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('Template saved.').waitFor();
    const saved = await api('GET', `/realms/${realmId}/templates/password_reset`);
    assert.equal(saved.body.customized, true);
    assert.equal(saved.body.subject, 'Reset your {{realm_name}} password now');

    await page.getByRole('button', { name: 'Reset to default' }).click();
    const confirm = page.getByRole('dialog', { name: 'Reset to the default template?' });
    await confirm.getByRole('button', { name: 'Reset to default' }).click();
    await page.getByText('Template back to the default.').waitFor();
    const reset = await api('GET', `/realms/${realmId}/templates/password_reset`);
    assert.equal(reset.body.customized, false);
    assert.notEqual(reset.body.subject, 'Reset your {{realm_name}} password now');
    await page.getByText('The built-in default template.').waitFor();
    // Undo puts the realm's own template back.
    await page.getByRole('button', { name: 'Undo' }).click();
    // The first save's toast may still be showing beside the new one.
    await page.getByText('Customised', { exact: true }).waitFor();
    assert.equal((await api('GET', `/realms/${realmId}/templates/password_reset`)).body.customized, true);
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('shows a read-only operator the template without Save or Reset', async () => {
    await fixture.addOperator('reader@example.com', [{ permission: 'read' }]);
    const { context, page } = await fixture.open();
    await fixture.signIn(page, { email: 'reader@example.com', password: OPERATOR_PASSWORD }, `/realms/${realmId}/templates/password_reset`);
    await page.getByRole('heading', { level: 1, name: 'Template: password_reset' }).waitFor();
    await page.getByText('Your permissions let you read this template, not change it.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save template' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Reset to default' }).count(), 0);
    assert.equal(await page.getByLabel('Subject').getAttribute('readonly'), '');
    await context.close();
  });

  it('looks right in the dark theme', async () => {
    const { context, page } = await fixture.open({ theme: 'dark' });
    await openMessages(page);
    await page.getByRole('row').filter({ hasText: USER_EMAIL }).waitFor();
    await accessible(page, 'console-messages-dark');
    await page.goto(`${fixture.server.baseUrl}/console/realms/${realmId}/templates`);
    await page.getByRole('heading', { level: 1, name: 'Templates' }).waitFor();
    await page.getByRole('table').waitFor();
    await accessible(page, 'console-templates-dark');
    await page.getByRole('link', { name: 'Edit password_reset' }).click();
    await page.getByTestId('preview-subject').waitFor();
    await page.frameLocator('iframe.template-frame').locator('body').waitFor();
    await accessible(page, 'console-template-editor-dark');
    await context.close();
  });
});
