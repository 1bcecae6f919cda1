import cluster from 'node:cluster';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import { composeServer, type Server, type Services } from '../compose.ts';
import { ConfigError, listeningOn } from '../config/config.ts';
import type { Config } from '../config/options.ts';
import { handleClientError } from '../http/error-handler.ts';
import { bootstrap, firstOperatorNotice, ignoredAdminSettingsWarning } from '../operators/bootstrap.ts';
import { ensureConsoleApplication } from '../console/console-application.ts';
import { systemClock } from '../platform/clock.ts';
import { trimMemoryWhenIdle } from '../platform/idle-memory.ts';
import { http as nodeHttp } from '../platform/node-http.ts';
import { faultSummary, type Logger } from '../platform/logger.ts';
import { loadMasterKey } from '../platform/master-key.ts';
import { createSecretBox } from '../platform/secret-box.ts';
import { masterKeyOpensSigningKeys } from '../realms/sealed-keys-check.ts';
import type { Database } from '../storage/database.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { READY_MESSAGE } from './cluster-primary.ts';
import { describeStartupFailure } from './startup-failure.ts';
import { openConfiguredDatabase } from './startup.ts';
import { exitOnceFlushed, onStopSignal } from './stop-signal.ts';

/**
 * One server process: alone, or a worker of a cluster (src/cli/cluster-primary.ts). It binds the
 * port before anything else, so a busy port stops it before the first operator exists (whose
 * generated password would otherwise be printed, then lost). The process that `prepares` also
 * migrates the database and creates the first operator. Requests that arrive while it starts wait.
 */
export async function runServerProcess(configured: Config, logger: Logger, prepares: boolean): Promise<void> {
  try {
    await serve(configured, logger, prepares);
  } catch (error) {
    // One readable line for the person starting it; the details for whoever turns on debug logs.
    logger.debug({ err: error }, 'start-up failed');
    const line = error instanceof ConfigError ? error.message : `Keyrealm could not start: ${describeStartupFailure(error, configured)}`;
    process.stderr.write(`${line}\n`);
    exitOnceFlushed(logger, 1);
  }
}

async function serve(configured: Config, logger: Logger, prepares: boolean): Promise<void> {
  const held: [IncomingMessage, ServerResponse][] = [];
  const hold = (request: IncomingMessage, response: ServerResponse) => held.push([request, response]);
  const http = nodeHttp.createServer(hold);
  // Fastify installs this on servers it creates; this one is ours, bound before Fastify exists.
  http.on('clientError', handleClientError);
  const port = await listen(http, configured);
  const config = listeningOn(configured, port);

  const masterKey = loadMasterKey({ configured: config.masterKey, dataDir: config.dataDir, warn: (message) => logger.warn(message) });
  const { database, description } = openConfiguredDatabase(config);
  if (prepares) await migrate(database, logger);
  if (!(await masterKeyOpensSigningKeys(database.db, createSecretBox(masterKey)))) {
    throw new ConfigError(
      `The master key does not open the signing keys in ${description}: start with the key they were sealed with (KEYREALM_MASTER_KEY, or master.key in the data directory it was generated in).`,
    );
  }
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger) : undefined;
  const server = await composeServer(config, { database, clock: systemClock, logger, masterKey, redis });
  await server.app.ready();
  const memory = trimMemoryWhenIdle();
  onStopSignal(logger, async () => {
    memory.stop();
    await closeHttp(http);
    await server.close();
    await database.close();
    if (redis) await redis.quit().catch(() => redis.disconnect());
  });
  if (prepares) {
    await ensureFirstOperator(config, server.services, logger, description);
    const consoleRefused = await ensureConsoleApplication({ realms: server.services.realms, applications: server.services.applications, publicUrl: config.publicUrl });
    if (consoleRefused) logger.warn(consoleRefused);
  }

  handOver(http, server, held.splice(0), hold);
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, port, public_url: config.publicUrl }, `Keyrealm is listening on ${url}`);
  if (cluster.isWorker) process.send?.(READY_MESSAGE);
}

/** ioredis costs a process about 20 MB, so only a server configured with Redis imports it. */
async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', (error) => logger.warn({ fault: faultSummary(error) }, 'redis connection error'));
  return redis;
}

function listen(http: HttpServer, config: Config): Promise<number> {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen({ port: config.port, host: config.host }, () => {
      http.off('error', reject);
      const address = http.address();
      resolve(typeof address === 'object' && address ? address.port : config.port);
    });
  });
}

/** From now on Fastify answers: its timeouts apply, and the requests held while starting go first. */
function handOver(http: HttpServer, server: Server, held: [IncomingMessage, ServerResponse][], hold: (...args: [IncomingMessage, ServerResponse]) => void): void {
  const framework = server.app.server;
  Object.assign(http, {
    keepAliveTimeout: framework.keepAliveTimeout,
    headersTimeout: framework.headersTimeout,
    requestTimeout: framework.requestTimeout,
    maxRequestsPerSocket: framework.maxRequestsPerSocket,
    timeout: framework.timeout,
  });
  http.off('request', hold);
  http.on('request', server.handle);
  for (const [request, response] of held) server.handle(request, response);
}

/**
 * Stops accepting and resolves once the requests under way are answered. Idle keep-alive
 * connections are dropped as they become idle, else one would hold the close until its timeout.
 */
function closeHttp(http: HttpServer): Promise<void> {
  const reaper = setInterval(() => http.closeIdleConnections(), 100);
  return new Promise<void>((resolve) => http.close(() => resolve())).finally(() => clearInterval(reaper));
}

async function migrate(database: Database, logger: Logger): Promise<void> {
  const applied = await migrateToLatest(database);
  if (applied.length > 0) logger.info({ migrations: applied }, 'applied database migrations');
}

/** Creates the admin realm and first operator if missing; a generated password goes to the console once. */
async function ensureFirstOperator(config: Config, services: Pick<Services, 'realms' | 'operators'>, logger: Logger, storage: string): Promise<void> {
  const outcome = await bootstrap({ ...services, adminEmail: config.adminEmail, adminPassword: config.adminPassword });
  if (outcome.kind === 'existed' && (config.adminEmail || config.adminPassword)) {
    logger.warn(ignoredAdminSettingsWarning(storage));
  }
  if (outcome.kind !== 'created') return;
  if (outcome.generatedPassword) process.stdout.write(firstOperatorNotice(outcome.email, outcome.generatedPassword, config.publicUrl));
  else logger.info({ email: outcome.email }, 'created the first operator from KEYREALM_ADMIN_EMAIL and KEYREALM_ADMIN_PASSWORD');
}
