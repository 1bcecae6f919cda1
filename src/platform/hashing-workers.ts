/**
 * The worker threads every password hash is computed on (src/platform/hashing-worker-thread.ts):
 * off the event loop, at a lower priority than it, and for bcrypt (pure JS) not on the main thread
 * at all. Workers start on first use and hold the process open only while computing, so an idle
 * pool never keeps it alive. How many hashes run at once is decided by the hashing scheduler, which
 * every hash and check goes through; the pool only grows to match (up to `MAX_WORKERS`) and queues
 * beyond that.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HashReply, HashRequest } from './hashing-worker-thread.ts';

/** More than the default scheduler runs at once on this machine (max(2, cores)). */
const MAX_WORKERS = availableParallelism() + 1;

interface Pending {
  request: HashRequest;
  resolve: (result: Uint8Array | string) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  current: Pending | undefined;
}

const workers: PoolWorker[] = [];
const backlog: Pending[] = [];

function settle(pending: Pending, reply: HashReply): void {
  if ('result' in reply) pending.resolve(reply.result);
  else pending.reject(new Error(`${pending.request.algorithm} failed: ${reply.error}`));
}

// The thread's file sits beside this one and ends as this one does: .ts when the sources run
// directly (tests), .js in the build `npm start` runs (the compiler rewrites imports, not URLs).
const THREAD_FILE = new URL(`./hashing-worker-thread${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url);

function spawn(): PoolWorker {
  const entry: PoolWorker = { worker: new Worker(THREAD_FILE), current: undefined };
  entry.worker.unref();
  entry.worker.on('message', (reply: HashReply) => {
    const done = entry.current;
    entry.current = undefined;
    entry.worker.unref();
    if (done) settle(done, reply);
    feed(entry);
  });
  // A worker that dies takes only its own job with it; the next job starts a fresh worker.
  entry.worker.on('error', (error) => {
    workers.splice(workers.indexOf(entry), 1);
    entry.current?.reject(error);
    dispatch();
  });
  workers.push(entry);
  return entry;
}

function feed(entry: PoolWorker): void {
  const pending = backlog.shift();
  if (!pending) return;
  entry.current = pending;
  entry.worker.ref();
  entry.worker.postMessage(pending.request);
}

function dispatch(): void {
  while (backlog.length > 0) {
    const idle = workers.find((entry) => entry.current === undefined) ?? (workers.length < MAX_WORKERS ? spawn() : undefined);
    if (!idle) return;
    feed(idle);
  }
}

function computeOffThread(request: HashRequest): Promise<Uint8Array | string> {
  return new Promise((resolve, reject) => {
    backlog.push({ request, resolve, reject });
    dispatch();
  });
}

/** A derived key (argon2, scrypt, PBKDF2), computed on a hashing worker. */
export async function deriveOffThread(request: Exclude<HashRequest, { algorithm: 'bcrypt' }>): Promise<Buffer> {
  const key = (await computeOffThread(request)) as Uint8Array;
  // Structured cloning hands back a plain Uint8Array; callers compare and encode Buffers.
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength);
}

/** bcryptjs's `hash(password, settings)`, computed on a hashing worker. */
export async function bcryptOffThread(password: string, settings: string): Promise<string> {
  return (await computeOffThread({ algorithm: 'bcrypt', password, settings })) as string;
}
