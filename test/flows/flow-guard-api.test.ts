import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, totp } from '../../src/mfa/otp.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { codeIn } from '../support/smtp-sink.ts';
import { flowServerPerSuite, freshEmail, login, mailTo, PASSWORD } from '../accounts/flow-fixtures.ts';

const origin = { ip: null, userAgent: null };
const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** The brute-force guard counts failures of every method against the account; flows move on once under concurrency. */
for (const dialect of dialects) {
  describe(`the guard and concurrency across sign-in methods on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect);
    let counter = 0;

    const guardedRealm = (): Promise<Realm> =>
      ctx.server.services.realms.create(
        {
          name: `Guarded ${++counter}`,
          sign_in: { first_factors: ['password', 'email_otp'], otp: { max_attempts: 5 } },
          brute_force: { delay_after: 3, lock_after: 3, lock_minutes: 15, permanent_after: 100 },
        },
        operator,
      );
    const userIn = async (realm: Realm) => {
      const email = freshEmail('guard');
      const user = await ctx.server.services.users.create(realm, { email, email_verified: true, password: PASSWORD }, operator);
      return { email, user };
    };
    /** A user with a confirmed TOTP authenticator; `now()` is the code it shows at the server's time. */
    const userWithTotp = async (realm: Realm) => {
      const { email, user } = await userIn(realm);
      const enrolment = await ctx.server.services.mfa.startEnrolment(realm, user.id, 'totp', { name: 'Phone' }, origin);
      const seed = base32Decode(enrolment.secret);
      const now = () => totp(seed, ctx.server.clock.now(), { algorithm: 'SHA1', digits: 6 });
      await ctx.server.services.mfa.confirm(realm, user.id, enrolment.factor.id, now(), origin);
      ctx.server.clock.advance(30_000);
      return { email, now, userId: user.id };
    };
    const verify = (realm: Realm, flowId: string, body: Record<string, unknown>) => send(ctx.server, 'POST', `/realms/${realm.slug}/auth/flows/${flowId}/verify`, body);
    const startEmailCode = async (realm: Realm, email: string) => {
      const flow = (await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/otp/email`, { identifier: email })).json();
      const code = codeIn(await mailTo(ctx, email, /code/i));
      assert.ok(code);
      return { flowId: flow.flow_id as string, code };
    };

    it('locks the account after wrong email codes: then neither the right code nor the password gets in', async () => {
      const realm = await guardedRealm();
      const { email } = await userIn(realm);
      const { flowId, code } = await startEmailCode(realm, email);
      for (let i = 0; i < 3; i++) assert.equal(errorCode(await verify(realm, flowId, { method: 'email_otp', code: otherCode(code) })), 'auth.invalid_code');
      const right = await verify(realm, flowId, { method: 'email_otp', code });
      assert.equal(right.statusCode, 429, right.body);
      assert.equal(errorCode(right), 'auth.too_many_attempts');
      assert.equal(errorCode(await login(ctx, realm, email)), 'auth.too_many_attempts', 'the lock is the account’s, whatever the method');
    });

    it('counts wrong second-factor codes after a right password against the account', async () => {
      const realm = await guardedRealm();
      const { email, now } = await userWithTotp(realm);
      const step = (await login(ctx, realm, email)).json();
      assert.equal(step.mfa_required, true);
      for (let i = 0; i < 3; i++) assert.equal(errorCode(await verify(realm, step.flow_id, { method: 'totp', code: otherCode(now()) })), 'auth.invalid_code');
      assert.equal(errorCode(await verify(realm, step.flow_id, { method: 'totp', code: now() })), 'auth.too_many_attempts');
      const events = (await ctx.server.services.events.list(ctx.server.database.db, realm.id, { type: 'user.login.failed' }, { limit: 10 })).items;
      assert.ok(events.some((event) => event.code === 1207 && event.details.method === 'totp'), 'wrong TOTP codes are recorded as such');
    });

    it('keeps counting wrong second-factor codes across sign-ins with the right password', async () => {
      const realm = await ctx.server.services.realms.create(
        { name: `Guarded ${++counter}`, sign_in: { otp: { max_attempts: 5 } }, brute_force: { delay_after: 6, lock_after: 6, lock_minutes: 15, permanent_after: 100 } },
        operator,
      );
      const { email, now } = await userWithTotp(realm);
      const first = (await login(ctx, realm, email)).json();
      for (let i = 0; i < 5; i++) assert.equal(errorCode(await verify(realm, first.flow_id, { method: 'totp', code: otherCode(now()) })), 'auth.invalid_code');
      // The right password again does not wipe the five wrong codes: the sixth locks the account.
      const second = (await login(ctx, realm, email)).json();
      assert.equal(second.mfa_required, true);
      assert.equal(errorCode(await verify(realm, second.flow_id, { method: 'totp', code: otherCode(now()) })), 'auth.invalid_code');
      assert.equal(errorCode(await verify(realm, second.flow_id, { method: 'totp', code: now() })), 'auth.too_many_attempts');
    });

    it('answers wrong codes alike for known and unknown identifiers, across flows', async () => {
      const realm = await guardedRealm();
      const { email } = await userIn(realm);
      const answersFor = async (identifier: string, code: string) => {
        const answers: string[] = [];
        for (let round = 0; round < 2; round++) {
          const flow = (await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/otp/email`, { identifier })).json();
          await ctx.server.services.background.settle();
          for (let i = 0; i < 3; i++) answers.push(String(errorCode(await verify(realm, flow.flow_id, { method: 'email_otp', code: otherCode(code) }))));
        }
        return answers;
      };
      const { code } = await startEmailCode(realm, email);
      const known = await answersFor(email, code);
      const unknown = await answersFor(freshEmail('nobody'), code);
      assert.deepEqual(unknown, known);
      assert.ok(known.includes('auth.too_many_attempts'), known.join());
    });

    it('checks no more guesses sent at once across flows of one user than the guard allows, and counts each', async () => {
      const realm = await ctx.server.services.realms.create(
        { name: `Guarded ${++counter}`, sign_in: { otp: { max_attempts: 5 } }, brute_force: { delay_after: 5, lock_after: 1000, lock_minutes: 15, permanent_after: 10_000 } },
        operator,
      );
      const { email, now, userId } = await userWithTotp(realm);
      const flows: string[] = [];
      for (let i = 0; i < 9; i++) flows.push((await login(ctx, realm, email)).json().flow_id);
      const guesses = flows.flatMap((flowId) => Array.from({ length: 5 }, () => verify(realm, flowId, { method: 'totp', code: otherCode(now()) })));
      const answers = (await Promise.all(guesses)).map((answer) => errorCode(answer));
      // A guess that lost its flow's version race (409) was checked too.
      const checked = answers.filter((code) => code === 'auth.invalid_code' || code === 'flow.changed_concurrently').length;
      assert.ok(checked <= 5, `${checked} guesses checked: ${answers.join()}`);
      assert.equal(answers.length - checked, answers.filter((code) => code === 'auth.too_many_attempts').length, answers.join());
      assert.equal((await ctx.server.services.guard.status(realm.id, userId)).failures, checked, 'every guess checked is counted');
    });

    it('of concurrent submissions of one right code, exactly one signs in', async () => {
      const realm = await guardedRealm();
      const { email } = await userIn(realm);
      const { flowId, code } = await startEmailCode(realm, email);
      const answers = await Promise.all(Array.from({ length: 5 }, () => verify(realm, flowId, { method: 'email_otp', code })));
      const signedIn = answers.filter((answer) => answer.statusCode === 200 && answer.json().access_token);
      assert.equal(signedIn.length, 1, answers.map((answer) => answer.body).join('\n'));
      // Attempts still in progress count as failures for the guard, so some may be held off too.
      for (const answer of answers.filter((a) => a.statusCode !== 200)) {
        assert.ok(['flow.changed_concurrently', 'flow.expired', 'auth.too_many_attempts'].includes(errorCode(answer) ?? ''), answer.body);
      }
    });
  });
}
