/**
 * The richer hosted sign-up in real Chromium: a realm that requires a username, takes a mobile
 * number and declares registration fields of every type. A first try is refused under its fields,
 * the corrected form creates the account. Each state is checked by axe-core and photographed in
 * light and dark, with no Content-Security-Policy refusal.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { accessible, browserPerSuite, cspViolations } from '../support/browser.ts';
import { operator } from '../support/fixtures.ts';
import { perSuite } from '../support/suite.ts';
import { startOidcServer } from '../oidc/oidc-fixtures.ts';

const PASSWORD = 'correct horse battery staple 9';

describe('hosted sign-up in Chromium', () => {
  const ctx = perSuite(async () => {
    const server = await startOidcServer('sqlite');
    return { server, dispose: () => server.dispose() };
  });
  const chromium = browserPerSuite();
  let realm: Realm;

  before(async () => {
    realm = await ctx.server.services.realms.create(
      {
        name: 'Fabrikam',
        slug: 'fabrikam',
        public_info: { display_name: 'Fabrikam Learning' },
        users: {
          registration: {
            enabled: true,
            require_email_verification: false,
            username: 'required',
            mobile: 'optional',
            fields: [
              { name: 'organisation', type: 'string', required: true, max_length: 40, label: 'School or company' },
              { name: 'team_size', type: 'number', required: false, max_length: null },
              { name: 'start_date', type: 'date', required: true, max_length: null },
              { name: 'newsletter', type: 'boolean', required: false, max_length: null },
            ],
          },
        },
      },
      operator,
    );
    await ctx.server.services.users.create(realm, { username: 'grace' }, operator);
  });

  it('is refused under its fields, then completed, looking finished in light and dark', async () => {
    for (const [scheme, mobile] of [['light', '+44 7700 900123'], ['dark', '+44 7700 900124']] as const) {
      const context = await chromium.browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      const refusals = cspViolations(page);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${ctx.server.baseUrl}/realms/${realm.slug}/signup`);
      await accessible(page, `sign-up-form-${scheme}`);

      const email = `lin-${scheme}@example.com`;
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Username', { exact: true }).fill('Grace');
      await page.getByLabel('Mobile number (optional)').fill(mobile);
      await page.getByLabel('Your name (optional)').fill('Lin Wei');
      await page.getByLabel('School or company').fill('Fabrikam Academy');
      await page.getByLabel('Team size (optional)').fill('12');
      await page.getByLabel('Start date').fill('2026-09-01');
      await page.getByLabel('Newsletter').check();
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Repeat the password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();

      await page.locator('#username-error').waitFor();
      const username = page.getByLabel('Username', { exact: true });
      assert.equal(await username.getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#username-error').textContent(), 'This username is taken. Choose another.');
      assert.equal(await page.getByLabel('School or company').inputValue(), 'Fabrikam Academy', 'what was typed is kept');
      assert.equal(await page.getByLabel('Newsletter').isChecked(), true);
      assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '', 'the password is typed again');
      await accessible(page, `sign-up-refused-${scheme}`);

      // A username that is another address than the one signing up: told in the page's words.
      await username.fill('somebody.else@example.org');
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Repeat the password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.locator('#username-error').waitFor();
      assert.equal(await page.locator('#username-error').textContent(), 'A username that is an email address must be the address you sign up with.');
      await accessible(page, `sign-up-username-address-${scheme}`);

      await username.fill(`lin-${scheme}`);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Repeat the password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
      await accessible(page, `sign-up-done-${scheme}`);
      assert.deepEqual(refusals, []);
      await context.close();

      const user = (await ctx.server.services.users.list(realm, { email }, { limit: 1 })).items[0];
      assert.deepEqual(
        [user?.username, user?.mobile, user?.display_name, user?.custom],
        [`lin-${scheme}`, mobile.replaceAll(' ', ''), 'Lin Wei', { organisation: 'Fabrikam Academy', team_size: 12, start_date: '2026-09-01', newsletter: true }],
      );
    }
  });
});
