import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { systemActor } from '../../src/events/event-log.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, serverPerSuite } from '../support/server.ts';
import { activeTotp, call as mfaCall } from '../mfa/mfa-fixtures.ts';
import { call, eventsOf, holder, passkeyRealm, refreshSignIn, register } from './passkey-fixtures.ts';
import { readJson, writeJson } from '../../src/storage/codec.ts';

/** Listing, renaming and removing one's own passkeys; an operator's view and removal. */
for (const dialect of dialects) {
  describe(`managing passkeys on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realm: Realm;
    let other: Realm;
    before(async () => {
      realm = await passkeyRealm(server);
      other = await passkeyRealm(server);
      await server.services.operators.create({ email: 'reader@example.com', password: 'operator password', grants: [{ permission: 'read' }] }, systemActor);
    });

    const operatorHeaders = async (email: string, password: string) => bearer((await server.login('admin', email, password)).access_token);

    it('lists passkeys oldest first with public data only, and renames one', async () => {
      const who = await holder(server, realm);
      const first = await register(server, who, undefined, 'Laptop');
      server.clock.advance(1000);
      const second = await register(server, who, undefined, 'Phone');
      const list = await call(server, who, 'GET', '');
      assert.equal(list.statusCode, 200, list.body);
      assert.deepEqual(list.json().items.map((p: { id: string }) => p.id), [first.id, second.id]);
      assert.deepEqual(Object.keys(list.json().items[0]).sort(), ['aaguid', 'backed_up', 'created_at', 'credential_id', 'device_type', 'id', 'last_used_at', 'name', 'transports']);
      assert.equal((await call(server, who, 'GET', '?extra=1')).statusCode, 400);

      const renamed = await call(server, who, 'PATCH', `/${first.id}`, { name: '  Work laptop ' });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.equal(renamed.json().name, 'Work laptop');
      assert.equal((await call(server, who, 'GET', '')).json().items[0].name, 'Work laptop');
      const [event] = await eventsOf(server, realm, 'passkey.renamed', who.id);
      assert.deepEqual(event.details, { passkey_id: first.id });
      for (const body of [{}, { name: '' }, { name: 'ok', extra: 1 }, { name: 7 }, { name: 'x'.repeat(65) }]) {
        const response = await call(server, who, 'PATCH', `/${first.id}`, body);
        assert.equal(response.statusCode, 400, JSON.stringify(body));
        assert.equal(errorCode(response), 'request.validation_failed');
      }
    });

    it('removes a passkey with a recent sign-in only', async () => {
      const who = await holder(server, realm);
      const passkey = await register(server, who);
      server.clock.advance(6 * 60_000);
      const stale = await call(server, who, 'DELETE', `/${passkey.id}`);
      assert.equal(stale.statusCode, 403);
      assert.equal(errorCode(stale), 'auth.step_up_required');
      assert.equal((await call(server, who, 'GET', '')).json().items.length, 1);

      const fresh = await refreshSignIn(server, who);
      assert.equal((await call(server, fresh, 'DELETE', `/${passkey.id}`)).statusCode, 204);
      assert.deepEqual((await call(server, fresh, 'GET', '')).json().items, []);
      assert.equal(errorCode(await call(server, fresh, 'DELETE', `/${passkey.id}`)), 'passkey.not_found');
      const [event] = await eventsOf(server, realm, 'passkey.removed', who.id);
      assert.deepEqual([event.actor, event.details], [{ type: 'user', id: who.id }, { passkey_id: passkey.id, recovery_codes_removed: 0 }]);
    });

    it('keeps the recovery codes when the last TOTP factor goes while a passkey remains', async () => {
      const who = await holder(server, realm);
      await register(server, who);
      const totp = await activeTotp(server, who);
      assert.equal(totp.recovery_codes?.length, 10);
      assert.equal((await mfaCall(server, who, 'DELETE', `/${totp.id}`)).statusCode, 204);
      const left = await mfaCall(server, who, 'GET', '');
      assert.deepEqual([left.json().items, left.json().recovery_codes_left], [[], 10]);
    });

    it('removes the recovery codes with the last passkey when no TOTP/HOTP factor is left, by the owner or an operator', async () => {
      const admin = await operatorHeaders(ADMIN_EMAIL, ADMIN_PASSWORD);
      for (const by of ['owner', 'operator'] as const) {
        const who = await holder(server, realm);
        const [first, second] = [await register(server, who), await register(server, who)];
        const totp = await activeTotp(server, who);
        const removePasskey = (id: string) =>
          by === 'owner' ? call(server, who, 'DELETE', `/${id}`) : send(server, 'DELETE', `/admin/v1/realms/${realm.slug}/users/${who.id}/passkeys/${id}`, undefined, admin);
        const codesLeft = async () => (await mfaCall(server, who, 'GET', '')).json().recovery_codes_left;
        assert.equal((await removePasskey(first.id)).statusCode, 204);
        assert.equal(await codesLeft(), 10, 'another passkey and the TOTP factor remain');
        assert.equal((await mfaCall(server, who, 'DELETE', `/${totp.id}`)).statusCode, 204);
        assert.equal(await codesLeft(), 10, 'a passkey remains');
        assert.equal((await removePasskey(second.id)).statusCode, 204);
        assert.equal(await codesLeft(), 0, `${by}: no strong factor is left, so the codes go too`);
        const removals = (await eventsOf(server, realm, 'passkey.removed', who.id)).map((event) => event.details);
        assert.deepEqual(new Set(removals), new Set([{ passkey_id: first.id, recovery_codes_removed: 0 }, { passkey_id: second.id, recovery_codes_removed: 10 }]));
      }
    });

    it('keeps the recovery codes when the last passkey goes while a TOTP factor remains', async () => {
      const who = await holder(server, realm);
      const passkey = await register(server, who);
      await activeTotp(server, who);
      assert.equal((await call(server, who, 'DELETE', `/${passkey.id}`)).statusCode, 204);
      assert.equal((await mfaCall(server, who, 'GET', '')).json().recovery_codes_left, 10);
    });

    it('forgets a deleted user’s passkeys, authenticators and recovery codes', async () => {
      const who = await holder(server, realm);
      await register(server, who);
      await activeTotp(server, who);
      const rows = async () => {
        const db = server.database.db;
        const count = async (table: 'webauthn_credentials' | 'user_factors' | 'recovery_codes') =>
          (await db.selectFrom(table).select('user_id').where('realm_id', '=', realm.id).where('user_id', '=', who.id).execute()).length;
        return [await count('webauthn_credentials'), await count('user_factors'), await count('recovery_codes')];
      };
      assert.deepEqual(await rows(), [1, 1, 10]);
      const admin = await operatorHeaders(ADMIN_EMAIL, ADMIN_PASSWORD);
      assert.equal((await send(server, 'DELETE', `/admin/v1/realms/${realm.slug}/users/${who.id}`, undefined, admin)).statusCode, 204);
      assert.deepEqual(await rows(), [0, 0, 0]);
    });

    it("answers 404 for another user's, another realm's and unknown passkey ids", async () => {
      const owner = await holder(server, realm, 'owner');
      const passkey = await register(server, owner);
      const neighbour = await holder(server, realm, 'neighbour');
      const foreigner = await holder(server, other, 'foreigner');
      const foreignKey = await register(server, foreigner);
      for (const [who, id] of [[neighbour, passkey.id], [owner, foreignKey.id], [owner, 'pk_nothing']] as const) {
        for (const [method, body] of [['PATCH', { name: 'Mine now' }], ['DELETE', undefined]] as const) {
          const response = await call(server, who, method, `/${id}`, body);
          assert.equal(response.statusCode, 404, `${method} ${id}`);
          assert.equal(errorCode(response), 'passkey.not_found');
        }
      }
      assert.equal((await call(server, owner, 'GET', '')).json().items[0].name, passkey.name);
      // A token of another realm does not work here.
      const crossRealm = await send(server, 'GET', `/realms/${realm.slug}/account/passkeys`, undefined, bearer(foreigner.token));
      assert.equal(crossRealm.statusCode, 401);
    });

    it('starts a registration without any body at all', async () => {
      const who = await holder(server, realm);
      const response = await server.app.inject({ method: 'POST', url: `/realms/${realm.slug}/account/passkeys/registration/options`, headers: bearer(who.token) });
      assert.equal(response.statusCode, 200, response.body);
    });

    it("lets operators see a user's passkeys (realm.read) and remove one (realm.manage)", async () => {
      const who = await holder(server, realm);
      const passkey = await register(server, who);
      const admin = await operatorHeaders(ADMIN_EMAIL, ADMIN_PASSWORD);
      const reader = await operatorHeaders('reader@example.com', 'operator password');
      const list = `/admin/v1/realms/${realm.slug}/users/${who.id}/passkeys`;
      const seen = await send(server, 'GET', list, undefined, reader);
      assert.equal(seen.statusCode, 200, seen.body);
      assert.deepEqual(seen.json().items.map((p: { id: string }) => p.id), [passkey.id]);

      const one = `${list}/${passkey.id}`;
      assert.equal((await send(server, 'DELETE', one, undefined, reader)).statusCode, 403);
      assert.equal((await send(server, 'DELETE', one, undefined, admin)).statusCode, 204);
      assert.deepEqual((await send(server, 'GET', list, undefined, admin)).json().items, []);
      const [event] = await eventsOf(server, realm, 'passkey.removed', who.id);
      assert.equal(event.actor.type, 'operator');
      assert.equal(event.user_id, who.id);
      assert.equal(errorCode(await send(server, 'DELETE', one, undefined, admin)), 'passkey.not_found');

      for (const target of [`/admin/v1/realms/${other.slug}/users/${who.id}/passkeys`, `/admin/v1/realms/${realm.slug}/users/usr_nobody/passkeys`]) {
        for (const [method, url] of [['GET', target], ['DELETE', `${target}/${passkey.id}`]] as const) {
          const response = await send(server, method, url, undefined, admin);
          assert.equal(response.statusCode, 404, `${method} ${url}`);
          assert.equal(errorCode(response), 'user.not_found');
        }
      }
      assert.equal((await send(server, 'GET', list)).statusCode, 401);
      assert.equal((await send(server, 'GET', list, undefined, bearer(who.token))).statusCode, 401);
    });

    it('checks the realm settings: RP ID, origins on it, https, limits', async () => {
      const admin = await operatorHeaders(ADMIN_EMAIL, ADMIN_PASSWORD);
      const target = await passkeyRealm(server);
      const patch = (passkeys: unknown) => send(server, 'PATCH', `/admin/v1/realms/${target.slug}`, { passkeys }, admin);
      const fields = async (passkeys: unknown) => {
        const response = await patch(passkeys);
        assert.equal(response.statusCode, 400, response.body);
        return (response.json().error.details as { field: string }[]).map((d) => d.field);
      };
      assert.deepEqual(await fields({ rp_id: 'https://example.com' }), ['passkeys.rp_id']);
      assert.deepEqual(await fields({ rp_id: 'example.com', allowed_origins: ['https://example.com/login'] }), ['passkeys.allowed_origins.0']);
      assert.deepEqual(await fields({ rp_id: 'example.com', allowed_origins: ['https://example.org'] }), ['passkeys.allowed_origins.0']);
      assert.deepEqual(await fields({ rp_id: null, allowed_origins: ['http://example.com'] }), ['passkeys.allowed_origins.0']);
      assert.deepEqual(await fields({ allowed_origins: ['https://a.localhost', 'https://a.localhost'] }), ['passkeys.allowed_origins']);
      assert.deepEqual(await fields({ rp_name: '  ' }), ['passkeys.rp_name']);
      // Combinations that can never work: a top-level domain, origins off the server's host (the RP
      // ID when rp_id is null), an RP ID the server's origin (the one when allowed_origins is empty)
      // is not on. The server's public URL is http://keyrealm.test here.
      assert.deepEqual(await fields({ rp_id: 'com', allowed_origins: ['https://evil.com'] }), ['passkeys.rp_id']);
      assert.deepEqual(await fields({ rp_id: null, allowed_origins: ['https://evil.example'] }), ['passkeys.allowed_origins.0']);
      assert.deepEqual(await fields({ rp_id: 'example.com', allowed_origins: [] }), ['passkeys.rp_id']);
      const created = await send(server, 'POST', '/admin/v1/realms', { name: 'Never works', passkeys: { rp_id: null, allowed_origins: ['https://a.example'] } }, admin);
      assert.deepEqual([created.statusCode, errorCode(created)], [400, 'realm.invalid_settings']);
      for (const works of [{ rp_id: null, allowed_origins: ['https://app.keyrealm.test'] }, { rp_id: 'keyrealm.test', allowed_origins: [] }, { rp_id: null, allowed_origins: [] }]) {
        assert.equal((await patch(works)).statusCode, 200, JSON.stringify(works));
      }
      for (const bad of [{ user_verification: 'discouraged' }, { attestation: 'enterprise' }, { extra: 1 }, { allowed_origins: 'https://a.localhost' }]) {
        assert.equal(errorCode(await patch(bad)), 'request.validation_failed', JSON.stringify(bad));
      }
      const good = await patch({ rp_id: 'example.com', rp_name: 'Example', allowed_origins: ['https://example.com', 'https://app.example.com:8443'], attestation: 'direct' });
      assert.equal(good.statusCode, 200, good.body);
      assert.deepEqual(good.json().passkeys, { rp_id: 'example.com', rp_name: 'Example', allowed_origins: ['https://example.com', 'https://app.example.com:8443'], user_verification: 'preferred', attestation: 'direct' });

      // Stored before the public-URL check existed (as now: set while the server had another public
      // URL): the realm's other settings still change; only a change of its passkeys is checked.
      const stored = await server.database.db.selectFrom('realms').select('settings').where('id', '=', target.id).executeTakeFirstOrThrow();
      const settings = readJson<{ passkeys: object }>(stored.settings);
      settings.passkeys = { ...settings.passkeys, rp_id: null, allowed_origins: ['https://staging.example'] };
      await server.database.db.updateTable('realms').set({ settings: writeJson(settings) }).where('id', '=', target.id).execute();
      server.services.lookup.invalidate(target.id);
      const renamed = await send(server, 'PATCH', `/admin/v1/realms/${target.id}`, { name: 'Renamed with old passkey settings' }, admin);
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.deepEqual(await fields({ rp_name: 'Still checked' }), ['passkeys.allowed_origins.0']);
    });
  });
}
