import cluster, { type Worker } from 'node:cluster';
import { relayClusterInvalidations } from '../platform/invalidation-bus-cluster.ts';
import type { Logger } from '../platform/logger.ts';
import { onStopSignal } from './stop-signal.ts';

/**
 * The primary of a cluster only supervises, so it loads no services, database driver or HTTP
 * framework (it stays a few tens of MB). The first worker it forks prepares: it binds the port,
 * migrates the database and creates the first operator, then serves; the others are forked once it
 * is ready, so they find the database migrated. Workers that crash later are replaced; a worker
 * that cannot start stops the cluster (it already said why on standard error).
 */

/** Set in the environment of the worker that prepares (src/main.ts reads it). */
export const PREPARING_WORKER_ENV = 'KEYREALM_PREPARING_WORKER';

/** What a worker sends the primary once it serves requests. */
export const READY_MESSAGE = 'keyrealm:ready';

export async function runPrimary(logger: Logger, workers: number): Promise<void> {
  let stopping = false;
  // A revocation in one worker must reach the caches of all: the primary passes the messages on.
  relayClusterInvalidations();

  const stopCluster = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    process.exitCode = 1;
  };

  /** Forks a worker; resolves once it is ready, or with false if it exited first. */
  const start = (env?: Record<string, string>): Promise<boolean> => {
    const worker = cluster.fork(env);
    let ready = false;
    return new Promise((resolve) => {
      worker.on('message', (message) => {
        if (message !== READY_MESSAGE) return;
        ready = true;
        resolve(true);
      });
      worker.once('exit', (code, signal) => {
        if (stopping) return resolve(false);
        if (!ready) {
          // A worker that cannot even start would be replaced forever; stop instead.
          logger.error({ code, signal }, 'a worker could not start; stopping');
          stopCluster();
          return resolve(false);
        }
        logger.error({ code, signal, pid: worker.process.pid }, 'a worker exited; starting another');
        void start();
      });
    });
  };

  onStopSignal(logger, async () => {
    stopping = true;
    const running = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined && !worker.isDead());
    await Promise.all(
      running.map((worker) => {
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        worker.process.kill('SIGTERM');
        return exited;
      }),
    );
  });

  if (!(await start({ [PREPARING_WORKER_ENV]: '1' }))) return;
  const others = await Promise.all(Array.from({ length: workers - 1 }, () => start()));
  if (others.every(Boolean)) logger.info({ workers }, 'started workers');
}
