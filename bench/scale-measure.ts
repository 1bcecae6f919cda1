/** Latency sampling and small HTTP helpers for the scale benchmark (bench/scale.ts). */

export interface Latency {
  samples: number;
  p50_ms: number;
  p99_ms: number;
  failed: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/**
 * Times `samples` requests one after another (one client: latency, not throughput), after a few
 * unmeasured ones that warm connections and caches. `request` gets the sample's number.
 */
export async function sampleLatency(samples: number, request: (n: number) => Promise<Response>, warmup = 5): Promise<Latency> {
  for (let n = 0; n < warmup; n++) await (await request(-1 - n)).arrayBuffer();
  const times: number[] = [];
  let failed = 0;
  for (let n = 0; n < samples; n++) {
    const started = performance.now();
    const response = await request(n);
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (!response.ok) failed++;
  }
  return summarise(times, failed);
}

/** The median and 99th percentile of measured milliseconds. */
export function summarise(times: number[], failed = 0): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { samples: sorted.length, p50_ms: round(percentile(sorted, 50)), p99_ms: round(percentile(sorted, 99)), failed };
}

/** Runs `task` for every item with at most `concurrency` at once; returns the seconds taken. */
export async function forEachLimited<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
  return (performance.now() - started) / 1000;
}

export function client(base: string) {
  let token: string | undefined;
  const send = (method: string, path: string, body?: unknown, bearer = token) =>
    fetch(base + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  async function json<T>(method: string, path: string, body?: unknown, bearer = token): Promise<T> {
    const response = await send(method, path, body, bearer);
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
  return {
    send,
    json,
    async signInOperator(email: string, password: string): Promise<void> {
      token = (await json<{ access_token: string }>('POST', '/realms/admin/auth/login', { identifier: email, password }, undefined)).access_token;
    },
  };
}

/** A random integer in [0, below), from a seeded generator so runs ask the same questions. */
export function seededRandom(seed = 42): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state % below;
  };
}
