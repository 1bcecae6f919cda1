/**
 * Resident memory of the server, per process: started as `npm start` starts it (the build first,
 * then the start script's own command line: compiled JavaScript, production defaults), idle once
 * ready, right after a short load of sign-ins and validations, and idle again once the process has
 * had time to give back what the load took (src/platform/idle-memory.ts: an idle check every 5 s;
 * src/platform/hashing-workers.ts: a hashing thread ends after 30 s without work).
 *
 *   node bench/memory.ts [--workers N] [--postgres] [--entry dist/main.js] [--root DIR]
 *
 * `--entry src/main.ts` measures the TypeScript sources run directly instead (the way `npm start`
 * ran before the build); `--root` measures another checkout (with its own node_modules) for a
 * before/after comparison. bench/run.ts can call `measureMemory` with the same options.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childrenOf, freePort, processPrivate, processRss, stop, throwawayPostgresDatabase, waitForHttp } from './process-tools.ts';
import { build, startCommand } from './start-command.ts';

export interface MemoryOptions {
  /** Server processes (KEYREALM_WORKERS); with more than one, a primary supervises them. */
  workers: number;
  postgres: boolean;
  /** The script to run, relative to `root`; the start script's when absent. */
  entry?: string;
  /** The checkout to measure; this one when absent. */
  root?: string;
  /** Sign-ins and validations in the load. */
  logins?: number;
  validates?: number;
}

export interface ProcessMemory {
  role: 'primary' | 'worker' | 'server';
  pid: number;
  /** Idle since start-up, IDLE_SETTLE_MS after it. */
  idle_bytes: number;
  /** Right after the load. */
  loaded_bytes: number;
  /** Idle again, IDLE_AFTER_LOAD_MS after the load. */
  idle_after_load_bytes: number;
  /** The idle and idle-again figures without pages shared with other processes (processPrivate). */
  idle_private_bytes: number;
  idle_after_load_private_bytes: number;
  /** The highest resident memory seen while the load ran. */
  peak_bytes: number;
}

export interface MemoryReport {
  entry: string;
  /** The start script's environment settings and node flags. */
  environment: Record<string, string>;
  node_arguments: string[];
  workers: number;
  database: 'sqlite' | 'postgres';
  processes: ProcessMemory[];
  total_idle_bytes: number;
  total_loaded_bytes: number;
  total_idle_after_load_bytes: number;
}

const here = fileURLToPath(new URL('..', import.meta.url));
const SETTLE_MS = 2000;
/** The first start hashed the first operator's password: its hashing thread's 30 s, an idle check, a margin. */
const IDLE_SETTLE_MS = 40_000;
/** A hashing thread's 30 s without work, an idle check after it, and a margin. */
const IDLE_AFTER_LOAD_MS = 40_000;

async function call<T>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(base + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** Runs `count` calls of `task`, `concurrency` at a time. */
async function repeat(count: number, concurrency: number, task: () => Promise<unknown>): Promise<void> {
  let left = count;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await task();
    }),
  );
}

/** A realm with a user, then sign-ins (argon2id, tokens, sessions) and validations of their tokens. */
async function driveLoad(base: string, operatorPassword: string, logins: number, validates: number): Promise<void> {
  const operator = await call<{ access_token: string }>(base, 'POST', '/realms/admin/auth/login', { identifier: 'memory@example.com', password: operatorPassword });
  await call(base, 'POST', '/admin/v1/realms', { name: 'Memory', slug: 'memory' }, operator.access_token);
  const password = 'memory-user-password-1';
  await call(base, 'POST', '/admin/v1/realms/memory/users', { email: 'user@example.com', password }, operator.access_token);
  const tokens: string[] = [];
  await repeat(logins, 4, async () => {
    tokens.push((await call<{ access_token: string }>(base, 'POST', '/realms/memory/auth/login', { identifier: 'user@example.com', password })).access_token);
  });
  let next = 0;
  await repeat(validates, 16, () => call(base, 'GET', '/realms/memory/auth/validate', undefined, tokens[next++ % tokens.length]));
}

export async function measureMemory(options: MemoryOptions): Promise<MemoryReport> {
  const root = resolve(options.root ?? here);
  if (!options.entry) build(root);
  const start = startCommand(root, options.entry);
  const nodeArguments = start.args;
  const dataDir = mkdtempSync(join(tmpdir(), 'keyrealm-memory-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const operatorPassword = 'memory-operator-password-1';
  const postgres = options.postgres ? await throwawayPostgresDatabase('keyrealm_memory') : undefined;
  const server = spawn(join(root, 'node_modules/.bin/node'), nodeArguments, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ...start.env,
      KEYREALM_PORT: String(port),
      KEYREALM_HOST: '127.0.0.1',
      KEYREALM_PUBLIC_URL: base,
      KEYREALM_DATA_DIR: dataDir,
      KEYREALM_LOG_LEVEL: 'warn',
      KEYREALM_WORKERS: String(options.workers),
      KEYREALM_ADMIN_EMAIL: 'memory@example.com',
      KEYREALM_ADMIN_PASSWORD: operatorPassword,
      // The load signs one user in many times from one address: the limits would answer 429 instead.
      KEYREALM_RATE_LIMITS: 'off',
      ...(postgres ? { KEYREALM_DATABASE_URL: postgres.url } : {}),
    },
  });
  const pids = (): { role: ProcessMemory['role']; pid: number }[] => {
    if (options.workers === 1) return [{ role: 'server', pid: server.pid! }];
    return [{ role: 'primary', pid: server.pid! }, ...childrenOf(server.pid!).map((pid) => ({ role: 'worker' as const, pid }))];
  };
  const peaks = new Map<number, number>();
  const sample = () => {
    for (const { pid } of pids()) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, processRss(pid)));
  };
  try {
    await waitForHttp(`${base}/ready`);
    // /ready answers once one worker listens; wait until every worker is up, then let them settle.
    const deadline = Date.now() + 30_000;
    while (pids().length < (options.workers === 1 ? 1 : options.workers + 1)) {
      if (Date.now() > deadline) throw new Error(`${options.workers} workers did not all start within 30 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
    const idle = new Map(pids().map(({ pid }) => [pid, processRss(pid)]));
    const idlePrivate = new Map(pids().map(({ pid }) => [pid, processPrivate(pid)]));
    const sampler = setInterval(sample, 100);
    try {
      await driveLoad(base, operatorPassword, options.logins ?? 40, options.validates ?? 4000);
    } finally {
      clearInterval(sampler);
    }
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const loaded = new Map(pids().map(({ pid }) => [pid, processRss(pid)]));
    await new Promise((r) => setTimeout(r, IDLE_AFTER_LOAD_MS - SETTLE_MS));
    const processes = pids().map(({ role, pid }) => ({
      role,
      pid,
      idle_bytes: idle.get(pid) ?? 0,
      loaded_bytes: loaded.get(pid) ?? 0,
      peak_bytes: peaks.get(pid) ?? 0,
      idle_after_load_bytes: processRss(pid),
      idle_private_bytes: idlePrivate.get(pid) ?? 0,
      idle_after_load_private_bytes: processPrivate(pid),
    }));
    return {
      entry: nodeArguments.at(-1)!,
      environment: start.env,
      node_arguments: nodeArguments.slice(0, -1),
      workers: options.workers,
      database: postgres ? 'postgres' : 'sqlite',
      processes,
      total_idle_bytes: processes.reduce((sum, p) => sum + p.idle_bytes, 0),
      total_loaded_bytes: processes.reduce((sum, p) => sum + p.loaded_bytes, 0),
      total_idle_after_load_bytes: processes.reduce((sum, p) => sum + p.idle_after_load_bytes, 0),
    };
  } finally {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
    await postgres?.drop();
  }
}

export function formatMemoryReport(report: MemoryReport): string {
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  const lines = [
    `${Object.entries(report.environment).map(([name, value]) => `${name}=${value} `).join('')}node ${report.node_arguments.join(' ')} ${report.entry}, ${report.workers} worker(s), ${report.database}`,
    '| process | idle MiB | peak under load MiB | after load MiB | idle again MiB | idle, private MiB | idle again, private MiB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.processes.map(
      (p) => `| ${p.role} ${p.pid} | ${mb(p.idle_bytes)} | ${mb(p.peak_bytes)} | ${mb(p.loaded_bytes)} | ${mb(p.idle_after_load_bytes)} | ${mb(p.idle_private_bytes)} | ${mb(p.idle_after_load_private_bytes)} |`,
    ),
    `| all | ${mb(report.total_idle_bytes)} | | ${mb(report.total_loaded_bytes)} | ${mb(report.total_idle_after_load_bytes)} | | |`,
    '(private: pages no other process shares, Private_Clean + Private_Dirty; what one more process costs)',
  ];
  return lines.join('\n');
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const report = await measureMemory({
    workers: Number(option('workers') ?? 1),
    postgres: args.includes('--postgres'),
    entry: option('entry'),
    root: option('root'),
  });
  console.log(formatMemoryReport(report));
  if (args.includes('--json')) console.log(JSON.stringify(report));
}
