import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { operator } from '../support/fixtures.ts';
import { flowServerPerSuite, freshEmail, mailsTo, PASSWORD, register, signUpRealm } from './flow-fixtures.ts';

/** The unauthenticated account endpoints are limited per client IP and realm, and messages per address. */
for (const dialect of dialects) {
  describe(`account endpoint rate limits on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect, {
      config: { rateLimits: true, rateLimitSignUpPerIp: 2, rateLimitRecoveryPerIp: 4, rateLimitRecoveryPerAddress: 2, rateLimitRecoveryPerAddressHour: 5, rateLimitTokenPerIp: 3 },
    });

    const refused = (response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) => {
      assert.equal(response.statusCode, 429);
      assert.equal(errorCode(response), 'request.rate_limited');
      assert.ok(Number(response.headers['retry-after']) >= 1);
    };

    it('limits sign-ups per IP and realm', async () => {
      const realm = await signUpRealm(ctx);
      const other = await signUpRealm(ctx);
      for (let i = 0; i < 2; i++) assert.equal((await register(ctx, realm, { email: freshEmail(), password: PASSWORD })).statusCode, 202);
      refused(await register(ctx, realm, { email: freshEmail(), password: PASSWORD }));
      assert.equal((await register(ctx, other, { email: freshEmail(), password: PASSWORD })).statusCode, 202);
      ctx.server.clock.advance(60_000);
      assert.equal((await register(ctx, realm, { email: freshEmail(), password: PASSWORD })).statusCode, 202);
    });

    it('limits forgot-password and resend per address, known or not, and per IP', async () => {
      const realm = await signUpRealm(ctx);
      const address = freshEmail('nobody');
      const forgot = (identifier: string) => send(ctx.server, 'POST', `/realms/${realm.slug}/auth/forgot-password`, { identifier });
      assert.equal((await forgot(address)).statusCode, 202);
      assert.equal((await forgot(address)).statusCode, 202);
      refused(await forgot(address));
      assert.equal((await forgot(freshEmail())).statusCode, 202);
      // The IP's own limit (4) is reached by now, for every address and for resend too.
      refused(await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/verify-email/resend`, { email: freshEmail() }));
    });

    it('sends at most the per-address limit of "someone tried to sign up" messages a minute, answering every sign-up the same', async () => {
      const realm = await signUpRealm(ctx);
      const owner = freshEmail('owner');
      await ctx.server.services.users.create(realm, { email: owner, password: PASSWORD }, operator);
      for (let i = 0; i < 5; i++) {
        const attempt = await ctx.server.app.inject({ method: 'POST', url: `/realms/${realm.slug}/auth/register`, payload: { email: owner, password: PASSWORD }, remoteAddress: `198.51.100.${10 + i}` });
        assert.equal(attempt.statusCode, 202, attempt.body);
      }
      assert.equal((await mailsTo(ctx, owner)).length, 2, 'the per-address limit (2), not one a sign-up');
      const refusals = await ctx.server.services.events.list(ctx.server.database.db, realm.id, { type: 'user.registration_refused' }, { limit: 10 });
      assert.equal(refusals.items.length, 5, 'every attempt is recorded');
      ctx.server.clock.advance(60_000);
      await ctx.server.app.inject({ method: 'POST', url: `/realms/${realm.slug}/auth/register`, payload: { email: owner, password: PASSWORD }, remoteAddress: '198.51.100.99' });
      assert.equal((await mailsTo(ctx, owner)).length, 3, 'a minute later, the owner hears again');
    });

    it('where addresses may repeat, sends at most the per-address limit of verification mails a minute from sign-ups (found by review)', async () => {
      const realm = await signUpRealm(ctx, { users: { require_unique_emails: false, registration: { enabled: true } } });
      const victim = freshEmail('victim');
      for (let i = 0; i < 5; i++) {
        const attempt = await ctx.server.app.inject({ method: 'POST', url: `/realms/${realm.slug}/auth/register`, payload: { email: victim, password: PASSWORD }, remoteAddress: `198.51.100.${30 + i}` });
        assert.equal(attempt.statusCode, 202, attempt.body);
      }
      assert.equal((await mailsTo(ctx, victim)).length, 2, 'the per-address limit (2), not one a sign-up');
      const accounts = await ctx.server.database.db.selectFrom('users').select('id').where('realm_id', '=', realm.id).where('email', '=', victim).execute();
      assert.equal(accounts.length, 5, 'every sign-up was done; only the mail was held back');
    });

    it("limits an operator's reset and verification mails to a user per address, not per IP (found by review)", async () => {
      const realm = await signUpRealm(ctx);
      const address = freshEmail('operated');
      const user = await ctx.server.services.users.create(realm, { email: address, password: PASSWORD }, operator);
      const sendAs = (what: string) => send(ctx.server, 'POST', `/admin/v1/realms/${realm.id}/users/${user.id}/${what}`, undefined, ctx.server.adminHeaders);
      assert.equal((await sendAs('send-reset')).statusCode, 202);
      assert.equal((await sendAs('send-verification')).statusCode, 202);
      refused(await sendAs('send-reset'));
      assert.equal((await mailsTo(ctx, address)).length, 2);
      const other = await ctx.server.services.users.create(realm, { email: freshEmail('operated'), password: PASSWORD }, operator);
      assert.equal((await send(ctx.server, 'POST', `/admin/v1/realms/${realm.id}/users/${other.id}/send-reset`, undefined, ctx.server.adminHeaders)).statusCode, 202, 'another address is counted apart');
    });

    it('caps the messages to one address per hour too, however many IPs ask (found by review)', async () => {
      const realm = await signUpRealm(ctx);
      const address = freshEmail('bombed');
      await ctx.server.services.users.create(realm, { email: address, password: PASSWORD }, operator);
      const forgot = (i: number) => ctx.server.app.inject({ method: 'POST', url: `/realms/${realm.slug}/auth/forgot-password`, payload: { identifier: address }, remoteAddress: `203.0.113.${i}` });
      const answers: number[][] = [];
      for (let minute = 0; minute < 4; minute++) {
        const inMinute: number[] = [];
        for (let i = 0; i < 3; i++) inMinute.push((await forgot(minute * 3 + i)).statusCode);
        answers.push(inMinute);
        // Each mail is counted when its lookup runs, after the answer: within the minute, as in life.
        await ctx.server.services.background.settle();
        ctx.server.clock.advance(60_000);
      }
      // The minute allows two; the hour five, counting only what the minute let through.
      assert.deepEqual(answers, [[202, 202, 429], [202, 202, 429], [202, 429, 429], [429, 429, 429]]);
      assert.equal((await mailsTo(ctx, address)).length, 5);
      ctx.server.clock.advance(3_600_000);
      assert.equal((await forgot(99)).statusCode, 202, 'an hour later');
    });

    it('limits uses of link tokens per IP', async () => {
      const realm = await signUpRealm(ctx);
      for (let i = 0; i < 3; i++) {
        assert.equal((await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/verify-email`, { token: `guess-${i}` })).statusCode, 400);
      }
      refused(await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/reset-password`, { token: 'guess', password: PASSWORD }));
      refused(await send(ctx.server, 'GET', `/realms/${realm.slug}/auth/reset-password?token=guess`));
    });
  });
}
