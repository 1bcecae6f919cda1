/**
 * The loop of a background worker that works through a queue in the database (outgoing mail,
 * webhook deliveries): `work` runs every `pollMs` and when woken, never twice at once (a wake
 * while it runs makes it run once more after), and a fault is reported, never thrown.
 */
export interface PollLoop {
  start(): void;
  /** Run now (or once more after the run under way). */
  wake(): void;
  /** Waits for the run under way, then runs once more; resolves with what that run answered. */
  drain(): Promise<number>;
  /** Stops polling and waits for the run under way. */
  stop(): Promise<void>;
  readonly stopped: boolean;
}

export function createPollLoop(work: () => Promise<number>, options: { pollMs: number; onFault: (error: unknown) => void }): PollLoop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let again = false;
  let stopped = false;

  function tick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = work()
      .catch(options.onFault)
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          tick();
        }
      });
  }

  return {
    start(): void {
      timer = setInterval(tick, options.pollMs);
      timer.unref();
      tick();
    },
    wake: tick,
    async drain(): Promise<number> {
      while (running) await running;
      return work();
    },
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
    },
    get stopped() {
      return stopped;
    },
  };
}

/**
 * A queue in the database worked through in batches: while something is due (a read first, so an
 * idle poll never takes SQLite's write lock), claim a batch and send it (in parallel, so a slow
 * receiver cannot hold the last of a batch past its lease). Answers how many items were attempted.
 */
export interface DueQueue<T> {
  anyDue(now: number): Promise<boolean>;
  claim(now: number): Promise<T[]>;
  send(batch: T[]): Promise<void>;
}

export function createQueueLoop<T>(queue: DueQueue<T>, options: { now: () => number; pollMs: number; onFault: (error: unknown) => void }): PollLoop {
  const loop: PollLoop = createPollLoop(async () => {
    let attempted = 0;
    while (!loop.stopped) {
      const now = options.now();
      if (!(await queue.anyDue(now))) break;
      const batch = await queue.claim(now);
      if (batch.length === 0) break;
      await queue.send(batch);
      attempted += batch.length;
    }
    return attempted;
  }, options);
  return loop;
}

/** A fault reporter that logs at most once a minute: a database outage would otherwise log on every poll. */
export function throttledFaults(log: (error: unknown) => void, intervalMs = 60_000): (error: unknown) => void {
  let last = -Infinity;
  return (error) => {
    const now = performance.now();
    if (now - last < intervalMs) return;
    last = now;
    log(error);
  };
}
