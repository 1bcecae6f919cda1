import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { base32Decode, totp } from '../../src/mfa/otp.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { codeIn } from '../support/smtp-sink.ts';
import { flowServerPerSuite, freshEmail, login, mailTo, PASSWORD } from '../accounts/flow-fixtures.ts';

const origin = { ip: null, userAgent: null };

/** The flow engine through HTTP: second factors, codes by email, enrolment, step-up. */
for (const dialect of dialects) {
  describe(`sign-in flows on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect);
    let counter = 0;

    async function realmWith(sign_in: Record<string, unknown> = {}): Promise<Realm> {
      return ctx.server.services.realms.create({ name: `Flows ${++counter}`, sign_in }, operator);
    }

    async function userIn(realm: Realm) {
      const email = freshEmail('mfa');
      const user = await ctx.server.services.users.create(realm, { email, email_verified: true, password: PASSWORD }, operator);
      return { email, user };
    }

    /** Enrols and confirms a TOTP factor directly through the service; returns the seed. */
    async function enrolTotp(realm: Realm, userId: string): Promise<Buffer> {
      const enrolment = await ctx.server.services.mfa.startEnrolment(realm, userId, 'totp', { name: 'Phone' }, origin);
      const seed = base32Decode(enrolment.secret);
      await ctx.server.services.mfa.confirm(realm, userId, enrolment.factor.id, totp(seed, ctx.server.clock.now(), { algorithm: 'SHA1', digits: 6 }), origin);
      ctx.server.clock.advance(30_000);
      return seed;
    }

    const verify = (realm: Realm, flowId: string, body: Record<string, unknown>) => send(ctx.server, 'POST', `/realms/${realm.slug}/auth/flows/${flowId}/verify`, body);

    it('signs in with the password alone when the user has no second factor, saying so in amr and acr', async () => {
      const realm = await realmWith();
      const { email } = await userIn(realm);
      const response = await login(ctx, realm, email);
      assert.equal(response.statusCode, 200, response.body);
      const claims = decodeJwt(response.json().access_token);
      assert.deepEqual([claims.amr, claims.acr, typeof claims.auth_time], [['pwd'], 'aal1', 'number']);
    });

    it('asks for the second factor a user enrolled and issues no token until it is proven', async () => {
      const realm = await realmWith();
      const { email, user } = await userIn(realm);
      const seed = await enrolTotp(realm, user.id);
      const first = await login(ctx, realm, email);
      assert.equal(first.statusCode, 200, first.body);
      const step = first.json();
      assert.equal(step.mfa_required, true);
      assert.equal(step.access_token, undefined);
      assert.ok(step.methods.includes('totp') && step.methods.includes('recovery_code'), step.methods.join());

      const wrong = await verify(realm, step.flow_id, { method: 'totp', code: '000000' });
      assert.equal(wrong.statusCode, 401);
      assert.equal(errorCode(wrong), 'auth.invalid_code');
      const notOffered = await verify(realm, step.flow_id, { method: 'email_otp', code: '123456' });
      assert.equal(errorCode(notOffered), 'flow.method_not_allowed');

      const done = await verify(realm, step.flow_id, { method: 'totp', code: totp(seed, ctx.server.clock.now(), { algorithm: 'SHA1', digits: 6 }) });
      assert.equal(done.statusCode, 200, done.body);
      const claims = decodeJwt(done.json().access_token);
      assert.deepEqual([claims.amr, claims.acr], [['pwd', 'otp'], 'aal2']);
      const refreshed = await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/refresh`, { refresh_token: done.json().refresh_token });
      assert.equal(decodeJwt(refreshed.json().access_token).acr, 'aal2');
      // The flow is finished: it cannot be used again.
      assert.equal(errorCode(await verify(realm, step.flow_id, { method: 'totp', code: '123456' })), 'flow.expired');
    });

    it('ends the flow after the realm\u2019s number of wrong codes; flows are bound to their realm', async () => {
      const realm = await realmWith({ otp: { max_attempts: 2 } });
      const other = await realmWith();
      const { email, user } = await userIn(realm);
      await enrolTotp(realm, user.id);
      const step = (await login(ctx, realm, email)).json();
      assert.equal((await send(ctx.server, 'GET', `/realms/${other.slug}/auth/flows/${step.flow_id}`)).statusCode, 404);
      await verify(realm, step.flow_id, { method: 'totp', code: '000000' });
      const last = await verify(realm, step.flow_id, { method: 'totp', code: '000001' });
      assert.match(last.json().error.message, /ended/);
      assert.equal(errorCode(await verify(realm, step.flow_id, { method: 'totp', code: '000002' })), 'flow.expired');
    });

    it('still asks for the second factor after a password reset', async () => {
      const realm = await realmWith();
      const { email, user } = await userIn(realm);
      await enrolTotp(realm, user.id);
      await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/forgot-password`, { identifier: email });
      const link = (await mailTo(ctx, email, /password/i)).text.match(/token=([A-Za-z0-9_-]+)/);
      assert.ok(link);
      const reset = await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/reset-password`, { token: link[1], password: 'a new long passphrase' });
      assert.equal(reset.statusCode, 204, reset.body);
      const after = await login(ctx, realm, email, 'a new long passphrase');
      assert.equal(after.json().mfa_required, true);
      assert.equal(after.json().access_token, undefined);
    });

    it('makes users without a factor enrol when the realm requires one', async () => {
      const realm = await realmWith({ mfa: 'required' });
      const { email } = await userIn(realm);
      const step = (await login(ctx, realm, email)).json();
      assert.equal(step.enrolment_required, true);
      assert.deepEqual(step.methods, ['totp', 'hotp', 'passkey']);
    });

    it('signs in with a code by email, answering the same for unknown identifiers', async () => {
      const realm = await realmWith({ first_factors: ['password', 'email_otp'] });
      const { email } = await userIn(realm);
      const start = (identifier: string) => send(ctx.server, 'POST', `/realms/${realm.slug}/auth/otp/email`, { identifier });
      const unknown = await start(freshEmail('nobody'));
      const known = await start(email);
      assert.equal(known.statusCode, 200, known.body);
      assert.deepEqual(Object.keys(known.json()).sort(), Object.keys(unknown.json()).sort());
      assert.deepEqual(known.json().methods, ['email_otp']);
      const code = codeIn(await mailTo(ctx, email, /code/i));
      assert.ok(code && code.length === 6);
      assert.equal(errorCode(await verify(realm, unknown.json().flow_id, { method: 'email_otp', code })), 'auth.invalid_code');
      const done = await verify(realm, known.json().flow_id, { method: 'email_otp', code });
      assert.equal(done.statusCode, 200, done.body);
      assert.deepEqual(decodeJwt(done.json().access_token).amr, ['otp']);
      const closed = await realmWith();
      assert.equal(errorCode(await send(ctx.server, 'POST', `/realms/${closed.slug}/auth/otp/email`, { identifier: email })), 'auth.method_disabled');
    });

    it('codes expire with the clock', async () => {
      const realm = await realmWith({ first_factors: ['email_otp'], otp: { ttl_minutes: 2 } });
      const { email } = await userIn(realm);
      const flow = (await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/otp/email`, { identifier: email })).json();
      const code = codeIn(await mailTo(ctx, email, /code/i));
      ctx.server.clock.advance(2 * 60_000);
      assert.equal(errorCode(await verify(realm, flow.flow_id, { method: 'email_otp', code })), 'auth.invalid_code');
    });

    it('step-up asks a user with an authenticator for it, not for the password', async () => {
      const realm = await realmWith();
      const { email, user } = await userIn(realm);
      const seed = await enrolTotp(realm, user.id);
      const first = (await login(ctx, realm, email)).json();
      const signedIn = (await verify(realm, first.flow_id, { method: 'totp', code: totp(seed, ctx.server.clock.now(), { algorithm: 'SHA1', digits: 6 }) })).json();
      const step = (await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/step-up`, undefined, bearer(signedIn.access_token))).json();
      assert.ok(step.methods.includes('totp') && !step.methods.includes('password'), step.methods.join());
      assert.equal(errorCode(await verify(realm, step.flow_id, { method: 'password', password: PASSWORD })), 'flow.method_not_allowed');
    });

    it('a password session stepped up with an authenticator is aal2, in the token, its refreshes and validate', async () => {
      const realm = await realmWith();
      const { email, user } = await userIn(realm);
      const signedIn = (await login(ctx, realm, email)).json();
      assert.equal(decodeJwt(signedIn.access_token).acr, 'aal1');
      const seed = await enrolTotp(realm, user.id);
      const step = (await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/step-up`, undefined, bearer(signedIn.access_token))).json();
      const raised = await verify(realm, step.flow_id, { method: 'totp', code: totp(seed, ctx.server.clock.now(), { algorithm: 'SHA1', digits: 6 }) });
      assert.equal(raised.statusCode, 200, raised.body);
      const claims = decodeJwt(raised.json().access_token);
      assert.deepEqual([claims.amr, claims.acr], [['pwd', 'otp'], 'aal2']);
      const refreshed = await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/refresh`, { refresh_token: signedIn.refresh_token });
      assert.equal(refreshed.statusCode, 200, refreshed.body);
      assert.deepEqual([decodeJwt(refreshed.json().access_token).amr, decodeJwt(refreshed.json().access_token).acr], [['pwd', 'otp'], 'aal2']);
      const validated = await send(ctx.server, 'GET', `/realms/${realm.slug}/auth/validate`, undefined, bearer(refreshed.json().access_token));
      assert.equal(validated.statusCode, 200, validated.body);
      assert.equal(validated.json().claims.acr, 'aal2');
    });

    const sessionFactors = async (sessionId: string) => {
      const row = await ctx.server.database.db.selectFrom('sessions').select(['factors', 'acr']).where('id', '=', sessionId).executeTakeFirstOrThrow();
      return { factors: row.factors === null ? null : (JSON.parse(row.factors) as string[]), acr: row.acr };
    };
    const stepUpWithTotp = async (realm: Realm, accessToken: string, seed: Buffer) => {
      ctx.server.clock.advance(30_000); // a new time step: a code is good once
      const step = (await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/step-up`, undefined, bearer(accessToken))).json();
      const raised = await verify(realm, step.flow_id, { method: 'totp', code: totp(seed, ctx.server.clock.now(), { algorithm: 'SHA1', digits: 6 }) });
      assert.equal(raised.statusCode, 200, raised.body);
      return raised.json().access_token as string;
    };

    it('records the proven methods on the session at sign-in and step-up, and counts acr from them', async () => {
      const realm = await realmWith();
      const { email, user } = await userIn(realm);
      const signedIn = (await login(ctx, realm, email)).json();
      assert.deepEqual(await sessionFactors(signedIn.session_id), { factors: ['password'], acr: 'aal1' });
      const seed = await enrolTotp(realm, user.id);
      const raised = await stepUpWithTotp(realm, signedIn.access_token, seed);
      assert.equal(decodeJwt(raised).acr, 'aal2');
      assert.deepEqual(await sessionFactors(signedIn.session_id), { factors: ['password', 'totp'], acr: 'aal2' });
    });

    it('a session from before methods were kept, with amr ["otp"], stepped up with TOTP twice stays aal1', async () => {
      const realm = await realmWith();
      const { email, user } = await userIn(realm);
      const signedIn = (await login(ctx, realm, email)).json();
      const seed = await enrolTotp(realm, user.id);
      // As an older row: an earlier TOTP step-up on a session that recorded no assurance left amr ["otp"], aal1.
      await ctx.server.database.db.updateTable('sessions').set({ amr: JSON.stringify(['otp']), acr: 'aal1', factors: null }).where('id', '=', signedIn.session_id).execute();
      const once = await stepUpWithTotp(realm, signedIn.access_token, seed);
      assert.equal(decodeJwt(once).acr, 'aal1');
      assert.deepEqual(await sessionFactors(signedIn.session_id), { factors: ['totp'], acr: 'aal1' });
      const twice = await stepUpWithTotp(realm, once, seed);
      assert.equal(decodeJwt(twice).acr, 'aal1');
      assert.deepEqual(await sessionFactors(signedIn.session_id), { factors: ['totp'], acr: 'aal1' });
    });

    it('step-up raises the session so that sensitive changes go through', async () => {
      const realm = await realmWith();
      const { email } = await userIn(realm);
      const signedIn = (await login(ctx, realm, email)).json();
      ctx.server.clock.advance(10 * 60_000);
      const stale = await send(ctx.server, 'POST', `/realms/${realm.slug}/account/mfa/totp`, { name: 'Phone' }, bearer(signedIn.access_token));
      assert.equal(errorCode(stale), 'auth.step_up_required');
      const step = await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/step-up`, undefined, bearer(signedIn.access_token));
      assert.equal(step.statusCode, 200, step.body);
      assert.ok(step.json().methods.includes('password'));
      assert.equal(errorCode(await verify(realm, step.json().flow_id, { method: 'password', password: 'wrong password here' })), 'auth.invalid_code');
      const raised = await verify(realm, step.json().flow_id, { method: 'password', password: PASSWORD });
      assert.equal(raised.statusCode, 200, raised.body);
      assert.equal(raised.json().session_id, signedIn.session_id);
      const fresh = await send(ctx.server, 'POST', `/realms/${realm.slug}/account/mfa/totp`, { name: 'Phone' }, bearer(raised.json().access_token));
      assert.equal(fresh.statusCode, 201, fresh.body);
    });
  });
}
