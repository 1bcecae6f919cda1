/**
 * The load generator, run as its own process so it never shares an event loop with the server.
 * Takes a JSON scenario as its only argument and prints autocannon's summary as one JSON line.
 * Scenario kinds: a fixed request, or a refresh chain where each connection rotates its own token.
 */
import autocannon from 'autocannon';

interface Scenario {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
  /** For refresh chains: one starting refresh token per connection. */
  refreshTokens?: string[];
}

const scenario = JSON.parse(process.argv[2]) as Scenario;
const pool = [...(scenario.refreshTokens ?? [])];

type Context = { token?: string };

const requests = scenario.refreshTokens
  ? [
      {
        method: 'POST' as const,
        setupRequest: (request: Record<string, unknown>, context: Context) => {
          context.token ??= pool.shift();
          return { ...request, body: JSON.stringify({ refresh_token: context.token }) };
        },
        onResponse: (status: number, body: string, context: Context) => {
          if (status === 200) context.token = (JSON.parse(body) as { refresh_token: string }).refresh_token;
        },
      },
    ]
  : undefined;

const result = await autocannon({
  url: scenario.url,
  method: scenario.method,
  headers: { 'content-type': 'application/json', ...scenario.headers },
  body: scenario.body,
  connections: scenario.connections,
  duration: scenario.seconds,
  pipelining: 1,
  ...(requests ? { requests } : {}),
} as autocannon.Options);

console.log(
  JSON.stringify({
    requests_per_second: result.requests.average,
    total: result.requests.total,
    non_2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
  }),
);
