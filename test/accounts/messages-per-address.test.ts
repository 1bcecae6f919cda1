import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { errorCode, send } from '../support/http.ts';
import { flowServerPerSuite, freshEmail, login, mailsTo, PASSWORD } from './flow-fixtures.ts';

/**
 * Messages to one address count together, whichever identifier of the account a request named
 * (found by review: an account's username, email and mobile each had a per-address limit of their
 * own, so one inbox got three times the mail). Past the limit the requests are answered as always.
 */
for (const dialect of dialects) {
  describe(`messages to one address, however the account is named, on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect, { config: { rateLimits: true, rateLimitRecoveryPerIp: 100, rateLimitRecoveryPerAddress: 2, rateLimitRecoveryPerAddressHour: 50 } });
    let counter = 0;

    const realmWith = (signIn: Record<string, unknown>): Promise<Realm> => ctx.server.services.realms.create({ name: `Per address ${++counter}`, sign_in: signIn }, operator);
    const userIn = async (realm: Realm) => {
      const email = freshEmail('named');
      const username = `named-${counter}-${Date.now().toString(36)}`;
      await ctx.server.services.users.create(realm, { username, email, email_verified: true, password: PASSWORD }, operator);
      return { email, username };
    };

    it('sends no more resets, codes and links a minute to one inbox than its limit, named by username or by address', async () => {
      const realm = await realmWith({ first_factors: ['password', 'email_otp', 'magic_link'] });
      const { email, username } = await userIn(realm);
      // Two requests naming the username, two naming the address: each within its own limit (2).
      const answers = [
        await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/forgot-password`, { identifier: username }),
        await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/otp/email`, { identifier: username }),
        await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/magic-link`, { identifier: email }),
        await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/forgot-password`, { identifier: email }),
      ];
      assert.deepEqual(answers.map((answer) => answer.statusCode), [202, 200, 200, 202], 'every request is answered as always');
      assert.equal((await mailsTo(ctx, email)).length, 2);
      ctx.server.clock.advance(60_000);
      await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/forgot-password`, { identifier: username });
      assert.equal((await mailsTo(ctx, email)).length, 3, 'the next minute mails again');
    });

    it('refuses a second factor’s code to one inbox past its limit, however many sign-ins ask (429)', async () => {
      const realm = await realmWith({ first_factors: ['password'], second_factors: ['email_otp', 'totp'], mfa: 'required' });
      const { email } = await userIn(realm);
      const sendCode = async () => {
        const step = (await login(ctx, realm, email)).json();
        assert.deepEqual(step.methods, ['email_otp']);
        return send(ctx.server, 'POST', `/realms/${realm.slug}/auth/flows/${step.flow_id}/send-code`, { method: 'email_otp' });
      };
      assert.equal((await sendCode()).statusCode, 202);
      assert.equal((await sendCode()).statusCode, 202);
      const refused = await sendCode();
      assert.equal(refused.statusCode, 429, refused.body);
      assert.equal(errorCode(refused), 'request.rate_limited');
      assert.equal((await mailsTo(ctx, email)).length, 2);
    });

    it('lets nobody without the password use up a user’s second-factor codes', async () => {
      const realm = await realmWith({ first_factors: ['password', 'magic_link'], second_factors: ['email_otp', 'totp'], mfa: 'required' });
      const { email, username } = await userIn(realm);
      // The address's messages for this minute, used up by anyone.
      for (const identifier of [username, username, email, email]) await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/forgot-password`, { identifier });
      assert.equal((await mailsTo(ctx, email)).length, 2);
      const step = (await login(ctx, realm, email)).json();
      const sent = await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/flows/${step.flow_id}/send-code`, { method: 'email_otp' });
      assert.equal(sent.statusCode, 202, sent.body);
      assert.equal((await mailsTo(ctx, email)).length, 3, 'the code went out');
    });

    it('counts a sign-up’s mail only once its password passed: refused sign-ups do not silence the owner', async () => {
      const realm = await ctx.server.services.realms.create({ name: `Per address ${++counter}`, users: { registration: { enabled: true } } }, operator);
      const { email } = await userIn(realm);
      for (let i = 0; i < 3; i++) {
        const refused = await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/register`, { email, password: 'x' });
        assert.equal(refused.statusCode, 422, refused.body);
      }
      await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/forgot-password`, { identifier: email });
      assert.equal((await mailsTo(ctx, email)).length, 1, 'the owner’s reset link went out');
    });
  });
}
