import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import type { Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { stoppedAtEnrolment as stopAtEnrolment } from './enrolment-fixtures.ts';
import { authenticator, ORIGIN, PASSWORD, RP_ID } from '../passkeys/passkey-fixtures.ts';
import type { CreationOptionsJson } from '../passkeys/soft-authenticator.ts';

/**
 * A realm that requires a second factor lets a user who has none enrol a passkey inside the
 * sign-in: creation options from the flow, the attestation to the flow's verify, and the new
 * passkey completes the sign-in as its second factor.
 */
for (const dialect of dialects) {
  describe(`passkey enrolment within a sign-in on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let counter = 0;

    async function requiringRealm(secondFactors: string[] = ['totp', 'passkey']): Promise<Realm> {
      return server.services.realms.create(
        { name: `Passkey enrol ${++counter}`, sign_in: { mfa: 'required', second_factors: secondFactors }, passkeys: { rp_id: RP_ID, allowed_origins: [ORIGIN] } } as never,
        operator,
      );
    }
    const stoppedAtEnrolment = (realm: Realm) => stopAtEnrolment(server, realm, PASSWORD);
    const options = (realm: Realm, flowId: string) => send(server, 'POST', `/realms/${realm.slug}/auth/flows/${flowId}/enrol/passkey`);
    const verify = (realm: Realm, flowId: string, response: unknown) => send(server, 'POST', `/realms/${realm.slug}/auth/flows/${flowId}/verify`, { method: 'passkey', response });

    it('registers the passkey from the flow and completes the sign-in with it as the second factor', async () => {
      const realm = await requiringRealm();
      const { email, step } = await stoppedAtEnrolment(realm);
      assert.deepEqual(step.methods, ['totp', 'passkey']);
      const device = authenticator();
      assert.equal(errorCode(await verify(realm, step.flow_id, device.create({ challenge: 'AAAA', rp: { id: RP_ID }, user: { id: 'AAAA' } } as CreationOptionsJson))), 'flow.method_not_allowed', 'nothing to register yet');

      const started = await options(realm, step.flow_id);
      assert.equal(started.statusCode, 200, started.body);
      const body = started.json();
      assert.deepEqual([body.state, body.options.rp.id, body.options.authenticatorSelection.residentKey], ['enrolment', RP_ID, 'required']);
      const done = await verify(realm, step.flow_id, device.create(body.options));
      assert.equal(done.statusCode, 200, done.body);
      const claims = decodeJwt(done.json().access_token);
      assert.deepEqual([claims.amr, claims.acr], [['pwd', 'hwk'], 'aal2']);

      const mine = (await send(server, 'GET', `/realms/${realm.slug}/account/passkeys`, undefined, bearer(done.json().access_token))).json();
      assert.deepEqual(mine.items.map((p: { credential_id: string }) => p.credential_id), [device.id]);
      // From now on the passkey is asked for, not enrolled again, and it signs in.
      const next = (await send(server, 'POST', `/realms/${realm.slug}/auth/login`, { identifier: email, password: PASSWORD })).json();
      assert.deepEqual([next.mfa_required, next.enrolment_required, next.methods.includes('passkey')], [true, false, true]);
      const request = (await send(server, 'POST', `/realms/${realm.slug}/auth/passkey/options`, { flow_id: next.flow_id })).json();
      const again = await verify(realm, next.flow_id, device.get(request.options.challenge));
      assert.equal(again.statusCode, 200, again.body);
    });

    it('refuses a forged attestation as a wrong proof (counted), and answers to replaced options (not counted)', async () => {
      const realm = await requiringRealm();
      const { step } = await stoppedAtEnrolment(realm);
      const device = authenticator();
      const first = (await options(realm, step.flow_id)).json().options;
      const forged = await verify(realm, step.flow_id, device.create(first, { origin: 'https://evil.example' }));
      assert.equal(errorCode(forged), 'auth.invalid_code');
      const second = (await options(realm, step.flow_id)).json().options;
      assert.notEqual(second.challenge, first.challenge);
      assert.equal(errorCode(await verify(realm, step.flow_id, device.create(first))), 'passkey.invalid_challenge', 'the replaced challenge is spent');
      const done = await verify(realm, step.flow_id, device.create(second));
      assert.equal(done.statusCode, 200, done.body);
      const user = await server.services.users.findById(realm.id, decodeJwt(done.json().access_token).sub as string);
      assert.ok(user);
      assert.equal((await server.services.passkeys.list(realm, user.id)).length, 1, 'only the accepted passkey is stored');
    });

    it('one attestation sent twice at once completes the sign-in exactly once', async () => {
      const realm = await requiringRealm();
      const { step } = await stoppedAtEnrolment(realm);
      const response = authenticator().create((await options(realm, step.flow_id)).json().options);
      const answers = await Promise.all([verify(realm, step.flow_id, response), verify(realm, step.flow_id, response)]);
      assert.equal(answers.filter((a) => a.statusCode === 200).length, 1, answers.map((a) => a.body).join('\n'));
      const loser = answers.find((a) => a.statusCode !== 200);
      assert.ok(loser && loser.statusCode >= 400 && loser.statusCode < 500, loser?.body);
    });

    it('is refused where the realm does not offer passkeys, from another realm, ', async () => {
      const totpOnly = await requiringRealm(['totp']);
      const { step } = await stoppedAtEnrolment(totpOnly);
      assert.deepEqual(step.methods, ['totp']);
      assert.equal(errorCode(await options(totpOnly, step.flow_id)), 'flow.method_not_allowed');
      const realm = await requiringRealm();
      const { step: mine } = await stoppedAtEnrolment(realm);
      assert.equal(errorCode(await options(totpOnly, mine.flow_id)), 'flow.not_found');
      assert.equal(errorCode(await options(realm, 'flow_unknown')), 'flow.not_found');
    });
  });
}
