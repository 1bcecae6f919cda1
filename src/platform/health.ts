/**
 * What GET /health and GET /ready report. Health is liveness: the process answers, with nothing
 * asked of the database (a load balancer polls it often, and a slow database must not get its
 * instances restarted); readiness is whether the database answers and is migrated.
 */
export interface HealthDeps {
  version: string;
  ping(): Promise<boolean>;
  pendingMigrations(): Promise<string[]>;
  /** How long a database probe may take before the database counts as not answering. */
  timeoutMs?: number;
}

export interface Health {
  status: 'ok';
  version: string;
  uptime_seconds: number;
  memory: { rss_bytes: number; heap_used_bytes: number };
}

export interface Readiness {
  ready: boolean;
  reason?: string;
}

/** Resolves to `fallback` when the work fails or outlasts the timeout (a hung pool must not hang /health). */
async function within<T>(work: () => Promise<T>, timeoutMs: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), timeoutMs);
  });
  try {
    return await Promise.race([work().catch(() => fallback), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** How old the memory figures /health reports may be. */
const MEMORY_SAMPLE_MS = 1000;

export function createHealthCheck(deps: HealthDeps) {
  const timeoutMs = deps.timeoutMs ?? 2000;
  // Once this code's migrations are all applied they stay applied; later probes only ping.
  let migrated = false;
  let sampled: Health['memory'] = { rss_bytes: 0, heap_used_bytes: 0 };
  let sampledAt = -Infinity;

  return {
    health(): Health {
      // Reading the process's memory is a system call that cost /health a tenth of its time under
      // load; figures a second old serve a probe as well.
      const now = performance.now();
      if (now - sampledAt >= MEMORY_SAMPLE_MS) {
        const memory = process.memoryUsage();
        sampled = { rss_bytes: memory.rss, heap_used_bytes: memory.heapUsed };
        sampledAt = now;
      }
      return { status: 'ok', version: deps.version, uptime_seconds: Math.floor(process.uptime()), memory: sampled };
    },

    async readiness(): Promise<Readiness> {
      if (!(await within(deps.ping, timeoutMs, false))) return { ready: false, reason: 'the database does not answer' };
      if (!migrated) {
        const pending = await within(deps.pendingMigrations, timeoutMs, undefined);
        if (!pending) return { ready: false, reason: 'the migration state could not be read' };
        if (pending.length > 0) return { ready: false, reason: `migrations not applied: ${pending.join(', ')}` };
        migrated = true;
      }
      return { ready: true };
    },
  };
}

export type HealthCheck = ReturnType<typeof createHealthCheck>;
