import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics, one registry per server so tests and workers never share state. */
export function createMetrics(poolStats: () => { total: number; idle: number; waiting: number }) {
  const registry = new Registry();
  const requests = new Counter({
    name: 'keyrealm_http_requests_total',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'keyrealm_http_request_duration_seconds',
    help: 'HTTP request latency by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const signIns = new Counter({
    name: 'keyrealm_sign_ins_total',
    help: 'Sign-in attempts by method and result',
    labelNames: ['method', 'result'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'keyrealm_db_pool_connections',
    help: 'Database connections by state',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = poolStats();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  // Routes are the registered patterns (or 'unmatched'), so this stays small.
  const boundRequestMetrics = new Map<string, { count: { inc(): void }; latency: { observe(value: number): void } }>();
  return {
    registry,
    observeRequest(route: string, method: string, status: number, seconds: number) {
      // Bound children per label set: prom-client would otherwise hash the labels on every call.
      const key = `${method} ${route} ${status}`;
      let bound = boundRequestMetrics.get(key);
      if (!bound) {
        const labels = { route, method, status: String(status) };
        bound = { count: requests.labels(labels), latency: latency.labels(labels) };
        boundRequestMetrics.set(key, bound);
      }
      bound.count.inc();
      bound.latency.observe(seconds);
    },
    signIn(method: string, result: 'success' | 'failure') {
      signIns.inc({ method, result });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
