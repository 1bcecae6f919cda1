/**
 * The fair queue every password hash and verification goes through. Hashing is the one piece of a
 * sign-in that costs real CPU (tens of milliseconds, up to seconds for an imported hash at the
 * bounds in docs/password-hashes.md), so without a queue one realm's flood of wrong-password logins
 * would occupy every core and libuv thread, and every other realm's sign-ins would wait behind it.
 *
 * - At most `maxRunning` jobs run at once, and one key (a realm) at most `maxRunningPerKey`. The
 *   default leaves one slot more than a single realm may take, so a realm with nothing running
 *   always starts at once, however busy another realm is.
 * - A freed slot goes to the waiting key served least recently (a key new to the queue first), which
 *   is round-robin: a realm with 1,000 queued verifications and a realm with one both get turns.
 * - A key with `maxQueuedPerKey` jobs waiting is refused at once (503 with Retry-After) instead of
 *   queueing without end: its clients would time out anyway, and memory stays bounded.
 */
import { availableParallelism } from 'node:os';
import { AppError } from '../errors.ts';

export interface HashingLimits {
  maxRunning: number;
  maxRunningPerKey: number;
  maxQueuedPerKey: number;
}

export interface HashingScheduler {
  /** Runs `job` when the key's turn comes; throws AppError `service.unavailable` when the key's queue is full. */
  run<T>(key: string, job: () => Promise<T>): Promise<T>;
  /** Jobs running and waiting now, for tests and metrics. */
  stats(): { running: number; queued: number };
}

/**
 * Hashes are CPU-bound: more at once than cores only makes each slower. A realm may use every core
 * but one, which is left to the event loop (it serves every realm's requests); the pool runs one
 * more, for another realm. Hashes run on worker threads (src/platform/hashing-workers.ts), not on
 * libuv's pool, so UV_THREADPOOL_SIZE plays no part. `maxQueuedPerKey` defaults to
 * KEYREALM_HASHING_QUEUE_PER_REALM's default.
 */
export function defaultHashingLimits(maxQueuedPerKey = 64, cores = availableParallelism()): HashingLimits {
  const maxRunningPerKey = Math.max(1, cores - 1);
  return { maxRunning: maxRunningPerKey + 1, maxRunningPerKey, maxQueuedPerKey };
}

interface Waiting {
  start: () => void;
}

interface KeyState {
  running: number;
  waiting: Waiting[];
  /** When the key was last served, as a count of jobs started; 0 for a key new to the queue. */
  servedAt: number;
}

export function createHashingScheduler(limits: HashingLimits): HashingScheduler {
  const keys = new Map<string, KeyState>();
  let running = 0;
  let queued = 0;
  let started = 0;

  /** The waiting key served least recently that may start another job, if any. */
  function nextKey(): KeyState | undefined {
    let next: KeyState | undefined;
    for (const state of keys.values()) {
      if (state.waiting.length === 0 || state.running >= limits.maxRunningPerKey) continue;
      if (!next || state.servedAt < next.servedAt) next = state;
    }
    return next;
  }

  function pump(): void {
    while (running < limits.maxRunning) {
      const state = nextKey();
      if (!state) return;
      state.servedAt = ++started;
      queued--;
      state.waiting.shift()?.start();
    }
  }

  function finished(key: string, state: KeyState): void {
    running--;
    state.running--;
    if (state.running === 0 && state.waiting.length === 0) keys.delete(key);
    pump();
  }

  return {
    run<T>(key: string, job: () => Promise<T>): Promise<T> {
      let state = keys.get(key);
      if (!state) keys.set(key, (state = { running: 0, waiting: [], servedAt: 0 }));
      if (state.waiting.length >= limits.maxQueuedPerKey) {
        return Promise.reject(new AppError('service.unavailable', 'Too many password checks are waiting for this realm; try again shortly.', { retryAfterSeconds: 1 }));
      }
      const own = state;
      return new Promise<T>((resolve, reject) => {
        own.waiting.push({
          start() {
            running++;
            own.running++;
            // The slot is freed before the caller hears back, so what it does next sees the queue as it is.
            Promise.resolve()
              .then(job)
              .then(
                (value) => (finished(key, own), resolve(value)),
                (error: unknown) => (finished(key, own), reject(error)),
              );
          },
        });
        queued++;
        pump();
      });
    },
    stats: () => ({ running, queued }),
  };
}
