/**
 * A small pool of worker threads for hashing done in JavaScript (bcrypt through bcryptjs). Workers
 * start on first use and hold the process open only while computing, so an idle pool never keeps
 * it alive. How many
 * bcrypt computations run at once is decided by the hashing scheduler, which every verification
 * goes through; the pool only grows to match (up to `MAX_WORKERS`) and queues beyond that.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BcryptReply, BcryptRequest } from './hashing-worker-thread.ts';

/** Enough for any scheduler on this machine (it runs at most cores + 1 jobs by default). */
const MAX_WORKERS = availableParallelism() + 1;

interface Pending {
  request: BcryptRequest;
  resolve: (hash: string) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  current: Pending | undefined;
}

const workers: PoolWorker[] = [];
const backlog: Pending[] = [];

function settle(pending: Pending, reply: BcryptReply): void {
  if ('hash' in reply) pending.resolve(reply.hash);
  else pending.reject(new Error(`bcrypt failed: ${reply.error}`));
}

function spawn(): PoolWorker {
  const entry: PoolWorker = { worker: new Worker(new URL('./hashing-worker-thread.ts', import.meta.url)), current: undefined };
  entry.worker.unref();
  entry.worker.on('message', (reply: BcryptReply) => {
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

/** bcryptjs's `hash(password, settings)`, computed on a worker thread. */
export function bcryptOffThread(password: string, settings: string): Promise<string> {
  return new Promise((resolve, reject) => {
    backlog.push({ request: { password, settings }, resolve, reject });
    dispatch();
  });
}
