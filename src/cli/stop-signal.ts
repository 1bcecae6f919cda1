import { abandonUnwrittenLines, type Logger } from '../platform/logger.ts';

/** How long in-flight requests may take to finish after a stop signal. */
const SHUTDOWN_GRACE_MS = 30_000;

/**
 * How long the last log lines may take to be written before the process exits anyway: a log reader
 * that stopped reading (a full pipe) must not keep a stopped server alive; it kept one forever.
 */
const FLUSH_BOUND_MS = 2_000;

/** Exits with `code` once the log is written out, or after FLUSH_BOUND_MS whatever the log does. */
export function exitOnceFlushed(logger: Logger, code: number): void {
  setTimeout(() => {
    abandonUnwrittenLines(logger);
    process.exit(code);
  }, FLUSH_BOUND_MS);
  logger.flush(() => process.exit(code));
}

/** Runs `stop` once for the first SIGTERM/SIGINT (later signals wait for the same stop), then exits. */
export function onStopSignal(logger: Logger, stop: () => Promise<void>): void {
  let stopping: Promise<void> | undefined;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      exitOnceFlushed(logger, 1);
    }, SHUTDOWN_GRACE_MS).unref();
    stopping = stop().then(
      () => exitOnceFlushed(logger, Number(process.exitCode ?? 0)),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        exitOnceFlushed(logger, 1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
