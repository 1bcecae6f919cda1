/**
 * The fair queue every password hash and verification goes through. Hashing is the one piece of a
 * sign-in that costs real CPU (tens of milliseconds, up to seconds for an imported hash at the
 * bounds in docs/password-hashes.md), so without a queue one realm's flood of wrong-password logins
 * would occupy every core and libuv thread, and every other realm's sign-ins would wait behind it.
 *
 * - At most `maxRunning` jobs run at once, and one key (a realm) at most `maxRunningPerKey`. The
 *   default leaves one slot more than a single realm may take, so a realm with nothing running
 *   always starts at once, however busy another realm is.
 * - A freed slot goes to the next key in round-robin order, so a realm with 1,000 queued
 *   verifications and a realm with one both get turns.
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
 * Hashes are CPU-bound: more at once than cores only makes each slower. One core is left to the
 * event loop, which serves every realm's requests, and two of libuv's threads (4 unless
 * UV_THREADPOOL_SIZE says otherwise) to file and DNS work, since argon2, scrypt and PBKDF2 run there.
 */
/** `maxQueuedPerKey` defaults to KEYREALM_HASHING_QUEUE_PER_REALM's default. */
export function defaultHashingLimits(maxQueuedPerKey = 64, env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): HashingLimits {
  const threadPool = Number(env.UV_THREADPOOL_SIZE) || 4;
  const maxRunningPerKey = Math.max(1, Math.min(cores - 1, threadPool - 2));
  return { maxRunning: maxRunningPerKey + 1, maxRunningPerKey, maxQueuedPerKey };
}

interface Waiting {
  start: () => void;
}

interface KeyState {
  running: number;
  waiting: Waiting[];
}

export function createHashingScheduler(limits: HashingLimits): HashingScheduler {
  // A Map iterates in insertion order; a key served is moved to the end, which makes the order round-robin.
  const keys = new Map<string, KeyState>();
  let running = 0;
  let queued = 0;

  function nextKey(): [string, KeyState] | undefined {
    for (const entry of keys) {
      const [, state] = entry;
      if (state.waiting.length > 0 && state.running < limits.maxRunningPerKey) return entry;
    }
    return undefined;
  }

  function pump(): void {
    while (running < limits.maxRunning) {
      const entry = nextKey();
      if (!entry) return;
      const [key, state] = entry;
      keys.delete(key);
      keys.set(key, state);
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
      if (!state) keys.set(key, (state = { running: 0, waiting: [] }));
      if (state.waiting.length >= limits.maxQueuedPerKey) {
        return Promise.reject(new AppError('service.unavailable', 'Too many password checks are waiting for this realm; try again shortly.', { retryAfterSeconds: 1 }));
      }
      const own = state;
      return new Promise<T>((resolve, reject) => {
        own.waiting.push({
          start() {
            running++;
            own.running++;
            Promise.resolve()
              .then(job)
              .then(resolve, reject)
              .finally(() => finished(key, own));
          },
        });
        queued++;
        pump();
      });
    },
    stats: () => ({ running, queued }),
  };
}
