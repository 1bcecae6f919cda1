import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { browserPerSuite, cspViolations, screenshots } from '../support/browser.ts';
import { errorCode, send } from '../support/http.ts';
import { linksIn } from '../support/smtp-sink.ts';
import { flowServerPerSuite, freshEmail, login, mailTo, PASSWORD, register, signUpRealm } from './flow-fixtures.ts';

/** The pages emailed links lead to, driven in real Chromium. Pages hold no data of their own: SQLite is enough. */
describe('account pages in Chromium', () => {
  const ctx = flowServerPerSuite('sqlite');
  const chromium = browserPerSuite();
  let origin: string;
  let realm: Realm;

  before(async () => {
    await ctx.server.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(ctx.server.app.server.address() as AddressInfo).port}`;
    realm = await signUpRealm(ctx, { public_info: { display_name: 'Acme Portal' } });
  });

  /** The link of a message, pointed at the listening server instead of the public URL. */
  const local = (link: string) => origin + new URL(link).pathname + new URL(link).search;

  /** A new user of `inRealm` who asked for a password reset: the emailed link. */
  async function resetLink(inRealm: Realm, label: string): Promise<{ email: string; link: string }> {
    const email = freshEmail(label);
    await ctx.server.services.users.create(inRealm, { email, password: PASSWORD }, { type: 'operator', id: null });
    await send(ctx.server, 'POST', `/realms/${inRealm.slug}/auth/forgot-password`, { identifier: email });
    return { email, link: local(linksIn(await mailTo(ctx, email, /password/i))[0]) };
  }

  it('confirms an address only when the button is pressed, not when the link is opened', async () => {
    const email = freshEmail('page');
    await register(ctx, realm, { email, password: PASSWORD });
    const link = local(linksIn(await mailTo(ctx, email))[0]);
    const page = await chromium.browser.newPage();
    const violations = cspViolations(page);
    try {
      await page.goto(link);
      assert.equal(await page.textContent('h1'), 'Confirm your email address');
      assert.match((await page.textContent('header')) ?? '', /Acme Portal/);
      await screenshots(page, 'verify-email');
      // A mail scanner's fetch of the link changes nothing.
      assert.equal(errorCode(await login(ctx, realm, email)), 'auth.email_not_verified');
      await Promise.all([page.waitForURL(link), page.click('button[type=submit]')]);
      assert.equal(await page.textContent('h1'), 'Email address confirmed');
      // No application URL is known for this realm: the page says so in the realm's name.
      assert.match((await page.textContent('main')) ?? '', /You can close this page and return to Acme Portal\./);
      await screenshots(page, 'verify-email-done');
      assert.equal((await login(ctx, realm, email)).statusCode, 200);
      await page.goto(link);
      await Promise.all([page.waitForLoadState(), page.click('button[type=submit]')]);
      assert.equal(await page.textContent('h1'), 'This link does not work');
      await screenshots(page, 'link-used');
      assert.deepEqual(violations, []);
    } finally {
      await page.close();
    }
  });

  it('sets a new password through the reset form, showing refusals on the page', async () => {
    const { email, link } = await resetLink(realm, 'reset-page');
    const page = await chromium.browser.newPage();
    try {
      await page.goto(link);
      assert.equal(await page.textContent('h1'), 'Choose a new password');
      // The rules are on the page before any refusal.
      const rules = (await page.textContent('#rules')) ?? '';
      assert.match(rules, /At least 8 characters/);
      assert.match(rules, /100,000 most common passwords/);
      // The name the check refuses (the realm's name, "Flows n"), not the display name the page shows.
      assert.ok(rules.includes(`your email address, your username or the name ${realm.name}.`), rules);
      assert.doesNotMatch(rules, /Acme Portal/);
      assert.doesNotMatch(rules, /breach/);
      await screenshots(page, 'reset-password');
      const submit = async (password: string, confirm = password) => {
        await page.fill('#password', password);
        await page.fill('#confirm', confirm);
        await Promise.all([page.waitForLoadState(), page.click('button[type=submit]')]);
      };
      await submit('orbital mechanics 1969', 'orbital mechanics 1970');
      assert.equal(await page.textContent('.error'), 'The two passwords differ.');
      await submit('password123');
      assert.match((await page.textContent('.error')) ?? '', /common/i);
      assert.match((await page.textContent('#rules')) ?? '', /At least 8 characters/);
      await screenshots(page, 'reset-password-refused');
      await submit('orbital mechanics 1969');
      assert.equal(await page.textContent('h1'), 'Password changed');
      assert.match((await page.textContent('main')) ?? '', /return to Acme Portal/);
      assert.equal((await login(ctx, realm, email, 'orbital mechanics 1969')).statusCode, 200);
      await page.goto(link);
      assert.equal(await page.textContent('h1'), 'This link does not work');
    } finally {
      await page.close();
    }
  });

  it('states a stricter policy up front and leads on to the application after success', async () => {
    const strict = await signUpRealm(ctx, {
      public_info: { display_name: 'Globex' },
      password_policy: { min_length: 12, max_length: 64, block_common: false, block_context: false, breached: { enabled: true, range_url: 'http://127.0.0.1:9/range/' } },
      passkeys: { rp_id: 'globex.example', allowed_origins: ['https://app.globex.example'] },
    });
    const { link } = await resetLink(strict, 'onward');
    const page = await chromium.browser.newPage();
    try {
      await page.goto(link);
      const rules = (await page.textContent('#rules')) ?? '';
      assert.match(rules, /At least 12 characters and at most 64/);
      assert.match(rules, /known from a data breach/);
      assert.doesNotMatch(rules, /common|username/);
      assert.equal(await page.getAttribute('#password', 'minlength'), '12');
      await page.fill('#password', 'a long enough phrase');
      await page.fill('#confirm', 'a long enough phrase');
      // The breached-password range API (a closed port) does not answer; the realm allows that by default.
      await Promise.all([page.waitForLoadState(), page.click('button[type=submit]')]);
      assert.equal(await page.textContent('h1'), 'Password changed');
      assert.equal(await page.getAttribute('a.onward', 'href'), 'https://app.globex.example');
      assert.equal(await page.textContent('a.onward'), 'Continue to Globex');
      await screenshots(page, 'reset-password-done');
    } finally {
      await page.close();
    }
  });

  it('serves the pages uncached, unframeable, without scripts or referrers', async () => {
    const response = await send(ctx.server, 'GET', `/realms/${realm.slug}/pages/verify-email?token=abc`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(response.headers['referrer-policy'], 'no-referrer');
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.ok(!response.body.includes('<script'));
    const hostile = await send(ctx.server, 'GET', `/realms/${realm.slug}/pages/verify-email?token=${encodeURIComponent('"><script>alert(1)</script>')}`);
    assert.ok(!hostile.body.includes('<script>alert(1)'));
    const bad = await send(ctx.server, 'GET', `/realms/${realm.slug}/pages/reset-password?token=nonsense`);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /This link does not work/);
  });
});
