/**
 * Policy decisions for bench/run.ts (and alone: `node bench/authorization.ts [--seconds N] [--workers N] [--postgres]`):
 * a realm with 100 Cedar policies, then validate/s, single authorize/s and batches of 100 checks,
 * measured one after the other with the same token, so the ratio compares like with like.
 *
 * Every authorize (single or batched) asks about other resources (the generators number each
 * request's body, `{{n}}`), in three ways:
 * - **another resource, the same facts**: documents of the user's own, as a list page asks about
 *   them. The policies read the owner, not which document it is, so Cedar is asked once per action
 *   and the per-process memo answers the rest (docs/authorization.md#how-fast-and-how-fresh).
 * - **another owner each check**: the owner policies only compare the owner with the caller, so
 *   every other owner is the same question once values are renamed (policy-values.ts): the memo
 *   answers these too.
 * - **a new path each check**: those policies match the path with a pattern, which looks into the
 *   value; no remembered answer serves it and Cedar decides every check: the cost of the decision
 *   itself.
 *
 * The latency target is measured apart, at LATENCY_CONNECTIONS: with 64 connections on two cores
 * the answers queue (by Little's law the mean wait is connections / throughput, about 5 ms at
 * 13,000/s), which measures the queue, not the decision.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GeneratorSummary, Scenario } from './generator.ts';
import { generate, wrkAvailable } from './generator.ts';
import { freePort, startProcess, stop, throwawayPostgresDatabase, waitForHttp } from './process-tools.ts';

type Load = (scenario: Partial<Scenario> & Pick<Scenario, 'url' | 'method'>) => Promise<GeneratorSummary>;

export const BATCH = 100;
const POLICIES = 100;
export const LATENCY_CONNECTIONS = 4;
/** Every scenario is warmed first with requests of its own kind (bench/generator.ts): steady state, not first compiles, is compared. */
const WARMUP_SECONDS = 3;

/** One way of asking: single checks and batches of BATCH. */
export interface AskedWay {
  single: GeneratorSummary;
  batch: GeneratorSummary;
  batched_decisions_per_second: number;
  single_vs_validate: number;
}

export interface AuthorizationResults {
  validate: GeneratorSummary;
  /** Another resource each time, the same facts (the memo answers after the first). */
  same: AskedWay;
  /** Single decisions at LATENCY_CONNECTIONS: the p99 target. */
  latency: GeneratorSummary;
  /** Another owner each check: values only compared, so one question once renamed (policy-values.ts). */
  owners: AskedWay;
  /** A new path each check, matched by a pattern: Cedar decides every check. */
  inspected: AskedWay;
}

/**
 * 100 policies: one permit per resource type, most with an owner condition (which only compares
 * values), every tenth with a path pattern (which looks into one: policy-values.ts), and a forbid
 * every tenth.
 */
function benchPolicies(): string {
  return Array.from({ length: POLICIES }, (_, i) =>
    i % 10 === 9
      ? `@id("f${i}") forbid(principal, action == Action::"res${i}:delete", resource) when { resource.hasTag("locked") };`
      : i % 10 === 8
        ? `@id("p${i}") permit(principal, action == Action::"res${i}:read", resource) when { resource.hasTag("path") && resource.getTag("path") like "shared/*" };`
        : `@id("p${i}") permit(principal, action == Action::"res${i}:read", resource) when { resource.hasTag("owner") && resource.getTag("owner") == principal.id };`,
  ).join('\n');
}

/** The i-th of the 80 owner actions (a batch of 100 asks 80 different ones). */
const ownerAction = (i: number) => (Math.floor(i / 8) * 10 + (i % 8)) % POLICIES;
/** The i-th of the 10 path actions. */
const pathAction = (i: number) => (i % 10) * 10 + 8;

export async function measureAuthorization(o: { base: string; realm: string; operatorToken: string; accessToken: string; userId: string; load: Load }): Promise<AuthorizationResults> {
  const put = await fetch(`${o.base}/admin/v1/realms/${o.realm}/policies/bench`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${o.operatorToken}` },
    body: JSON.stringify({ policy: benchPolicies() }),
  });
  if (!put.ok) throw new Error(`saving the bench policies: ${put.status} ${await put.text()}`);
  const headers = { authorization: `Bearer ${o.accessToken}`, 'content-type': 'application/json' };
  const validate = await o.load({ url: `${o.base}/realms/${o.realm}/auth/validate`, method: 'GET', headers: { authorization: headers.authorization }, warmupSeconds: WARMUP_SECONDS });
  const one = (body: unknown) => ({ url: `${o.base}/realms/${o.realm}/authorize`, method: 'POST' as const, headers, body: JSON.stringify(body), warmupSeconds: WARMUP_SECONDS });
  const many = (checks: unknown[]) => ({ url: `${o.base}/realms/${o.realm}/authorize/batch`, method: 'POST' as const, headers, body: JSON.stringify({ checks }), warmupSeconds: WARMUP_SECONDS });
  /** `check(i, n)`: the i-th check of a request numbered n (`{{n}}`, filled in by the generator). */
  const ask = async (check: (i: number, n: string) => unknown): Promise<AskedWay> => {
    const single = await o.load(one(check(0, '{{n}}')));
    const batch = await o.load(many(Array.from({ length: BATCH }, (_, i) => check(i, `{{n}}-${i}`))));
    return { single, batch, batched_decisions_per_second: batch.requests_per_second * BATCH, single_vs_validate: single.requests_per_second / validate.requests_per_second };
  };
  const owned = (i: number, id: string, owner: string) => ({ action: `res${ownerAction(i)}:read`, resource: { type: `res${ownerAction(i)}`, id, attributes: { owner } } });
  const same = await ask((i, n) => owned(i, n, o.userId));
  const latency = await o.load({ ...one(owned(0, '{{n}}', o.userId)), connections: LATENCY_CONNECTIONS });
  const owners = await ask((i, n) => owned(i, n, `usr_${n}`));
  const inspected = await ask((i, n) => ({ action: `res${pathAction(i)}:read`, resource: { type: `res${pathAction(i)}`, id: n, attributes: { path: `shared/${n}` } } }));
  return { validate, same, latency, owners, inspected };
}

/** The targets, for each way of asking. */
export function authorizationTargets(r: AuthorizationResults) {
  const ways = [
    ['same facts', r.same],
    ['another owner each check', r.owners],
    ['Cedar every check', r.inspected],
  ] as const;
  return [
    ...ways.map(([name, way]) => ({ name: `authorize (100 policies, ${name}) ≥ 0.8 × validate`, value: way.single_vs_validate, pass: way.single_vs_validate >= 0.8 })),
    ...ways.map(([name, way]) => ({ name: `decisions in batches of ${BATCH} (${name}) ≥ 100,000/s`, value: way.batched_decisions_per_second, pass: way.batched_decisions_per_second >= 100_000 })),
    { name: `authorize p99 < 5 ms (${LATENCY_CONNECTIONS} connections)`, value: r.latency.p99_ms, pass: r.latency.p99_ms < 5 },
  ];
}

async function api<T>(base: string, path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${path} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Alone: a server of its own (SQLite, or a throwaway PostgreSQL database), a realm, a user, the three scenarios. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => (args.includes(`--${name}`) ? (args[args.indexOf(`--${name}`) + 1] ?? fallback) : fallback);
  const seconds = Number(option('seconds', '5'));
  const workers = option('workers', String(availableParallelism()));
  const dataDir = mkdtempSync(join(tmpdir(), 'keyrealm-bench-authz-'));
  const postgres = args.includes('--postgres') ? await throwawayPostgresDatabase('keyrealm_authz') : undefined;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startProcess(['src/main.ts'], {
    KEYREALM_PORT: String(port),
    KEYREALM_HOST: '127.0.0.1',
    KEYREALM_PUBLIC_URL: base,
    KEYREALM_DATA_DIR: dataDir,
    KEYREALM_LOG_LEVEL: 'warn',
    KEYREALM_WORKERS: workers,
    KEYREALM_ADMIN_EMAIL: 'bench@example.com',
    KEYREALM_ADMIN_PASSWORD: 'bench-operator-password-1',
    ...(postgres ? { KEYREALM_DATABASE_URL: postgres.url } : {}),
  });
  try {
    await waitForHttp(`${base}/ready`, 120_000);
    const operator = await api<{ access_token: string }>(base, '/realms/admin/auth/login', { identifier: 'bench@example.com', password: 'bench-operator-password-1' });
    const realm = await api<{ id: string; slug: string }>(base, '/admin/v1/realms', { name: 'Bench authz', slug: 'bench-authz', tokens: { access_token_minutes: 60 } }, operator.access_token);
    const user = await api<{ id: string }>(base, `/admin/v1/realms/${realm.id}/users`, { email: 'user@example.com', password: 'bench-user-password-1' }, operator.access_token);
    const signedIn = await api<{ access_token: string }>(base, `/realms/${realm.slug}/auth/login`, { identifier: 'user@example.com', password: 'bench-user-password-1' });
    const load: Load = (scenario) => generate({ connections: 64, seconds, ...scenario }, { useWrk: wrkAvailable(), workDir: dataDir });
    const results = await measureAuthorization({ base, realm: realm.slug, operatorToken: operator.access_token, accessToken: signedIn.access_token, userId: user.id, load });
    printAuthorization(results);
  } finally {
    await stop(server);
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printAuthorization(r: AuthorizationResults): void {
  console.log('\n| authorization (100 Cedar policies) | per second | p50 ms | p99 ms | failed | generator CPU | CPU stolen |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const rows = [
    ['validate', r.validate],
    ['authorize (one check, another resource, same facts)', r.same.single],
    [`authorize, ${LATENCY_CONNECTIONS} connections`, r.latency],
    [`authorize/batch (${BATCH} checks, same facts)`, r.same.batch],
    ['authorize (one check, another owner)', r.owners.single],
    [`authorize/batch (${BATCH} checks, another owner each)`, r.owners.batch],
    ['authorize (one check, a new path: Cedar decides)', r.inspected.single],
    [`authorize/batch (${BATCH} checks, a new path each: Cedar decides)`, r.inspected.batch],
  ] as const;
  for (const [name, s] of rows) {
    console.log(`| ${name} | ${s.requests_per_second.toFixed(1)} | ${s.p50_ms} | ${s.p99_ms} | ${s.non_2xx + s.errors} | ${(s.generator_cpu_share * 100).toFixed(0)}% | ${(s.stolen_cpu_share * 100).toFixed(0)}% |`);
  }
  const per = (way: AskedWay) => way.batched_decisions_per_second.toFixed(0);
  console.log(`decisions/s in batches: ${per(r.same)} (same facts), ${per(r.owners)} (another owner each), ${per(r.inspected)} (Cedar every check)`);
  for (const t of authorizationTargets(r)) console.log(`${t.name}: ${t.value.toFixed(2)} ${t.pass ? 'met' : 'NOT met'}`);
}

if (import.meta.main) await main();
