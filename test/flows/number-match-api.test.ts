import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { dialects } from '../support/databases.ts';
import { errorCode } from '../support/http.ts';
import { flowServerPerSuite, login } from '../accounts/flow-fixtures.ts';
import { choicesOf, headingOf, linkHelpers } from './magic-link-fixtures.ts';

/** Number matching: the link's page offers three numbers; only the one the starting screen shows approves. */
for (const dialect of dialects) {
  describe(`number matching on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect);
    const links = linkHelpers(ctx);

    it('signs in when the number the starting screen shows is picked', async () => {
      const realm = await links.realmWith();
      const { flowId, number, token } = await links.started(realm, 'number_match');
      assert.ok(number !== undefined && number >= 10 && number <= 99);

      const page = await links.openPage(realm, token);
      assert.equal(page.statusCode, 200, page.body);
      const choices = choicesOf(page.body);
      assert.equal(new Set(choices).size, 3, page.body);
      assert.ok(choices.includes(number) && choices.every((choice) => choice >= 10 && choice <= 99));
      assert.deepEqual(choicesOf((await links.openPage(realm, token)).body), choices, 'a reload shows the same three, in the same order');

      const withoutPick = await links.submitPage(realm, token);
      assert.equal(withoutPick.statusCode, 400, 'no number picked: nothing happens');
      assert.equal((await links.poll(realm, flowId)).json().state, 'first_factor');

      const approved = await links.submitPage(realm, token, number);
      assert.equal(headingOf(approved.body), 'Sign-in approved', approved.body);
      const done = await links.poll(realm, flowId);
      assert.equal(done.statusCode, 200, done.body);
      const claims = decodeJwt(done.json().access_token);
      assert.deepEqual([claims.amr, claims.acr], [['email', 'mca'], 'aal1']);
      const signedIn = await links.eventsOf(realm, 'user.login.succeeded');
      assert.deepEqual([signedIn[0].code, signedIn[0].details.method], [1355, 'number_match']);
    });

    it('stops the sign-in at a wrong number: the flow fails, the guard and the log count it', async () => {
      const realm = await links.realmWith({}, { brute_force: { delay_after: 1, lock_after: 1, lock_minutes: 15, permanent_after: 100 } });
      const { email, flowId, number, token } = await links.started(realm, 'number_match');
      const wrong = choicesOf((await links.openPage(realm, token)).body).find((choice) => choice !== number);
      assert.ok(wrong !== undefined);

      const denied = await links.submitPage(realm, token, wrong);
      assert.equal(denied.statusCode, 200, denied.body);
      assert.equal(headingOf(denied.body), 'Sign-in denied');
      const poll = await links.poll(realm, flowId);
      assert.equal([poll.statusCode, errorCode(poll)].join(' '), '400 flow.expired');
      // The link is spent: the right number cannot be tried after a wrong one.
      assert.equal(headingOf((await links.submitPage(realm, token, number)).body), 'This link does not work');

      const failed = await links.eventsOf(realm, 'user.login.failed');
      assert.equal(failed.length, 1);
      assert.deepEqual([failed[0].code, failed[0].details.method, failed[0].details.reason], [1205, 'number_match', 'wrong_number']);
      // lock_after 1: the wrong number locked the account for a while, whatever the method.
      assert.equal(errorCode(await login(ctx, realm, email)), 'auth.too_many_attempts');
    });

    it('refuses to approve for an account the brute-force guard holds', async () => {
      const realm = await links.realmWith({}, { brute_force: { delay_after: 3, lock_after: 3, lock_minutes: 5, permanent_after: 100 } });
      const { email, flowId, number, token } = await links.started(realm, 'number_match');
      for (let i = 0; i < 3; i++) await login(ctx, realm, email, 'not the password at all');
      const refused = await links.submitPage(realm, token, number);
      assert.equal(refused.statusCode, 429, refused.body);
      assert.equal((await links.poll(realm, flowId)).json().state, 'first_factor');
      // Once the lock is over, the same link still works: a refusal used nothing up.
      ctx.server.clock.advance(5 * 60_000 + 1000);
      assert.equal(headingOf((await links.submitPage(realm, token, number)).body), 'Sign-in approved');
    });

    it('of concurrent approvals exactly one counts, and of concurrent polls one gets tokens', async () => {
      const realm = await links.realmWith();
      const { flowId, number, token } = await links.started(realm, 'number_match');
      const approvals = await Promise.all(Array.from({ length: 5 }, () => links.submitPage(realm, token, number)));
      const headings = approvals.map((answer) => headingOf(answer.body));
      assert.equal(headings.filter((heading) => heading === 'Sign-in approved').length, 1, headings.join(', '));
      assert.equal(headings.filter((heading) => heading === 'This link does not work').length, 4, headings.join(', '));
      assert.equal((await links.eventsOf(realm, 'user.magic_link_approved')).length, 1);

      const polls = await Promise.all(Array.from({ length: 5 }, () => links.poll(realm, flowId)));
      const withTokens = polls.filter((answer) => answer.statusCode === 200 && answer.json().access_token);
      assert.equal(withTokens.length, 1, polls.map((answer) => answer.body).join('\n'));
      for (const answer of polls.filter((a) => a !== withTokens[0])) {
        assert.ok(['flow.changed_concurrently', 'flow.expired'].includes(errorCode(answer)), answer.body);
      }
      assert.equal((await links.eventsOf(realm, 'user.login.succeeded')).length, 1);
    });
  });
}
