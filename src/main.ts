/**
 * Start-up: the configuration and the logger, then one server process (src/cli/server-process.ts)
 * or, with KEYREALM_WORKERS > 1, a primary that only supervises (src/cli/cluster-primary.ts) and
 * forks workers sharing the port. The server's modules are imported only where they run, so a
 * primary never loads them. SIGTERM/SIGINT stop accepting, finish in-flight requests and exit 0.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { PREPARING_WORKER_ENV, runPrimary } from './cli/cluster-primary.ts';
import { loadConfigOrExit } from './config/config.ts';
import { createLogger } from './platform/logger.ts';

const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel, format: config.logFormat });
const workers = config.workers === 0 ? availableParallelism() : config.workers;

if (cluster.isPrimary && workers > 1) {
  await runPrimary(logger, workers);
} else {
  const { runServerProcess } = await import('./cli/server-process.ts');
  // Alone, the process prepares; in a cluster, only the worker the primary forked to prepare.
  await runServerProcess(config, logger, cluster.isPrimary || process.env[PREPARING_WORKER_ENV] === '1');
}
