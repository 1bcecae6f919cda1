import type { Logger } from '../platform/logger.ts';

/** How long in-flight requests may take to finish after a stop signal. */
const SHUTDOWN_GRACE_MS = 30_000;

/** Runs `stop` once for the first SIGTERM/SIGINT (later signals wait for the same stop), then exits. */
export function onStopSignal(logger: Logger, stop: () => Promise<void>): void {
  let stopping: Promise<void> | undefined;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      logger.flush(() => process.exit(1));
    }, SHUTDOWN_GRACE_MS).unref();
    stopping = stop().then(
      () => logger.flush(() => process.exit(process.exitCode ?? 0)),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        logger.flush(() => process.exit(1));
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
