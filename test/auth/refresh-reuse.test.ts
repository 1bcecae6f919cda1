import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { AppError } from '../../src/errors.ts';
import { hashToken } from '../../src/platform/opaque-tokens.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { readJson } from '../../src/storage/codec.ts';
import { dialects } from '../support/databases.ts';
import { operator, rejectsWith } from '../support/fixtures.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { perSuite } from '../support/suite.ts';
import { authFixture, eventsOfType, origin, PASSWORD, sessionRow } from './fixtures.ts';

/**
 * The refresh reuse interval (`tokens.refresh_reuse_interval_seconds`, default 5): a spent refresh
 * token presented again within it, right after its own refresh, gets the same successor; later, or
 * an older token, is reuse and ends the session.
 */
for (const dialect of dialects) {
  describe(`refresh reuse interval on ${dialect}`, () => {
    const f = perSuite(() => authFixture(dialect));
    let realm: Realm;
    before(async () => ({ realm } = await f.realmWithUser({ username: 'ada' })));

    const login = async (target = realm) => {
      const result = await f.login(target, { identifier: 'ada', password: PASSWORD }, origin);
      return { ...result, refresh_token: result.refresh_token ?? assert.fail('managed logins return a refresh token'), session_id: result.session_id ?? '' };
    };
    const refresh = async (token: string, target = realm) => {
      const result = await f.auth.refresh(target, token, origin);
      return { ...result, refresh_token: result.refresh_token ?? assert.fail('refreshes return a refresh token') };
    };
    const reuseEvents = async (sessionId: string, target = realm) =>
      (await eventsOfType(f, target.id, 'session.refresh_reused')).filter((e) => readJson<{ session_id: string }>(e.details).session_id === sessionId);
    async function realmWithInterval(seconds: number): Promise<Realm> {
      const created = await f.realm({ tokens: { refresh_reuse_interval_seconds: seconds } });
      await f.user(created, { username: 'ada' });
      return created;
    }

    it('two concurrent refreshes with one token both succeed with the same successor, and the session lives', async () => {
      const first = await login();
      const [a, b] = await Promise.all([refresh(first.refresh_token), refresh(first.refresh_token)]);
      assert.equal(a.refresh_token, b.refresh_token, 'one successor, whoever won');
      assert.deepEqual([a.session_id, b.session_id], [first.session_id, first.session_id]);
      for (const tokens of [a, b]) assert.equal((await f.auth.validate(realm, tokens.access_token)).sessionId, first.session_id);
      const stored = await sessionRow(f, first.session_id);
      assert.deepEqual([stored.revoked_at, stored.refresh_generation, stored.refresh_hash], [null, 1, hashToken(a.refresh_token)]);
      assert.equal((await reuseEvents(first.session_id)).length, 0);
      // The successor moves on as usual.
      const next = await refresh(a.refresh_token);
      assert.equal(next.session_id, first.session_id);
    });

    it('ten concurrent refreshes with one token all get the one successor', async () => {
      const first = await login();
      const results = await Promise.all(Array.from({ length: 10 }, () => refresh(first.refresh_token)));
      assert.equal(new Set(results.map((r) => r.refresh_token)).size, 1);
      assert.equal((await sessionRow(f, first.session_id)).revoked_at, null);
    });

    it('answers a retry until the interval ends; the same token after it ends the session', async () => {
      const first = await login();
      const second = await refresh(first.refresh_token);
      f.clock.advance(4_999);
      assert.equal((await refresh(first.refresh_token)).refresh_token, second.refresh_token);
      // A retry writes nothing: the interval still counts from the refresh itself.
      assert.equal(Number((await sessionRow(f, first.session_id)).refresh_rotated_at), f.clock.now() - 4_999);
      f.clock.advance(1);
      await rejectsWith(f.auth.refresh(realm, first.refresh_token, origin), 'auth.invalid_refresh_token');
      assert.equal((await sessionRow(f, first.session_id)).revoked_reason, 'refresh_reuse');
      assert.equal((await reuseEvents(first.session_id)).length, 1);
      // The winner's tokens die with the session.
      await rejectsWith(f.auth.refresh(realm, second.refresh_token, origin), 'auth.invalid_refresh_token');
      await rejectsWith(f.auth.validate(realm, second.access_token), 'auth.invalid_token');
    });

    it('serves only the token just replaced: an older one is reuse even within the interval', async () => {
      const first = await login();
      const second = await refresh(first.refresh_token);
      await refresh(second.refresh_token);
      await rejectsWith(f.auth.refresh(realm, first.refresh_token, origin), 'auth.invalid_refresh_token');
      assert.equal((await sessionRow(f, first.session_id)).revoked_reason, 'refresh_reuse');
    });

    it('with an interval of 0 the second use of a token ends the session at once, as before', async () => {
      const strict = await realmWithInterval(0);
      const first = await login(strict);
      const results = await Promise.allSettled([refresh(first.refresh_token, strict), refresh(first.refresh_token, strict)]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const refused = results.find((r) => r.status === 'rejected');
      assert.ok(refused?.reason instanceof AppError && refused.reason.code === 'auth.invalid_refresh_token', String(refused?.reason));
      assert.equal((await sessionRow(f, first.session_id)).revoked_reason, 'refresh_reuse');
      assert.equal((await reuseEvents(first.session_id, strict)).length, 1);
    });

    it('follows the realm\'s own interval, up to 60 seconds', async () => {
      const patient = await realmWithInterval(60);
      const first = await login(patient);
      const second = await refresh(first.refresh_token, patient);
      f.clock.advance(59_999);
      assert.equal((await refresh(first.refresh_token, patient)).refresh_token, second.refresh_token);
      f.clock.advance(1);
      await rejectsWith(f.auth.refresh(patient, first.refresh_token, origin), 'auth.invalid_refresh_token');
      assert.equal((await sessionRow(f, first.session_id)).revoked_reason, 'refresh_reuse');
    });

    it('a retry is refused once the session has ended, and is not taken for reuse', async () => {
      const first = await login();
      const second = await refresh(first.refresh_token);
      await f.auth.logout(realm, { accessToken: second.access_token }, origin);
      await rejectsWith(f.auth.refresh(realm, first.refresh_token, origin), 'auth.invalid_refresh_token');
      assert.equal((await sessionRow(f, first.session_id)).revoked_reason, 'logout');
      assert.equal((await reuseEvents(first.session_id)).length, 0);
    });

    it('logout with the token just replaced is a logout; later it is reuse', async () => {
      const quick = await login();
      await refresh(quick.refresh_token);
      await f.auth.logout(realm, { refreshToken: quick.refresh_token }, origin);
      assert.equal((await sessionRow(f, quick.session_id)).revoked_reason, 'logout');
      assert.equal((await reuseEvents(quick.session_id)).length, 0);
      // Recorded as made with the token just replaced; a logout with the current token says nothing of the kind.
      const logoutOf = async (sessionId: string) =>
        (await eventsOfType(f, realm.id, 'user.logout')).map((e) => readJson<{ session_id: string; refresh_token?: string }>(e.details)).find((d) => d.session_id === sessionId);
      assert.deepEqual(await logoutOf(quick.session_id), { session_id: quick.session_id, refresh_token: 'just_replaced' });
      const plain = await login();
      await f.auth.logout(realm, { refreshToken: plain.refresh_token }, origin);
      assert.deepEqual(await logoutOf(plain.session_id), { session_id: plain.session_id });

      const late = await login();
      await refresh(late.refresh_token);
      f.clock.advance(5_000);
      await rejectsWith(f.auth.logout(realm, { refreshToken: late.refresh_token }, origin), 'auth.invalid_refresh_token');
      assert.equal((await sessionRow(f, late.session_id)).revoked_reason, 'refresh_reuse');
    });

    it('serves a retry only from the origin of the refresh: another IP or User-Agent is reuse and ends the session', async () => {
      for (const elsewhere of [{ ...origin, ip: '198.51.100.7' }, { ...origin, userAgent: 'thief/1.0' }, { ip: null, userAgent: null }]) {
        const first = await login();
        const second = await refresh(first.refresh_token);
        f.clock.advance(1_000);
        await rejectsWith(f.auth.refresh(realm, first.refresh_token, elsewhere), 'auth.invalid_refresh_token');
        assert.equal((await sessionRow(f, first.session_id)).revoked_reason, 'refresh_reuse', JSON.stringify(elsewhere));
        const [reused] = await reuseEvents(first.session_id);
        assert.deepEqual([reused.ip, reused.user_agent], [elsewhere.ip, elsewhere.userAgent]);
        // The holder's tokens die with the session, and so does the thief's replay from the holder's own origin.
        await rejectsWith(f.auth.validate(realm, second.access_token), 'auth.invalid_token');
        await rejectsWith(f.auth.refresh(realm, first.refresh_token, origin), 'auth.invalid_refresh_token');
      }
    });

    it('records every retry it serves, with the retry\'s origin; the rotation\'s origin is kept only as a keyed hash', async () => {
      const first = await login();
      await refresh(first.refresh_token);
      await refresh(first.refresh_token);
      const retried = (await eventsOfType(f, realm.id, 'session.refresh_retried')).filter((e) => readJson<{ session_id: string }>(e.details).session_id === first.session_id);
      assert.equal(retried.length, 1);
      assert.deepEqual([retried[0].ip, retried[0].user_agent, retried[0].user_id], [origin.ip, origin.userAgent, (await sessionRow(f, first.session_id)).user_id]);
      const stored = await sessionRow(f, first.session_id);
      assert.match(stored.refresh_origin_hash ?? '', /^[A-Za-z0-9_-]{43}$/);
      // A plain hash of the origin would let a reader of the row test guesses; it is keyed.
      for (const plain of [JSON.stringify([realm.id, first.session_id, origin.ip, origin.userAgent]), `${origin.ip}${origin.userAgent}`])
        assert.notEqual(stored.refresh_origin_hash, createHash('sha256').update(plain).digest('base64url'));
    });

    it('a rotation from a new origin moves the binding: retries are served to that origin only', async () => {
      const moved = { ip: '203.0.113.5', userAgent: 'phone' };
      const first = await login();
      const second = await refresh(first.refresh_token);
      const third = await f.auth.refresh(realm, second.refresh_token, moved);
      assert.equal((await f.auth.refresh(realm, second.refresh_token, moved)).refresh_token, third.refresh_token);
      await rejectsWith(f.auth.refresh(realm, second.refresh_token, origin), 'auth.invalid_refresh_token');
      assert.equal((await sessionRow(f, first.session_id)).revoked_reason, 'refresh_reuse');
    });

    it('logout with the token just replaced, from another origin, is reuse: the session ends as reuse and the logout is refused', async () => {
      const first = await login();
      await refresh(first.refresh_token);
      await rejectsWith(f.auth.logout(realm, { refreshToken: first.refresh_token }, { ...origin, ip: '198.51.100.7' }), 'auth.invalid_refresh_token');
      assert.equal((await sessionRow(f, first.session_id)).revoked_reason, 'refresh_reuse');
      assert.equal((await reuseEvents(first.session_id)).length, 1);
      const logouts = (await eventsOfType(f, realm.id, 'user.logout')).filter((e) => readJson<{ session_id: string }>(e.details).session_id === first.session_id);
      assert.equal(logouts.length, 0);
    });

    it('stores no token: the successor is derived again from the presented one, and only the current hash is kept', async () => {
      const first = await login();
      const second = await refresh(first.refresh_token);
      const stored = JSON.stringify(await sessionRow(f, first.session_id));
      for (const token of [first.refresh_token, second.refresh_token]) assert.ok(!stored.includes(token.split('.')[2]), 'no secret is stored');
      // The successor's secret is new 256-bit material, not the predecessor's.
      const [, generation, secret] = second.refresh_token.split('.');
      assert.equal(generation, '1');
      assert.equal(Buffer.from(secret, 'base64url').length, 32);
      assert.notEqual(secret, first.refresh_token.split('.')[2]);
      // Another session's successors are its own.
      const other = await login();
      assert.notEqual((await refresh(other.refresh_token)).refresh_token.split('.')[2], secret);
    });

    it('refuses intervals outside 0-60 seconds', async () => {
      for (const seconds of [-1, 61, 1.5]) {
        const error = await rejectsWith(f.realms.update(realm.id, { tokens: { refresh_reuse_interval_seconds: seconds } }, operator), 'realm.invalid_settings');
        assert.deepEqual(error.details?.map((d) => d.field), ['tokens.refresh_reuse_interval_seconds']);
      }
    });
  });

  describe(`refresh reuse interval through the API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });

    it('is a realm token setting: shown, changed and checked by the admin API, and used by refresh', async () => {
      const created = await send(server, 'POST', '/admin/v1/realms', { name: 'Tabs', slug: 'tabs' }, server.adminHeaders);
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().tokens.refresh_reuse_interval_seconds, 5);
      for (const bad of [61, -1, '5', 2.5]) {
        const refused = await send(server, 'PATCH', '/admin/v1/realms/tabs', { tokens: { refresh_reuse_interval_seconds: bad } }, server.adminHeaders);
        assert.equal(refused.statusCode, 400, JSON.stringify(bad));
        assert.equal(errorCode(refused), 'request.validation_failed');
      }
      const changed = await send(server, 'PATCH', '/admin/v1/realms/tabs', { tokens: { refresh_reuse_interval_seconds: 0 } }, server.adminHeaders);
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal(changed.json().tokens.refresh_reuse_interval_seconds, 0);
      await send(server, 'POST', '/admin/v1/realms/tabs/users', { username: 'ada', password: PASSWORD }, server.adminHeaders);
      const signedIn = (await send(server, 'POST', '/realms/tabs/auth/login', { identifier: 'ada', password: PASSWORD })).json();
      assert.equal((await send(server, 'POST', '/realms/tabs/auth/refresh', { refresh_token: signedIn.refresh_token })).statusCode, 200);
      // With the grace off, a second use at once ends the session.
      assert.equal((await send(server, 'POST', '/realms/tabs/auth/refresh', { refresh_token: signedIn.refresh_token })).statusCode, 401);
      assert.equal((await send(server, 'GET', '/realms/tabs/auth/validate', undefined, bearer(signedIn.access_token))).statusCode, 401);
    });
  });
}
