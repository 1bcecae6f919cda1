import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorCode } from '../support/http.ts';
import { flowServerPerSuite, mailTo } from '../accounts/flow-fixtures.ts';
import { dialects } from '../support/databases.ts';
import { activeTotp, call, eventsOf, newRealm, signedInUser } from './mfa-fixtures.ts';

/** Recovery codes: single use (also under races), an email on each use, regeneration, hashed at rest. */
for (const dialect of dialects) {
  describe(`recovery codes on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect);

    it('works once each; using one is an event and an email with the codes left', async () => {
      const { server } = ctx;
      const realm = await newRealm(server, 'Recover');
      const user = await signedInUser(server, realm, 'recover');
      const { recovery_codes } = await activeTotp(server, user);
      assert.ok(recovery_codes);
      const verifier = server.services.mfaVerifier;
      assert.deepEqual(await verifier.useRecoveryCode(realm, user.id, recovery_codes[0]), { ok: true, factorId: 'recovery_code', amr: ['otp'] });
      assert.deepEqual(await verifier.useRecoveryCode(realm, user.id, recovery_codes[0]), { ok: false, reason: 'invalid_code' });
      // Typed in capitals without the dash: the same code.
      assert.equal((await verifier.useRecoveryCode(realm, user.id, recovery_codes[1].replace('-', '').toUpperCase())).ok, true);
      assert.deepEqual(await verifier.useRecoveryCode(realm, user.id, 'aaaaa-aaaaa'), { ok: false, reason: 'invalid_code' });
      assert.deepEqual(await verifier.useRecoveryCode(realm, user.id, 'not a code'), { ok: false, reason: 'invalid_code' });
      assert.equal((await call(server, user, 'GET', '')).json().recovery_codes_left, 8);

      const used = await eventsOf(server, realm, 'user.recovery_code_used', user.id);
      assert.deepEqual(used.map((event) => event.details.codes_left).sort(), [8, 9]);
      const mail = await mailTo(ctx, user.email, /recovery code was used/);
      assert.match(mail.text, /You have (9|8) unused codes left/);
      assert.ok(!recovery_codes.some((code) => mail.text.includes(code)));
    });

    it('a code raced by many requests is used once', async () => {
      const { server } = ctx;
      const realm = await newRealm(server, 'Race');
      const user = await signedInUser(server, realm);
      const { recovery_codes } = await activeTotp(server, user);
      assert.ok(recovery_codes);
      const results = await Promise.all(Array.from({ length: 8 }, () => server.services.mfaVerifier.useRecoveryCode(realm, user.id, recovery_codes[3])));
      assert.equal(results.filter((result) => result.ok).length, 1);
      assert.equal((await eventsOf(server, realm, 'user.recovery_code_used', user.id)).length, 1);
    });

    it('stores only keyed hashes, bound to the user and realm', async () => {
      const { server } = ctx;
      const realm = await newRealm(server, 'Hashes');
      const user = await signedInUser(server, realm);
      const other = await signedInUser(server, realm);
      const { recovery_codes } = await activeTotp(server, user);
      assert.ok(recovery_codes);
      const rows = await server.database.db.selectFrom('recovery_codes').selectAll().where('user_id', '=', user.id).execute();
      assert.equal(rows.length, 10);
      const stored = JSON.stringify(rows);
      for (const code of recovery_codes) assert.ok(!stored.includes(code) && !stored.includes(code.replace('-', '')));
      assert.deepEqual(await server.services.mfaVerifier.useRecoveryCode(realm, other.id, recovery_codes[0]), { ok: false, reason: 'no_factor' });
      const elsewhere = await newRealm(server, 'Elsewhere');
      assert.deepEqual(await server.services.mfaVerifier.useRecoveryCode(elsewhere, user.id, recovery_codes[0]), { ok: false, reason: 'no_factor' });
      assert.equal((await server.services.mfaVerifier.useRecoveryCode(realm, user.id, recovery_codes[0])).ok, true);
    });

    it('regenerates on demand: ten new codes, the old ones dead; needs a recent sign-in and a factor', async () => {
      const { server } = ctx;
      const realm = await newRealm(server, 'Regen');
      const user = await signedInUser(server, realm);
      const none = await call(server, user, 'POST', '/recovery-codes');
      assert.equal(none.statusCode, 422);
      assert.equal(errorCode(none), 'mfa.no_active_factor');

      const { recovery_codes: old } = await activeTotp(server, user);
      assert.ok(old);
      await server.services.mfaVerifier.useRecoveryCode(realm, user.id, old[0]);
      const response = await call(server, user, 'POST', '/recovery-codes');
      assert.equal(response.statusCode, 200, response.body);
      const fresh: string[] = response.json().recovery_codes;
      assert.equal(fresh.length, 10);
      assert.ok(!fresh.some((code) => old.includes(code)));
      assert.equal((await call(server, user, 'GET', '')).json().recovery_codes_left, 10);
      assert.equal((await server.services.mfaVerifier.useRecoveryCode(realm, user.id, old[1])).ok, false);
      assert.equal((await server.services.mfaVerifier.useRecoveryCode(realm, user.id, fresh[1])).ok, true);
      const generated = await eventsOf(server, realm, 'user.recovery_codes_generated', user.id);
      assert.deepEqual(generated.map((event) => event.details.reason).sort(), ['first_factor', 'requested']);

      server.clock.advance(6 * 60_000);
      const stale = await call(server, user, 'POST', '/recovery-codes');
      assert.equal(stale.statusCode, 403);
      assert.equal(errorCode(stale), 'auth.step_up_required');
    });
  });
}
