import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { browserPerSuite } from '../support/browser.ts';
import { linksIn } from '../support/smtp-sink.ts';
import { flowServerPerSuite, mailTo } from '../accounts/flow-fixtures.ts';
import { linkHelpers } from './magic-link-fixtures.ts';

/** Number matching end to end in real Chromium: the emailed link, the number picked, the starting side's poll. SQLite is enough. */
describe('number matching in Chromium', () => {
  const ctx = flowServerPerSuite('sqlite');
  const chromium = browserPerSuite();
  const links = linkHelpers(ctx);
  let origin: string;

  before(async () => {
    await ctx.server.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(ctx.server.app.server.address() as AddressInfo).port}`;
  });

  /** The link of a message, pointed at the listening server instead of the public URL. */
  const local = (link: string) => origin + new URL(link).pathname + new URL(link).search;

  it('opens the emailed link, picks the number the starting screen shows, and the poll gets tokens', async () => {
    const realm = await links.realmWith({}, { public_info: { display_name: 'Acme Portal' } });
    const { email } = await links.userIn(realm);
    const started = (await links.start(realm, 'number_match', email)).json() as { flow_id: string; number: number };
    const link = local(linksIn(await mailTo(ctx, email, /^Approve your/))[0]);

    const page = await chromium.browser.newPage();
    try {
      await page.goto(link);
      assert.equal(await page.textContent('h1'), 'Approve sign-in');
      assert.match((await page.textContent('header')) ?? '', /Acme Portal/);
      assert.equal(await page.locator('.choices button').count(), 3);
      assert.equal((await links.poll(realm, started.flow_id)).json().state, 'first_factor', 'opening the link approves nothing');

      await Promise.all([page.waitForURL(link), page.click(`button[name=pick][value="${started.number}"]`)]);
      assert.equal(await page.textContent('h1'), 'Sign-in approved');

      const done = await links.poll(realm, started.flow_id);
      assert.equal(done.statusCode, 200, done.body);
      assert.deepEqual(decodeJwt(done.json().access_token).amr, ['email', 'mca']);

      await page.goto(link);
      assert.equal(await page.textContent('h1'), 'This link does not work');
    } finally {
      await page.close();
    }
  });
});
