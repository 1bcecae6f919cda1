/**
 * A realm's settings as others see them, in Chromium: the dark theme (axe and screenshots), and a
 * read-only operator who sees the values disabled and no Save.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessible } from '../support/browser.ts';
import { consolePerSuite, OPERATOR_PASSWORD } from './console-fixtures.ts';

describe('console realm settings views in Chromium', () => {
  const fixture = consolePerSuite();
  const create = async (name: string, slug: string): Promise<string> => {
    const response = await fetch(`${fixture.server.baseUrl}/admin/v1/realms`, { method: 'POST', headers: { ...fixture.server.adminHeaders, 'content-type': 'application/json' }, body: JSON.stringify({ name, slug }) });
    return ((await response.json()) as { id: string }).id;
  };

  it('shows the settings in the dark theme', async () => {
    const id = await create('Tuned', 'tuned');
    const dark = await fixture.open({ theme: 'dark' });
    await fixture.signIn(dark.page, undefined, `/realms/${id}/settings`);
    await dark.page.getByLabel('Lock after failures', { exact: true }).waitFor();
    await accessible(dark.page, 'console-realm-settings-dark');
    assert.deepEqual(dark.refusals, []);
    await dark.context.close();
  });

  it('shows a read-only operator the settings disabled, without Save', async () => {
    const id = await create('Watched', 'watched');
    await fixture.addOperator('settings-reader@example.com', [{ permission: 'read' }]);
    const { context, page } = await fixture.open();
    await fixture.signIn(page, { email: 'settings-reader@example.com', password: OPERATOR_PASSWORD }, `/realms/${id}/settings`);
    const lockAfter = page.getByLabel('Lock after failures', { exact: true });
    await lockAfter.waitFor();
    assert.equal(await lockAfter.isDisabled(), true);
    assert.equal(await page.getByLabel('Self sign-up').isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: 'Save changes' }).count(), 0);
    await page.getByText('You can see this realm’s settings but not change them.').waitFor();
    await context.close();
  });
});
