import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { errorCode } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import {
  attemptRegistration,
  authenticator,
  call,
  creationOptions,
  eventsOf,
  holder,
  ORIGIN,
  passkeyRealm,
  refreshSignIn,
  register,
  RP_ID,
} from './passkey-fixtures.ts';

const FIVE_MINUTES = 5 * 60_000;

for (const dialect of dialects) {
  describe(`passkey registration on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realm: Realm;

    before(async () => {
      realm = await passkeyRealm(server);
    });

    it('offers creation options for a discoverable passkey of this realm', async () => {
      const who = await holder(server, realm);
      const options = await creationOptions(server, who);
      assert.deepEqual(options.rp, { id: RP_ID, name: realm.name });
      assert.equal(Buffer.from(options.user.id, 'base64url').toString(), who.id, 'the user handle is the opaque user id');
      assert.equal(options.user.name, who.email);
      assert.equal(options.authenticatorSelection?.residentKey, 'required');
      assert.equal(options.authenticatorSelection?.userVerification, 'preferred');
      assert.deepEqual(options.excludeCredentials, []);
      assert.ok(Buffer.from(options.challenge, 'base64url').length >= 32);
    });

    it('stores the passkey the authenticator created, and lists it', async () => {
      const who = await holder(server, realm);
      const device = authenticator();
      const passkey = await register(server, who, device, 'Laptop');
      assert.match(passkey.id, /^pk_/);
      assert.equal(passkey.name, 'Laptop');
      assert.equal(passkey.credential_id, device.id);
      assert.equal(passkey.device_type, 'singleDevice');
      assert.deepEqual(passkey.transports, ['internal']);
      assert.equal(passkey.last_used_at, null);
      const list = await call(server, who, 'GET', '');
      assert.deepEqual(list.json().items, [passkey]);
      const [event] = await eventsOf(server, realm, 'passkey.registered', who.id);
      assert.equal(event.user_id, who.id);
      assert.equal(event.details.passkey_id, passkey.id);
    });

    it('excludes the passkeys the user has already registered, and refuses the same credential twice', async () => {
      const who = await holder(server, realm);
      const device = authenticator();
      await register(server, who, device);
      const options = await creationOptions(server, who);
      assert.deepEqual(options.excludeCredentials?.map((c) => c.id), [device.id]);
      const again = await call(server, who, 'POST', '/registration/verify', { response: device.create(options) });
      assert.equal(again.statusCode, 409);
      assert.equal(errorCode(again), 'passkey.already_registered');
    });

    it('uses a challenge once, and only for the user it was issued to', async () => {
      const who = await holder(server, realm);
      const other = await holder(server, realm, 'other');
      const options = await creationOptions(server, who);
      const answer = authenticator().create(options);
      const stolen = await call(server, other, 'POST', '/registration/verify', { response: answer });
      assert.equal(stolen.statusCode, 400);
      assert.equal(errorCode(stolen), 'passkey.invalid_challenge');
      assert.equal((await call(server, who, 'POST', '/registration/verify', { response: answer })).statusCode, 201);
      const replayed = await call(server, who, 'POST', '/registration/verify', { response: answer });
      assert.equal(replayed.statusCode, 400);
      assert.equal(errorCode(replayed), 'passkey.invalid_challenge');
    });

    it('lets only the newest options complete, and only for five minutes', async () => {
      const who = await holder(server, realm);
      const first = await creationOptions(server, who);
      const second = await creationOptions(server, who);
      const retired = await call(server, who, 'POST', '/registration/verify', { response: authenticator().create(first) });
      assert.equal(errorCode(retired), 'passkey.invalid_challenge');
      server.clock.advance(FIVE_MINUTES + 1);
      const late = await call(server, who, 'POST', '/registration/verify', { response: authenticator().create(second) });
      assert.equal(errorCode(late), 'passkey.invalid_challenge');
    });

    it('refuses an answer from an origin the realm does not allow, and records why', async () => {
      const who = await holder(server, realm);
      const response = await attemptRegistration(server, who, authenticator(), { origin: 'https://evil.localhost' });
      assert.equal(response.statusCode, 422);
      assert.equal(errorCode(response), 'passkey.invalid_response');
      assert.deepEqual(response.json().error.details, [{ field: 'response', issue: 'origin_not_allowed' }]);
      const [event] = await eventsOf(server, realm, 'passkey.registration_failed', who.id);
      assert.equal(event.details.reason, 'origin_not_allowed');
      assert.equal((await call(server, who, 'GET', '')).json().items.length, 0);
    });

    it('refuses an answer for another relying party, or of another ceremony', async () => {
      const who = await holder(server, realm);
      const wrongRp = await attemptRegistration(server, who, authenticator(), { rpId: 'evil.localhost' });
      assert.deepEqual(wrongRp.json().error.details, [{ field: 'response', issue: 'rp_id_mismatch' }]);
      const wrongType = await attemptRegistration(server, who, authenticator(), { type: 'webauthn.get' });
      assert.deepEqual(wrongType.json().error.details, [{ field: 'response', issue: 'wrong_ceremony' }]);
      const framed = await attemptRegistration(server, who, authenticator(), { crossOrigin: true });
      assert.deepEqual(framed.json().error.details, [{ field: 'response', issue: 'cross_origin' }]);
    });

    it('requires user verification when the realm says so', async () => {
      const strict = await passkeyRealm(server, { rp_id: RP_ID, allowed_origins: [ORIGIN], user_verification: 'required' });
      const who = await holder(server, strict);
      assert.equal((await creationOptions(server, who)).authenticatorSelection?.userVerification, 'required');
      const unverified = await attemptRegistration(server, who, authenticator(), { userVerified: false });
      assert.equal(unverified.statusCode, 422);
      assert.deepEqual(unverified.json().error.details, [{ field: 'response', issue: 'user_verification_required' }]);
      // A realm that only prefers it takes the same answer.
      assert.equal((await attemptRegistration(server, await holder(server, realm), authenticator(), { userVerified: false })).statusCode, 201);
    });

    it('needs a recent sign-in to add a passkey, the first one included', async () => {
      const who = await holder(server, realm);
      await register(server, who);
      const pending = await creationOptions(server, who);
      server.clock.advance(FIVE_MINUTES + 1000);
      const options = await call(server, who, 'POST', '/registration/options', {});
      assert.equal(options.statusCode, 403);
      assert.equal(errorCode(options), 'auth.step_up_required');
      const verify = await call(server, who, 'POST', '/registration/verify', { response: authenticator().create(pending) });
      assert.equal(errorCode(verify), 'passkey.invalid_challenge', 'the pending challenge expired as well');
      // The first passkey too: a passkey signs in on its own, so an older token must not plant one.
      const newcomer = await holder(server, realm, 'newcomer');
      server.clock.advance(FIVE_MINUTES + 1000);
      assert.equal(errorCode(await call(server, newcomer, 'POST', '/registration/options', {})), 'auth.step_up_required');
      assert.equal((await attemptRegistration(server, await refreshSignIn(server, newcomer), authenticator())).statusCode, 201);
      const fresh = await refreshSignIn(server, who);
      assert.equal((await attemptRegistration(server, fresh, authenticator())).statusCode, 201);
    });

    it('defaults the relying party to the public URL and the realm name', async () => {
      const plain = await passkeyRealm(server, {});
      const who = await holder(server, plain);
      const options = await creationOptions(server, who);
      assert.deepEqual(options.rp, { id: 'keyrealm.test', name: plain.name });
      const device = authenticator({ rpId: 'keyrealm.test', origin: 'http://keyrealm.test' });
      assert.equal((await call(server, who, 'POST', '/registration/verify', { response: device.create(options) })).statusCode, 201);
    });

    it('refuses malformed bodies with 400 and a forged attestation with 422', async () => {
      const who = await holder(server, realm);
      const options = await creationOptions(server, who);
      const answer = authenticator().create(options);
      for (const body of [
        {},
        { response: answer, extra: 1 },
        { response: { ...answer, surprise: true } },
        { response: { ...answer, response: { ...answer.response, clientDataJSON: 42 } } },
        { response: { ...answer, response: { ...answer.response, clientDataJSON: 'not base64!' } } },
        { response: answer, name: '' },
        { response: answer, name: 'x'.repeat(65) },
      ]) {
        const response = await call(server, who, 'POST', '/registration/verify', body);
        assert.equal(response.statusCode, 400, JSON.stringify(body).slice(0, 120));
        assert.equal(errorCode(response), 'request.validation_failed');
      }
      const garbled = { ...answer, response: { ...answer.response, clientDataJSON: Buffer.from('{').toString('base64url') } };
      assert.equal(errorCode(await call(server, who, 'POST', '/registration/verify', { response: garbled })), 'passkey.invalid_response');
      const forged = { ...answer, response: { ...answer.response, attestationObject: Buffer.from('junk').toString('base64url') } };
      const refused = await call(server, who, 'POST', '/registration/verify', { response: forged });
      assert.equal(refused.statusCode, 422);
      assert.deepEqual(refused.json().error.details, [{ field: 'response', issue: 'invalid_attestation' }]);
    });

    it('is refused in a realm whose sign-in policy uses no passkeys', async () => {
      const without = await passkeyRealm(server);
      await server.services.realms.update(without.id, { sign_in: { first_factors: ['password'], second_factors: ['totp'] } }, { type: 'operator', id: null });
      const who = await holder(server, without);
      const response = await call(server, who, 'POST', '/registration/options');
      assert.equal(response.statusCode, 403);
      assert.equal(errorCode(response), 'auth.method_disabled');
    });

    it('needs a signed-in user of this realm', async () => {
      const who = await holder(server, realm);
      const elsewhere = await passkeyRealm(server);
      const response = await server.app.inject({ method: 'POST', url: `/realms/${elsewhere.slug}/account/passkeys/registration/options`, headers: { authorization: `Bearer ${who.token}` }, payload: {} });
      assert.equal(response.statusCode, 401);
      assert.equal((await server.app.inject({ method: 'GET', url: `/realms/${realm.slug}/account/passkeys` })).statusCode, 401);
    });
  });
}
