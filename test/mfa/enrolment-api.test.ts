import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { noOrigin } from '../../src/events/event-log.ts';
import { dialects } from '../support/databases.ts';
import { rejectsWith } from '../support/fixtures.ts';
import { errorCode } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { activeTotp, call, enrol, eventsOf, hotpAt, newRealm, signedInUser, totpNow } from './mfa-fixtures.ts';

/** Enrolling TOTP and HOTP authenticators: pending until a first right code, recovery codes once. */
for (const dialect of dialects) {
  describe(`second-factor enrolment API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realm: Realm;

    before(async () => {
      realm = await newRealm(server, 'Enrol');
      realm = await server.services.realms.update(realm.id, { public_info: { display_name: 'Acme Cloud' } }, { type: 'operator', id: null });
    });

    it('refuses to enrol a kind of factor the realm never asks for at sign-in', async () => {
      const totpOnly = await newRealm(server, 'TotpOnly');
      await server.services.realms.update(totpOnly.id, { sign_in: { second_factors: ['totp', 'recovery_code'] } }, { type: 'operator', id: null });
      const user = await signedInUser(server, totpOnly);
      const refused = await call(server, user, 'POST', '/hotp', { name: 'Fob' });
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(errorCode(refused), 'auth.method_disabled');
      assert.equal((await call(server, user, 'POST', '/totp', { name: 'Phone' })).statusCode, 201);
    });

    it('starts a TOTP enrolment: a pending factor, its secret, otpauth:// URI and QR code', async () => {
      const user = await signedInUser(server, realm);
      const response = await call(server, user, 'POST', '/totp', { name: 'Phone' });
      assert.equal(response.statusCode, 201, response.body);
      const body = response.json();
      assert.match(body.id, /^fac_[0-9A-Za-z]{22}$/);
      assert.equal(body.state, 'pending');
      assert.deepEqual([body.type, body.name, body.algorithm, body.digits, body.period], ['totp', 'Phone', 'SHA1', 6, 30]);
      assert.match(body.secret, /^[A-Z2-7]{32}$/);
      const uri = new URL(body.uri);
      assert.equal(`${uri.protocol}//${uri.host}${decodeURIComponent(uri.pathname)}`, `otpauth://totp/Acme Cloud:${user.email}`);
      assert.equal(uri.searchParams.get('secret'), body.secret);
      assert.equal(uri.searchParams.get('issuer'), 'Acme Cloud');
      assert.match(body.qr_svg, /^<svg/);
      assert.equal(body.confirmed_at, null);
      const [added] = await eventsOf(server, realm, 'user.mfa_factor_added', user.id);
      assert.deepEqual(added.details, { factor_id: body.id, type: 'totp' });
    });

    it('refuses a wrong code (the factor stays pending), then activates with the right one and returns ten recovery codes once', async () => {
      const user = await signedInUser(server, realm);
      const factor = await enrol(server, user, 'totp');
      const wrongCode = totpNow(server, factor, 5);
      const wrong = await call(server, user, 'POST', `/${factor.id}/confirm`, { code: wrongCode });
      assert.equal(wrong.statusCode, 422);
      assert.equal(errorCode(wrong), 'mfa.invalid_code');
      assert.equal((await call(server, user, 'GET', '')).json().items[0].state, 'pending');
      assert.equal((await eventsOf(server, realm, 'user.mfa_factor_confirm_failed', user.id)).length, 1);

      const right = await call(server, user, 'POST', `/${factor.id}/confirm`, { code: totpNow(server, factor) });
      assert.equal(right.statusCode, 200, right.body);
      const confirmed = right.json();
      assert.equal(confirmed.state, 'active');
      assert.ok(confirmed.confirmed_at);
      assert.equal(confirmed.recovery_codes.length, 10);
      for (const code of confirmed.recovery_codes) assert.match(code, /^[a-z2-7]{5}-[a-z2-7]{5}$/);

      const again = await call(server, user, 'POST', `/${factor.id}/confirm`, { code: totpNow(server, factor) });
      assert.equal(again.statusCode, 409);
      assert.equal(errorCode(again), 'mfa.factor_already_active');
      const listed = (await call(server, user, 'GET', '')).json();
      assert.equal(listed.recovery_codes_left, 10);
      assert.equal(listed.items[0].state, 'active');

      // A second factor brings no new codes: the user still has unused ones.
      const second = await activeTotp(server, user, { name: 'Tablet' });
      assert.equal(second.recovery_codes, null);
      const [issued] = await eventsOf(server, realm, 'user.recovery_codes_generated', user.id);
      assert.deepEqual(issued.details, { reason: 'first_factor', count: 10 });
    });

    it('confirms HOTP with a code within the look-ahead, and takes 8 digits and SHA-256 when asked', async () => {
      const user = await signedInUser(server, realm);
      const factor = await enrol(server, user, 'hotp', { name: 'Key fob', digits: 8, algorithm: 'SHA256' });
      assert.deepEqual([factor.digits, factor.algorithm], [8, 'SHA256']);
      assert.match(factor.uri, /^otpauth:\/\/hotp\/.*&algorithm=SHA256&digits=8&counter=0$/);
      const tooFar = await call(server, user, 'POST', `/${factor.id}/confirm`, { code: hotpAt(factor, 10) });
      assert.equal(errorCode(tooFar), 'mfa.invalid_code');
      const confirmed = await call(server, user, 'POST', `/${factor.id}/confirm`, { code: hotpAt(factor, 3) });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      assert.equal(confirmed.json().period, null);
      const row = await server.database.db.selectFrom('user_factors').selectAll().where('id', '=', factor.id).executeTakeFirstOrThrow();
      assert.equal(Number(row.counter), 4);
    });

    it('keeps seeds sealed at rest: the stored row holds neither the base32 secret nor its bytes', async () => {
      const user = await signedInUser(server, realm);
      const factor = await enrol(server, user, 'totp');
      const row = await server.database.db.selectFrom('user_factors').selectAll().where('id', '=', factor.id).executeTakeFirstOrThrow();
      const stored = JSON.stringify(row);
      assert.ok(!stored.includes(factor.secret));
      assert.ok(!stored.toLowerCase().includes(factor.secret.toLowerCase()));
      assert.match(row.secret_sealed, /^v1\./);
      assert.equal(server.services.mfaVerifier.matchStep(row, totpNow(server, factor), server.clock.now()) !== undefined, true);
      const list = await call(server, user, 'GET', '');
      assert.ok(!list.body.includes(factor.secret));
    });

    it('abandons an enrolment not confirmed within an hour', async () => {
      const user = await signedInUser(server, realm);
      const factor = await enrol(server, user, 'totp');
      server.clock.advance(61 * 60_000);
      // Past the access token's lifetime too: straight to the service.
      await rejectsWith(server.services.mfa.confirm(realm, user.id, factor.id, totpNow(server, factor), noOrigin), 'mfa.factor_not_found');
      assert.deepEqual((await server.services.mfa.list(realm, user.id)).items, []);
    });

    it('needs a recent sign-in to enrol, and allows at most ten factors', async () => {
      const user = await signedInUser(server, realm);
      for (let i = 0; i < 10; i++) await enrol(server, user, i % 2 ? 'totp' : 'hotp', { name: `Device ${i}` });
      const eleventh = await call(server, user, 'POST', '/totp', { name: 'One too many' });
      assert.equal(eleventh.statusCode, 422);
      assert.equal(errorCode(eleventh), 'mfa.too_many_factors');
      server.clock.advance(6 * 60_000);
      const stale = await call(server, user, 'POST', '/totp', { name: 'Later' });
      assert.equal(stale.statusCode, 403);
      assert.equal(errorCode(stale), 'auth.step_up_required');
    });

    it('refuses bad bodies with 400 and needs a bearer token', async () => {
      const user = await signedInUser(server, realm);
      const factor = await enrol(server, user, 'totp');
      const bad: [string, unknown][] = [
        ['/totp', {}],
        ['/totp', { name: '' }],
        ['/totp', { name: 'x'.repeat(65) }],
        ['/totp', { name: 'Phone', digits: 5 }],
        ['/totp', { name: 'Phone', digits: 9 }],
        ['/hotp', { name: 'Phone', algorithm: 'MD5' }],
        ['/hotp', { name: 'Phone', period: 60 }],
        ['/totp', { name: 42 }],
        [`/${factor.id}/confirm`, { code: 123456 }],
        [`/${factor.id}/confirm`, { code: '12345' }],
        [`/${factor.id}/confirm`, { code: '12345a' }],
        [`/${factor.id}/confirm`, { code: '123456', extra: true }],
      ];
      for (const [path, body] of bad) {
        const response = await call(server, user, 'POST', path, body);
        assert.equal(response.statusCode, 400, `${path} ${JSON.stringify(body)}: ${response.body}`);
        assert.equal(errorCode(response), 'request.validation_failed');
      }
      const anonymous = await call(server, { ...user, token: 'nope' }, 'POST', '/totp', { name: 'Phone' });
      assert.equal(anonymous.statusCode, 401);
    });
  });
}
