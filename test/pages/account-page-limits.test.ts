/**
 * The hosted account pages count against the same rate limits as the API's account endpoints, and
 * say so on a page (429 with Retry-After), on both databases.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { send } from '../support/http.ts';
import { csrfForm } from '../support/page-forms.ts';
import { flowServerPerSuite, freshEmail, PASSWORD, signUpRealm } from '../accounts/flow-fixtures.ts';

for (const dialect of dialects) {
  describe(`hosted account page rate limits on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect, {
      config: { rateLimits: true, rateLimitSignUpPerIp: 2, rateLimitRecoveryPerIp: 10, rateLimitRecoveryPerAddress: 2, rateLimitTokenPerIp: 3 },
    });

    const post = (realm: Realm, path: string, fields: Record<string, string>) => ctx.server.app.inject({ method: 'POST', url: `/realms/${realm.id}/${path}`, ...csrfForm(ctx.server.services, realm.id, fields) });
    const refused = (answer: { statusCode: number; headers: Record<string, unknown>; body: string }) => {
      assert.equal(answer.statusCode, 429);
      assert.ok(Number(answer.headers['retry-after']) >= 1);
      assert.match(String(answer.headers['content-type']), /^text\/html/);
      assert.match(answer.body, /Too many attempts\. Wait a moment and try again\./);
    };

    it('limits sign-ups per IP, the page and the API together', async () => {
      const realm = await signUpRealm(ctx);
      const signUp = () => post(realm, 'signup', { email: freshEmail(), password: PASSWORD, confirm: PASSWORD });
      assert.equal((await signUp()).statusCode, 200);
      assert.equal((await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/register`, { email: freshEmail(), password: PASSWORD })).statusCode, 202);
      refused(await signUp());
    });

    it('limits forgot-password per address, known or not', async () => {
      const realm = await signUpRealm(ctx);
      const address = freshEmail('nobody');
      for (let i = 0; i < 2; i++) assert.equal((await post(realm, 'forgot-password', { identifier: address })).statusCode, 200);
      refused(await post(realm, 'forgot-password', { identifier: address }));
      assert.equal((await post(realm, 'forgot-password', { identifier: freshEmail() })).statusCode, 200);
    });

    it('limits guessing at link tokens per IP', async () => {
      const realm = await signUpRealm(ctx);
      for (let i = 0; i < 3; i++) assert.equal((await send(ctx.server, 'GET', `/realms/${realm.slug}/pages/reset-password?token=guess${i}`)).statusCode, 400);
      refused(await send(ctx.server, 'GET', `/realms/${realm.slug}/pages/reset-password?token=guess`));
      refused(await ctx.server.app.inject({ method: 'POST', url: `/realms/${realm.slug}/pages/verify-email`, ...csrfForm(ctx.server.services, realm.id, { token: 'guess' }) }));
    });
  });
}
