import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import type { AuthLimits, AuthService } from '../../src/auth/auth-service.ts';
import { createRateLimiter, type RateLimiter } from '../../src/auth/rate-limiter.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { rejectsWith } from '../support/fixtures.ts';
import { authFixture, origin, PASSWORD, type AuthFixture } from './fixtures.ts';

const REDIS_URL = process.env.KEYREALM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('in-process rate limiter', () => {
  it('allows the limit in a window, then refuses with the time left', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ clock });
    for (let i = 0; i < 3; i++) assert.deepEqual(await limiter.hit('k', 3, 60_000), { allowed: true, retryAfterSeconds: 60 });
    clock.advance(20_500);
    assert.deepEqual(await limiter.hit('k', 3, 60_000), { allowed: false, retryAfterSeconds: 40 });
    assert.equal((await limiter.hit('other', 3, 60_000)).allowed, true, 'keys count apart');
    clock.advance(39_500);
    assert.deepEqual(await limiter.hit('k', 3, 60_000), { allowed: true, retryAfterSeconds: 60 }, 'a new window starts');
  });

  it('stays bounded under many keys, dropping the oldest windows first', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ clock, maxKeys: 100 });
    await limiter.hit('first', 1, 60_000);
    for (let i = 0; i < 1000; i++) await limiter.hit(`flood-${i}`, 1, 60_000);
    // The first key's window was dropped to make room, so it counts from one again.
    assert.equal((await limiter.hit('first', 1, 60_000)).allowed, true);
    assert.equal((await limiter.hit('flood-999', 1, 60_000)).allowed, false, 'recent windows are kept');
  });

  it('keeps an hour’s count through a flood of minute windows', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ clock, maxKeys: 100 });
    for (let i = 0; i < 3; i++) await limiter.hit('address-hour', 3, 3_600_000);
    for (let i = 0; i < 1000; i++) await limiter.hit(`flood-${i}`, 1, 60_000);
    clock.advance(120_000);
    for (let i = 1000; i < 2000; i++) await limiter.hit(`flood-${i}`, 1, 60_000);
    assert.deepEqual(await limiter.hit('address-hour', 3, 3_600_000), { allowed: false, retryAfterSeconds: 3480 }, 'still over its limit, as many seconds left');
  });
});

describe('Redis rate limiter', () => {
  let redis: Redis;
  const prefix = `keyrealm-test:${randomBytes(6).toString('hex')}:`;
  const clock = new FakeClock();

  before(() => {
    redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  });
  after(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('counts across instances sharing one Redis', async () => {
    const a = createRateLimiter({ clock, redis, prefix });
    const b = createRateLimiter({ clock, redis, prefix });
    assert.equal((await a.hit('shared', 3, 60_000)).allowed, true);
    assert.equal((await b.hit('shared', 3, 60_000)).allowed, true);
    assert.equal((await a.hit('shared', 3, 60_000)).allowed, true);
    const refused = await b.hit('shared', 3, 60_000);
    assert.equal(refused.allowed, false);
    assert.ok(refused.retryAfterSeconds > 0 && refused.retryAfterSeconds <= 60, String(refused.retryAfterSeconds));
    const ttl = await redis.pttl(`${prefix}shared`);
    assert.ok(ttl > 0 && ttl <= 60_000, 'the window expires on its own');
  });

  it('counts atomically under concurrency and starts a new window after expiry', async () => {
    const limiter = createRateLimiter({ clock, redis, prefix });
    const decisions = await Promise.all(Array.from({ length: 20 }, () => limiter.hit('burst', 5, 300)));
    assert.equal(decisions.filter((d) => d.allowed).length, 5);
    await sleep(350);
    assert.equal((await limiter.hit('burst', 5, 300)).allowed, true);
  });

  it('refuses with 503 when Redis cannot be reached rather than letting everything through', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    const limiter = createRateLimiter({ clock, redis: unreachable, prefix });
    await rejectsWith(limiter.hit('x', 1, 1000), 'service.unavailable');
    // What failed underneath is kept for the log (the error handler writes it at warn).
    await assert.rejects(limiter.hit('x', 1, 1000), (error: Error) => error.cause instanceof Error && /Stream isn't writeable|ECONNREFUSED|connect/i.test(error.cause.message));
    unreachable.disconnect();
  });
});

for (const dialect of dialects) {
  describe(`sign-in rate limits on ${dialect}`, () => {
    let redis: Redis;
    let f: AuthFixture;
    const prefix = `keyrealm-test:${randomBytes(6).toString('hex')}:`;

    before(async () => {
      redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
      f = await authFixture(dialect);
    });
    after(async () => {
      await f.dispose();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });

    /** An auth service with these limits, over a new realm with users ada and bob. */
    async function limited(limits: Partial<AuthLimits>, rateLimiter?: RateLimiter) {
      const auth = f.authService({ limits: { enabled: true, ...limits }, ...(rateLimiter ? { rateLimiter } : {}) });
      const realm = await f.realm();
      await f.user(realm, { username: 'ada' });
      await f.user(realm, { username: 'bob' });
      return { auth, realm };
    }

    const attempt = (auth: AuthService, realm: Realm, identifier: string, ip = origin.ip, password = PASSWORD) =>
      f.login(realm, { identifier, password }, { ...origin, ip }, auth);

    it('limits login per identifier (case-insensitively) whatever the IP, with retry-after', async () => {
      const { auth, realm } = await limited({ loginPerIdentifier: 2 });
      await rejectsWith(attempt(auth, realm, 'ada', '198.51.100.1', 'wrong'), 'auth.invalid_credentials');
      await attempt(auth, realm, 'ADA', '198.51.100.2');
      const error = await rejectsWith(attempt(auth, realm, 'ada', '198.51.100.3'), 'request.rate_limited');
      assert.equal(error.retryAfterSeconds, 60);
      await attempt(auth, realm, 'bob', '198.51.100.3');
      f.clock.advance(60_000);
      await attempt(auth, realm, 'ada', '198.51.100.3');
    });

    it('counts one identifier however it is typed', async () => {
      const { auth, realm } = await limited({ loginPerIdentifier: 3 });
      await f.user(realm, { mobile: '+44 20 7946 0001' });
      for (const [identifier, ip] of [[' Ada ', '198.51.100.1'], ['ADA', '198.51.100.2'], ['ada', '198.51.100.3']]) await attempt(auth, realm, identifier, ip);
      await rejectsWith(attempt(auth, realm, 'aDa', '198.51.100.4'), 'request.rate_limited');
      for (const [identifier, ip] of [['+442079460001', '198.51.100.5'], ['+44 20 7946 0001', '198.51.100.6'], ['+44-20-7946-0001', '198.51.100.7']]) await attempt(auth, realm, identifier, ip);
      await rejectsWith(attempt(auth, realm, '+44 (20) 7946.0001', '198.51.100.8'), 'request.rate_limited');
    });

    it('limits login per IP across identifiers', async () => {
      const { auth, realm } = await limited({ loginPerIp: 2 });
      await attempt(auth, realm, 'ada');
      await attempt(auth, realm, 'bob');
      await rejectsWith(attempt(auth, realm, 'ada'), 'request.rate_limited');
      await attempt(auth, realm, 'ada', '203.0.113.99');
    });

    it('limits refresh per IP', async () => {
      const { auth, realm } = await limited({ refreshPerIp: 1 });
      const { refresh_token } = await attempt(auth, realm, 'ada');
      const next = await auth.refresh(realm, refresh_token ?? '', origin);
      const error = await rejectsWith(auth.refresh(realm, next.refresh_token ?? '', origin), 'request.rate_limited');
      assert.ok((error.retryAfterSeconds ?? 0) > 0);
      f.clock.advance(60_000);
      await auth.refresh(realm, next.refresh_token ?? '', origin);
    });

    it('can be switched off', async () => {
      const { auth, realm } = await limited({ enabled: false, loginPerIp: 1, loginPerIdentifier: 1 });
      for (let i = 0; i < 5; i++) await attempt(auth, realm, 'ada');
    });

    it('count per realm: an IP over one realm\'s limit still signs in and refreshes in another', async () => {
      const { auth, realm } = await limited({ loginPerIp: 2, refreshPerIp: 1 });
      const other = await f.realm();
      await f.user(other, { username: 'ada' });
      const signedIn = await attempt(auth, realm, 'ada');
      await auth.refresh(realm, signedIn.refresh_token ?? '', origin);
      await attempt(auth, realm, 'bob');
      await rejectsWith(attempt(auth, realm, 'ada'), 'request.rate_limited');
      await rejectsWith(auth.refresh(realm, signedIn.refresh_token ?? '', origin), 'request.rate_limited');
      const elsewhere = await attempt(auth, other, 'ada');
      await auth.refresh(other, elsewhere.refresh_token ?? '', origin);
    });

    it('give the operators\' admin realm its own per-IP sign-in limit', async () => {
      const auth = f.authService({ limits: { enabled: true, loginPerIp: 1, operatorLoginPerIp: 3 } });
      const admin = await f.realm();
      const operators = { ...admin, is_system: true };
      await f.user(admin, { username: 'op' });
      for (let i = 0; i < 3; i++) await attempt(auth, operators, 'op');
      await rejectsWith(attempt(auth, operators, 'op'), 'request.rate_limited');
    });

    it('are shared by instances through Redis', async () => {
      const first = await limited({ loginPerIp: 3 }, createRateLimiter({ clock: f.clock, redis, prefix }));
      const second = { auth: f.authService({ limits: { enabled: true, loginPerIp: 3 }, rateLimiter: createRateLimiter({ clock: f.clock, redis, prefix }) }) };
      await attempt(first.auth, first.realm, 'ada');
      await attempt(second.auth, first.realm, 'ada');
      await attempt(first.auth, first.realm, 'bob');
      const error = await rejectsWith(attempt(second.auth, first.realm, 'bob'), 'request.rate_limited');
      assert.ok((error.retryAfterSeconds ?? 0) > 0 && (error.retryAfterSeconds ?? 0) <= 60);
    });
  });
}
