import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { errorCode, send } from '../support/http.ts';
import { adminHeaders, flowServerPerSuite, freshEmail, login, mailsTo, mailTo, PASSWORD, signUpRealm, tokenIn } from './flow-fixtures.ts';

const MINUTE = 60_000;
const NEW_PASSWORD = 'a brand new passphrase';

for (const dialect of dialects) {
  describe(`password reset API on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect);
    const forgot = (realm: Realm, identifier: string) => send(ctx.server, 'POST', `/realms/${realm.slug}/auth/forgot-password`, { identifier });
    const check = (realm: Realm, token: string) => send(ctx.server, 'GET', `/realms/${realm.slug}/auth/reset-password?token=${encodeURIComponent(token)}`);
    const reset = (realm: Realm, token: string, password = NEW_PASSWORD) => send(ctx.server, 'POST', `/realms/${realm.slug}/auth/reset-password`, { token, password });

    async function account(settings: Record<string, unknown> = {}) {
      const realm = await signUpRealm(ctx, settings);
      const email = freshEmail();
      const user = await ctx.server.services.users.create(realm, { email, username: `u${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, password: PASSWORD }, operator);
      return { realm, email, user };
    }

    async function resetToken(realm: Realm, identifier: string, email: string) {
      assert.equal((await forgot(realm, identifier)).statusCode, 202);
      return tokenIn(await mailTo(ctx, email, /password/i));
    }

    it('answers 202 with the same body for known and unknown identifiers; only the account gets a link', async () => {
      const { realm, email, user } = await account();
      const unknown = await forgot(realm, freshEmail('nobody'));
      const known = await forgot(realm, user.username ?? email);
      assert.equal(unknown.statusCode, 202);
      assert.equal(known.statusCode, 202);
      assert.equal(known.body, unknown.body);
      assert.deepEqual(Object.keys(known.headers).sort(), Object.keys(unknown.headers).sort());
      const mail = await mailTo(ctx, email);
      assert.match(mail.text, /60 minutes|1 hour/);
      assert.ok(tokenIn(mail).length >= 43);
    });

    it('checks a token without using it, then sets the password, ends every session and tells the owner', async () => {
      const { realm, email } = await account();
      const session = (await login(ctx, realm, email)).json();
      const token = await resetToken(realm, email, email);
      const valid = await check(realm, token);
      assert.equal(valid.statusCode, 200, valid.body);
      assert.equal(valid.json().valid, true);
      assert.equal(new Date(valid.json().expires_at).getTime(), ctx.server.clock.now() + 60 * MINUTE);
      assert.equal((await check(realm, token)).statusCode, 200);

      const weak = await reset(realm, token, 'password1');
      assert.equal(weak.statusCode, 422);
      assert.equal(errorCode(weak), 'password.common');
      const done = await reset(realm, token);
      assert.equal(done.statusCode, 204, done.body);

      assert.equal(errorCode(await login(ctx, realm, email)), 'auth.invalid_credentials');
      const signedIn = await login(ctx, realm, email, NEW_PASSWORD);
      assert.equal(signedIn.statusCode, 200);
      assert.equal(signedIn.json().user.email_verified, true);
      const refreshed = await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/refresh`, { refresh_token: session.refresh_token });
      assert.equal(refreshed.statusCode, 401);
      const changed = await mailTo(ctx, email, /changed/i);
      assert.ok(!/token=/.test(changed.text));
      assert.equal(errorCode(await reset(realm, token)), 'account.invalid_token');
      assert.equal(errorCode(await check(realm, token)), 'account.invalid_token');
    });

    it('expires after the realm\u2019s reset lifetime; a newer link replaces an older one', async () => {
      const { realm, email } = await account({ tokens: { reset_token_minutes: 15 } });
      const first = await resetToken(realm, email, email);
      ctx.server.clock.advance(15 * MINUTE);
      assert.equal(errorCode(await check(realm, first)), 'account.invalid_token');
      assert.equal(errorCode(await reset(realm, first)), 'account.invalid_token');
      // One at a time: each request's link is issued after the answer, in the background.
      await forgot(realm, email);
      await mailsTo(ctx, email);
      await forgot(realm, email);
      await mailsTo(ctx, email);
      const mails = (await mailsTo(ctx, email)).filter((m) => /password/i.test(m.subject));
      const [older, newer] = mails.slice(-2).map(tokenIn);
      assert.equal(errorCode(await reset(realm, older)), 'account.invalid_token');
      assert.equal((await reset(realm, newer)).statusCode, 204);
    });

    it('is bound to its realm and kind, and works exactly once under concurrency', async () => {
      const { realm, email } = await account();
      const other = await signUpRealm(ctx);
      const token = await resetToken(realm, email, email);
      assert.equal(errorCode(await reset(other, token)), 'account.invalid_token');
      assert.equal(errorCode(await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/verify-email`, { token })), 'account.invalid_token');
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => reset(realm, token, `${NEW_PASSWORD} ${i}`)));
      assert.deepEqual(answers.map((a) => a.statusCode).sort(), [204, 400, 400, 400, 400, 400]);
    });

    it('stops working once the address it was sent to is no longer the account\u2019s', async () => {
      const { realm, email, user } = await account();
      const token = await resetToken(realm, email, email);
      await send(ctx.server, 'PATCH', `/admin/v1/realms/${realm.id}/users/${user.id}`, { email: freshEmail('moved') }, await adminHeaders(ctx));
      assert.equal(errorCode(await reset(realm, token)), 'account.invalid_token');
    });

    it('lifts a lock that guessing caused, but not an operator\u2019s lock', async () => {
      const { realm, email, user } = await account({ brute_force: { delay_after: 1, lock_after: 1, permanent_after: 2, lock_minutes: 1 } });
      for (let i = 0; i < 2; i++) {
        await login(ctx, realm, email, 'wrong guess');
        ctx.server.clock.advance(2 * MINUTE);
      }
      const locked = await ctx.server.services.users.get(realm, user.id);
      assert.equal(locked.locked, true);
      assert.equal(errorCode(await login(ctx, realm, email)), 'auth.invalid_credentials');
      const token = await resetToken(realm, email, email);
      assert.equal((await reset(realm, token)).statusCode, 204);
      assert.equal((await login(ctx, realm, email, NEW_PASSWORD)).statusCode, 200);

      const held = await account();
      await ctx.server.services.users.lock(held.realm, held.user.id, 'fraud review', operator);
      await forgot(held.realm, held.email);
      assert.deepEqual(await mailsTo(ctx, held.email), []);
    });

    it('lets an operator send the link (event 1310)', async () => {
      const { realm, email, user } = await account();
      const headers = await adminHeaders(ctx);
      const sent = await send(ctx.server, 'POST', `/admin/v1/realms/${realm.id}/users/${user.id}/send-reset`, undefined, headers);
      assert.equal(sent.statusCode, 202, sent.body);
      const token = tokenIn(await mailTo(ctx, email));
      assert.equal((await reset(realm, token)).statusCode, 204);
      const events = await ctx.server.services.events.list(ctx.server.database.db, realm.id, { type: 'user.password_reset_sent' }, { limit: 5 });
      assert.equal(events.items[0].code, 1310);
      assert.equal(events.items[0].actor.type, 'operator');
      const noEmail = await ctx.server.services.users.create(realm, { username: 'mailless' }, operator);
      assert.equal(errorCode(await send(ctx.server, 'POST', `/admin/v1/realms/${realm.id}/users/${noEmail.id}/send-reset`, undefined, headers)), 'user.no_email');
      assert.equal((await send(ctx.server, 'POST', `/admin/v1/realms/${realm.id}/users/${user.id}/send-reset`)).statusCode, 401);
    });

    it('refuses malformed requests with 400', async () => {
      const { realm } = await account();
      for (const body of [{}, { token: 'x' }, { token: 'x', password: NEW_PASSWORD, extra: 1 }, { token: 1, password: NEW_PASSWORD }]) {
        assert.equal((await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/reset-password`, body)).statusCode, 400, JSON.stringify(body));
      }
      assert.equal((await send(ctx.server, 'GET', `/realms/${realm.slug}/auth/reset-password`)).statusCode, 400);
      assert.equal((await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/forgot-password`, { identifier: '' })).statusCode, 400);
    });
  });
}
