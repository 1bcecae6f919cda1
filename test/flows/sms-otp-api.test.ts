import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import type { Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { adminHeaders, flowServerPerSuite, freshEmail, login, PASSWORD } from '../accounts/flow-fixtures.ts';
import { freshMobile, startProviderStub, type ProviderStub } from '../sms/sms-fixtures.ts';

let stub: ProviderStub;
before(async () => (stub = await startProviderStub()));
after(() => stub.close());

/** Codes by SMS through the flow engine: as the first factor, and as a second factor. */
for (const dialect of dialects) {
  describe(`SMS one-time codes on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect, {
      get config() {
        return { smsProvider: 'webhook' as const, smsWebhookUrl: `${stub.url}/sms` };
      },
    });
    let counter = 0;

    const realmWith = (sign_in: Record<string, unknown>): Promise<Realm> => ctx.server.services.realms.create({ name: `SMS flows ${++counter}`, sign_in }, operator);
    const userIn = async (realm: Realm, mobile_verified = true) => {
      const mobile = freshMobile();
      const email = freshEmail('sms');
      const user = await ctx.server.services.users.create(realm, { email, email_verified: true, mobile, mobile_verified, password: PASSWORD }, operator);
      return { mobile, email, user };
    };
    const verify = (realm: Realm, flowId: string, body: Record<string, unknown>) => send(ctx.server, 'POST', `/realms/${realm.slug}/auth/flows/${flowId}/verify`, body);
    const startSms = (realm: Realm, identifier: string) => send(ctx.server, 'POST', `/realms/${realm.slug}/auth/otp/sms`, { identifier });

    /** The SMS the provider received for `to` (after the server sent what is queued). */
    async function smsTo(to: string): Promise<string[]> {
      await ctx.server.services.background.settle();
      await ctx.server.mailWorker.drain();
      return stub.requests.map((request) => JSON.parse(request.body) as { to: string; body: string }).filter((sms) => sms.to === to).map((sms) => sms.body);
    }
    const codeOf = (text: string | undefined) => /\b(\d{6,8})\b/.exec(text ?? '')?.[1];

    it('signs in with a code by SMS, answering the same for unknown numbers and sending them nothing', async () => {
      const realm = await realmWith({ first_factors: ['password', 'sms_otp'] });
      const { mobile } = await userIn(realm);
      const stranger = freshMobile();
      const unknown = await startSms(realm, stranger);
      const known = await startSms(realm, mobile);
      assert.equal(known.statusCode, 200, known.body);
      assert.deepEqual(Object.keys(known.json()).sort(), Object.keys(unknown.json()).sort());
      assert.deepEqual(known.json().methods, ['sms_otp']);
      const [text] = await smsTo(mobile);
      const code = codeOf(text);
      assert.ok(code && code.length === 6, text);
      assert.deepEqual(await smsTo(stranger), []);

      assert.equal(errorCode(await verify(realm, unknown.json().flow_id, { method: 'sms_otp', code })), 'auth.invalid_code');
      assert.equal(errorCode(await verify(realm, known.json().flow_id, { method: 'email_otp', code })), 'flow.method_not_allowed');
      const done = await verify(realm, known.json().flow_id, { method: 'sms_otp', code });
      assert.equal(done.statusCode, 200, done.body);
      assert.deepEqual(decodeJwt(done.json().access_token).amr, ['sms']);
      assert.equal(errorCode(await verify(realm, known.json().flow_id, { method: 'sms_otp', code })), 'flow.expired', 'a code works once');
      // Sign-ins by SMS have their own event codes: 1353 signed in, 1203 refused.
      const codes = (await send(ctx.server, 'GET', `/admin/v1/realms/${realm.slug}/events?type=user.login.succeeded`, undefined, await adminHeaders(ctx))).json();
      assert.deepEqual(codes.items.map((event: { code: number }) => event.code), [1353]);
      const refused = (await send(ctx.server, 'GET', `/admin/v1/realms/${realm.slug}/events?code=1203`, undefined, await adminHeaders(ctx))).json();
      assert.ok(refused.items.length >= 1 && refused.items.every((event: { type: string }) => event.type === 'user.login.failed'));
    });

    it('is refused with 403 where the realm does not enable it', async () => {
      const closed = await realmWith({ first_factors: ['password'] });
      const refused = await startSms(closed, freshMobile());
      assert.equal(refused.statusCode, 403);
      assert.equal(errorCode(refused), 'auth.method_disabled');
    });

    it('sends no code to a mobile number nobody has verified', async () => {
      const realm = await realmWith({ first_factors: ['password', 'sms_otp'] });
      const { mobile } = await userIn(realm, false);
      const started = await startSms(realm, mobile);
      assert.equal(started.statusCode, 200, started.body);
      assert.deepEqual(await smsTo(mobile), []);
    });

    it('counts wrong codes and ends the flow at the realm’s limit', async () => {
      const realm = await realmWith({ first_factors: ['sms_otp'], otp: { max_attempts: 3 } });
      const { mobile } = await userIn(realm);
      const flow = (await startSms(realm, mobile)).json();
      const [first] = await smsTo(mobile);
      assert.ok(codeOf(first));
      const wrong = (Number(codeOf(first)) + 1).toString().padStart(6, '0').slice(-6);
      assert.equal(errorCode(await verify(realm, flow.flow_id, { method: 'sms_otp', code: wrong })), 'auth.invalid_code');
      assert.equal(errorCode(await verify(realm, flow.flow_id, { method: 'sms_otp', code: wrong })), 'auth.invalid_code');
      assert.equal(errorCode(await verify(realm, flow.flow_id, { method: 'sms_otp', code: wrong })), 'auth.invalid_code');
      assert.equal(errorCode(await verify(realm, flow.flow_id, { method: 'sms_otp', code: codeOf(first) })), 'flow.expired', 'the flow died at the limit');
    });

    it('codes expire with the clock', async () => {
      const realm = await realmWith({ first_factors: ['sms_otp'], otp: { ttl_minutes: 3 } });
      const { mobile } = await userIn(realm);
      const flow = (await startSms(realm, mobile)).json();
      const code = codeOf((await smsTo(mobile))[0]);
      ctx.server.clock.advance(3 * 60_000);
      assert.equal(errorCode(await verify(realm, flow.flow_id, { method: 'sms_otp', code })), 'auth.invalid_code');
    });

    it('serves as a second factor for a verified mobile; a resend replaces the code', async () => {
      const realm = await realmWith({ first_factors: ['password'], second_factors: ['sms_otp', 'totp'], mfa: 'required' });
      const { email, mobile } = await userIn(realm);
      const step = (await login(ctx, realm, email)).json();
      assert.equal(step.mfa_required, true, JSON.stringify(step));
      assert.deepEqual(step.methods, ['sms_otp']);
      const sendCode = () => send(ctx.server, 'POST', `/realms/${realm.slug}/auth/flows/${step.flow_id}/send-code`, { method: 'sms_otp' });
      assert.equal((await sendCode()).statusCode, 202);
      const old = codeOf((await smsTo(mobile)).at(-1));
      assert.equal((await sendCode()).statusCode, 202);
      const fresh = codeOf((await smsTo(mobile)).at(-1));
      assert.ok(old && fresh);
      if (old !== fresh) assert.equal(errorCode(await verify(realm, step.flow_id, { method: 'sms_otp', code: old })), 'auth.invalid_code', 'the older code stopped working');
      const done = await verify(realm, step.flow_id, { method: 'sms_otp', code: fresh });
      assert.equal(done.statusCode, 200, done.body);
      const claims = decodeJwt(done.json().access_token);
      assert.deepEqual([claims.amr, claims.acr], [['pwd', 'sms'], 'aal2']);
      const signedIn = (await send(ctx.server, 'GET', `/admin/v1/realms/${realm.slug}/events?type=user.login.succeeded`, undefined, await adminHeaders(ctx))).json();
      assert.deepEqual(signedIn.items.map((event: { code: number; details: { method: string } }) => [event.code, event.details.method]), [[1350, 'password+sms_otp']]);
      assert.equal(errorCode(await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/flows/${step.flow_id}/send-code`, { method: 'email_otp' })), 'flow.expired');
    });

    it('is not offered for an unverified mobile, and another realm cannot use the flow', async () => {
      const realm = await realmWith({ first_factors: ['password'], second_factors: ['sms_otp', 'email_otp', 'totp'], mfa: 'required' });
      const { email } = await userIn(realm, false);
      const step = (await login(ctx, realm, email)).json();
      assert.deepEqual(step.methods, ['email_otp']);
      assert.equal(errorCode(await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/flows/${step.flow_id}/send-code`, { method: 'sms_otp' })), 'flow.method_not_allowed');
      const other = await realmWith({ first_factors: ['password'] });
      assert.equal(errorCode(await send(ctx.server, 'POST', `/realms/${other.slug}/auth/flows/${step.flow_id}/send-code`, { method: 'email_otp' })), 'flow.not_found');
      assert.equal((await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/flows/${step.flow_id}/send-code`, { method: 'carrier_pigeon' })).statusCode, 400);
    });
  });
}
