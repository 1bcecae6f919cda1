import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { noOrigin } from '../../src/events/event-log.ts';
import { enrolledFactors } from '../../src/flows/enrolled-factors.ts';
import { passkeyFlowFactors } from '../../src/passkeys/flow-factors.ts';
import { passkeyEnrolmentChecks } from '../../src/passkeys/passkey-store.ts';
import type { PasskeyCheck } from '../../src/passkeys/passkey-authentication.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { serverPerSuite } from '../support/server.ts';
import { operator } from '../support/fixtures.ts';
import { errorCode, send } from '../support/http.ts';
import { authenticator, call, eventsOf, holder, ORIGIN, passkeyRealm, PASSWORD, register, RP_ID, type Holder } from './passkey-fixtures.ts';
import type { SoftAuthenticator } from './soft-authenticator.ts';

/**
 * The sign-in primitives the flow engine calls: options with a challenge the engine keeps in its
 * flow, and the check of the assertion against it. Driven here through the services directly.
 */
for (const dialect of dialects) {
  describe(`passkey authentication primitives on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realm: Realm;
    let who: Holder;
    let device: SoftAuthenticator;
    let passkeyId: string;

    before(async () => {
      realm = await passkeyRealm(server);
      who = await holder(server, realm);
      device = authenticator();
      passkeyId = (await register(server, who, device)).id;
    });

    const passkeys = () => server.services.passkeys;
    const refused = (check: PasskeyCheck) => (check.ok ? 'accepted' : check.reason);

    it('signs a user in with a discoverable passkey: no user named, the passkey tells who', async () => {
      const { options, challenge } = await passkeys().authenticationOptions(realm);
      assert.equal(options.challenge, challenge);
      assert.equal(options.rpId, RP_ID);
      assert.deepEqual(options.allowCredentials, []);
      assert.equal(options.userVerification, 'preferred');
      const check = await passkeys().verifyAuthentication(realm, challenge, device.get(challenge));
      assert.deepEqual(check, { ok: true, userId: who.id, passkeyId, credentialId: device.id, amr: ['hwk', 'user'], userVerified: true });
      const [listed] = (await call(server, who, 'GET', '')).json().items;
      assert.equal(listed.last_used_at, new Date(server.clock.now()).toISOString());
      const [event] = await eventsOf(server, realm, 'passkey.used', who.id);
      assert.equal(event.user_id, who.id);
      assert.deepEqual(event.details.amr, ['hwk', 'user']);
    });

    it('as a second factor, allows only the named user\u2019s passkeys', async () => {
      const { options, challenge } = await passkeys().authenticationOptions(realm, { userId: who.id });
      assert.deepEqual(options.allowCredentials?.map((c) => c.id), [device.id]);
      assert.equal((await passkeys().verifyAuthentication(realm, challenge, device.get(challenge), { userId: who.id })).ok, true);
      const other = await holder(server, realm, 'other');
      const next = await passkeys().authenticationOptions(realm, { userId: other.id });
      assert.deepEqual(next.options.allowCredentials, []);
      assert.equal(refused(await passkeys().verifyAuthentication(realm, next.challenge, device.get(next.challenge), { userId: other.id })), 'unknown_credential');
    });

    it('refuses a tampered origin, another RP ID, another challenge and a get/create mix-up', async () => {
      const { challenge } = await passkeys().authenticationOptions(realm);
      assert.equal(refused(await passkeys().verifyAuthentication(realm, challenge, device.get(challenge, { origin: 'https://evil.example' }))), 'origin_not_allowed');
      assert.equal(refused(await passkeys().verifyAuthentication(realm, challenge, device.get(challenge, { rpId: 'evil.localhost' }))), 'rp_id_mismatch');
      const stale = await passkeys().authenticationOptions(realm);
      assert.equal(refused(await passkeys().verifyAuthentication(realm, challenge, device.get(stale.challenge))), 'challenge_mismatch');
      assert.equal(refused(await passkeys().verifyAuthentication(realm, challenge, device.get(challenge, { type: 'webauthn.create' }))), 'wrong_ceremony');
      const failures = await eventsOf(server, realm, 'passkey.failed');
      assert.ok(failures.some((event) => event.details.reason === 'origin_not_allowed' && event.user_id === who.id));
    });

    it('refuses a replayed assertion and a counter that went back, recording the regression', async () => {
      const { challenge } = await passkeys().authenticationOptions(realm);
      const assertion = device.get(challenge);
      assert.equal((await passkeys().verifyAuthentication(realm, challenge, assertion)).ok, true);
      // Even were the challenge still live (the engine spends it), the same signature cannot count twice.
      assert.equal(refused(await passkeys().verifyAuthentication(realm, challenge, assertion)), 'counter_regressed');
      const next = await passkeys().authenticationOptions(realm);
      assert.equal(refused(await passkeys().verifyAuthentication(realm, next.challenge, device.get(next.challenge, { counter: 1 }))), 'counter_regressed');
      const [event] = await eventsOf(server, realm, 'passkey.counter_regressed', who.id);
      assert.equal(event.user_id, who.id);
      assert.equal(event.details.passkey_id, passkeyId);
      // The genuine authenticator's next use still works.
      const later = await passkeys().authenticationOptions(realm);
      assert.equal((await passkeys().verifyAuthentication(realm, later.challenge, device.get(later.challenge))).ok, true);
    });

    it('accepts authenticators that keep no counter (always 0), as synced passkeys do', async () => {
      const synced = authenticator({ countsSignatures: false, synced: true });
      const owner = await holder(server, realm, 'synced');
      const registered = await register(server, owner, synced);
      assert.equal(registered.device_type, 'multiDevice');
      assert.equal(registered.backed_up, true);
      for (let i = 0; i < 2; i++) {
        const { challenge } = await passkeys().authenticationOptions(realm);
        const check = await passkeys().verifyAuthentication(realm, challenge, synced.get(challenge, { userVerified: false }));
        assert.deepEqual(check.ok && check.amr, ['swk']);
      }
    });

    it('refuses an assertion without user verification when the realm requires it', async () => {
      const strict = await passkeyRealm(server, { rp_id: RP_ID, allowed_origins: [ORIGIN], user_verification: 'required' });
      const owner = await holder(server, strict);
      const key = authenticator();
      await register(server, owner, key);
      const { options, challenge } = await passkeys().authenticationOptions(strict);
      assert.equal(options.userVerification, 'required');
      assert.equal(refused(await passkeys().verifyAuthentication(strict, challenge, key.get(challenge, { userVerified: false }))), 'user_verification_required');
      assert.equal((await passkeys().verifyAuthentication(strict, challenge, key.get(challenge))).ok, true);
    });

    it("does not know another realm's passkeys, nor forged, foreign or malformed assertions", async () => {
      const elsewhere = await passkeyRealm(server);
      const { challenge } = await passkeys().authenticationOptions(elsewhere);
      assert.equal(refused(await passkeys().verifyAuthentication(elsewhere, challenge, device.get(challenge))), 'unknown_credential');
      const mine = await passkeys().authenticationOptions(realm);
      const assertion = device.get(mine.challenge);
      const forged = { ...assertion, response: { ...assertion.response, signature: Buffer.from('forged').toString('base64url') } };
      assert.equal(refused(await passkeys().verifyAuthentication(realm, mine.challenge, forged)), 'bad_signature');
      const impostor = { ...device.get(mine.challenge), response: { ...device.get(mine.challenge).response, userHandle: Buffer.from('usr_someone').toString('base64url') } };
      assert.equal(refused(await passkeys().verifyAuthentication(realm, mine.challenge, impostor)), 'user_handle_mismatch');
      for (const junk of [null, 'x', {}, { id: device.id, rawId: device.id, type: 'public-key', response: {} }, { ...assertion, rawId: 'other' }]) {
        assert.equal(refused(await passkeys().verifyAuthentication(realm, mine.challenge, junk)), 'malformed_response');
      }
    });

    it('no longer signs in a deleted user', async () => {
      const leaving = await holder(server, realm, 'leaving');
      const key = authenticator();
      await register(server, leaving, key);
      await server.services.users.remove(realm, leaving.id, { type: 'operator', id: null });
      const { challenge } = await passkeys().authenticationOptions(realm);
      assert.equal(refused(await passkeys().verifyAuthentication(realm, challenge, key.get(challenge))), 'unknown_credential');
    });

    it('plugs into the flow engine as a factor that names its user', async () => {
      const factors = passkeyFlowFactors(passkeys());
      const enrolled = enrolledFactors(server.database.db, [passkeyEnrolmentChecks]);
      assert.deepEqual(await enrolled(realm.id, who.id), ['passkey']);
      assert.deepEqual(await enrolled(realm.id, (await holder(server, realm, 'none')).id), []);
      const { challenge } = await passkeys().authenticationOptions(realm);
      assert.deepEqual(await factors.verifyPasskey(realm, challenge, device.get(challenge), null, noOrigin), { ok: true, amr: ['hwk', 'user'], userId: who.id });
      assert.deepEqual(await factors.verifyPasskey(realm, challenge, device.get(challenge), 'usr_other', noOrigin), { ok: false, reason: 'unknown_credential' });
    });
  });

  describe(`a sign-in flow whose user is deleted on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });

    it("cannot be finished with another user's passkey (found by review: the passkey's owner was signed in)", async () => {
      const realm = await passkeyRealm(server);
      await server.services.realms.update(realm.id, { sign_in: { first_factors: ['password', 'passkey'], mfa: 'optional' } }, operator);
      const victim = await holder(server, realm, 'victim');
      const victimDevice = authenticator({ userVerified: false });
      await register(server, victim, victimDevice);
      const attacker = await holder(server, realm, 'attacker');
      await register(server, attacker, authenticator());
      const step = (await send(server, 'POST', `/realms/${realm.slug}/auth/login`, { identifier: attacker.email, password: PASSWORD })).json();
      assert.deepEqual(step.methods, ['passkey'], 'the password was the first factor; a passkey is asked next');
      await server.services.users.remove(realm, attacker.id, operator);
      const options = await send(server, 'POST', `/realms/${realm.slug}/auth/passkey/options`, { flow_id: step.flow_id });
      const challenge = options.statusCode === 200 ? options.json().options.challenge : (await server.services.passkeys.authenticationOptions(realm)).challenge;
      const done = await send(server, 'POST', `/realms/${realm.slug}/auth/flows/${step.flow_id}/verify`, { method: 'passkey', response: victimDevice.get(challenge) });
      // Asking for options found the flow's user gone and ended the flow.
      assert.equal(done.statusCode, 400, done.body);
      assert.equal(errorCode(done), 'flow.expired');
      assert.equal(done.json().access_token, undefined);
    });
  });
}
