/**
 * npm run bench:scale [-- --postgres] [-- --realms N] [-- --users N] [-- --samples N] [-- --touch N] [-- --keep]
 *
 * Proof at scale (issue #8): a single-realm baseline first, then 100,000 realms and 1,000,000
 * users bulk-loaded (half the users in one realm, the rest spread over the others), then the
 * server restarted with production defaults (rate limits off, as in `npm run bench`: one client
 * would hit them) and measured: restart to ready, realm list and search, the admin console in
 * Chromium (first load, realm search as typed), user prefix search in the large realm, login and validate beside the baseline, memory after touching many realms, and
 * realm creation through the API. Prints a table with targets and writes
 * bench/results/scale-latest.json. PostgreSQL runs in a database of the run's own, dropped after
 * unless --keep (then the data directory and the database stay, to look into a plan, and are named).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, sqlitePathIn } from '../src/storage/database.ts';
import { freePort, startProcess, stop, throwawayPostgresDatabase, treeRss, waitForHttp } from './process-tools.ts';
import { largeRealmEmail, realmName, realmSlug, seed, smallRealmEmail } from './scale-seed.ts';
import { client, forEachLimited, sampleLatency, seededRandom, type Latency } from './scale-measure.ts';
import { measureConsole } from './scale-console.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const usePostgres = args.includes('--postgres');
const keep = args.includes('--keep');
const realmCount = option('realms', 100_000);
const userCount = option('users', 1_000_000);
const samples = option('samples', 200);
const loginSamples = Math.max(20, Math.round(samples / 4));
const touchCount = Math.min(option('touch', 10_000), realmCount);
const PASSWORD = 'scale-user-password-1';
const OPERATOR = { email: 'scale@example.com', password: 'scale-operator-password-1' };
const random = seededRandom();

const dataDir = mkdtempSync(join(tmpdir(), 'keyrealm-scale-'));
const postgres = usePostgres ? await throwawayPostgresDatabase('keyrealm_scale') : undefined;
const openDb = () => openDatabase(postgres ? { url: postgres.url, poolSize: 2 } : { sqlitePath: sqlitePathIn(dataDir) });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env: Record<string, string> = {
  KEYREALM_PORT: String(port),
  KEYREALM_HOST: '127.0.0.1',
  KEYREALM_PUBLIC_URL: base,
  KEYREALM_DATA_DIR: dataDir,
  KEYREALM_LOG_LEVEL: 'warn',
  KEYREALM_ADMIN_EMAIL: OPERATOR.email,
  KEYREALM_ADMIN_PASSWORD: OPERATOR.password,
  KEYREALM_MAX_REALMS: '1000000',
  KEYREALM_RATE_LIMITS: 'off',
  ...(postgres ? { KEYREALM_DATABASE_URL: postgres.url } : {}),
};

/** Starts the server and answers the milliseconds until /ready says yes. */
async function startServer() {
  const started = performance.now();
  const server = startProcess(['src/main.ts'], env);
  await waitForHttp(`${base}/ready`, 120_000);
  return { server, readyMs: performance.now() - started };
}

const log = (line: string) => console.log(line);
log(`Keyrealm scale benchmark: ${cpus().length} cores, ${usePostgres ? 'PostgreSQL' : 'SQLite'}, ${realmCount} realms, ${userCount} users, ${samples} samples per latency (${loginSamples} for logins).`);

const first = await startServer();
let server = first.server;
const api = client(base);
try {
  // 1. Baseline: a server holding only the built-in realm and one realm with one user.
  await api.signInOperator(OPERATOR.email, OPERATOR.password);
  await api.json('POST', '/admin/v1/realms', { name: 'Baseline', slug: 'baseline' });
  await api.json('POST', '/admin/v1/realms/baseline/users', { email: 'baseline@example.com', password: PASSWORD });
  // Logins in a realm (each as a user `email()` picks) and validations of one token from it.
  const latencyIn = async (slug: string, email: () => string) => {
    const login = await sampleLatency(loginSamples, () => api.send('POST', `/realms/${slug}/auth/login`, { identifier: email(), password: PASSWORD }));
    const { access_token } = await api.json<{ access_token: string }>('POST', `/realms/${slug}/auth/login`, { identifier: email(), password: PASSWORD });
    const validate = await sampleLatency(samples, () => api.send('GET', `/realms/${slug}/auth/validate`, undefined, access_token));
    return { login, validate };
  };
  const baseline = await latencyIn('baseline', () => 'baseline@example.com');
  log(`baseline: login p50 ${baseline.login.p50_ms} ms, validate p50 ${baseline.validate.p50_ms} ms`);
  await stop(server);

  // 2. Bulk load, reusing the server's own password hash and sealed key.
  const database = openDb();
  const hashRow = await database.db.selectFrom('users').select('password_hash').where('email_search', '=', 'baseline@example.com').executeTakeFirstOrThrow();
  const keyTemplate = await database.db
    .selectFrom('signing_keys')
    .innerJoin('realms', 'realms.id', 'signing_keys.realm_id')
    .selectAll('signing_keys')
    .where('realms.slug', '=', 'baseline')
    .executeTakeFirstOrThrow();
  const largeRealmUsers = realmCount > 1 ? Math.floor(userCount / 2) : userCount;
  const seeded = await seed(database.db, { realms: realmCount, users: userCount, largeRealmUsers, passwordHash: hashRow.password_hash!, keyTemplate, now: Date.now() }, log);
  await database.close();
  log(`loaded: ${seeded.realms_per_second.toFixed(0)} realms/s, ${seeded.users_per_second.toFixed(0)} users/s`);

  // 3. Restart with everything in place.
  const restart = await startServer();
  server = restart.server;
  log(`restart to ready: ${restart.readyMs.toFixed(0)} ms`);
  await api.signInOperator(OPERATOR.email, OPERATOR.password);

  const get = (path: string) => () => api.send('GET', path);
  const realmList = await sampleLatency(samples, get('/admin/v1/realms?limit=50'));
  const realmSearchName = await sampleLatency(samples, () => api.send('GET', `/admin/v1/realms?limit=50&q=${encodeURIComponent(realmName(random(realmCount)).toLowerCase().slice(0, -1))}`));
  const realmSearchSlug = await sampleLatency(samples, () => api.send('GET', `/admin/v1/realms?limit=50&q=${realmSlug(random(realmCount)).slice(0, -1)}`));
  const realmSearchBroad = await sampleLatency(samples, get('/admin/v1/realms?limit=50&q=scale'));
  const large = seeded.largeRealm.slug;
  const userSearch = await sampleLatency(samples, () => api.send('GET', `/admin/v1/realms/${large}/users?limit=50&prefix=user${random(Math.max(1, Math.floor(largeRealmUsers / 1000)))}`));
  const userSearchBroad = await sampleLatency(samples, get(`/admin/v1/realms/${large}/users?limit=50&prefix=user`));
  log('searches measured');

  // The admin console in Chromium: first load to the realms list, and realm search as typed.
  const consoleFigures = await measureConsole(
    base,
    OPERATOR,
    Array.from({ length: Math.min(50, samples) }, () => {
      const n = random(realmCount);
      return { prefix: realmSlug(n).slice(0, -1), expect: realmName(n) };
    }),
  );
  log(`console: first load p50 ${consoleFigures.first_load.p50_ms} ms, search API p50 ${consoleFigures.search_api.p50_ms} ms`);

  const inLarge = await latencyIn(large, () => largeRealmEmail(random(largeRealmUsers)));
  const inSmall = await latencyIn(seeded.smallRealm.slug, () => smallRealmEmail(1, 0));

  // 4. Memory: touch many different realms (public info and JWKS each), then as many others.
  const rssBefore = treeRss(server.pid!);
  const touch = (slugs: string[]) =>
    forEachLimited(slugs, 8, async (slug) => {
      for (const path of [`/realms/${slug}`, `/realms/${slug}/.well-known/jwks.json`]) {
        const response = await api.send('GET', path);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${path} → ${response.status}`);
      }
    });
  const touchSeconds = await touch(seeded.realmSlugs.slice(0, touchCount));
  const rssAfterTouch = treeRss(server.pid!);
  const others = seeded.realmSlugs.slice(touchCount, 2 * touchCount);
  if (others.length > 0) await touch(others);
  const rssAfterMore = treeRss(server.pid!);

  // 5. Realm creation through the API (each with its first signing key), four at a time.
  const creations = Math.min(200, Math.max(20, samples));
  const createSeconds = await forEachLimited(Array.from({ length: creations }, (_, n) => n), 4, async (n) => {
    await api.json('POST', '/admin/v1/realms', { name: `Created ${n}` });
  });

  const mib = (bytes: number) => bytes / 2 ** 20;
  const ratio = (measured: Latency, reference: Latency) => measured.p50_ms / reference.p50_ms;
  const rows: { name: string; value: string; target: string; pass: boolean | null }[] = [
    { name: 'bulk load: realms/s', value: seeded.realms_per_second.toFixed(0), target: '-', pass: null },
    { name: 'bulk load: users/s', value: seeded.users_per_second.toFixed(0), target: '-', pass: null },
    { name: 'first start to ready, empty database (ms, for comparison)', value: first.readyMs.toFixed(0), target: '-', pass: null },
    { name: 'restart to ready (ms)', value: restart.readyMs.toFixed(0), target: '< 2000', pass: restart.readyMs < 2000 },
    ...[
      ['realm list, first page of 50', realmList],
      ['realm search, name prefix (≈10 hits)', realmSearchName],
      ['realm search, slug prefix (≈10 hits)', realmSearchSlug],
      ['realm search, prefix matching every realm', realmSearchBroad],
      [`user search, email prefix in the ${largeRealmUsers}-user realm`, userSearch],
      ['user search, prefix matching every user of that realm', userSearchBroad],
    ].map(([name, l]) => ({ name: `${name} p99 ms (p50 ${(l as Latency).p50_ms})`, value: (l as Latency).p99_ms.toFixed(1), target: '< 50', pass: (l as Latency).p99_ms < 50 && (l as Latency).failed === 0 })),
    ...(
      [
        ['login, large realm', inLarge.login, baseline.login],
        ['login, small realm', inSmall.login, baseline.login],
        ['validate, large realm', inLarge.validate, baseline.validate],
        ['validate, small realm', inSmall.validate, baseline.validate],
      ] as const
    ).map(([name, l, b]) => ({
      name: `${name}: p50 ${l.p50_ms} / p99 ${l.p99_ms} ms vs baseline ${b.p50_ms} / ${b.p99_ms}; p50 ratio`,
      value: ratio(l, b).toFixed(2),
      target: '≤ 1.10',
      pass: ratio(l, b) <= 1.1 && l.failed === 0,
    })),
    { name: `console first load to the realms list, empty cache (p50 ${consoleFigures.first_load.p50_ms} ms), p99 ms`, value: consoleFigures.first_load.p99_ms.toFixed(0), target: '< 1000', pass: consoleFigures.first_load.p99_ms < 1000 },
    { name: `console realm search, the API's answer in the browser (p50 ${consoleFigures.search_api.p50_ms} ms), p99 ms`, value: consoleFigures.search_api.p99_ms.toFixed(1), target: '< 100', pass: consoleFigures.search_api.p99_ms < 100 },
    { name: `console realm search, keystroke to rows incl. 120 ms debounce (p50 ${consoleFigures.search_shown.p50_ms} ms), p99 ms`, value: consoleFigures.search_shown.p99_ms.toFixed(0), target: '-', pass: null },
    { name: `RSS after touching ${touchCount} realms (MiB; before ${mib(rssBefore).toFixed(0)}, ${(touchCount / touchSeconds).toFixed(0)} realms/s)`, value: mib(rssAfterTouch).toFixed(0), target: '-', pass: null },
    { name: `RSS after ${others.length} more realms (MiB): growth ≤ 10 %`, value: mib(rssAfterMore).toFixed(0), target: '≤ 1.10 ×', pass: others.length === 0 ? null : rssAfterMore <= rssAfterTouch * 1.1 },
    { name: 'realm create/s through the API (4 at a time)', value: (creations / createSeconds).toFixed(1), target: '-', pass: null },
  ];
  console.log('\n| measurement | value | target | met |\n| --- | ---: | --- | --- |');
  for (const row of rows) console.log(`| ${row.name} | ${row.value} | ${row.target} | ${row.pass === null ? '-' : row.pass ? 'yes' : 'NO'} |`);

  const results = {
    at: new Date().toISOString(),
    machine: { cores: cpus().length, model: cpus()[0]?.model, node: process.version },
    settings: { database: usePostgres ? 'postgres' : 'sqlite', realms: realmCount, users: userCount, large_realm_users: largeRealmUsers, samples, login_samples: loginSamples, touched: touchCount },
    load: { realms_per_second: seeded.realms_per_second, users_per_second: seeded.users_per_second },
    first_start_to_ready_ms: first.readyMs,
    restart_to_ready_ms: restart.readyMs,
    latency: { realm_list: realmList, realm_search_name: realmSearchName, realm_search_slug: realmSearchSlug, realm_search_broad: realmSearchBroad, user_search: userSearch, user_search_broad: userSearchBroad, baseline, large_realm: inLarge, small_realm: inSmall },
    memory: { before_bytes: rssBefore, after_touch_bytes: rssAfterTouch, after_more_bytes: rssAfterMore, touch_realms_per_second: touchCount / touchSeconds },
    realm_creates_per_second: creations / createSeconds,
    console: consoleFigures,
    rows,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/scale-latest.json', JSON.stringify(results, null, 2));
  console.log('\nwrote bench/results/scale-latest.json');
} finally {
  await stop(server);
  if (keep) {
    console.log(`kept: data directory ${dataDir}${postgres ? `, database ${postgres.url}` : ''}`);
  } else {
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
