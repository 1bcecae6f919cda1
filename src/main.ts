/**
 * Start-up: configuration, master key, database, migrations, the first operator, then serving,
 * in one process or, with KEYREALM_WORKERS > 1, in a primary that prepares everything and forks
 * workers sharing the port. SIGTERM/SIGINT stop accepting, finish in-flight requests and exit 0.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { Redis } from 'ioredis';
import { composeServer, composeServices, type Services } from './compose.ts';
import { loadConfigOrExit, openConfiguredDatabase } from './cli/startup.ts';
import { ConfigError } from './config/config.ts';
import type { Config } from './config/options.ts';
import { bootstrap, firstOperatorNotice } from './operators/bootstrap.ts';
import { systemClock } from './platform/clock.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { loadMasterKey } from './platform/master-key.ts';
import type { Database } from './storage/database.ts';
import { migrateToLatest } from './storage/migrate.ts';

/** How long in-flight requests may take to finish after a stop signal. */
const SHUTDOWN_GRACE_MS = 30_000;

const open = (config: Config): Database => openConfiguredDatabase(config).database;

function masterKeyOf(config: Config, logger: Logger): Buffer {
  return loadMasterKey({ configured: config.masterKey, dataDir: config.dataDir, warn: (message) => logger.warn(message) });
}

async function migrate(database: Database, logger: Logger): Promise<void> {
  const applied = await migrateToLatest(database);
  if (applied.length > 0) logger.info({ migrations: applied }, 'applied database migrations');
}

/** Creates the admin realm and first operator if missing; a generated password goes to the console once. */
async function ensureFirstOperator(config: Config, services: Pick<Services, 'realms' | 'operators'>, logger: Logger): Promise<void> {
  const created = await bootstrap({ ...services, adminEmail: config.adminEmail, adminPassword: config.adminPassword });
  if (!created) return;
  if (created.generatedPassword) process.stdout.write(firstOperatorNotice(created.email, created.generatedPassword, config.publicUrl));
  else logger.info({ email: created.email }, 'created the first operator from KEYREALM_ADMIN_EMAIL and KEYREALM_ADMIN_PASSWORD');
}

/** Runs `stop` once for the first SIGTERM/SIGINT (later signals wait for the same stop), then exits. */
function onStopSignal(logger: Logger, stop: () => Promise<void>): void {
  let stopping: Promise<void> | undefined;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      logger.flush(() => process.exit(1));
    }, SHUTDOWN_GRACE_MS).unref();
    stopping = stop().then(
      () => logger.flush(() => process.exit(0)),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        logger.flush(() => process.exit(1));
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}

/** Composes the server over an open, migrated database and listens; returns once listening. */
async function serve(config: Config, logger: Logger, database: Database, masterKey: Buffer, prepare?: (services: Services) => Promise<void>) {
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  const server = await composeServer(config, { database, clock: systemClock, logger, masterKey, redis });
  onStopSignal(logger, async () => {
    await server.close();
    await database.close();
    if (redis) await redis.quit().catch(() => redis.disconnect());
  });
  await prepare?.(server.services);
  await server.app.listen({ port: config.port, host: config.host });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, port, public_url: config.publicUrl }, `Keyrealm is listening on ${url}`);
}

/** The primary of a cluster: prepares the database once, then forks workers and replaces any that crash. */
async function runPrimary(config: Config, logger: Logger, workers: number): Promise<void> {
  const masterKey = masterKeyOf(config, logger);
  const database = open(config);
  await migrate(database, logger);
  await ensureFirstOperator(config, composeServices(config, { database, clock: systemClock, logger, masterKey }), logger);
  await database.close();

  let stopping = false;
  const start = (): Worker => {
    const worker = cluster.fork();
    let listening = false;
    worker.once('listening', () => (listening = true));
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      if (!listening) {
        // A worker that cannot even start would be replaced forever; stop instead.
        logger.fatal({ code, signal }, 'a worker failed to start');
        stopping = true;
        for (const other of Object.values(cluster.workers ?? {})) other?.kill('SIGTERM');
        process.exitCode = 1;
        return;
      }
      logger.error({ code, signal, pid: worker.process.pid }, 'a worker exited; starting another');
      start();
    });
    return worker;
  };
  for (let i = 0; i < workers; i++) start();
  logger.info({ workers }, 'started workers');

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
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.logLevel });
  try {
    const workers = config.workers === 0 ? availableParallelism() : config.workers;
    if (cluster.isWorker) {
      await serve(config, logger, open(config), masterKeyOf(config, logger));
    } else if (workers > 1) {
      await runPrimary(config, logger, workers);
    } else {
      const masterKey = masterKeyOf(config, logger);
      const database = open(config);
      await migrate(database, logger);
      await serve(config, logger, database, masterKey, (services) => ensureFirstOperator(config, services, logger));
    }
  } catch (error) {
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else logger.fatal({ err: error }, 'Keyrealm could not start');
    logger.flush(() => process.exit(1));
  }
}

await main();
