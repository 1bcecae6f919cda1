/**
 * The console in Chromium: an operator with TOTP signs in through the admin realm's hosted pages
 * (code + PKCE, the console a public application), lands on the realms list, keeps working after
 * the access token expires (silent refresh), and signs out, ending the session. No CSP refusals.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, totp } from '../../src/mfa/otp.ts';
import { accessible } from '../support/browser.ts';
import { consolePerSuite, OPERATOR_PASSWORD } from './console-fixtures.ts';

describe('console sign-in in Chromium', () => {
  const fixture = consolePerSuite();

  it('signs an operator with TOTP in on the hosted pages, then out', async () => {
    const { server } = fixture;
    await fixture.addOperator('totp-op@example.com', [{ permission: 'admin_all_realms' }]);
    const issuer = `${server.baseUrl}/realms/admin`;
    const login = await fetch(`${issuer}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'totp-op@example.com', password: OPERATOR_PASSWORD }) });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const enrolled = (await (await fetch(`${issuer}/account/mfa/totp`, { method: 'POST', headers: bearer, body: JSON.stringify({ name: 'Phone' }) })).json()) as { id: string; secret: string; digits: number; algorithm: 'SHA1' };
    const code = () => totp(base32Decode(enrolled.secret), server.clock.now(), { algorithm: enrolled.algorithm, digits: enrolled.digits });
    assert.equal((await fetch(`${issuer}/account/mfa/${enrolled.id}/confirm`, { method: 'POST', headers: bearer, body: JSON.stringify({ code: code() }) })).status, 200);
    server.clock.advance(31_000);

    const { context, page, refusals } = await fixture.open();
    await page.clock.install();
    await fixture.signIn(page, { email: 'totp-op@example.com', password: OPERATOR_PASSWORD, code });
    assert.equal(new URL(page.url()).pathname, '/console/realms');
    assert.equal(await page.locator('h1').innerText(), 'Realms');
    await page.getByText('Signed in as totp-op').waitFor();
    await page.getByRole('link', { name: 'Administration' }).waitFor();
    // No token in any storage the page's scripts (or another tab's) could read.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.doesNotMatch(stored, /eyJ/);
    await accessible(page, 'console-realms-light');

    // Before the access token expires (15 minutes in the admin realm), the console renews it with
    // its refresh token in the background, and the operator notices nothing.
    const refresh = page.waitForRequest((request) => request.url().endsWith('/oidc/token') && /grant_type=refresh_token/.test(request.postData() ?? ''));
    await page.clock.fastForward('13:00');
    const renewed = await (await refresh).response();
    assert.equal(renewed?.status(), 200);
    await page.getByLabel('Search realms').fill('adm');
    await page.getByRole('link', { name: 'Administration' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    // The provider asks before it ends the session (RP-initiated logout), then comes back.
    await page.getByRole('heading', { name: 'Sign out?' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'You have left the console' }).waitFor();
    await accessible(page, 'console-signed-out-light');
    // The realm session ended: signing in again asks for the password.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Email or username').waitFor();
    assert.deepEqual(refusals, []);
    await context.close();
  });

  it('works from the keyboard alone: skip link, search, open a realm', async () => {
    const { context, page } = await fixture.open({ theme: 'dark' });
    await fixture.signIn(page);
    await page.getByRole('link', { name: 'Administration' }).waitFor();
    await accessible(page, 'console-realms-dark');
    const focused = () => page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return `${element?.tagName.toLowerCase()} ${element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? ''} ${element?.id ?? ''}`;
    });
    await page.keyboard.press('Tab');
    assert.match(await focused(), /^a Skip to content/);
    await page.keyboard.press('Enter');
    assert.match(await focused(), /^main .* content$/);
    // Onward from the top of the content to the search box, then to the first realm's link.
    async function tabTo(pattern: RegExp, limit = 15) {
      for (let presses = 0; presses < limit; presses++) {
        await page.keyboard.press('Tab');
        if (pattern.test(await focused())) return;
      }
      assert.fail(`no ${pattern} within ${limit} presses of Tab`);
    }
    await tabTo(/^input /);
    await page.keyboard.type('admin');
    await page.getByRole('link', { name: 'Administration' }).waitFor();
    await tabTo(/^a Administration/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    assert.match(new URL(page.url()).pathname, /^\/console\/realms\/rl_/);
    await context.close();
  });
});
