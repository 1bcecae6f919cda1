import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { activeHotp, activeTotp, call, enrol, eventsOf, newRealm, signedInUser, totpNow } from './mfa-fixtures.ts';

/** Listing, renaming and removing one's own factors; an operator's view and reset. */
for (const dialect of dialects) {
  describe(`managing second factors on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realm: Realm;
    let other: Realm;
    before(async () => {
      realm = await newRealm(server, 'Manage');
      other = await newRealm(server, 'Foreign');
    });

    it('lists factors oldest first without secrets, and renames one', async () => {
      const user = await signedInUser(server, realm);
      const totp = await activeTotp(server, user, { name: 'Phone' });
      server.clock.advance(1000);
      const hotp = await enrol(server, user, 'hotp', { name: 'Fob' });
      const list = await call(server, user, 'GET', '');
      assert.equal(list.statusCode, 200, list.body);
      const body = list.json();
      assert.deepEqual(body.items.map((f: { id: string; state: string }) => [f.id, f.state]), [[totp.id, 'active'], [hotp.id, 'pending']]);
      assert.deepEqual(Object.keys(body.items[0]).sort(), ['algorithm', 'confirmed_at', 'created_at', 'digits', 'id', 'last_used_at', 'name', 'period', 'state', 'type']);
      assert.equal(body.recovery_codes_left, 10);
      assert.ok(!list.body.includes(totp.secret) && !list.body.includes(hotp.secret));

      const renamed = await call(server, user, 'PATCH', `/${totp.id}`, { name: 'Old phone' });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.equal(renamed.json().name, 'Old phone');
      assert.equal((await call(server, user, 'GET', '')).json().items[0].name, 'Old phone');
      assert.equal((await eventsOf(server, realm, 'user.mfa_factor_renamed', user.id)).length, 1);
      for (const body of [{}, { name: '' }, { name: 'ok', extra: 1 }, { name: 7 }]) {
        assert.equal((await call(server, user, 'PATCH', `/${totp.id}`, body)).statusCode, 400, JSON.stringify(body));
      }
      assert.equal((await call(server, user, 'GET', '?extra=1')).statusCode, 400);
    });

    it('removes a factor with a recent sign-in only; the last one takes the recovery codes with it', async () => {
      const user = await signedInUser(server, realm);
      const totp = await activeTotp(server, user);
      const hotp = await activeHotp(server, user);
      const first = await call(server, user, 'DELETE', `/${hotp.id}`);
      assert.equal(first.statusCode, 204, first.body);
      assert.equal((await call(server, user, 'GET', '')).json().recovery_codes_left, 10, 'a factor remains: codes stay');
      assert.equal((await call(server, user, 'DELETE', `/${hotp.id}`)).statusCode, 404);

      server.clock.advance(6 * 60_000);
      const stale = await call(server, user, 'DELETE', `/${totp.id}`);
      assert.equal(stale.statusCode, 403);
      assert.equal(errorCode(stale), 'auth.step_up_required');
      assert.equal((await call(server, user, 'GET', '')).json().items.length, 1);

      const fresh = await signedInUser(server, realm);
      await activeTotp(server, fresh);
      const [only] = (await call(server, fresh, 'GET', '')).json().items;
      assert.equal((await call(server, fresh, 'DELETE', `/${only.id}`)).statusCode, 204);
      const after = (await call(server, fresh, 'GET', '')).json();
      assert.deepEqual(after, { items: [], recovery_codes_left: 0 });
      const [removed] = await eventsOf(server, realm, 'user.mfa_factor_removed', fresh.id);
      assert.deepEqual(removed.details, { factor_id: only.id, type: 'totp', recovery_codes_removed: 10 });
      assert.deepEqual(await server.services.mfaVerifier.activeFactorTypes(realm.id, fresh.id), []);
    });

    it('never reaches another user’s factor, nor one of another realm: 404', async () => {
      const me = await signedInUser(server, realm);
      const them = await signedInUser(server, realm);
      const foreigner = await signedInUser(server, other);
      const theirs = await enrol(server, them, 'totp');
      const foreign = await enrol(server, foreigner, 'totp');
      for (const id of [theirs.id, foreign.id, 'fac_doesnotexist0000000000', 'x'.repeat(64)]) {
        for (const [method, path, body] of [
          ['POST', `/${id}/confirm`, { code: '123456' }],
          ['PATCH', `/${id}`, { name: 'Mine now' }],
          ['DELETE', `/${id}`, undefined],
        ] as const) {
          const response = await call(server, me, method, path, body);
          assert.equal(response.statusCode, 404, `${method} ${path}`);
          assert.equal(errorCode(response), 'mfa.factor_not_found');
        }
      }
      // Confirming with the right code of someone else's factor changes nothing either.
      assert.equal((await call(server, me, 'POST', `/${theirs.id}/confirm`, { code: totpNow(server, theirs) })).statusCode, 404);
      assert.equal((await call(server, them, 'GET', '')).json().items[0].state, 'pending');
      // A token of another realm does not work here.
      const crossRealm = await send(server, 'GET', `/realms/${realm.slug}/account/mfa`, undefined, bearer(foreigner.token));
      assert.equal(crossRealm.statusCode, 401);
    });

    it('lets operators see a user’s factors and reset them all (event user.mfa_reset)', async () => {
      const user = await signedInUser(server, realm);
      const totp = await activeTotp(server, user);
      const url = `/admin/v1/realms/${realm.slug}/users/${user.id}/mfa`;
      const seen = await send(server, 'GET', url, undefined, server.adminHeaders);
      assert.equal(seen.statusCode, 200, seen.body);
      assert.equal(seen.json().items[0].id, totp.id);
      assert.equal(seen.json().recovery_codes_left, 10);
      assert.ok(!seen.body.includes(totp.secret));

      const reset = await send(server, 'DELETE', url, undefined, server.adminHeaders);
      assert.equal(reset.statusCode, 204, reset.body);
      assert.deepEqual((await send(server, 'GET', url, undefined, server.adminHeaders)).json(), { items: [], recovery_codes_left: 0 });
      const [event] = await eventsOf(server, realm, 'user.mfa_reset', user.id);
      assert.deepEqual(event.details, { factors_removed: 1, recovery_codes_removed: 10 });
      assert.equal(event.actor.type, 'operator');
      assert.equal(await send(server, 'POST', `/realms/${realm.slug}/auth/check/mfa/totp`, { code: totpNow(server, totp) }, bearer(user.token)).then((r) => r.json().valid), false);

      for (const target of [`/admin/v1/realms/${other.slug}/users/${user.id}/mfa`, `/admin/v1/realms/${realm.slug}/users/usr_nobody/mfa`]) {
        for (const method of ['GET', 'DELETE'] as const) {
          const response = await send(server, method, target, undefined, server.adminHeaders);
          assert.equal(response.statusCode, 404, `${method} ${target}`);
          assert.equal(errorCode(response), 'user.not_found');
        }
      }
      assert.equal((await send(server, 'GET', url)).statusCode, 401);
      assert.equal((await send(server, 'DELETE', url, undefined, bearer(user.token))).statusCode, 401);
    });
  });
}
