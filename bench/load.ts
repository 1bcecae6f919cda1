/**
 * The load generator, run as its own process so it never shares an event loop with the server.
 * Takes a JSON scenario as its only argument and prints autocannon's summary as one JSON line.
 * Scenario kinds: a fixed request (autocannon), or refresh chains where each loop rotates its own token.
 */
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import type { Scenario } from './generator.ts';

const scenario = JSON.parse(process.argv[2]) as Scenario;

export interface Summary {
  requests_per_second: number;
  total: number;
  non_2xx: number;
  errors: number;
  timeouts: number;
  p50_ms: number;
  p99_ms: number;
}

/**
 * A refresh chain cannot be a fixed request: every response carries the next token. autocannon
 * resets per-connection context between requests, so chains run on keep-alive connections here,
 * one loop per starting token, each waiting for its answer before sending the next.
 */
async function refreshChains(tokens: string[]): Promise<Summary> {
  const agent = new Agent({ keepAlive: true, maxSockets: tokens.length });
  const url = new URL(scenario.url);
  const latencies: number[] = [];
  let failed = 0;
  const deadline = performance.now() + scenario.seconds * 1000;
  const post = (body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    tokens.map(async (first) => {
      let token = first;
      while (performance.now() < deadline) {
        const sent = performance.now();
        const { status, text } = await post(JSON.stringify({ refresh_token: token }));
        latencies.push(performance.now() - sent);
        if (status !== 200) {
          failed += 1;
          return; // a broken chain cannot continue: its session is gone
        }
        token = (JSON.parse(text) as { refresh_token: string }).refresh_token;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    requests_per_second: (latencies.length - failed) / elapsed,
    total: latencies.length,
    non_2xx: failed,
    errors: 0,
    timeouts: 0,
    p50_ms: at(0.5),
    p99_ms: at(0.99),
  };
}

/** A body holding {{n}} is made anew for every request, with a number no other request uses (as bench/wrk-request.lua). */
const VARYING = '{{n}}';

async function fixedRequest(): Promise<Summary> {
  let counter = Math.floor(Math.random() * 2 ** 40);
  const varying = scenario.body?.includes(VARYING) ? scenario.body : undefined;
  const result = await autocannon({
    url: scenario.url,
    method: scenario.method,
    headers: { 'content-type': 'application/json', ...scenario.headers },
    body: scenario.body,
    ...(varying ? { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, body: varying.replaceAll(VARYING, String(++counter)) }) }] } : {}),
    connections: scenario.connections,
    duration: scenario.seconds,
    pipelining: 1,
  });
  return {
    // Only successful answers count towards throughput.
    requests_per_second: (result.requests.total - result.non2xx) / result.duration,
    total: result.requests.total,
    non_2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
  };
}

const summary = scenario.refreshTokens ? await refreshChains(scenario.refreshTokens) : await fixedRequest();
console.log(JSON.stringify(summary));
