/**
 * A realm's settings in Chromium: a change saved as a PATCH of that field alone (asserted through
 * the API), an out-of-range value refused by the API with its complaint next to the field, the
 * tenant policy refused once the realm has users. Screenshot (light); the dark one and the
 * read-only operator are in realm-settings-views.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { systemActor } from '../../src/events/event-log.ts';
import { accessible } from '../support/browser.ts';
import { adminApi, consolePerSuite } from './console-fixtures.ts';

describe('console realm settings in Chromium', () => {
  const fixture = consolePerSuite();
  const api = adminApi(fixture);
  const errorOf = (page: Page, label: string) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) }).locator('.error-text');

  it('saves a changed setting, shows a refused one at its field, and the tenant policy refusal', async () => {
    const made = await api('POST', '/realms', { name: 'Tuned', slug: 'tuned' });
    const before = made.body;
    const { context, page, refusals } = await fixture.open();
    await fixture.signIn(page, undefined, `/realms/${before.id}/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const lockAfter = page.getByLabel('Lock after failures', { exact: true });
    assert.equal(await lockAfter.inputValue(), String(before.brute_force.lock_after));
    // The range comes from the API schema.
    await page.getByText('Allowed: 1 to 10,000.').first().waitFor();
    await accessible(page, 'console-realm-settings-light');

    await lockAfter.fill('25');
    await page.getByText('1 unsaved change', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    const after = (await api('GET', '/realms/tuned')).body;
    assert.equal(after.brute_force.lock_after, 25);
    // Only that field changed.
    assert.deepEqual({ ...after.brute_force, lock_after: before.brute_force.lock_after }, before.brute_force);
    assert.deepEqual(after.tokens, before.tokens);
    assert.equal(after.version, before.version + 1);

    await lockAfter.fill('0');
    // As above: the change counted before Save is pressed (under load the click could come first).
    await page.getByText('1 unsaved change', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await errorOf(page, 'Lock after failures').waitFor();
    assert.match(await errorOf(page, 'Lock after failures').innerText(), />= 1/);
    await page.getByText('request.validation_failed').first().waitFor();
    // The refusal as the operator sees it: the field brought into view and focused, the words and code by Save.
    assert.equal(await lockAfter.evaluate((input) => input === document.activeElement), true);
    await page.screenshot({ path: 'test-artifacts/console-realm-settings-refused-light.png' });
    assert.equal((await api('GET', '/realms/tuned')).body.brute_force.lock_after, 25);
    await page.getByRole('button', { name: 'Discard changes' }).click();
    assert.equal(await lockAfter.inputValue(), '25');

    // With users, the tenant policy cannot change: the API's words are shown.
    await fixture.server.services.users.create(await fixture.server.services.realms.get(before.id), { username: 'someone', password: 'a long user password' }, systemActor);
    await page.getByLabel('Where tokens live', { exact: true }).selectOption('auto_created');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await errorOf(page, 'Where tokens live').waitFor();
    assert.match(await errorOf(page, 'Where tokens live').innerText(), /cannot change while the realm has users/);
    await page.getByText('realm.has_users').first().waitFor();
    assert.deepEqual(refusals, []);
    await context.close();

  });
});
