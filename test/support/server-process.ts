import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after } from 'node:test';

/** The server as `npm start` runs it, in a child process with a clean KEYREALM_* environment. */
export class Started {
  output = '';
  stderr = '';
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  constructor(child: ChildProcess) {
    this.child = child;
    child.stdout?.on('data', (chunk) => (this.output += chunk));
    child.stderr?.on('data', (chunk) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  /** Resolves with the port once `processes` server processes log that they listen (each worker does). */
  async listening(processes = 1, timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const lines = this.output.split('\n').filter((l) => l.includes('Keyrealm is listening'));
      if (lines.length >= processes) return JSON.parse(lines[0]).port;
      if (this.child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail(`the server did not start:\n${this.output}\n${this.stderr}`);
  }

  async stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return this.exited;
  }
}

const running = new Set<ChildProcess>();
// A failed assertion must not leave a server behind.
after(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
});

/** The test's environment without any KEYREALM_* setting of its own. */
export const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('KEYREALM_')));

/** Starts src/main.ts (or `entry`) on a free port of 127.0.0.1, with cheap argon2 and `env` over a clean environment. */
export function startServerProcess(env: Record<string, string>, entry = 'src/main.ts'): Started {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', entry], {
    env: { ...cleanEnv(), KEYREALM_HOST: '127.0.0.1', KEYREALM_PORT: '0', KEYREALM_ARGON2_MEMORY_KIB: '1024', KEYREALM_ARGON2_PASSES: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  return new Started(child);
}

