import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { errorCode, send } from '../support/http.ts';
import { adminHeaders, flowServerPerSuite, freshEmail, login, mailsTo, mailTo, PASSWORD, register, signUpRealm, tokenIn } from './flow-fixtures.ts';

const HOUR = 3_600_000;

for (const dialect of dialects) {
  describe(`email verification API on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect);
    const verify = (slug: string, token: unknown) => send(ctx.server, 'POST', `/realms/${slug}/auth/verify-email`, { token });
    const resend = (slug: string, email: string) => send(ctx.server, 'POST', `/realms/${slug}/auth/verify-email/resend`, { email });

    async function signedUp(settings: Record<string, unknown> = {}) {
      const realm = await signUpRealm(ctx, settings);
      const email = freshEmail();
      assert.equal((await register(ctx, realm, { email, password: PASSWORD })).statusCode, 202);
      return { realm, email, token: tokenIn(await mailTo(ctx, email)) };
    }

    it('verifies once; the link then stops working', async () => {
      const { realm, token } = await signedUp();
      assert.equal((await verify(realm.slug, token)).statusCode, 204);
      const again = await verify(realm.slug, token);
      assert.equal(again.statusCode, 400);
      assert.equal(errorCode(again), 'account.invalid_token');
    });

    it('expires after the realm\u2019s verification lifetime', async () => {
      const { realm, token } = await signedUp({ tokens: { verification_token_hours: 2 } });
      ctx.server.clock.advance(2 * HOUR);
      assert.equal(errorCode(await verify(realm.slug, token)), 'account.invalid_token');
    });

    it('is bound to its realm and its kind, and refuses forged tokens', async () => {
      const { realm, email, token } = await signedUp();
      const other = await signUpRealm(ctx);
      assert.equal(errorCode(await verify(other.slug, token)), 'account.invalid_token');
      // A password-reset token of the same user cannot verify the address.
      await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/forgot-password`, { identifier: email });
      const resetToken = tokenIn(await mailTo(ctx, email, /password/i));
      assert.equal(errorCode(await verify(realm.slug, resetToken)), 'account.invalid_token');
      assert.equal(errorCode(await verify(realm.slug, `${token.slice(0, -2)}AA`)), 'account.invalid_token');
      assert.equal((await verify(realm.slug, 12345)).statusCode, 400);
      assert.equal((await verify(realm.slug, 'x'.repeat(500))).statusCode, 400);
      assert.equal((await verify(realm.slug, token)).statusCode, 204);
    });

    it('under concurrent use verifies exactly once', async () => {
      const { realm, token } = await signedUp();
      const answers = await Promise.all(Array.from({ length: 8 }, () => verify(realm.slug, token)));
      assert.deepEqual(answers.map((a) => a.statusCode).sort(), [204, 400, 400, 400, 400, 400, 400, 400]);
    });

    it('resends the same way for unknown, verified and unverified addresses; only the last gets a new link', async () => {
      const { realm, email, token } = await signedUp();
      const unknown = await resend(realm.slug, freshEmail('nobody'));
      const pending = await resend(realm.slug, email);
      assert.equal(unknown.statusCode, 202);
      assert.equal(pending.body, unknown.body);
      const mails = await mailsTo(ctx, email);
      assert.equal(mails.length, 2);
      const newToken = tokenIn(mails[1]);
      // The new link replaces the old one.
      assert.equal(errorCode(await verify(realm.slug, token)), 'account.invalid_token');
      assert.equal((await verify(realm.slug, newToken)).statusCode, 204);
      const verified = await resend(realm.slug, email);
      assert.equal(verified.body, unknown.body);
      assert.equal((await mailsTo(ctx, email)).length, 2);
    });

    it('sends a link to a changed address; links to the old address stop working', async () => {
      const realm = await signUpRealm(ctx);
      const first = freshEmail('first');
      const user = await ctx.server.services.users.create(realm, { email: first, email_verified: true, password: PASSWORD }, operator);
      const second = freshEmail('second');
      const patched = await send(ctx.server, 'PATCH', `/admin/v1/realms/${realm.id}/users/${user.id}`, { email: second }, await adminHeaders(ctx));
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal(patched.json().email_verified, false);
      const token = tokenIn(await mailTo(ctx, second));
      const third = freshEmail('third');
      await send(ctx.server, 'PATCH', `/admin/v1/realms/${realm.id}/users/${user.id}`, { email: third }, await adminHeaders(ctx));
      assert.equal(errorCode(await verify(realm.slug, token)), 'account.invalid_token');
      assert.equal((await verify(realm.slug, tokenIn(await mailTo(ctx, third)))).statusCode, 204);
      assert.equal((await login(ctx, realm, third)).json().user.email_verified, true);
      // An operator who vouches for the new address sends nothing.
      const fourth = freshEmail('fourth');
      await send(ctx.server, 'PATCH', `/admin/v1/realms/${realm.id}/users/${user.id}`, { email: fourth, email_verified: true }, await adminHeaders(ctx));
      assert.deepEqual(await mailsTo(ctx, fourth), []);
    });

    it('lets operators send a new link, or mark the address verified', async () => {
      const { realm, email } = await signedUp();
      const user = (await ctx.server.services.users.list(realm, { email }, { limit: 1 })).items[0];
      const path = `/admin/v1/realms/${realm.id}/users/${user.id}/send-verification`;
      const sent = await send(ctx.server, 'POST', path, undefined, await adminHeaders(ctx));
      assert.equal(sent.statusCode, 202, sent.body);
      const mails = await mailsTo(ctx, email);
      assert.equal(mails.length, 2);
      const marked = await send(ctx.server, 'PATCH', `/admin/v1/realms/${realm.id}/users/${user.id}`, { email_verified: true }, await adminHeaders(ctx));
      assert.equal(marked.json().email_verified, true);
      assert.equal((await login(ctx, realm, email)).statusCode, 200);
      const again = await send(ctx.server, 'POST', path, undefined, await adminHeaders(ctx));
      assert.equal(errorCode(again), 'user.email_already_verified');
      const noEmail = await ctx.server.services.users.create(realm, { username: 'no-mail' }, operator);
      const none = await send(ctx.server, 'POST', `/admin/v1/realms/${realm.id}/users/${noEmail.id}/send-verification`, undefined, await adminHeaders(ctx));
      assert.equal(errorCode(none), 'user.no_email');
      const other = await signUpRealm(ctx);
      const elsewhere = await send(ctx.server, 'POST', `/admin/v1/realms/${other.id}/users/${user.id}/send-verification`, undefined, await adminHeaders(ctx));
      assert.equal(errorCode(elsewhere), 'user.not_found');
    });
  });
}
