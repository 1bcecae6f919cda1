import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { errorCode, send } from '../support/http.ts';
import { codeIn } from '../support/smtp-sink.ts';
import { flowServerPerSuite, freshEmail, mailTo } from '../accounts/flow-fixtures.ts';
import { headingOf, linkHelpers } from './magic-link-fixtures.ts';

const origin = { ip: null, userAgent: null };

/**
 * A code or link sent before any factor was proven holds for the user's record as it was then
 * (found by review): once an operator moves the account to another address, what went to the old
 * one no longer signs in.
 */
for (const dialect of dialects) {
  describe(`codes and links sent before the user's record changed, on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect);
    const links = linkHelpers(ctx);

    it('an emailed code sent to the old address no longer signs in', async () => {
      const realm = await links.realmWith({ first_factors: ['password', 'email_otp'] });
      const { email, user } = await links.userIn(realm);
      const started = await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/otp/email`, { identifier: email });
      assert.equal(started.statusCode, 200, started.body);
      const code = codeIn(await mailTo(ctx, email, /code/i));
      await ctx.server.services.users.update(realm, user.id, { email: freshEmail('moved') }, operator, origin);
      const done = await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/flows/${started.json().flow_id}/verify`, { method: 'email_otp', code });
      assert.equal(done.statusCode, 400, done.body);
      assert.equal(errorCode(done), 'flow.expired');
      assert.equal(done.json().access_token, undefined);
    });

    it('a link sent to the old address no longer approves; approved before the change, the poll gets no tokens', async () => {
      const realm = await links.realmWith();
      const first = await links.started(realm, 'magic_link');
      await ctx.server.services.users.update(realm, first.user.id, { email: freshEmail('moved') }, operator, origin);
      const refused = await links.submitPage(realm, first.token);
      assert.equal(refused.statusCode, 400, refused.body);
      assert.equal(headingOf(refused.body), 'This link does not work');

      const second = await links.started(realm, 'magic_link');
      assert.equal((await links.submitPage(realm, second.token)).statusCode, 200);
      await ctx.server.services.users.update(realm, second.user.id, { email: freshEmail('moved') }, operator, origin);
      const poll = await links.poll(realm, second.flowId);
      assert.equal(errorCode(poll), 'flow.expired', poll.body);
      assert.equal(poll.json().access_token, undefined);
    });
  });
}
