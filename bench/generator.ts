/**
 * Load generation for bench/run.ts, with the generator's own CPU use measured: on a machine whose
 * cores the server shares with the generator, a generator that burns CPU lowers every figure.
 * Debian's `wrk` (C, event loop, Lua scripts in bench/*.lua) is used when installed; otherwise
 * autocannon in its own process (bench/load.ts). `--generator autocannon` forces the latter.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Summary } from './load.ts';
import type { SignInScenario } from './sign-in-client.ts';

export interface Scenario {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
  /** Refresh chains: one starting refresh token per connection. */
  refreshTokens?: string[];
  /**
   * Seconds of the same load sent first and not counted: the server's code for this request (and a
   * baseline's) reaches steady state, as a production server's has, before the measured run.
   * Not for refresh chains (they are used up). A numbered body is warmed with numbers of its own
   * (`w` and a number, which no measured request holds), so no answer remembered then serves the run.
   */
  warmupSeconds?: number;
}

export interface GeneratorSummary extends Summary {
  generator: 'wrk' | 'autocannon' | 'scripted sign-ins';
  /** The generator's CPU time over the run's wall time and all cores: 0.25 is half of one core of two. */
  generator_cpu_share: number;
  /**
   * The share of the machine's CPU time the hypervisor gave to others during the run ("steal" in
   * /proc/stat): on a shared virtual machine, a run with much of it measured a slower machine.
   */
  stolen_cpu_share: number;
}

const WRK = '/usr/bin/wrk';
const WRK_THREADS = 2;

export const wrkAvailable = () => existsSync(WRK);

/**
 * Refresh chains need a starting token per connection and one spare per wrk thread: wrk calls the
 * script's request() once before the run to check it, and that call takes a token it never sends.
 */
export const refreshTokensFor = (connections: number) => connections + WRK_THREADS;

/** CPU seconds (user + system) a running process has used, from /proc; 0 once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5); `fields` starts at field 3. Clock ticks: 100/s on Linux.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The machine's CPU time so far, all cores, and the part of it stolen by the hypervisor; zeros where /proc/stat is missing. */
function machineCpu(): { total: number; stolen: number } {
  try {
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user).
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: fields.reduce((sum, ticks) => sum + ticks, 0), stolen: fields[7] ?? 0 };
  } catch {
    return { total: 0, stolen: 0 };
  }
}

/**
 * Runs a command; returns its last stdout line as JSON, the share of the machine's CPU it used
 * (sampled until it exits) and the share the hypervisor stole meanwhile.
 */
async function measured(command: string, args: string[], env: Record<string, string>): Promise<{ json: unknown; shares: Pick<GeneratorSummary, 'generator_cpu_share' | 'stolen_cpu_share'> }> {
  const before = machineCpu();
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout?.on('data', (chunk) => (out += chunk));
  let cpu = 0;
  const started = performance.now();
  const sampler = setInterval(() => (cpu = Math.max(cpu, cpuSeconds(child.pid!))), 100);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  const wall = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}`);
  const after = machineCpu();
  const stolen = after.total > before.total ? (after.stolen - before.stolen) / (after.total - before.total) : 0;
  return { json: JSON.parse(out.trim().split('\n').at(-1) ?? '{}'), shares: { generator_cpu_share: cpu / (wall * cpus().length), stolen_cpu_share: stolen } };
}

async function withWrk(scenario: Scenario, workDir: string): Promise<GeneratorSummary> {
  const env: Record<string, string> = { BENCH_THREADS: String(WRK_THREADS) };
  let script = 'bench/wrk-request.lua';
  if (scenario.refreshTokens) {
    env.BENCH_TOKENS = join(workDir, 'refresh-tokens.txt');
    writeFileSync(env.BENCH_TOKENS, scenario.refreshTokens.join('\n') + '\n');
    script = 'bench/wrk-refresh.lua';
  } else if (scenario.body) {
    env.BENCH_BODY = scenario.body;
  }
  const headers = Object.entries(scenario.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  const args = ['-t', String(WRK_THREADS), '-c', String(scenario.connections), '-d', `${scenario.seconds}s`, '--timeout', '30s', '-s', script, ...headers, scenario.url];
  const { json, shares } = await measured(WRK, args, env);
  const r = json as { total: number; duration_us: number; non_2xx: number; errors: number; timeouts: number; p50_us: number; p99_us: number };
  return {
    generator: 'wrk',
    ...shares,
    // Only successful answers count towards throughput.
    requests_per_second: (r.total - r.non_2xx) / (r.duration_us / 1e6),
    total: r.total,
    non_2xx: r.non_2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    p50_ms: Math.round(r.p50_us / 100) / 10,
    p99_ms: Math.round(r.p99_us / 100) / 10,
  };
}

async function withAutocannon(given: Scenario): Promise<GeneratorSummary> {
  // One chain per connection: the spares are wrk's.
  const scenario = given.refreshTokens ? { ...given, refreshTokens: given.refreshTokens.slice(0, given.connections) } : given;
  const { json, shares } = await measured(process.execPath, ['--disable-warning=ExperimentalWarning', 'bench/load.ts', JSON.stringify(scenario)], {});
  return { ...(json as Summary), generator: 'autocannon', ...shares };
}

export async function generate(scenario: Scenario, options: { useWrk: boolean; workDir: string }): Promise<GeneratorSummary> {
  const run = (s: Scenario) => (options.useWrk ? withWrk(s, options.workDir) : withAutocannon(s));
  if (scenario.warmupSeconds) {
    if (scenario.refreshTokens) throw new Error('a warm-up would use up the refresh chains the measured run needs');
    await run({ ...scenario, body: scenario.body?.replaceAll('{{n}}', 'w{{n}}'), seconds: scenario.warmupSeconds });
  }
  return run(scenario);
}

/** Full authorization-code sign-ins by the scripted browser (bench/sign-in-client.ts); a "request" is a whole sign-in. */
export async function driveSignIns(scenario: SignInScenario): Promise<GeneratorSummary> {
  const { json, shares } = await measured(process.execPath, ['--disable-warning=ExperimentalWarning', 'bench/sign-in-client.ts', JSON.stringify(scenario)], {});
  return { ...(json as Summary), generator: 'scripted sign-ins', ...shares };
}
