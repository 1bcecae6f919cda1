/**
 * The events screen in Chromium: the log with codes and their meaning, filtered by code, an event's
 * drawer; with Live on, a sign-in through the API appears without a reload. Light and dark, axe.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { accessible } from '../support/browser.ts';
import { adminApi, consolePerSuite } from './console-fixtures.ts';

const USER_EMAIL = 'ada@example.com';
const USER_PASSWORD = 'correct horse battery 42';

describe('console events in Chromium', () => {
  const fixture = consolePerSuite();
  let realmId = '';

  const api = adminApi(fixture);

  async function login(password: string) {
    return fetch(`${fixture.server.baseUrl}/realms/events-co/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: USER_EMAIL, password }) });
  }

  async function openEvents(page: Page) {
    await fixture.signIn(page, undefined, `/realms/${realmId}/events`);
    await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
    await page.getByRole('table', { name: 'Events of the realm, newest first' }).waitFor();
  }

  it('lists, filters by code, opens an event, and follows the log live', async () => {
    const realm = await api('POST', '/realms', { name: 'Events Co', slug: 'events-co' });
    assert.equal(realm.status, 201);
    realmId = realm.body.id;
    const user = await api('POST', `/realms/${realmId}/users`, { email: USER_EMAIL, password: USER_PASSWORD, email_verified: true });
    assert.equal(user.status, 201);
    assert.equal((await login('wrong password entirely')).status, 401);

    const { context, page, refusals } = await fixture.open();
    await openEvents(page);
    // Each row: its code and what the code means.
    await page.getByRole('row').filter({ hasText: '1301' }).filter({ hasText: 'User created' }).first().waitFor();
    await page.getByRole('row').filter({ hasText: '1200' }).filter({ hasText: 'Password sign-in refused' }).first().waitFor();

    await page.getByLabel('Code', { exact: true }).selectOption('1200');
    await page.getByRole('row').filter({ hasText: '1301' }).waitFor({ state: 'detached' });
    // The filtered page may still be loading (a skeleton, no table) once the old rows are gone.
    const rows = page.getByRole('table').getByRole('row');
    await rows.nth(1).filter({ hasText: '1200' }).waitFor();
    assert.equal(await rows.count(), 2, 'the header and the one refused sign-in');
    await rows.nth(1).getByRole('button').click();
    const drawer = page.getByRole('dialog', { name: 'Event user.login.failed' });
    await drawer.waitFor();
    await drawer.getByText('"reason": "wrong_password"').waitFor();
    await drawer.getByText(user.body.id).first().waitFor();
    await drawer.getByRole('heading', { name: 'Origin' }).waitFor();
    await accessible(page, 'console-events-light');
    await drawer.getByRole('button', { name: 'Close' }).click();
    await drawer.waitFor({ state: 'hidden' });

    // Live: a sign-in through the API shows up on top, without a reload.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('row').filter({ hasText: '1301' }).first().waitFor();
    const live = page.getByRole('button', { name: 'Live' });
    await live.click();
    assert.equal(await live.getAttribute('aria-pressed'), 'true');
    await page.getByText('Following new events').waitFor();
    // The server's clock is fake and stands still: the sign-in gets a later time than what is listed,
    // and the stream sends it once it is older than the settle window.
    fixture.server.clock.advance(1_000);
    assert.equal((await login(USER_PASSWORD)).status, 200);
    fixture.server.clock.advance(3_000);
    const signedIn = page.getByRole('table').getByRole('row').nth(1);
    await signedIn.filter({ hasText: 'Signed in with a password' }).waitFor({ timeout: 10_000 });
    await page.getByText('1 new event', { exact: true }).waitFor({ state: 'attached', timeout: 6_000 });
    // Off stops the stream.
    await live.click();
    assert.equal(await live.getAttribute('aria-pressed'), 'false');
    assert.equal(await page.getByText('Following new events').count(), 0);
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('looks right in the dark theme', async () => {
    const { context, page, refusals } = await fixture.open({ theme: 'dark' });
    await openEvents(page);
    await page.screenshot({ path: 'test-artifacts/console-events-list-dark.png', fullPage: true });
    await page.getByRole('table').getByRole('row').nth(1).getByRole('button').click();
    await page.getByRole('dialog').waitFor();
    await accessible(page, 'console-events-dark');
    assert.deepEqual(refusals, []);
    await context.close();
  });
});
