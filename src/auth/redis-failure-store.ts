import type { Redis } from 'ioredis';
import { AppError } from '../errors.ts';
import type { FailureState, FailureStore } from './login-failure-store.ts';

/**
 * The brute-force guard's counters in Redis, shared by every instance: one hash per realm and
 * subject (`f` failures, `k` locks, `t` last failure, `u` locked until, `e` expires at), changed
 * by one Lua script. Times come from the server's clock, not Redis', so `e` decides expiry; the
 * key's PEXPIRE only lets Redis forget it by itself at about the same moment.
 */
export interface RedisFailureStoreOptions {
  redis: Redis;
  /** Namespace for keys (tests use one per run). */
  prefix?: string;
}

/**
 * ARGV: now, lock_after, retain_ms, then the lock lengths (the last one is the cap). Returns the
 * new state as { f, k, t, u (0: none), e }.
 */
const ADD_FAILURE_SCRIPT = `
local now = tonumber(ARGV[1])
local lockAfter = tonumber(ARGV[2])
local retain = tonumber(ARGV[3])
local lengths = #ARGV - 3
local s = redis.call('HMGET', KEYS[1], 'f', 'k', 'u', 'e')
local f, k, u, e = tonumber(s[1]) or 0, tonumber(s[2]) or 0, tonumber(s[3]) or 0, tonumber(s[4]) or 0
if e <= now then f = 0; k = 0; u = 0; e = 0 end
f = f + 1
if f % lockAfter == 0 then
  k = k + 1
  u = now + tonumber(ARGV[3 + math.min(k, lengths)])
end
e = math.max(e, now + retain, u + retain)
redis.call('HSET', KEYS[1], 'f', f, 'k', k, 't', now, 'u', u, 'e', e)
redis.call('PEXPIRE', KEYS[1], e - now)
return { f, k, now, u, e }`;

/**
 * One more attempt in progress, in a hash of its own (`n` count, `e` forgotten at, by the server's
 * clock like the failures). ARGV: now, ttl ms. Returns how many are in progress.
 */
const BEGIN_ATTEMPT_SCRIPT = `
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local s = redis.call('HMGET', KEYS[1], 'n', 'e')
local n = tonumber(s[1]) or 0
if (tonumber(s[2]) or 0) <= now then n = 0 end
n = n + 1
redis.call('HSET', KEYS[1], 'n', n, 'e', now + ttl)
redis.call('PEXPIRE', KEYS[1], ttl)
return n`;

/** One fewer (never below zero). */
const END_ATTEMPT_SCRIPT = `
local n = tonumber(redis.call('HGET', KEYS[1], 'n'))
if n and n > 0 then redis.call('HINCRBY', KEYS[1], 'n', -1) end
return 0`;

const unavailable = (cause: unknown) => new AppError('service.unavailable', 'Sign-in protection is briefly unavailable; try again shortly.', { retryAfterSeconds: 5, cause });

/** Without the shared counters the guard cannot decide; refuse rather than allow unlimited guessing. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw unavailable(error);
  }
}

function toState([f, k, t, u, e]: number[]): FailureState {
  return { failures: f, locks: k, lastFailureAt: t, lockedUntil: u > 0 ? u : null, expiresAt: e };
}

export function createRedisFailureStore(options: RedisFailureStoreOptions): FailureStore {
  const { redis } = options;
  const prefix = options.prefix ?? 'keyrealm:login-failures:';
  const keyOf = (realmId: string, subject: string) => `${prefix}${realmId}:${subject}`;

  return {
    async read(realmId, subject, now) {
      const fields = await guarded(() => redis.hmget(keyOf(realmId, subject), 'f', 'k', 't', 'u', 'e'));
      const values = fields.map((value) => Number(value ?? 0));
      if (fields[0] === null || values[4] <= now) return null;
      return toState(values);
    },

    async addFailure(realmId, subject, rule, now, onCounted) {
      const reply = await guarded(() => redis.eval(ADD_FAILURE_SCRIPT, 1, keyOf(realmId, subject), now, rule.lockAfter, rule.retainMs, ...rule.lockMs));
      const state = toState((reply as (number | string)[]).map(Number));
      await onCounted?.(state);
      return state;
    },

    async clear(realmId, subject) {
      await guarded(() => redis.del(keyOf(realmId, subject)));
    },

    async beginAttempt(realmId, subject, now, ttlMs) {
      return Number(await guarded(() => redis.eval(BEGIN_ATTEMPT_SCRIPT, 1, keyOf(realmId, `attempts:${subject}`), now, ttlMs)));
    },

    async endAttempt(realmId, subject) {
      await guarded(() => redis.eval(END_ATTEMPT_SCRIPT, 1, keyOf(realmId, `attempts:${subject}`)));
    },
  };
}
