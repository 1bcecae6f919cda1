/**
 * npm run bench [-- --postgres] [-- --seconds N] [-- --workers N|auto] [-- --connections N] [-- --generator wrk|autocannon] [-- --import-users N] [-- --import-only]
 *
 * Starts Keyrealm as `npm start` does (compiled, with the start script's flags) with production
 * settings (log level info, rate limits on, one worker per core)
 * and from separate load-generating processes measures in one run: password logins/s beside the
 * raw argon2id verify rate at the same parameters on the same cores; refresh/s; validate/s and
 * /health/s beside a bare Fastify route (the HTTP ceiling); validate/s with a user's API key beside validate/s with a token; OpenID Connect client-credentials tokens/s
 * beside oidc-provider alone, introspection/s, policy decisions (bench/authorization.ts: authorize/s beside
 * validate/s, batches of 100, in a realm with 100 Cedar policies), and full authorization-code sign-ins/s through the hosted
 * pages by a scripted browser (bench/oidc.ts, bench/sign-in-client.ts); p50/p99 latency; idle and loaded
 * memory; the load generator's own CPU share; and the median timing difference between existing
 * and unknown addresses on sign-up, forgot-password, resend-verification and the starts of a
 * sign-in by emailed code or link; and bulk import of pre-hashed users/s beside the per-user import path
 * (bench/import.ts; `--import-only` measures just that). Prints tables and writes bench/results/latest.json.
 *
 * The load comes from one IP and one identifier, so the per-IP and per-identifier limits are set
 * high through their options (KEYREALM_RATE_LIMIT_*, the account flows' too): the limiter still runs on every request, as
 * in production, but never refuses one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorizationTargets, measureAuthorization, printAuthorization } from './authorization.ts';
import { measureEnumeration, type EnumerationRow } from './enumeration.ts';
import { measureImport, type ImportMeasurement } from './import.ts';
import { measureOidc } from './oidc.ts';
import { formatMemoryReport, measureMemory } from './memory.ts';
import { driveSignIns, generate, refreshTokensFor, wrkAvailable, type GeneratorSummary, type Scenario } from './generator.ts';
import { freePort, runJson, startProcess, stop, throwawayPostgresDatabase, treeRss, waitForHttp } from './process-tools.ts';
import { build, startCommand } from './start-command.ts';

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
const connections = Number(option('connections', '64'));
const useWrk = option('generator', 'wrk') === 'wrk' && wrkAvailable();
/**
 * The HTTP scenarios and their baseline are each warmed first with the same requests, uncounted, as
 * the authorization and OpenID Connect scenarios are (bench/authorization.ts, bench/oidc.ts): steady
 * state, not the first seconds' compilation, is compared, on both sides of each ratio.
 */
const WARMUP_SECONDS = 3;
/** High enough that one IP at full speed is never refused (requests per minute). */
const BENCH_RATE_LIMIT = '1000000';
function printImport(result: ImportMeasurement): void {
  console.log('\n| bulk import of pre-hashed users | users | users per second |\n| --- | ---: | ---: |');
  console.log(`| POST …/users/import/keyrealm (streamed JSON lines) | ${result.users} | ${result.stream_users_per_second.toFixed(0)} |`);
  console.log(`| POST …/users/import (500 a request, per-user transactions; baseline) | ${result.baseline_users} | ${result.per_user_path_users_per_second.toFixed(0)} |`);
  console.log(`streamed / per-user path: ${(result.stream_users_per_second / result.per_user_path_users_per_second).toFixed(1)}×`);
}

/**
 * One request of the bench's own setup. A 503 with Retry-After (the hashing queue shedding sign-ins
 * while the logins scenario's last requests drain) is tried again after the wait it names.
 */
async function api<T>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const retryAfter = Number(response.headers.get('retry-after'));
    if (response.status === 503 && retryAfter > 0 && attempt < 10) {
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      continue;
    }
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
}

/**
 * The server as `npm start` runs it (built first, then the start script's environment settings,
 * node flags and compiled entry point), its info-level log written to a file as a log shipper would
 * read it (a full pipe would stall it).
 */
const start = startCommand(process.cwd(), undefined);
function startServer(env: Record<string, string>, logFile: string): ChildProcess {
  build(process.cwd());
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, start.args, { env: { ...process.env, ...start.env, ...env }, stdio: ['ignore', log, 'inherit'] });
  closeSync(log);
  return child;
}

const dataDir = mkdtempSync(join(tmpdir(), 'keyrealm-bench-'));
const load = (scenario: Partial<Scenario> & Pick<Scenario, 'url' | 'method'>) => generate({ connections, seconds, ...scenario }, { useWrk, workDir: dataDir });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const adminPassword = 'bench-operator-password-1';
const env: Record<string, string> = {
  KEYREALM_PORT: String(port),
  KEYREALM_HOST: '127.0.0.1',
  KEYREALM_PUBLIC_URL: base,
  KEYREALM_DATA_DIR: dataDir,
  KEYREALM_LOG_LEVEL: 'info',
  KEYREALM_WORKERS: String(workers),
  KEYREALM_ADMIN_EMAIL: 'bench@example.com',
  KEYREALM_ADMIN_PASSWORD: adminPassword,
  KEYREALM_RATE_LIMITS: 'on',
  KEYREALM_RATE_LIMIT_LOGIN_PER_IP: BENCH_RATE_LIMIT,
  KEYREALM_RATE_LIMIT_LOGIN_PER_IDENTIFIER: BENCH_RATE_LIMIT,
  KEYREALM_RATE_LIMIT_REFRESH_PER_IP: BENCH_RATE_LIMIT,
  // The enumeration timing sends a few hundred account requests from this one IP.
  KEYREALM_RATE_LIMIT_SIGN_UP_PER_IP: BENCH_RATE_LIMIT,
  KEYREALM_RATE_LIMIT_RECOVERY_PER_IP: BENCH_RATE_LIMIT,
  KEYREALM_RATE_LIMIT_RECOVERY_PER_ADDRESS: BENCH_RATE_LIMIT,
  KEYREALM_RATE_LIMIT_RECOVERY_PER_ADDRESS_HOUR: BENCH_RATE_LIMIT,
  KEYREALM_RATE_LIMIT_TOKEN_PER_IP: BENCH_RATE_LIMIT,
};
const postgres = usePostgres ? await throwawayPostgresDatabase('keyrealm_bench') : undefined;
if (postgres) env.KEYREALM_DATABASE_URL = postgres.url;

console.log(`Keyrealm benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${workers} server process(es), ` +
  `${usePostgres ? 'PostgreSQL' : 'SQLite'}, ${connections} connections from ${useWrk ? 'wrk' : 'autocannon'}, ${seconds} s per scenario, ` +
  `log level info, rate limits on (per-IP/identifier limits ${BENCH_RATE_LIMIT}/min), argon2id m=${argon2.memoryKib} KiB t=${argon2.passes} p=${argon2.parallelism}, ` +
  `started as npm start does: ${Object.entries(start.env).map(([name, value]) => `${name}=${value} `).join('')}node ${start.args.join(' ')}.`);

const server = startServer(env, join(dataDir, 'server.log'));
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, server.pid ? treeRss(server.pid) : 0)), 200);
try {
  // Workers start slowly on a busy shared machine.
  await waitForHttp(`${base}/ready`, 120_000);
  await new Promise((r) => setTimeout(r, 1000));
  const idleRss = treeRss(server.pid!);

  const operator = await api<{ access_token: string }>(base, 'POST', '/realms/admin/auth/login', { identifier: 'bench@example.com', password: adminPassword });
  const importUsers = Number(option('import-users', '100000'));
  if (flag('import-only')) {
    printImport(await measureImport({ base, operatorToken: operator.access_token, users: importUsers }));
  } else {
    const realm = await api<{ id: string; slug: string }>(base, 'POST', '/admin/v1/realms', { name: 'Bench', slug: 'bench', tokens: { access_token_minutes: 60 } }, operator.access_token);
    const userPassword = 'bench-user-password-1';
    const benchUser = await api<{ id: string }>(base, 'POST', `/admin/v1/realms/${realm.id}/users`, { email: 'user@example.com', password: userPassword }, operator.access_token);
    const loginBody = JSON.stringify({ identifier: 'user@example.com', password: userPassword });
    const loginPath = `${base}/realms/${realm.slug}/auth/login`;

    const raw = await runJson<{ verifies_per_second: number }>([
      'bench/argon2-rate.ts', String(argon2.memoryKib), String(argon2.passes), String(argon2.parallelism), String(2 * seconds), String(4 * workers),
    ]);
    // Logins run at tens per second: twice the time gives them as many samples as the rest.
    const logins = await load({ url: loginPath, method: 'POST', body: loginBody, seconds: 2 * seconds });

    // A few at a time: a burst of a hundred sign-ins in one realm is what the hashing queue sheds (503).
    const sessions: { refresh_token: string; access_token: string }[] = [];
    while (sessions.length < refreshTokensFor(connections)) {
      const batch = Math.min(16, refreshTokensFor(connections) - sessions.length);
      sessions.push(...(await Promise.all(Array.from({ length: batch }, () => api<{ refresh_token: string; access_token: string }>(base, 'POST', `/realms/${realm.slug}/auth/login`, JSON.parse(loginBody))))));
    }
    const refresh = await load({ url: `${base}/realms/${realm.slug}/auth/refresh`, method: 'POST', refreshTokens: sessions.map((s) => s.refresh_token) });

    const fresh = await api<{ access_token: string }>(base, 'POST', `/realms/${realm.slug}/auth/login`, JSON.parse(loginBody));
    // The bare route is measured right before validate and right after /health, and their ratios
    // use the mean of the two: on a shared virtual machine the speed of the cores drifts over a
    // run by more than the figures compared (the bare route 39% apart at the two ends of one run).
    const barePort = await freePort();
    const bare = startProcess(['bench/bare-server.ts', String(barePort), String(workers)]);
    const bareRoute = () => load({ url: `http://127.0.0.1:${barePort}/bare`, method: 'GET', warmupSeconds: WARMUP_SECONDS });
    let bareBefore: GeneratorSummary, validate: GeneratorSummary, apiKeyValidate: GeneratorSummary, health: GeneratorSummary, bareAfter: GeneratorSummary;
    try {
      await waitForHttp(`http://127.0.0.1:${barePort}/bare`, 120_000);
      bareBefore = await bareRoute();
      validate = await load({ url: `${base}/realms/${realm.slug}/auth/validate`, method: 'GET', headers: { authorization: `Bearer ${fresh.access_token}` }, warmupSeconds: WARMUP_SECONDS });
      // The same user's API key at the same endpoint: the key's check must cost no more than the token's.
      const apiKey = await api<{ api_key: string }>(base, 'POST', `/realms/${realm.slug}/account/api-keys`, { name: 'bench' }, fresh.access_token);
      apiKeyValidate = await load({ url: `${base}/realms/${realm.slug}/auth/validate`, method: 'GET', headers: { authorization: `Bearer ${apiKey.api_key}` }, warmupSeconds: WARMUP_SECONDS });
      health = await load({ url: `${base}/health`, method: 'GET', warmupSeconds: WARMUP_SECONDS });
      bareAfter = await bareRoute();
    } finally {
      await stop(bare);
    }
    const bareRate = (bareBefore.requests_per_second + bareAfter.requests_per_second) / 2;
    // Policy decisions in a realm with 100 Cedar policies, beside validate measured again in the same step.
    const authorization = await measureAuthorization({ base, realm: realm.slug, operatorToken: operator.access_token, accessToken: fresh.access_token, userId: benchUser.id, load });
    const oidc = await measureOidc({
      base,
      operatorToken: operator.access_token,
      realmId: realm.id,
      user: { identifier: 'user@example.com', password: userPassword },
      workers,
      load,
      // Sign-ins run at the argon2id rate, like logins: twice the time for as many samples.
      signIns: (scenario) => driveSignIns({ ...scenario, connections, seconds: 2 * seconds }),
    });
    const loadedRss = peakRss;

    await api(base, 'POST', '/admin/v1/realms', { name: 'Bench sign-up', slug: 'bench-signup', users: { registration: { enabled: true } }, sign_in: { first_factors: ['password', 'email_otp', 'magic_link'] } }, operator.access_token);
    await api(base, 'POST', '/admin/v1/realms/bench-signup/users', { email: 'taken@example.com', password: userPassword }, operator.access_token);
    const enumeration: EnumerationRow[] = await measureEnumeration(base, 'bench-signup', 'taken@example.com', Number(option('enumeration-samples', '40')));
    // Per process, as `npm start` runs the server (compiled JavaScript, its flags), in a server of its own.
    const memory = await measureMemory({ workers, postgres: usePostgres });

    const ratios = {
      login_vs_raw_verify: logins.requests_per_second / raw.verifies_per_second,
      validate_vs_bare_route: validate.requests_per_second / bareRate,
      api_key_validate_vs_validate: apiKeyValidate.requests_per_second / validate.requests_per_second,
      health_vs_bare_route: health.requests_per_second / bareRate,
      client_credentials_vs_oidc_provider: oidc.client_credentials.requests_per_second / oidc.bare_client_credentials.requests_per_second,
      // No target: how much of the hashing rate a sign-in of six HTTP steps keeps.
      sign_ins_vs_raw_verify: oidc.sign_ins.requests_per_second / raw.verifies_per_second,
    };
    const refreshTarget = usePostgres ? 2500 : 4000;
    const targets = [
      { name: 'logins ≥ 0.9 × raw argon2 verify rate', value: ratios.login_vs_raw_verify, pass: ratios.login_vs_raw_verify >= 0.9 },
      { name: 'validate ≥ 0.6 × bare Fastify route', value: ratios.validate_vs_bare_route, pass: ratios.validate_vs_bare_route >= 0.6 },
      { name: 'validate with an API key ≥ 0.8 × validate with a token', value: ratios.api_key_validate_vs_validate, pass: ratios.api_key_validate_vs_validate >= 0.8 },
      { name: '/health ≥ 0.8 × bare Fastify route', value: ratios.health_vs_bare_route, pass: ratios.health_vs_bare_route >= 0.8 },
      { name: 'client credentials ≥ 0.9 × oidc-provider alone', value: ratios.client_credentials_vs_oidc_provider, pass: ratios.client_credentials_vs_oidc_provider >= 0.9 },
      { name: `refresh ≥ ${refreshTarget.toLocaleString('en')}/s`, value: refresh.requests_per_second, pass: refresh.requests_per_second >= refreshTarget },
      ...authorizationTargets(authorization),
      ...enumeration.map((row) => ({ name: `${row.endpoint}: |existing − unknown| median < 5 ms`, value: Math.abs(row.difference_ms), pass: Math.abs(row.difference_ms) < 5 })),
    ];

    const bulkImport = await measureImport({ base, operatorToken: operator.access_token, users: importUsers });
    targets.push({ name: 'bulk import of pre-hashed users ≥ 20,000/s', value: bulkImport.stream_users_per_second, pass: bulkImport.stream_users_per_second >= 20_000 });

    const rows: [string, GeneratorSummary][] = [
      ['password login', logins],
      ['refresh (rotating)', refresh],
      ['validate', validate],
      ['validate with an API key', apiKeyValidate],
      ['/health', health],
      ['OIDC client credentials', oidc.client_credentials],
      ['oidc-provider alone, client credentials (baseline)', oidc.bare_client_credentials],
      ['OIDC introspection (JWT access token)', oidc.introspection],
      ['OIDC authorization-code sign-ins (hosted pages, whole flows)', oidc.sign_ins],
      ['bare Fastify route (ceiling), before validate', bareBefore],
      ['bare Fastify route (ceiling), after /health', bareAfter],
    ];
    console.log('\n| scenario | per second | p50 ms | p99 ms | failed | load generator CPU | CPU stolen |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    console.log(`| raw argon2id verify (baseline) | ${raw.verifies_per_second.toFixed(1)} | - | - | 0 | - | - |`);
    for (const [name, s] of rows) {
      const failed = s.non_2xx + s.errors;
      console.log(`| ${name} | ${s.requests_per_second.toFixed(1)} | ${s.p50_ms} | ${s.p99_ms} | ${failed} | ${(100 * s.generator_cpu_share).toFixed(0)}% | ${(100 * s.stolen_cpu_share).toFixed(0)}% |`);
    }
    console.log(`\n(load generator CPU: ${useWrk ? 'wrk' : 'autocannon'}'s CPU time over the scenario's wall time on all ${cpus().length} cores; for the sign-ins, the scripted browser's.`);
    console.log(' CPU stolen: the share of the machine\'s CPU time its hypervisor gave to other guests during the scenario; where it is more than a few per cent, compare that figure with care)');
    console.log(`authorization-code sign-ins / raw argon2id verify: ${ratios.sign_ins_vs_raw_verify.toFixed(2)}`);
    printAuthorization(authorization);
    printImport(bulkImport);
    console.log('\n| enumeration timing | samples | existing p50 ms | unknown p50 ms | difference ms | answers |\n| --- | ---: | ---: | ---: | ---: | --- |');
    for (const row of enumeration) {
      console.log(`| ${row.endpoint} | ${row.samples} | ${row.existing_median_ms.toFixed(2)} | ${row.unknown_median_ms.toFixed(2)} | ${row.difference_ms.toFixed(2)} | ${row.statuses} |`);
    }
    console.log(`\nmemory: idle ${(idleRss / 2 ** 20).toFixed(1)} MiB, loaded peak ${(loadedRss / 2 ** 20).toFixed(1)} MiB (all processes of the server measured above)`);
    console.log(`\n${formatMemoryReport(memory)}`);
    console.log('\n| target | measured | met |\n| --- | ---: | --- |');
    for (const t of targets) console.log(`| ${t.name} | ${t.value.toFixed(2)} | ${t.pass ? 'yes' : 'NO'} |`);

    const results = {
      at: new Date().toISOString(),
      machine: { cores: cpus().length, model: cpus()[0]?.model, node: process.version },
      settings: { database: usePostgres ? 'postgres' : 'sqlite', workers, connections, seconds, argon2, log_level: 'info', rate_limits: `on, ${BENCH_RATE_LIMIT}/min per IP and identifier`, generator: useWrk ? 'wrk' : 'autocannon' },
      raw_verify_per_second: raw.verifies_per_second,
      login: logins,
      refresh,
      validate,
      api_key_validate: apiKeyValidate,
      health,
      authorization,
      oidc,
      bare_route: { before_validate: bareBefore, after_health: bareAfter, mean_requests_per_second: bareRate },
      enumeration,
      bulk_import: bulkImport,
      memory: { idle_bytes: idleRss, loaded_peak_bytes: loadedRss, benchmark: memory },
      ratios,
      targets,
    };
    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/latest${usePostgres ? '-postgres' : ''}.json`;
    writeFileSync(file, JSON.stringify(results, null, 2));
    console.log(`\nwrote ${file}`);
  }
} finally {
  clearInterval(sampler);
  await stop(server);
  rmSync(dataDir, { recursive: true, force: true });
  await postgres?.drop();
}
