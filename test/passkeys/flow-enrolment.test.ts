import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { noOrigin } from '../../src/events/event-log.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { operator } from '../support/fixtures.ts';
import { authenticator, ORIGIN, PASSWORD, RP_ID } from './passkey-fixtures.ts';
import type { CreationOptionsJson } from './soft-authenticator.ts';

/**
 * The passkey side of enrolling one within a sign-in (the flow's side: test/flows): which flow a
 * challenge answers, what a passkey enrolled there counts as, and two users enrolling one
 * credential at once. Each was found by review.
 */
for (const dialect of dialects) {
  describe(`passkeys enrolled within a sign-in on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let counter = 0;

    const requiringRealm = (): Promise<Realm> =>
      server.services.realms.create(
        { name: `Enrol passkeys ${++counter}`, sign_in: { mfa: 'required', second_factors: ['totp', 'passkey'] }, passkeys: { rp_id: RP_ID, allowed_origins: [ORIGIN] } },
        operator,
      );
    /** A user without a factor, and their password sign-in: a new flow stopped at enrolment. */
    async function newUser(realm: Realm) {
      const email = `enrolling-${++counter}@example.com`;
      const user = await server.services.users.create(realm, { email, email_verified: true, password: PASSWORD }, operator);
      const signIn = async (): Promise<{ flow_id: string }> => {
        const step = await send(server, 'POST', `/realms/${realm.slug}/auth/login`, { identifier: email, password: PASSWORD });
        assert.equal(step.statusCode, 200, step.body);
        assert.equal(step.json().state, 'enrolment', step.body);
        return step.json();
      };
      return { userId: user.id, signIn };
    }
    const atEnrolment = async (realm: Realm) => (await newUser(realm)).signIn();
    const options = async (realm: Realm, flowId: string) => {
      const started = await send(server, 'POST', `/realms/${realm.slug}/auth/flows/${flowId}/enrol/passkey`);
      assert.equal(started.statusCode, 200, started.body);
      return started.json().options;
    };
    const verify = (realm: Realm, flowId: string, response: unknown) => send(server, 'POST', `/realms/${realm.slug}/auth/flows/${flowId}/verify`, { method: 'passkey', response });
    const signedIn = (userId: string) => ({ userId, claims: { auth_time: Math.floor(server.clock.now() / 1000) } });

    it('answers a challenge only in the flow that asked for it', async () => {
      const realm = await requiringRealm();
      const { userId, signIn } = await newUser(realm);
      const [first, again] = [await signIn(), await signIn()];
      await options(realm, again.flow_id);
      const forFirst = authenticator().create(await options(realm, first.flow_id));

      const elsewhere = await verify(realm, again.flow_id, forFirst);
      assert.deepEqual([elsewhere.statusCode, errorCode(elsewhere)], [400, 'passkey.invalid_challenge']);
      await assert.rejects(server.services.passkeys.register(realm, signedIn(userId), { response: forFirst }, noOrigin), { code: 'passkey.invalid_challenge' }, 'nor in the account API');
      assert.equal((await verify(realm, first.flow_id, forFirst)).statusCode, 200, 'the flow that asked still can');
    });

    it("does not take the account API's challenge in a flow", async () => {
      const realm = await requiringRealm();
      const { userId, signIn } = await newUser(realm);
      const step = await signIn();
      await options(realm, step.flow_id);
      const fromAccount = await server.services.passkeys.registrationOptions(realm, signedIn(userId));
      const refused = await verify(realm, step.flow_id, authenticator().create(fromAccount as CreationOptionsJson));
      assert.deepEqual([refused.statusCode, errorCode(refused)], [400, 'passkey.invalid_challenge']);
    });

    it('names a synced passkey enrolled in the flow swk, a device-bound one hwk, as a sign-in with them does', async () => {
      for (const [synced, amr] of [[true, 'swk'], [false, 'hwk']] as const) {
        const realm = await requiringRealm();
        const step = await atEnrolment(realm);
        const done = await verify(realm, step.flow_id, authenticator({ synced }).create(await options(realm, step.flow_id)));
        assert.equal(done.statusCode, 200, done.body);
        assert.deepEqual(decodeJwt(done.json().access_token).amr, ['pwd', amr]);
      }
    });

    it('enrols one credential for one of two users at once; the other has a failed step, not an error', async () => {
      const realm = await requiringRealm();
      for (let round = 0; round < 5; round++) {
        const [a, b] = [await atEnrolment(realm), await atEnrolment(realm)];
        const device = authenticator();
        const [forA, forB] = [await options(realm, a.flow_id), await options(realm, b.flow_id)];
        const answers = await Promise.all([verify(realm, a.flow_id, device.create(forA)), verify(realm, b.flow_id, device.create(forB))]);
        const loser = answers.find((r) => r.statusCode !== 200);
        assert.equal(answers.filter((r) => r.statusCode === 200).length, 1, answers.map((r) => r.body).join('\n'));
        assert.equal(loser && errorCode(loser), 'auth.invalid_code', loser?.body);
      }
    });
  });
}
