import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { HOTP_LOOK_AHEAD, HOTP_RESYNC_MS } from '../../src/mfa/factor-verifier.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { errorCode } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { activeHotp, activeTotp, check, eventsOf, hotpAt, isValid, newRealm, signedInUser, totpNow } from './mfa-fixtures.ts';

/** Checking codes: TOTP window and replay, HOTP look-ahead and resync, races, the engine's verifiers. */
for (const dialect of dialects) {
  describe(`second-factor verification on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realm: Realm;
    before(async () => (realm = await newRealm(server, 'Verify')));

    it('accepts a TOTP code once: the same step again is refused', async () => {
      const user = await signedInUser(server, realm);
      const factor = await activeTotp(server, user);
      const code = totpNow(server, factor);
      assert.equal(await isValid(server, user, 'totp', code), true);
      assert.equal(await isValid(server, user, 'totp', code), false);
      const [failure] = await eventsOf(server, realm, 'user.mfa_check_failed', user.id);
      assert.deepEqual(failure.details, { type: 'totp', reason: 'replayed' });
      const [success] = await eventsOf(server, realm, 'user.mfa_check_succeeded', user.id);
      assert.deepEqual(success.details, { type: 'totp', factor_id: factor.id });
    });

    it('accepts one step either side of now, not two; once a step is used, earlier ones are spent too', async () => {
      const user = await signedInUser(server, realm);
      const factor = await activeTotp(server, user);
      // Two steps past the confirming code's, so that the step before now is unused.
      server.clock.advance(60_000);
      assert.equal(await isValid(server, user, 'totp', totpNow(server, factor, -2)), false);
      assert.equal(await isValid(server, user, 'totp', totpNow(server, factor, 2)), false);
      assert.equal(await isValid(server, user, 'totp', totpNow(server, factor, -1)), true);
      assert.equal(await isValid(server, user, 'totp', totpNow(server, factor, 1)), true);
      // Step +1 is spent: now and the step before it are behind it, so no longer usable.
      assert.equal(await isValid(server, user, 'totp', totpNow(server, factor)), false);
      server.clock.advance(30_000);
      assert.equal(await isValid(server, user, 'totp', totpNow(server, factor)), false, 'the step used as +1 before');
      server.clock.advance(30_000);
      assert.equal(await isValid(server, user, 'totp', totpNow(server, factor)), true);
    });

    it('answers false for a wrong code, and for a user without the factor', async () => {
      const user = await signedInUser(server, realm);
      assert.equal(await isValid(server, user, 'totp', '123456'), false);
      assert.equal(await isValid(server, user, 'hotp', '123456'), false);
      const failures = await eventsOf(server, realm, 'user.mfa_check_failed', user.id);
      assert.deepEqual(failures.map((event) => event.details).sort((a, b) => String(a.type).localeCompare(String(b.type))), [
        { type: 'hotp', reason: 'no_factor' },
        { type: 'totp', reason: 'no_factor' },
      ]);
      const factor = await activeTotp(server, user);
      const wrong = totpNow(server, factor) === '000000' ? '000001' : '000000';
      assert.equal(await isValid(server, user, 'totp', wrong), false);
      for (const bad of [123456, '12345', 'abcdef', null]) assert.equal((await check(server, user, 'totp', bad)).statusCode, 400);
    });

    it('uses one TOTP code once however many requests race with it', async () => {
      const user = await signedInUser(server, realm);
      const factor = await activeTotp(server, user);
      const code = totpNow(server, factor);
      const results = await Promise.all(Array.from({ length: 8 }, () => isValid(server, user, 'totp', code)));
      assert.equal(results.filter(Boolean).length, 1);
    });

    it('accepts HOTP codes ahead of the counter within the look-ahead, never one already passed', async () => {
      const user = await signedInUser(server, realm);
      const factor = await activeHotp(server, user);
      assert.equal(await isValid(server, user, 'hotp', hotpAt(factor, 0)), false, 'spent by the confirmation');
      assert.equal(await isValid(server, user, 'hotp', hotpAt(factor, 1)), true);
      assert.equal(await isValid(server, user, 'hotp', hotpAt(factor, 1)), false);
      assert.equal(await isValid(server, user, 'hotp', hotpAt(factor, 2 + HOTP_LOOK_AHEAD - 1)), true, 'the last counter of the window');
      assert.equal(await isValid(server, user, 'hotp', hotpAt(factor, 5)), false, 'behind the counter now');
      assert.equal(await isValid(server, user, 'hotp', hotpAt(factor, 12)), true);
    });

    it('resyncs HOTP with two consecutive codes far ahead; one alone, or two apart, or too late, does not', async () => {
      const user = await signedInUser(server, realm);
      const factor = await activeHotp(server, user);
      // The counter is 1; 40 is beyond the look-ahead but within the resync window.
      assert.equal(await isValid(server, user, 'hotp', hotpAt(factor, 40)), false);
      assert.equal(await isValid(server, user, 'hotp', hotpAt(factor, 42)), false, 'not the successor');
      assert.equal(await isValid(server, user, 'hotp', hotpAt(factor, 43)), true, 'successor of 42: resynced');
      assert.equal(await isValid(server, user, 'hotp', hotpAt(factor, 44)), true, 'the counter follows the device');
      assert.equal(await isValid(server, user, 'hotp', hotpAt(factor, 43)), false);

      assert.equal(await isValid(server, user, 'hotp', hotpAt(factor, 80)), false);
      server.clock.advance(HOTP_RESYNC_MS + 1000);
      const late = await server.services.mfaVerifier.verifyHotp(realm, user.id, hotpAt(factor, 81));
      assert.deepEqual(late, { ok: false, reason: 'resync_started' }, 'the first code expired: 81 starts over');
      assert.equal(await server.services.mfaVerifier.verifyHotp(realm, user.id, hotpAt(factor, 45 + 100)).then((r) => r.ok), false, 'beyond the resync window');
    });

    it('uses one HOTP code once however many requests race with it', async () => {
      const user = await signedInUser(server, realm);
      const factor = await activeHotp(server, user);
      const results = await Promise.all(Array.from({ length: 8 }, () => isValid(server, user, 'hotp', hotpAt(factor, 3))));
      assert.equal(results.filter(Boolean).length, 1);
    });

    it('counts wrong codes for the brute-force guard: past its lock even the right code is refused', async () => {
      const realm = await newRealm(server, 'Guarded');
      await server.services.realms.update(realm.id, { brute_force: { delay_after: 3, lock_after: 3, lock_minutes: 15, permanent_after: 100 } }, { type: 'operator', id: null });
      const user = await signedInUser(server, realm);
      const factor = await activeTotp(server, user);
      for (let i = 0; i < 3; i++) assert.equal(await isValid(server, user, 'totp', '000000'), false);
      const locked = await check(server, user, 'totp', totpNow(server, factor));
      assert.equal(locked.statusCode, 429);
      assert.equal(errorCode(locked), 'auth.too_many_attempts');
    });

    it('gives the flow engine FactorChecks and the user’s active factor types', async () => {
      const verifier = server.services.mfaVerifier;
      const user = await signedInUser(server, realm);
      assert.deepEqual(await verifier.activeFactorTypes(realm.id, user.id), []);
      assert.deepEqual(await verifier.verifyTotp(realm, user.id, '123456'), { ok: false, reason: 'no_factor' });
      const totp = await activeTotp(server, user);
      const hotp = await activeHotp(server, user);
      assert.deepEqual(await verifier.activeFactorTypes(realm.id, user.id), ['totp', 'hotp', 'recovery_code']);
      assert.deepEqual(await verifier.verifyTotp(realm, user.id, totpNow(server, totp)), { ok: true, factorId: totp.id, amr: ['otp'] });
      assert.deepEqual(await verifier.verifyHotp(realm, user.id, hotpAt(hotp, 1)), { ok: true, factorId: hotp.id, amr: ['otp'] });
      assert.deepEqual(await verifier.verifyHotp(realm, user.id, 'not-a-code'), { ok: false, reason: 'invalid_code' });
      // Another realm's user id reaches nothing.
      const elsewhere = await newRealm(server, 'Other');
      assert.deepEqual(await verifier.verifyTotp(elsewhere, user.id, totpNow(server, totp, 1)), { ok: false, reason: 'no_factor' });
      assert.deepEqual(await verifier.activeFactorTypes(elsewhere.id, user.id), []);
    });
  });

  describe(`second-factor check rate limit on ${dialect}`, () => {
    const server = serverPerSuite({ dialect, config: { rateLimits: true, rateLimitMfaCheckPerUser: 3 } });

    it('limits code checks per user, right or wrong, with Retry-After', async () => {
      const realm = await newRealm(server, 'Limited');
      const user = await signedInUser(server, realm);
      const other = await signedInUser(server, realm);
      const factor = await activeTotp(server, user);
      for (let i = 0; i < 3; i++) assert.equal((await check(server, user, 'totp', '000000')).statusCode, 200);
      const limited = await check(server, user, 'totp', totpNow(server, factor));
      assert.equal(limited.statusCode, 429);
      assert.equal(errorCode(limited), 'request.rate_limited');
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assert.equal((await check(server, other, 'totp', '000000')).statusCode, 200, 'another user has a limit of their own');
      server.clock.advance(60_000);
      assert.equal(await isValid(server, user, 'totp', totpNow(server, factor)), true);
    });
  });
}
