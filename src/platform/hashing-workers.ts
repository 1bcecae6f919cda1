/**
 * The worker threads every password hash is computed on (src/platform/hashing-worker-thread.ts):
 * off the event loop, at a lower priority than it, and for bcrypt (pure JS) not on the main thread
 * at all. Workers start on first use and hold the process open only while computing, so an idle
 * pool never keeps it alive. How many hashes run at once is decided by the hashing scheduler, which
 * every hash and check goes through; the pool only grows to match (up to `maxWorkers`) and queues
 * beyond that. A worker is a whole JavaScript engine (about 25 MB resident), so one left without
 * work for `idleMs` is ended; the next hash starts a fresh one in a few milliseconds.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HashReply, HashRequest } from './hashing-worker-thread.ts';

/** The thread's script beside this module: `.ts` when run from src/, `.js` from the compiled dist/. */
const WORKER_SCRIPT = new URL(`./hashing-worker-thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

export interface HashingPoolOptions {
  /** More than the default scheduler runs at once on this machine (max(2, cores)). */
  maxWorkers: number;
  /** How long a worker may wait for work before it is ended. */
  idleMs: number;
  /** The thread's script; hashing-worker-thread beside this module when absent. */
  script?: URL;
}

export interface HashingPool {
  compute(request: HashRequest): Promise<Uint8Array | string>;
  /** Workers alive now, busy or waiting. */
  readonly size: number;
}

interface Pending {
  request: HashRequest;
  resolve: (result: Uint8Array | string) => void;
  reject: (error: unknown) => void;
}

interface PoolWorker {
  worker: Worker;
  current: Pending | undefined;
  idleTimer: NodeJS.Timeout | undefined;
}

export function createHashingPool(options: HashingPoolOptions): HashingPool {
  const workers: PoolWorker[] = [];
  const backlog: Pending[] = [];

  const remove = (entry: PoolWorker) => {
    clearTimeout(entry.idleTimer);
    const index = workers.indexOf(entry);
    if (index >= 0) workers.splice(index, 1);
  };

  /** The entry leaves the pool: a job it held fails, the others go to the remaining workers. */
  const lost = (entry: PoolWorker, error: unknown) => {
    if (!workers.includes(entry)) return;
    remove(entry);
    entry.current?.reject(error);
    entry.current = undefined;
    dispatch();
  };

  /**
   * No thread could be started (out of threads or memory). With none left to wait for, every queued
   * job fails now rather than never; with some, the queue waits for them as usual.
   */
  const failQueued = (error: unknown) => {
    if (workers.length > 0) return;
    for (const pending of backlog.splice(0)) pending.reject(error);
  };

  const spawn = (): PoolWorker => {
    const entry: PoolWorker = { worker: new Worker(options.script ?? WORKER_SCRIPT), current: undefined, idleTimer: undefined };
    entry.worker.unref();
    entry.worker.on('message', (reply: HashReply) => {
      // A reply Node delivers after the thread's 'error' finds its job already failed: no more work.
      if (!workers.includes(entry)) return;
      const done = entry.current;
      entry.current = undefined;
      entry.worker.unref();
      if (done) settle(done, reply);
      feed(entry);
    });
    // A worker that dies (an error, or exiting without one) takes only its own job with it; the
    // next job starts a fresh worker. A retired worker's exit finds it gone from the pool already.
    entry.worker.on('error', (error) => lost(entry, error));
    entry.worker.on('exit', (code) => lost(entry, new Error(`the hashing thread ended (exit code ${code})`)));
    workers.push(entry);
    return entry;
  };

  const retire = (entry: PoolWorker) => {
    if (entry.current) return;
    remove(entry);
    void entry.worker.terminate();
  };

  const feed = (entry: PoolWorker) => {
    const pending = backlog.shift();
    if (!pending) {
      entry.idleTimer = setTimeout(() => retire(entry), options.idleMs).unref();
      return;
    }
    clearTimeout(entry.idleTimer);
    entry.current = pending;
    entry.worker.ref();
    try {
      entry.worker.postMessage(pending.request);
    } catch (error) {
      // The job cannot reach this thread (it has gone, or the request cannot be copied): it fails alone.
      lost(entry, error);
    }
  };

  /** Hands queued jobs to idle workers, starting workers up to the limit. Never throws. */
  const dispatch = () => {
    try {
      while (backlog.length > 0) {
        const idle = workers.find((entry) => entry.current === undefined) ?? (workers.length < options.maxWorkers ? spawn() : undefined);
        if (!idle) return;
        feed(idle);
      }
    } catch (error) {
      failQueued(error);
    }
  };

  return {
    compute: (request) =>
      new Promise((resolve, reject) => {
        backlog.push({ request, resolve, reject });
        dispatch();
      }),
    get size() {
      return workers.length;
    },
  };
}

function settle(pending: Pending, reply: HashReply): void {
  if ('result' in reply) pending.resolve(reply.result);
  else pending.reject(new Error(`${pending.request.algorithm} failed: ${reply.error}`));
}

/** The process's pool: a worker idle for 30 s gives its memory back. */
const pool = createHashingPool({ maxWorkers: availableParallelism() + 1, idleMs: 30_000 });

/** A derived key (argon2, scrypt, PBKDF2), computed on a hashing worker. */
export async function deriveOffThread(request: Exclude<HashRequest, { algorithm: 'bcrypt' }>): Promise<Buffer> {
  const key = (await pool.compute(request)) as Uint8Array;
  // Structured cloning hands back a plain Uint8Array; callers compare and encode Buffers.
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength);
}

/** bcryptjs's `hash(password, settings)`, computed on a hashing worker. */
export async function bcryptOffThread(password: string, settings: string): Promise<string> {
  return (await pool.compute({ algorithm: 'bcrypt', password, settings })) as string;
}
