import type { Redis } from 'ioredis';
import { AppError } from '../errors.ts';
import type { Clock } from '../platform/clock.ts';
import { makeRoom } from '../platform/lru-cache.ts';

/**
 * Fixed-window rate limits: at most `limit` hits per key in a window that starts with the key's
 * first hit. Kept in process by default; in Redis when a client is given, so every instance
 * behind a load balancer counts together.
 */
export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<RateDecision>;
}

export interface RateLimiterOptions {
  clock: Clock;
  redis?: Redis;
  /** Namespace for Redis keys (tests use one per run). */
  prefix?: string;
  /** Most windows of one length kept in process; beyond it the oldest are dropped (memory stays bounded). */
  maxKeys?: number;
}

/** One limit to count a hit against: at most `limit` hits per `key` in a window. */
export interface RateCheck {
  key: string;
  limit: number;
  /** RATE_WINDOW_MS when absent. */
  windowMs?: number;
}

/** The window of the limits this server applies, all "per minute" but the hourly caps on messages to one address. */
export const RATE_WINDOW_MS = 60_000;

/**
 * Counts a hit against each check and refuses (429) when any is over its limit, asking the client
 * to wait until the last of the refusing windows ends.
 */
export async function enforceRateLimits(limiter: RateLimiter, checks: RateCheck[]): Promise<void> {
  const decisions = await Promise.all(checks.map((check) => limiter.hit(check.key, check.limit, check.windowMs ?? RATE_WINDOW_MS)));
  const refused = decisions.filter((decision) => !decision.allowed);
  if (refused.length > 0) {
    throw new AppError('request.rate_limited', 'Too many attempts; wait before trying again.', {
      retryAfterSeconds: Math.max(...refused.map((decision) => decision.retryAfterSeconds)),
    });
  }
}

function decide(count: number, limit: number, remainingMs: number): RateDecision {
  return { allowed: count <= limit, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  return options.redis ? redisLimiter(options.redis, options.prefix ?? 'keyrealm:rate:') : memoryLimiter(options.clock, options.maxKeys ?? 100_000);
}

const SWEEP_INTERVAL_MS = 10_000;

function memoryLimiter(clock: Clock, maxKeys: number): RateLimiter {
  /**
   * Windows by their length, each map bounded on its own: making room drops the windows that end
   * soonest of their length, so a flood of keys counted by the minute cannot push out the hourly
   * caps on messages to one address (an hour's count lost would let its mails start again).
   */
  const byLength = new Map<number, Map<string, { count: number; endsAt: number }>>();
  let nextSweep = 0;

  // Drops ended windows now and then. If an attack on many keys still fills a map, its oldest
  // windows go first (a Map iterates in insertion order), a sixteenth of them at a time: never a
  // full scan per hit.
  function sweep(windows: Map<string, { count: number; endsAt: number }>, now: number): void {
    if (now >= nextSweep) {
      nextSweep = now + SWEEP_INTERVAL_MS;
      for (const each of byLength.values()) for (const [key, window] of each) if (window.endsAt <= now) each.delete(key);
    }
    makeRoom(windows, maxKeys);
  }

  return {
    async hit(key, limit, windowMs) {
      const now = clock.now();
      let windows = byLength.get(windowMs);
      if (!windows) byLength.set(windowMs, (windows = new Map()));
      let window = windows.get(key);
      if (!window || window.endsAt <= now) {
        windows.delete(key);
        sweep(windows, now);
        window = { count: 0, endsAt: now + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return decide(window.count, limit, window.endsAt - now);
    },
  };
}

/** INCR and the window's expiry in one atomic script; returns the count and the time left. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }`;

function redisLimiter(redis: Redis, prefix: string): RateLimiter {
  return {
    async hit(key, limit, windowMs) {
      let reply: unknown;
      try {
        reply = await redis.eval(HIT_SCRIPT, 1, prefix + key, windowMs);
      } catch (error) {
        // Without the shared counters the limits cannot be enforced; refuse rather than allow.
        throw new AppError('service.unavailable', 'Rate limiting is briefly unavailable; try again shortly.', { retryAfterSeconds: 5, cause: error });
      }
      const [count, ttl] = reply as [number, number];
      return decide(count, limit, ttl);
    },
  };
}
