import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, it } from 'node:test';
import type { AuthService } from '../../src/auth/auth-service.ts';
import { AppError } from '../../src/errors.ts';
import { hashToken } from '../../src/platform/opaque-tokens.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { readJson } from '../../src/storage/codec.ts';
import type { User } from '../../src/users/user.ts';
import { dialects } from '../support/databases.ts';
import { operator, rejectsWith } from '../support/fixtures.ts';
import { perSuite } from '../support/suite.ts';
import { authFixture, eventsOfType, origin, PASSWORD, readWhileSigning, sessionRow, watchSigning } from './fixtures.ts';

/** The default `tokens.refresh_reuse_interval_seconds`: a spent token is reuse from then on. */
const REUSE_INTERVAL_MS = 5_000;

for (const dialect of dialects) {
  describe(`refresh and logout on ${dialect}`, () => {
    const f = perSuite(() => authFixture(dialect));
    let realm: Realm;
    let user: User;
    before(async () => ({ realm, user } = await f.realmWithUser({ username: 'ada' })));

    const reuseEvents = async (sessionId: string, target = realm) =>
      (await eventsOfType(f, target.id, 'session.refresh_reused')).filter((e) => readJson<{ session_id: string }>(e.details).session_id === sessionId);

    const login = async (target = realm, identifier = 'ada') => {
      const result = await f.login(target, { identifier, password: PASSWORD }, origin);
      return { ...result, refresh_token: result.refresh_token ?? assert.fail('managed logins return a refresh token'), session_id: result.session_id ?? '' };
    };

    it('rotates the refresh token on every use and keeps the session', async () => {
      const first = await login();
      f.clock.advance(60_000);
      const second = await f.auth.refresh(realm, first.refresh_token, origin);
      assert.equal(second.session_id, first.session_id);
      assert.notEqual(second.refresh_token, first.refresh_token);
      assert.notEqual(second.access_token, first.access_token);
      assert.equal(second.expires_in, 15 * 60);
      assert.equal((await f.auth.validate(realm, second.access_token)).sessionId, first.session_id);
      assert.equal(Number((await sessionRow(f, first.session_id)).last_used_at), f.clock.now());
      const third = await f.auth.refresh(realm, second.refresh_token ?? '', origin);
      assert.equal(third.session_id, first.session_id);
      // The session holds its current token's generation and hash, never a token itself.
      const stored = await sessionRow(f, first.session_id);
      assert.equal(stored.refresh_generation, 2);
      assert.equal(stored.refresh_hash, hashToken(third.refresh_token ?? ''));
      for (const token of [first.refresh_token, second.refresh_token, third.refresh_token]) {
        const secret = (token ?? '').split('.')[2];
        assert.ok(!JSON.stringify(stored).includes(secret), 'no clear token or secret is stored');
      }
      assert.equal((await f.db.selectFrom('one_time_tokens').select('token_hash').where('subject', '=', first.session_id).execute()).length, 0);
    });

    it('issues tokens naming the session and generation, with 256-bit secrets', async () => {
      const first = await login();
      const [prefix, generation, secret, mac] = first.refresh_token.split('.');
      assert.equal(prefix, `krt_${first.session_id}`);
      assert.equal(generation, '0');
      assert.equal(Buffer.from(secret, 'base64url').length, 32);
      assert.equal(Buffer.from(mac, 'base64url').length, 32);
      const second = await f.auth.refresh(realm, first.refresh_token, origin);
      assert.equal((second.refresh_token ?? '').split('.')[1], '1');
    });

    it('refuses a forged mac, even for a session whose id is public, without ending anything', async () => {
      const first = await login();
      const second = await f.auth.refresh(realm, first.refresh_token, origin);
      const [head, generation, secret] = first.refresh_token.split('.');
      // Someone who knows the session id (access tokens carry it) makes a "spent" generation-0 token.
      const forgeries = [
        `${head}.${generation}.${secret}.${'A'.repeat(43)}`,
        `krt_${first.session_id}.0.${randomBytes(32).toString('base64url')}.${randomBytes(32).toString('base64url')}`,
      ];
      for (const forged of forgeries) {
        await rejectsWith(f.auth.refresh(realm, forged, origin), 'auth.invalid_refresh_token');
        await rejectsWith(f.auth.logout(realm, { refreshToken: forged }, origin), 'auth.invalid_refresh_token');
      }
      assert.equal((await sessionRow(f, first.session_id)).revoked_at, null);
      assert.equal((await reuseEvents(first.session_id)).length, 0);
      assert.ok(await f.auth.refresh(realm, second.refresh_token ?? '', origin), 'the holder keeps refreshing');
    });

    it('refuses a token whose generation was changed, without ending anything', async () => {
      const first = await login();
      const second = await f.auth.refresh(realm, first.refresh_token, origin);
      const [head, , secret, mac] = (second.refresh_token ?? '').split('.');
      for (const generation of ['0', '2', '01', '-1', '1e0']) {
        await rejectsWith(f.auth.refresh(realm, `${head}.${generation}.${secret}.${mac}`, origin), 'auth.invalid_refresh_token');
      }
      assert.equal((await sessionRow(f, first.session_id)).revoked_at, null);
      assert.equal((await reuseEvents(first.session_id)).length, 0);
      assert.ok(await f.auth.refresh(realm, second.refresh_token ?? '', origin));
    });

    it('a token moved onto another session is refused without ending either', async () => {
      const mine = await login();
      const theirs = await login();
      const [, ...rest] = mine.refresh_token.split('.');
      await rejectsWith(f.auth.refresh(realm, [`krt_${theirs.session_id}`, ...rest].join('.'), origin), 'auth.invalid_refresh_token');
      for (const session of [mine, theirs]) assert.equal((await sessionRow(f, session.session_id)).revoked_at, null);
    });

    it('detects reuse: an already used token ends the whole session and records an event', async () => {
      const first = await login();
      const second = await f.auth.refresh(realm, first.refresh_token, origin);
      f.clock.advance(REUSE_INTERVAL_MS);
      await rejectsWith(f.auth.refresh(realm, first.refresh_token, origin), 'auth.invalid_refresh_token');
      const session = await sessionRow(f, first.session_id);
      assert.equal(session.revoked_reason, 'refresh_reuse');
      // The legitimate holder's newer token and access token die with the session.
      await rejectsWith(f.auth.refresh(realm, second.refresh_token ?? '', origin), 'auth.invalid_refresh_token');
      await rejectsWith(f.auth.validate(realm, second.access_token), 'auth.invalid_token');
      const events = (await eventsOfType(f, realm.id, 'session.refresh_reused')).filter((e) => readJson<{ session_id: string }>(e.details).session_id === first.session_id);
      assert.ok(events.length >= 1);
      assert.equal(events[0].user_id, user.id);
      assert.deepEqual(readJson(events[0].details), { session_id: first.session_id, session_revoked: true });
      assert.ok(!JSON.stringify(events).includes(first.refresh_token));
    });

    it('logout with a spent token is reuse: the session ends and the token is refused', async () => {
      const first = await login();
      const second = await f.auth.refresh(realm, first.refresh_token, origin);
      f.clock.advance(REUSE_INTERVAL_MS);
      await rejectsWith(f.auth.logout(realm, { refreshToken: first.refresh_token }, origin), 'auth.invalid_refresh_token');
      assert.equal((await sessionRow(f, first.session_id)).revoked_reason, 'refresh_reuse');
      assert.equal((await reuseEvents(first.session_id)).length, 1);
      await rejectsWith(f.auth.refresh(realm, second.refresh_token ?? '', origin), 'auth.invalid_refresh_token');
    });

    it('with a reuse interval of 0, lets exactly one of ten concurrent refreshes with one token succeed', async () => {
      const strict = await f.realm({ tokens: { refresh_reuse_interval_seconds: 0 } });
      await f.user(strict, { username: 'ada' });
      const first = await login(strict);
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => f.auth.refresh(strict, first.refresh_token, origin)));
      const succeeded = results.filter((r) => r.status === 'fulfilled');
      assert.equal(succeeded.length, 1);
      for (const failure of results.filter((r) => r.status === 'rejected')) {
        assert.ok(failure.reason instanceof AppError && failure.reason.code === 'auth.invalid_refresh_token', String(failure.reason));
      }
      // The others presented a used token: that is reuse, so the session ended.
      assert.equal((await sessionRow(f, first.session_id)).revoked_reason, 'refresh_reuse');
      assert.ok((await reuseEvents(first.session_id, strict)).length >= 1);
    });

    it('refuses unknown, malformed and other realms\' refresh tokens without touching their sessions', async () => {
      const first = await login();
      const other = await f.realm();
      await f.user(other, { username: 'ada' });
      for (const token of ['', 'krt_', 'nonsense', `krt_${'A'.repeat(43)}`, first.refresh_token.slice(0, -1), `${first.refresh_token}x`]) {
        await rejectsWith(f.auth.refresh(realm, token, origin), 'auth.invalid_refresh_token');
      }
      await rejectsWith(f.auth.refresh(other, first.refresh_token, origin), 'auth.invalid_refresh_token');
      assert.equal((await sessionRow(f, first.session_id)).revoked_at, null);
      const second = await f.auth.refresh(realm, first.refresh_token, origin);
      // Once spent in its own realm, it is still just refused in another: no reuse is recorded there.
      await rejectsWith(f.auth.refresh(other, first.refresh_token, origin), 'auth.invalid_refresh_token');
      assert.equal((await sessionRow(f, first.session_id)).revoked_at, null);
      assert.equal((await reuseEvents(first.session_id)).length, 0);
      assert.ok(await f.auth.refresh(realm, second.refresh_token ?? '', origin));
    });

    it('refuses refresh when the session expired, or the user was locked or deleted', async () => {
      const expiring = await login();
      f.clock.advance(7 * 86_400_000);
      await rejectsWith(f.auth.refresh(realm, expiring.refresh_token, origin), 'auth.invalid_refresh_token');

      const locked = await f.user(realm, { username: 'to-lock' });
      const lockedLogin = await login(realm, 'to-lock');
      await f.users.lock(realm, locked.id, null, operator);
      await rejectsWith(f.auth.refresh(realm, lockedLogin.refresh_token, origin), 'auth.invalid_refresh_token');
      await f.users.unlock(realm, locked.id, operator);
      // Unlocking does not bring the ended session back.
      await rejectsWith(f.auth.refresh(realm, lockedLogin.refresh_token, origin), 'auth.invalid_refresh_token');

      const deleted = await f.user(realm, { username: 'to-delete' });
      const deletedLogin = await login(realm, 'to-delete');
      await f.users.remove(realm, deleted.id, operator);
      await rejectsWith(f.auth.refresh(realm, deletedLogin.refresh_token, origin), 'auth.invalid_refresh_token');
    });

    it('makes the refreshed access token from the user as they are now, and refuses a user gone without their sessions ending', async () => {
      const changing = await f.user(realm, { username: 'changing' });
      const signedIn = await login(realm, 'changing');
      await f.users.update(realm, changing.id, { display_name: 'Now Renamed', custom: { plan: 'gold' } }, operator);
      const refreshed = await f.auth.refresh(realm, signedIn.refresh_token, origin);
      const claims = JSON.parse(Buffer.from(refreshed.access_token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
      assert.equal(claims.sub, changing.id);
      assert.equal(claims.name, 'Now Renamed');

      // A row marked deleted while its session still stands (not the service's way, which ends them).
      await f.db.updateTable('users').set({ deleted_at: f.clock.now() }).where('id', '=', changing.id).execute();
      await rejectsWith(f.auth.refresh(realm, refreshed.refresh_token ?? '', origin), 'auth.invalid_refresh_token');
    });

    it('has no refresh in unmanaged realms', async () => {
      const managed = await login();
      const unmanaged = await f.realm({ tokens: { session_type: 'unmanaged' } });
      await rejectsWith(f.auth.refresh(unmanaged, managed.refresh_token, origin), 'auth.invalid_refresh_token');
    });

    it('logout with the access token ends the session; refresh and validate fail after', async () => {
      const session = await login();
      await f.auth.logout(realm, { accessToken: session.access_token }, origin);
      assert.equal((await sessionRow(f, session.session_id)).revoked_reason, 'logout');
      await rejectsWith(f.auth.refresh(realm, session.refresh_token, origin), 'auth.invalid_refresh_token');
      await rejectsWith(f.auth.validate(realm, session.access_token), 'auth.invalid_token');
      // Idempotent: ending it again is fine and records nothing more.
      await f.auth.logout(realm, { accessToken: session.access_token }, origin);
      const logouts = (await eventsOfType(f, realm.id, 'user.logout')).filter((e) => readJson<{ session_id: string }>(e.details).session_id === session.session_id);
      assert.equal(logouts.length, 1);
      assert.equal(logouts[0].user_id, user.id);
    });

    it('logout with the refresh token ends the session', async () => {
      const session = await login();
      await f.auth.logout(realm, { refreshToken: session.refresh_token }, origin);
      await rejectsWith(f.auth.validate(realm, session.access_token), 'auth.invalid_token');
      await rejectsWith(f.auth.refresh(realm, session.refresh_token, origin), 'auth.invalid_refresh_token');
      await f.auth.logout(realm, { refreshToken: session.refresh_token }, origin);
    });

    it('logout refuses bad tokens and tokens of another realm, leaving sessions alone', async () => {
      const session = await login();
      const other = await f.realm();
      await rejectsWith(f.auth.logout(realm, { accessToken: 'garbage' }, origin), 'auth.invalid_token');
      await rejectsWith(f.auth.logout(realm, { refreshToken: `krt_${'B'.repeat(43)}` }, origin), 'auth.invalid_refresh_token');
      await rejectsWith(f.auth.logout(other, { accessToken: session.access_token }, origin), 'auth.invalid_token');
      await rejectsWith(f.auth.logout(other, { refreshToken: session.refresh_token }, origin), 'auth.invalid_refresh_token');
      assert.equal((await sessionRow(f, session.session_id)).revoked_at, null);
    });

    it('logout of an unmanaged token has nothing to end', async () => {
      const unmanaged = await f.realm({ tokens: { session_type: 'unmanaged' } });
      await f.user(unmanaged, { username: 'free' });
      const result = await f.login(unmanaged, { identifier: 'free', password: PASSWORD }, origin);
      await f.auth.logout(unmanaged, { accessToken: result.access_token }, origin);
      assert.equal((await f.auth.validate(unmanaged, result.access_token)).sessionId, null);
    });
  });

  describe(`refresh signs with no transaction open on ${dialect}`, () => {
    const f = perSuite(() => authFixture(dialect));
    let realm: Realm;
    let refresher: AuthService;
    let failSigning = false;
    /** Each signature's view of the session's refresh generation, read through the shared database handle. */
    const seenWhileSigning: number[] = [];

    async function generation(sessionId: string): Promise<number> {
      const read = f.db.selectFrom('sessions').select('refresh_generation').where('id', '=', sessionId).executeTakeFirstOrThrow();
      return Number((await readWhileSigning(read)).refresh_generation);
    }

    before(async () => {
      ({ realm } = await f.realmWithUser({ username: 'ada' }));
      // Another service over the same database, so only refreshes are watched; logins go through f.auth.
      refresher = f.authService({
        wrapAccessTokens: watchSigning(async (_realm, _user, session) => {
          if (session) seenWhileSigning.push(await generation(session.id));
          if (failSigning) throw new Error('signing failed');
        }),
      });
    });

    const login = async () => {
      const result = await f.login(realm, { identifier: 'ada', password: PASSWORD }, origin);
      return { refreshToken: result.refresh_token ?? assert.fail('managed logins return a refresh token'), sessionId: result.session_id ?? '' };
    };

    it('signs after the one statement that rotates the token, with no transaction open', async () => {
      const { refreshToken, sessionId } = await login();
      seenWhileSigning.length = 0;
      const refreshed = await refresher.refresh(realm, refreshToken, origin);
      assert.deepEqual(seenWhileSigning, [1]);
      assert.equal((await refresher.validate(realm, refreshed.access_token)).sessionId, sessionId);
      assert.equal(await generation(sessionId), 1);
    });

    it('a signing failure puts the presented refresh token back: the session stays live and a retry works', async () => {
      const { refreshToken, sessionId } = await login();
      failSigning = true;
      try {
        await assert.rejects(refresher.refresh(realm, refreshToken, origin), /signing failed/);
      } finally {
        failSigning = false;
      }
      assert.equal(await generation(sessionId), 0);
      assert.equal((await sessionRow(f, sessionId)).revoked_at, null);
      assert.ok(await refresher.refresh(realm, refreshToken, origin));
      assert.equal((await eventsOfType(f, realm.id, 'session.refresh_reused')).length, 0);
    });

    it('undoing a failed rotation forgets the rotation: the token before the restored one is reuse, not a retry', async () => {
      const { refreshToken: first, sessionId } = await login();
      const second = (await refresher.refresh(realm, first, origin)).refresh_token ?? assert.fail('refreshes return a refresh token');
      f.clock.advance(1_000);
      failSigning = true;
      try {
        await assert.rejects(refresher.refresh(realm, second, origin), /signing failed/);
      } finally {
        failSigning = false;
      }
      const restored = await sessionRow(f, sessionId);
      assert.deepEqual([Number(restored.refresh_generation), restored.refresh_rotated_at, restored.refresh_origin_hash], [1, null, null]);
      // Within the interval of the first refresh, but its rotation was forgotten: the first token is long spent.
      await rejectsWith(refresher.refresh(realm, first, origin), 'auth.invalid_refresh_token');
      assert.equal((await sessionRow(f, sessionId)).revoked_reason, 'refresh_reuse');
      assert.equal((await eventsOfType(f, realm.id, 'session.refresh_retried')).length, 0);
    });

    it('signs nothing for a session already ended, and still refuses', async () => {
      const { refreshToken, sessionId } = await login();
      await f.auth.logout(realm, { refreshToken }, origin);
      seenWhileSigning.length = 0;
      await rejectsWith(refresher.refresh(realm, refreshToken, origin), 'auth.invalid_refresh_token');
      assert.deepEqual(seenWhileSigning, []);
      assert.equal((await sessionRow(f, sessionId)).revoked_reason, 'logout');
    });
  });
}
