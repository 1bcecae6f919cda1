import type { Logger } from './logger.ts';

/**
 * Work a request starts but does not wait for (mail for an address that may not exist, so the
 * answer takes the same time either way). Failures are logged, never thrown at the caller;
 * `settle()` waits for what is running, so shutdown and tests can wait for it.
 */
export interface Background {
  run(name: string, task: () => Promise<void>): void;
  settle(): Promise<void>;
}

export function createBackground(logger: Pick<Logger, 'error'>): Background {
  const running = new Set<Promise<void>>();
  return {
    run(name, task) {
      const promise: Promise<void> = Promise.resolve()
        .then(task)
        .catch((error: unknown) => logger.error({ err: error, task: name }, 'a background task failed'))
        .finally(() => running.delete(promise));
      running.add(promise);
    },
    async settle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
