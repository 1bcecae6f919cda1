import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { freePort, waitForHttp } from '../../bench/process-tools.ts';
import { cleanEnv } from '../support/server-process.ts';

describe('stopping while nobody reads the log', { timeout: 120_000 }, () => {
  it('exits on SIGTERM within a bound, though its last lines cannot be written (a restart, JSON lines)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keyrealm-stalled-log-'));
    const port = await freePort();
    const env = { ...cleanEnv(), KEYREALM_PORT: String(port), KEYREALM_DATA_DIR: dataDir, KEYREALM_LOG_FORMAT: 'json' };
    // A restart: a first start hashes the operator's password in a worker thread, and starting one
    // makes standard output non-blocking by itself; a restart that hashes nothing relies on the logger.
    const first = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'src/main.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    await waitForHttp(`http://127.0.0.1:${port}/ready`, 60_000);
    const firstExited = new Promise((resolve) => first.on('exit', resolve));
    first.kill('SIGTERM');
    await firstExited;
    // Standard output is a pipe this test never reads: once it is full, no line can be written.
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause();
    try {
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await waitForHttp(`http://127.0.0.1:${port}/ready`, 60_000);
      // Each request logs a line of a few hundred bytes: far more than a pipe holds.
      for (let i = 0; i < 3000; i++) await fetch(`http://127.0.0.1:${port}/no-such-page-${i}`).then((response) => response.arrayBuffer());
      const stoppedAt = Date.now();
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 15_000))]);
      assert.equal(code, 0, stderr);
      assert.ok(Date.now() - stoppedAt < 10_000);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
