import { performance } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Gives memory back once the process is idle. V8 keeps its young generation at the size the last
 * busy spell grew it to (up to twice `--max-semi-space-size`: 32 MB with the start script's 16) and
 * its old generation's pages as fragmented as that spell left them; a browser tells V8 when a tab
 * goes idle so it can shrink them, Node never does. Measured on a freshly started server: 170 MB
 * resident before, 117 MB after one such collection (docs/benchmarks.md).
 *
 * So: whenever the event loop was nearly idle over a whole check period while the heap had grown by
 * `growthBytes` since the last collection (the first idle period after start-up, whose garbage is
 * the largest, always qualifies), at most once a minute. The collection blocks for about 100 ms.
 * "Nearly idle" is under 2% of a 5 s period, so a server answering a few requests a second counts:
 * a request arriving during a collection waits for it, once a minute at most; a busy one is never
 * interrupted.
 *
 * It has a price, measured and kept: after such a collection the server's request path costs about
 * 4 µs more per request (a quarter of `/health` in one process), for as long as measured. A
 * `regular` collection instead kept 30–45 MB more and no run showed the gain beyond the machine's
 * spread (docs/benchmarks.md, "A memory-reducing collection slows the request path").
 */
export interface IdleMemoryOptions {
  checkEveryMs: number;
  /** Event-loop utilisation (0–1) over a period below which the process counts as idle. */
  idleBelow: number;
  growthBytes: number;
  /** Least time between two collections, so a lightly loaded server pauses rarely. */
  minIntervalMs: number;
}

export const IDLE_MEMORY_DEFAULTS: IdleMemoryOptions = { checkEveryMs: 5_000, idleBelow: 0.02, growthBytes: 8 * 1024 * 1024, minIntervalMs: 60_000 };

export interface IdleMemoryTrim {
  /** Collections made so far. */
  readonly collections: number;
  stop(): void;
}

type Collect = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/**
 * V8's own `gc`, without `--expose-gc` on every command line: the flag exposes it to contexts made
 * after it is set, so a fresh context hands it over. `last-resort` is the collection V8 makes before
 * giving up on an allocation: every generation, compacted, and the young one shrunk.
 */
const collector = (): Collect | undefined => {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as Collect;
  } catch {
    // A runtime that refuses the flag keeps its memory as it did before; it serves all the same.
    return undefined;
  }
};

const physicalHeap = () => getHeapStatistics().total_physical_size;

export function trimMemoryWhenIdle(options: IdleMemoryOptions = IDLE_MEMORY_DEFAULTS): IdleMemoryTrim {
  const collect = collector();
  let collections = 0;
  if (!collect) return { collections, stop: () => {} };
  let collectedAt = 0;
  let lastCollection = -Infinity;
  let previous = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const idle = performance.eventLoopUtilization(now, previous).utilization < options.idleBelow;
    const due = performance.now() - lastCollection >= options.minIntervalMs;
    if (idle && due && physicalHeap() > collectedAt + options.growthBytes) {
      collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
      collections += 1;
      collectedAt = physicalHeap();
      lastCollection = performance.now();
    }
    previous = performance.eventLoopUtilization();
  }, options.checkEveryMs).unref();
  return {
    get collections() {
      return collections;
    },
    stop: () => clearInterval(timer),
  };
}
