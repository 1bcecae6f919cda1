import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { flowServerPerSuite, freshEmail, PASSWORD, register, signUpRealm } from './flow-fixtures.ts';

/** The unauthenticated account endpoints are limited per client IP and realm, and messages per address. */
for (const dialect of dialects) {
  describe(`account endpoint rate limits on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect, {
      config: { rateLimits: true, rateLimitSignUpPerIp: 2, rateLimitRecoveryPerIp: 4, rateLimitRecoveryPerAddress: 2, rateLimitTokenPerIp: 3 },
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
