import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { base32Decode, hotp, totp } from '../../src/mfa/otp.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { stoppedAtEnrolment as stopAtEnrolment } from './enrolment-fixtures.ts';

const PASSWORD = 'correct horse battery staple';
const SHA1_6 = { algorithm: 'SHA1', digits: 6 } as const;

/** A realm with `mfa: required` makes a user without a second factor enrol one inside the sign-in. */
for (const dialect of dialects) {
  describe(`enrolment within a sign-in on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let counter = 0;

    async function requiringRealm(sign_in: Record<string, unknown> = {}): Promise<Realm> {
      return server.services.realms.create({ name: `Enrol ${++counter}`, sign_in: { mfa: 'required', ...sign_in } }, operator);
    }
    const stoppedAtEnrolment = (realm: Realm) => stopAtEnrolment(server, realm, PASSWORD);
    const enrol = (realm: Realm, flowId: string, method: string, body: unknown = { name: 'Phone' }) =>
      send(server, 'POST', `/realms/${realm.slug}/auth/flows/${flowId}/enrol/${method}`, body);
    const verify = (realm: Realm, flowId: string, body: Record<string, unknown>) => send(server, 'POST', `/realms/${realm.slug}/auth/flows/${flowId}/verify`, body);

    it('enrols a TOTP authenticator, then its first code completes the sign-in with recovery codes', async () => {
      const realm = await requiringRealm();
      const { email, step } = await stoppedAtEnrolment(realm);
      assert.deepEqual([step.enrolment_required, step.state, step.methods, step.access_token], [true, 'enrolment', ['totp', 'hotp', 'passkey'], undefined]);
      assert.equal(errorCode(await verify(realm, step.flow_id, { method: 'totp', code: '123456' })), 'flow.method_not_allowed', 'nothing to confirm yet');

      const started = await enrol(realm, step.flow_id, 'totp');
      assert.equal(started.statusCode, 201, started.body);
      const { factor } = started.json();
      assert.deepEqual([factor.type, factor.state, factor.name], ['totp', 'pending', 'Phone']);
      assert.ok(factor.uri.startsWith('otpauth://totp/') && factor.qr_svg.startsWith('<svg'));
      const seed = base32Decode(factor.secret);

      assert.equal(errorCode(await verify(realm, step.flow_id, { method: 'hotp', code: '123456' })), 'flow.method_not_allowed');
      assert.equal(errorCode(await verify(realm, step.flow_id, { method: 'totp', code: '000000' })), 'auth.invalid_code');
      const done = await verify(realm, step.flow_id, { method: 'totp', code: totp(seed, server.clock.now(), SHA1_6) });
      assert.equal(done.statusCode, 200, done.body);
      const body = done.json();
      assert.equal(body.recovery_codes.length, 10);
      const claims = decodeJwt(body.access_token);
      assert.deepEqual([claims.amr, claims.acr], [['pwd', 'otp'], 'aal2']);

      const mine = (await send(server, 'GET', `/realms/${realm.slug}/account/mfa`, undefined, bearer(body.access_token))).json();
      assert.deepEqual([mine.items.map((f: { state: string }) => f.state), mine.recovery_codes_left], [['active'], 10]);
      // From now on the factor is asked for, not enrolled again.
      server.clock.advance(30_000);
      const next = (await send(server, 'POST', `/realms/${realm.slug}/auth/login`, { identifier: email, password: PASSWORD })).json();
      assert.deepEqual([next.mfa_required, next.enrolment_required], [true, false]);
      assert.ok(next.methods.includes('totp'));
      const again = await verify(realm, next.flow_id, { method: 'totp', code: totp(seed, server.clock.now(), SHA1_6) });
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json().recovery_codes, undefined, 'recovery codes are shown once');
    });

    it('enrols HOTP; starting again replaces the factor the flow waits for', async () => {
      const realm = await requiringRealm();
      const { step } = await stoppedAtEnrolment(realm);
      const first = (await enrol(realm, step.flow_id, 'hotp')).json().factor;
      const second = (await enrol(realm, step.flow_id, 'hotp', { name: 'Key fob', digits: 8 })).json().factor;
      assert.notEqual(first.id, second.id);
      assert.equal(second.digits, 8);
      const stale = await verify(realm, step.flow_id, { method: 'hotp', code: hotp(base32Decode(first.secret), 0, SHA1_6) });
      assert.equal(errorCode(stale), 'auth.invalid_code', 'the first enrolment no longer completes the flow');
      const done = await verify(realm, step.flow_id, { method: 'hotp', code: hotp(base32Decode(second.secret), 0, { algorithm: 'SHA1', digits: 8 }) });
      assert.equal(done.statusCode, 200, done.body);
    });

    it('ends the flow after the realm’s number of wrong codes', async () => {
      const realm = await requiringRealm({ otp: { max_attempts: 2 } });
      const { step } = await stoppedAtEnrolment(realm);
      const factor = (await enrol(realm, step.flow_id, 'totp')).json().factor;
      assert.equal(errorCode(await verify(realm, step.flow_id, { method: 'totp', code: '000000' })), 'auth.invalid_code');
      assert.equal(errorCode(await verify(realm, step.flow_id, { method: 'totp', code: '000001' })), 'auth.invalid_code');
      const late = await verify(realm, step.flow_id, { method: 'totp', code: totp(base32Decode(factor.secret), server.clock.now(), SHA1_6) });
      assert.equal(errorCode(late), 'flow.expired');
      assert.equal(errorCode(await enrol(realm, step.flow_id, 'totp')), 'flow.expired');
    });

    it('is refused for methods the realm does not offer, from another realm and for bad bodies; without required MFA no flow stays open', async () => {
      const realm = await requiringRealm({ second_factors: ['totp', 'recovery_code'] });
      const { step } = await stoppedAtEnrolment(realm);
      assert.deepEqual(step.methods, ['totp']);
      assert.equal(errorCode(await enrol(realm, step.flow_id, 'hotp')), 'flow.method_not_allowed');
      const other = await requiringRealm();
      assert.equal(errorCode(await enrol(other, step.flow_id, 'totp')), 'flow.not_found');
      for (const body of [{}, { name: '' }, { name: 'Phone', extra: true }, { name: 'Phone', digits: 12 }]) {
        assert.equal((await enrol(realm, step.flow_id, 'totp', body)).statusCode, 400, JSON.stringify(body));
      }
      assert.equal((await enrol(realm, step.flow_id, 'sms')).statusCode, 400);

      const optional = await server.services.realms.create({ name: `Enrol ${++counter}` }, operator);
      const email = `plain-${++counter}@example.com`;
      await server.services.users.create(optional, { email, password: PASSWORD }, operator);
      const start = await server.services.flows.passwordLogin(optional, { identifier: email, password: PASSWORD }, { ip: null, userAgent: null });
      assert.equal(start.kind, 'signed_in', 'no flow is left open to enrol in');
    });
  });
}
