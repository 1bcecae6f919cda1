/**
 * Policy modules in Chromium: a new module's broken Cedar text is refused with the API's problems
 * and their line numbers (a click puts the caret there), then valid text is saved (checked through
 * the API), and deleting the module is confirmed by typing its name.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessible } from '../support/browser.ts';
import { consolePerSuite } from './console-fixtures.ts';

const BROKEN = '@id("read")\npermit(principal, action == Action::"invoices:read", resource)\nwhen { principal.nope == "x" };\n';
const VALID = '@id("read")\npermit(principal, action == Action::"invoices:read", resource is Resource)\nwhen { resource.type == "invoices" };\n';

describe('console policies in Chromium', () => {
  const fixture = consolePerSuite();
  const api = async (method: string, path: string) => {
    const response = await fetch(`${fixture.server.baseUrl}/admin/v1${path}`, { method, headers: fixture.server.adminHeaders });
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  };

  it('shows a compile error with its line, then saves valid Cedar, then deletes the module', async () => {
    const realm = (await (await fetch(`${fixture.server.baseUrl}/admin/v1/realms`, { method: 'POST', headers: { ...fixture.server.adminHeaders, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Policy shop' }) })).json()) as { id: string };
    const { context, page, refusals } = await fixture.open();
    await fixture.signIn(page, undefined, `/realms/${realm.id}/policies`);
    await page.getByText('No policy modules').waitFor();
    await page.getByText(/the default rules decide/).waitFor();

    await page.getByRole('button', { name: 'New module' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Module name').fill('Bad Name');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByText(/Use 1 to 64 of a-z/).waitFor();
    await dialog.getByLabel('Module name').fill('invoices');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'invoices' }).waitFor();
    await page.getByText('Not saved yet').waitFor();
    // Deciding needs a caller's credential: the panel says so instead of asking.
    await page.getByRole('heading', { name: 'Trying a decision' }).waitFor();

    const editor = page.getByLabel('Cedar policies');
    await editor.fill(BROKEN);
    await page.getByRole('button', { name: 'Save module' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Error code: policy.invalid').waitFor();
    await alert.getByText(/nope/).first().waitFor();
    await accessible(page, 'console-policy-error-light');
    const place = alert.getByRole('button', { name: /^Line 3, column \d+$/ }).first();
    await place.click();
    const caretLine = await editor.evaluate((area: HTMLTextAreaElement) => area.value.slice(0, area.selectionStart).split('\n').length);
    assert.equal(caretLine, 3);
    assert.equal((await api('GET', `/realms/${realm.id}/policies/invoices`)).status, 404);

    await editor.fill(VALID);
    await page.getByRole('button', { name: 'Save module' }).click();
    await page.getByText('Version 1', { exact: true }).waitFor();
    assert.equal(await page.getByRole('alert').count(), 0);
    const saved = (await api('GET', `/realms/${realm.id}/policies/invoices`)).body as { policy: string; policy_count: number; version: number };
    assert.deepEqual([saved.policy, saved.policy_count, saved.version], [VALID, 1, 1]);

    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByLabel('Type invoices to confirm').fill('invoices');
    await confirm.getByRole('button', { name: 'Delete module' }).click();
    await page.getByRole('heading', { level: 1, name: 'Policies' }).waitFor();
    await page.getByText('No policy modules').waitFor();
    assert.equal((await api('GET', `/realms/${realm.id}/policies/invoices`)).status, 404);
    assert.deepEqual(refusals, []);
    await context.close();
  });
});
