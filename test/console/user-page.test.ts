/**
 * A user's page in the console, in Chromium: lock (with a reason) and unlock, end a session,
 * edit the profile and see the new version's diff, assign a role, reset second factors, read the
 * user's events — each checked against the admin API, every tab screenshotted in light (axe finds
 * nothing serious). The dark theme and the read-only view are in user-page-views.test.ts.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { base32Decode, totp } from '../../src/mfa/otp.ts';
import { accessible } from '../support/browser.ts';
import { adminApi, consolePerSuite } from './console-fixtures.ts';

const PASSWORD = 'correct horse battery staple 42';

describe('console user page in Chromium', () => {
  const fixture = consolePerSuite();
  let realmId = '';
  const ids: Record<string, string> = {};

  const admin = adminApi(fixture);
  const userPath = (name: string) => `/realms/${realmId}/users/${ids[name]}`;
  const pageOf = (name: string, tab = '') => `${fixture.server.baseUrl}/console/realms/${realmId}/users/${ids[name]}${tab ? `?tab=${tab}` : ''}`;
  /** A password sign-in on the realm's API: a session for the operator to see and end. */
  const login = async (identifier: string) => {
    const response = await fetch(`${fixture.server.baseUrl}/realms/acme/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'Console test browser' }, body: JSON.stringify({ identifier, password: PASSWORD }) });
    return ((await response.json()) as { access_token: string }).access_token;
  };

  before(async () => {
    realmId = (await admin('POST', '/realms', { name: 'Acme', slug: 'acme' })).body.id;
    assert.equal((await admin('POST', `/realms/${realmId}/roles`, { slug: 'support', display_name: 'Support desk', permissions: ['tickets:read'] })).status, 201);
    for (const { key, ...body } of [
      { key: 'ann', email: 'ann@example.com', username: 'ann', first_name: 'Ann', last_name: 'Archer', password: PASSWORD, tags: ['vip'], email_verified: true, custom: { plan: 'pro' } },
      { key: 'bob', email: 'bob@example.com', username: 'bobby', first_name: 'Bob', last_name: 'Baker', password: PASSWORD },
    ]) {
      const created = await admin('POST', `/realms/${realmId}/users`, body);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      ids[key] = created.body.id;
    }
    // Bob enrols a TOTP factor (one to reset).
    const issuer = `${fixture.server.baseUrl}/realms/acme`;
    const bearer = { authorization: `Bearer ${await login('bob@example.com')}`, 'content-type': 'application/json' };
    const enrolled = (await (await fetch(`${issuer}/account/mfa/totp`, { method: 'POST', headers: bearer, body: JSON.stringify({ name: 'Phone' }) })).json()) as { id: string; secret: string; digits: number; algorithm: 'SHA1' };
    const code = totp(base32Decode(enrolled.secret), fixture.server.clock.now(), { algorithm: enrolled.algorithm, digits: enrolled.digits });
    assert.equal((await fetch(`${issuer}/account/mfa/${enrolled.id}/confirm`, { method: 'POST', headers: bearer, body: JSON.stringify({ code }) })).status, 200);
  });

  it('locks, ends a session, edits and diffs, assigns a role and resets MFA', async () => {
    const { context, page, refusals } = await fixture.open();
    await fixture.signIn(page, undefined, `/realms/${realmId}/users/${ids.ann}`);
    await page.getByRole('heading', { level: 1, name: 'Ann Archer' }).waitFor();
    await accessible(page, 'console-user-profile-light');

    // Lock with a reason, then unlock.
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    const lockDialog = page.getByRole('dialog', { name: 'Lock Ann Archer?' });
    await lockDialog.getByLabel('Reason').fill('Suspicious sign-ins');
    await lockDialog.getByRole('button', { name: 'Lock' }).click();
    await page.getByText('Locked: Suspicious sign-ins').waitFor();
    let ann = (await admin('GET', userPath('ann'))).body;
    assert.equal(ann.locked, true);
    assert.equal(ann.locked_reason, 'Suspicious sign-ins');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('button', { name: 'Lock', exact: true }).waitFor();
    assert.equal((await admin('GET', userPath('ann'))).body.locked, false);
    // Locking again offers Undo, which unlocks.
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByRole('dialog', { name: 'Lock Ann Archer?' }).getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('button', { name: 'Unlock' }).waitFor();
    assert.equal((await admin('GET', userPath('ann'))).body.locked, true);
    await page.getByRole('button', { name: 'Undo' }).last().click();
    await page.getByRole('button', { name: 'Lock', exact: true }).waitFor();
    assert.equal((await admin('GET', userPath('ann'))).body.locked, false);

    // Set a password: the realm's policy refuses a short one under the field; a good one signs in.
    await page.getByRole('button', { name: 'Set password' }).click();
    const passwordDialog = page.getByRole('dialog', { name: 'Set a password for Ann Archer' });
    await passwordDialog.getByLabel('New password').fill('short');
    await passwordDialog.getByRole('button', { name: 'Set password' }).click();
    await passwordDialog.getByText('Error code: password.too_short').waitFor();
    assert.equal(await passwordDialog.getByLabel('New password').getAttribute('aria-invalid'), 'true');
    await passwordDialog.getByLabel('New password').fill(`${PASSWORD} renewed`);
    await passwordDialog.getByRole('button', { name: 'Set password' }).click();
    await page.getByText('Password set; their sessions have ended.').waitFor();
    const renewed = await fetch(`${fixture.server.baseUrl}/realms/acme/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'ann', password: `${PASSWORD} renewed` }) });
    assert.equal(renewed.status, 200);
    assert.equal((await admin('PUT', `${userPath('ann')}/password`, { password: PASSWORD })).status, 204);

    // Ann signs in; the operator ends that session.
    assert.ok(await login('ann@example.com'));
    await page.getByRole('tab', { name: 'Sessions' }).click();
    assert.match(page.url(), /\?tab=sessions$/);
    const endButton = page.getByRole('button', { name: /^End the session from/ });
    await endButton.waitFor();
    assert.equal(await endButton.count(), 1);
    await accessible(page, 'console-user-sessions-light');
    await endButton.click();
    await page.getByRole('dialog', { name: 'End this session?' }).getByRole('button', { name: 'End', exact: true }).click();
    await page.getByText('No live sessions').waitFor();
    assert.deepEqual((await admin('GET', `${userPath('ann')}/sessions`)).body.items, []);

    // Edit a profile field: a new version, and the diff shows the change.
    await page.getByRole('tab', { name: 'Profile' }).click();
    const versionBefore = (await admin('GET', userPath('ann'))).body.version;
    await page.getByLabel('First name').fill('Annie');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'Annie Archer' }).waitFor();
    ann = (await admin('GET', userPath('ann'))).body;
    assert.equal(ann.first_name, 'Annie');
    assert.equal(ann.version, versionBefore + 1);
    await page.getByRole('tab', { name: 'Versions' }).click();
    assert.equal(await page.getByLabel('Compare version').inputValue(), String(versionBefore));
    const changed = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'first_name', exact: true }) });
    await changed.waitFor();
    assert.match(await changed.innerText(), /Changed\s+Ann\s+Annie/);
    await accessible(page, 'console-user-versions-light');

    // A role assigned from the realm's roles.
    await page.getByRole('tab', { name: 'Roles & tenants' }).click();
    await page.getByLabel('Assign a role').selectOption({ label: 'Support desk (support)' });
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.getByRole('link', { name: 'support', exact: true }).waitFor();
    assert.deepEqual((await admin('GET', `${userPath('ann')}/roles`)).body.items.map((item: { role: { slug: string } }) => item.role.slug), ['support']);
    await accessible(page, 'console-user-access-light');

    // Bob's second factors, reset.
    await page.goto(pageOf('bob', 'security'));
    await page.getByRole('cell', { name: 'Phone' }).waitFor();
    await accessible(page, 'console-user-security-light');
    await page.getByRole('button', { name: 'Reset second factors' }).click();
    await page.getByRole('dialog', { name: 'Reset second factors?' }).getByRole('button', { name: 'Reset second factors' }).click();
    await page.getByText('No second factors').waitFor();
    assert.deepEqual((await admin('GET', `${userPath('bob')}/mfa`)).body.items, []);

    // Bob's events, with details in a drawer.
    await page.getByRole('tab', { name: 'Events' }).click();
    await page.getByRole('button', { name: 'user.mfa_reset' }).click();
    await page.getByRole('dialog', { name: 'user.mfa_reset' }).getByText('Details').waitFor();
    await accessible(page, 'console-user-events-light');
    await page.keyboard.press('Escape');

    assert.deepEqual(refusals, []);
    await context.close();
  });
});
