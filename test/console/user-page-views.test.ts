/**
 * A user's page as others see it, in Chromium: every tab in the dark theme (axe finds nothing
 * serious), and a read-only operator who sees everything but no control that changes anything.
 * The user is seeded through the admin API with a second version, a role, a session and events.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { accessible } from '../support/browser.ts';
import { adminApi, consolePerSuite, OPERATOR_PASSWORD } from './console-fixtures.ts';

const PASSWORD = 'correct horse battery staple 42';

describe('console user page views in Chromium', () => {
  const fixture = consolePerSuite();
  let realmId = '';
  const ids: Record<string, string> = {};

  const admin = adminApi(fixture);

  before(async () => {
    realmId = (await admin('POST', '/realms', { name: 'Acme', slug: 'acme' })).body.id;
    assert.equal((await admin('POST', `/realms/${realmId}/roles`, { slug: 'support', display_name: 'Support desk', permissions: ['tickets:read'] })).status, 201);
    const ann = await admin('POST', `/realms/${realmId}/users`, { email: 'ann@example.com', username: 'ann', first_name: 'Ann', last_name: 'Archer', password: PASSWORD, tags: ['vip'], email_verified: true, custom: { plan: 'pro' } });
    assert.equal(ann.status, 201);
    ids.ann = ann.body.id;
    const path = `/realms/${realmId}/users/${ids.ann}`;
    assert.equal((await admin('PATCH', path, { first_name: 'Annie', custom: { plan: 'team', seats: 5 } })).status, 200);
    assert.equal((await admin('POST', `${path}/roles`, { role: 'support' })).status, 200);
    const login = await fetch(`${fixture.server.baseUrl}/realms/acme/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'Console test browser' }, body: JSON.stringify({ identifier: 'ann', password: PASSWORD }) });
    assert.equal(login.status, 200);
  });

  it('shows every tab in the dark theme', async () => {
    const { context, page } = await fixture.open({ theme: 'dark' });
    await fixture.signIn(page, undefined, `/realms/${realmId}/users/${ids.ann}`);
    await page.getByLabel('First name').waitFor();
    await accessible(page, 'console-user-profile-dark');
    await page.getByRole('tab', { name: 'Sessions' }).click();
    await page.getByRole('button', { name: /^End the session from/ }).waitFor();
    await accessible(page, 'console-user-sessions-dark');
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByRole('rowheader', { name: 'first_name' }).waitFor();
    await accessible(page, 'console-user-versions-dark');
    await page.getByRole('tab', { name: 'Roles & tenants' }).click();
    await page.getByRole('link', { name: 'support', exact: true }).waitFor();
    await accessible(page, 'console-user-access-dark');
    await page.getByRole('tab', { name: 'Events' }).click();
    await page.getByRole('button', { name: 'user.updated' }).first().click();
    await page.getByRole('dialog', { name: 'user.updated' }).getByText('Details').waitFor();
    await accessible(page, 'console-user-events-dark');
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Security' }).click();
    await page.getByText('No second factors').waitFor();
    await page.getByText('No passkeys').waitFor();
    await accessible(page, 'console-user-security-dark');
    await context.close();
  });

  it('shows a read-only operator everything but no control that changes anything', async () => {
    await fixture.addOperator('viewer@example.com', [{ permission: 'read' }]);
    const { context, page } = await fixture.open();
    await fixture.signIn(page, { email: 'viewer@example.com', password: OPERATOR_PASSWORD }, `/realms/${realmId}/users/${ids.ann}`);
    await page.getByText('Your permissions let you look, not change.').waitFor();
    await page.getByText('"plan": "team"').waitFor();
    for (const name of ['Lock', 'Unlock', 'Delete', 'Set password', 'Send reset link', 'Save profile', 'Save custom data', 'Add tag']) {
      assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, name);
    }
    assert.equal(await page.getByRole('textbox').count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Remove tag/ }).count(), 0);
    await accessible(page, 'console-user-readonly-light');
    await page.getByRole('tab', { name: 'Sessions' }).click();
    await page.getByRole('heading', { name: 'Live sessions' }).waitFor();
    assert.equal(await page.getByRole('button', { name: /^End/ }).count(), 0);
    await page.getByRole('tab', { name: 'Security' }).click();
    await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
    assert.equal(await page.getByRole('button', { name: /Reset second factors|Remove|Unlink/ }).count(), 0);
    await page.getByRole('tab', { name: 'Roles & tenants' }).click();
    await page.getByRole('link', { name: 'support', exact: true }).waitFor();
    assert.equal(await page.getByLabel('Assign a role').count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Remove role/ }).count(), 0);
    await context.close();
  });
});
