import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { authenticator, holder, ORIGIN, passkeyRealm, register, RP_ID } from '../passkeys/passkey-fixtures.ts';
import { PASSWORD } from '../accounts/flow-fixtures.ts';

/** Passkeys through the flow engine: passwordless (discoverable) and as a second factor. */
for (const dialect of dialects) {
  describe(`passkey sign-in through flows on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });

    async function realmWith(sign_in: Record<string, unknown>) {
      const realm = await passkeyRealm(server, { rp_id: RP_ID, allowed_origins: [ORIGIN] });
      return server.services.realms.update(realm.id, { sign_in }, { type: 'operator', id: null });
    }

    it('signs in without a password: the passkey tells who, and counts as two factors', async () => {
      const realm = await realmWith({ first_factors: ['password', 'passkey'], mfa: 'optional' });
      const who = await holder(server, realm);
      const device = authenticator();
      await register(server, who, device);
      const start = await send(server, 'POST', `/realms/${realm.slug}/auth/passkey/options`, {});
      assert.equal(start.statusCode, 200, start.body);
      const { flow_id, options } = start.json();
      const done = await send(server, 'POST', `/realms/${realm.slug}/auth/flows/${flow_id}/verify`, { method: 'passkey', response: device.get(options.challenge) });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().user.id, who.id);
      const claims = decodeJwt(done.json().access_token);
      assert.deepEqual([claims.amr, claims.acr], [['hwk', 'user'], 'aal2']);
      // The challenge was used with the flow: a replay is refused.
      const replay = await send(server, 'POST', `/realms/${realm.slug}/auth/flows/${flow_id}/verify`, { method: 'passkey', response: device.get(options.challenge) });
      assert.equal(errorCode(replay), 'flow.expired');
    });

    it('is the second factor after a password for a user who has one', async () => {
      const realm = await realmWith({ mfa: 'optional' });
      const who = await holder(server, realm);
      const device = authenticator();
      await register(server, who, device);
      const step = (await send(server, 'POST', `/realms/${realm.slug}/auth/login`, { identifier: who.email, password: PASSWORD })).json();
      assert.equal(step.mfa_required, true);
      assert.ok(step.methods.includes('passkey'));
      const { options } = (await send(server, 'POST', `/realms/${realm.slug}/auth/passkey/options`, { flow_id: step.flow_id })).json();
      assert.equal(options.allowCredentials.length, 1);
      const tampered = await send(server, 'POST', `/realms/${realm.slug}/auth/flows/${step.flow_id}/verify`, {
        method: 'passkey',
        response: device.get(options.challenge, { origin: 'https://evil.example' }),
      });
      assert.equal(errorCode(tampered), 'auth.invalid_code');
      const { options: again } = (await send(server, 'POST', `/realms/${realm.slug}/auth/passkey/options`, { flow_id: step.flow_id })).json();
      const done = await send(server, 'POST', `/realms/${realm.slug}/auth/flows/${step.flow_id}/verify`, { method: 'passkey', response: device.get(again.challenge) });
      assert.equal(done.statusCode, 200, done.body);
      assert.deepEqual(decodeJwt(done.json().access_token).amr, ['pwd', 'hwk', 'user']);
    });

    it('never leaves a sign-in with a lone passkey used without user verification waiting for nothing', async () => {
      const realm = await passkeyRealm(server, { rp_id: RP_ID, allowed_origins: [ORIGIN], user_verification: 'preferred' });
      const who = await holder(server, realm);
      const device = authenticator();
      await register(server, who, device);
      const signIn = async () => {
        const { flow_id, options } = (await send(server, 'POST', `/realms/${realm.slug}/auth/passkey/options`, {})).json();
        return { flow_id, answer: await send(server, 'POST', `/realms/${realm.slug}/auth/flows/${flow_id}/verify`, { method: 'passkey', response: device.get(options.challenge, { userVerified: false }) }) };
      };
      const operatorActor = { type: 'operator' as const, id: null };
      await server.services.realms.update(realm.id, { sign_in: { first_factors: ['password', 'passkey'], mfa: 'optional' } }, operatorActor);
      const optional = (await signIn()).answer;
      assert.equal(optional.statusCode, 200, optional.body);
      assert.deepEqual([decodeJwt(optional.json().access_token).amr, decodeJwt(optional.json().access_token).acr], [['hwk'], 'aal1']);

      await server.services.realms.update(realm.id, { sign_in: { first_factors: ['password', 'passkey'], mfa: 'required' } }, operatorActor);
      const required = await signIn();
      assert.equal(errorCode(required.answer), 'auth.method_disabled', required.answer.body);
      assert.equal(errorCode(await send(server, 'GET', `/realms/${realm.slug}/auth/flows/${required.flow_id}`)), 'flow.expired');
    });

    it('is refused where the realm does not sign in with passkeys', async () => {
      const realm = await realmWith({ first_factors: ['password'] });
      assert.equal(errorCode(await send(server, 'POST', `/realms/${realm.slug}/auth/passkey/options`, {})), 'auth.method_disabled');
    });
  });
}
