/**
 * npm run bench [-- --postgres] [-- --seconds N] [-- --workers N|auto]
 *
 * Starts Keyrealm with production settings, and from separate load-generating processes measures
 * in one run: password logins/s beside the raw argon2id verify rate at the same parameters on the
 * same cores; refresh/s; validate/s beside a bare Fastify route (the HTTP ceiling); p50/p99
 * latency; idle and loaded memory; and the median timing difference between existing and unknown
 * addresses on sign-up, forgot-password, resend-verification and the starts of a sign-in by emailed
 * code or link. Prints tables and writes
 * bench/results/latest.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { measureEnumeration, type EnumerationRow } from './enumeration.ts';
import type { Summary } from './load.ts';
import { freePort, runJson, startProcess, stop, treeRss, waitForHttp } from './process-tools.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const seconds = Number(option('seconds', '10'));
const workersOption = option('workers', 'auto');
const workers = workersOption === 'auto' ? availableParallelism() : Number(workersOption);
const usePostgres = flag('postgres');
const argon2 = { memoryKib: 19_456, passes: 2, parallelism: 1 };
const connections = 16;


async function postgresUrl(): Promise<string> {
  const base = process.env.KEYREALM_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  // A database of this run's own, so two benchmarks on one machine never share or drop each other's.
  const name = `keyrealm_bench_${process.pid}`;
  await client.query(`drop database if exists ${name}`);
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function api<T>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

const load = (scenario: Record<string, unknown>) =>
  runJson<Summary>(['bench/load.ts', JSON.stringify({ connections, seconds, ...scenario })]);

const dataDir = mkdtempSync(join(tmpdir(), 'keyrealm-bench-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const adminPassword = 'bench-operator-password-1';
const env: Record<string, string> = {
  KEYREALM_PORT: String(port),
  KEYREALM_HOST: '127.0.0.1',
  KEYREALM_PUBLIC_URL: base,
  KEYREALM_DATA_DIR: dataDir,
  KEYREALM_LOG_LEVEL: 'warn',
  KEYREALM_WORKERS: String(workers),
  KEYREALM_ADMIN_EMAIL: 'bench@example.com',
  KEYREALM_ADMIN_PASSWORD: adminPassword,
  // Rate limits would turn a load test into a rate-limit test; the run measures raw capacity.
  KEYREALM_RATE_LIMITS: 'off',
};
if (usePostgres) env.KEYREALM_DATABASE_URL = await postgresUrl();

console.log(`Keyrealm benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${workers} server process(es), ` +
  `${usePostgres ? 'PostgreSQL' : 'SQLite'}, ${connections} connections, ${seconds} s per scenario, rate limits off, ` +
  `argon2id m=${argon2.memoryKib} KiB t=${argon2.passes} p=${argon2.parallelism}.`);

const server = startProcess(['src/main.ts'], env);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, server.pid ? treeRss(server.pid) : 0)), 200);
try {
  await waitForHttp(`${base}/ready`);
  await new Promise((r) => setTimeout(r, 1000));
  const idleRss = treeRss(server.pid!);

  const operator = await api<{ access_token: string }>(base, 'POST', '/realms/admin/auth/login', { identifier: 'bench@example.com', password: adminPassword });
  const realm = await api<{ id: string; slug: string }>(base, 'POST', '/admin/v1/realms', { name: 'Bench', slug: 'bench', tokens: { access_token_minutes: 60 } }, operator.access_token);
  const userPassword = 'bench-user-password-1';
  await api(base, 'POST', `/admin/v1/realms/${realm.id}/users`, { email: 'user@example.com', password: userPassword }, operator.access_token);
  const loginBody = JSON.stringify({ identifier: 'user@example.com', password: userPassword });
  const loginPath = `${base}/realms/${realm.slug}/auth/login`;

  const raw = await runJson<{ verifies_per_second: number }>([
    'bench/argon2-rate.ts', String(argon2.memoryKib), String(argon2.passes), String(argon2.parallelism), String(2 * seconds), String(4 * workers),
  ]);
  // Logins run at tens per second: twice the time gives them as many samples as the rest.
  const logins = await load({ url: loginPath, method: 'POST', body: loginBody, seconds: 2 * seconds });

  const sessions = await Promise.all(
    Array.from({ length: connections }, () => api<{ refresh_token: string; access_token: string }>(base, 'POST', `/realms/${realm.slug}/auth/login`, JSON.parse(loginBody))),
  );
  const refresh = await load({ url: `${base}/realms/${realm.slug}/auth/refresh`, method: 'POST', refreshTokens: sessions.map((s) => s.refresh_token) });

  const fresh = await api<{ access_token: string }>(base, 'POST', `/realms/${realm.slug}/auth/login`, JSON.parse(loginBody));
  const validate = await load({ url: `${base}/realms/${realm.slug}/auth/validate`, method: 'GET', headers: { authorization: `Bearer ${fresh.access_token}` } });
  const loadedRss = peakRss;

  await api(base, 'POST', '/admin/v1/realms', { name: 'Bench sign-up', slug: 'bench-signup', users: { registration: { enabled: true } }, sign_in: { first_factors: ['password', 'email_otp', 'magic_link'] } }, operator.access_token);
  await api(base, 'POST', '/admin/v1/realms/bench-signup/users', { email: 'taken@example.com', password: userPassword }, operator.access_token);
  const enumeration: EnumerationRow[] = await measureEnumeration(base, 'bench-signup', 'taken@example.com', Number(option('enumeration-samples', '40')));

  const barePort = await freePort();
  const bare = startProcess(['bench/bare-server.ts', String(barePort), String(workers)]);
  let bareSummary: Summary;
  try {
    await waitForHttp(`http://127.0.0.1:${barePort}/bare`);
    bareSummary = await load({ url: `http://127.0.0.1:${barePort}/bare`, method: 'GET' });
  } finally {
    await stop(bare);
  }

  const ratios = {
    login_vs_raw_verify: logins.requests_per_second / raw.verifies_per_second,
    validate_vs_bare_route: validate.requests_per_second / bareSummary.requests_per_second,
  };
  const targets = [
    { name: 'logins ≥ 0.9 × raw argon2 verify rate', value: ratios.login_vs_raw_verify, pass: ratios.login_vs_raw_verify >= 0.9 },
    { name: 'validate ≥ 0.5 × bare Fastify route', value: ratios.validate_vs_bare_route, pass: ratios.validate_vs_bare_route >= 0.5 },
    { name: 'refresh ≥ 2,000/s' + (usePostgres ? ' (target set for SQLite)' : ''), value: refresh.requests_per_second, pass: refresh.requests_per_second >= 2000 },
    ...enumeration.map((row) => ({ name: `${row.endpoint}: |existing − unknown| median < 5 ms`, value: Math.abs(row.difference_ms), pass: Math.abs(row.difference_ms) < 5 })),
  ];

  const rows = [
    ['raw argon2id verify (baseline)', raw.verifies_per_second, null, null, 0],
    ['password login', logins.requests_per_second, logins.p50_ms, logins.p99_ms, logins.non_2xx + logins.errors],
    ['refresh (rotating)', refresh.requests_per_second, refresh.p50_ms, refresh.p99_ms, refresh.non_2xx + refresh.errors],
    ['validate', validate.requests_per_second, validate.p50_ms, validate.p99_ms, validate.non_2xx + validate.errors],
    ['bare Fastify route (ceiling)', bareSummary.requests_per_second, bareSummary.p50_ms, bareSummary.p99_ms, bareSummary.non_2xx + bareSummary.errors],
  ] as const;
  console.log('\n| scenario | per second | p50 ms | p99 ms | failed |\n| --- | ---: | ---: | ---: | ---: |');
  for (const [name, rate, p50, p99, failed] of rows) {
    console.log(`| ${name} | ${rate.toFixed(1)} | ${p50 ?? '-'} | ${p99 ?? '-'} | ${failed} |`);
  }
  console.log('\n| enumeration timing | samples | existing p50 ms | unknown p50 ms | difference ms | answers |\n| --- | ---: | ---: | ---: | ---: | --- |');
  for (const row of enumeration) {
    console.log(`| ${row.endpoint} | ${row.samples} | ${row.existing_median_ms.toFixed(2)} | ${row.unknown_median_ms.toFixed(2)} | ${row.difference_ms.toFixed(2)} | ${row.statuses} |`);
  }
  console.log(`\nmemory: idle ${(idleRss / 2 ** 20).toFixed(1)} MiB, loaded peak ${(loadedRss / 2 ** 20).toFixed(1)} MiB (all server processes)`);
  console.log('\n| target | measured | met |\n| --- | ---: | --- |');
  for (const t of targets) console.log(`| ${t.name} | ${t.value.toFixed(2)} | ${t.pass ? 'yes' : 'NO'} |`);

  const results = {
    at: new Date().toISOString(),
    machine: { cores: cpus().length, model: cpus()[0]?.model, node: process.version },
    settings: { database: usePostgres ? 'postgres' : 'sqlite', workers, connections, seconds, argon2, rate_limits: 'off' },
    raw_verify_per_second: raw.verifies_per_second,
    login: logins,
    refresh,
    validate,
    bare_route: bareSummary,
    enumeration,
    memory: { idle_bytes: idleRss, loaded_peak_bytes: loadedRss },
    ratios,
    targets,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', JSON.stringify(results, null, 2));
  console.log('\nwrote bench/results/latest.json');
} finally {
  clearInterval(sampler);
  await stop(server);
  rmSync(dataDir, { recursive: true, force: true });
}
