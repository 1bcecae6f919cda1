import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import pg from 'pg';
import { POSTGRES_URL, dialects } from '../support/databases.ts';
import { cleanEnv, startServerProcess as start } from '../support/server-process.ts';

const passwordIn = (output: string) => /password: (\S+)/.exec(output)?.[1];

async function login(port: number, identifier: string, password: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/realms/admin/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });
}

for (const dialect of dialects) {
  describe(`npm start on ${dialect}`, { timeout: 120_000 }, () => {
    // A database of its own, so the server runs in PostgreSQL's default schema as in production.
    const databaseName = `keyrealm_main_${randomBytes(6).toString('hex')}`;
    const env: Record<string, string> = {};
    let dataDir: string;
    let generated: string | undefined;

    const postgres = async (statement: string) => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(statement);
      await client.end();
    };
    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'keyrealm-main-'));
      env.KEYREALM_DATA_DIR = dataDir;
      if (dialect !== 'postgres') return;
      await postgres(`create database ${databaseName}`);
      const url = new URL(POSTGRES_URL);
      url.pathname = `/${databaseName}`;
      env.KEYREALM_DATABASE_URL = url.toString();
    });
    after(async () => {
      rmSync(dataDir, { recursive: true, force: true });
      if (dialect === 'postgres') await postgres(`drop database ${databaseName} with (force)`);
    });

    it('first start: prints the generated operator password once, answers /health, exits 0 on SIGTERM', async () => {
      const server = start(env);
      const port = await server.listening();
      generated = passwordIn(server.output);
      assert.match(generated ?? '', /^[0-9A-Za-z]{24}$/);
      assert.equal(server.output.split(generated!).length - 1, 2, 'the password is printed once (and once in the curl line)');
      assert.match(server.output, /email: {4}admin@localhost/);
      // No public URL configured: links follow the port the system chose for KEYREALM_PORT=0.
      assert.match(server.output, new RegExp(`curl -s -X POST http://localhost:${port}/realms/admin/auth/login`));
      const logLines = server.output.split('\n').filter((line) => line.startsWith('{'));
      assert.ok(logLines.every((line) => !line.includes(generated!)), 'the logger never carries the password');
      assert.ok(logLines.some((line) => line.includes('KEYREALM_MASTER_KEY')), 'a log line says the master key was generated');
      assert.ok(existsSync(join(dataDir, 'master.key')));

      const health = await fetch(`http://127.0.0.1:${port}/health`);
      assert.equal(health.status, 200);
      assert.equal(((await health.json()) as { status: string }).status, 'ok');
      const signedIn = await login(port, 'admin@localhost', generated!);
      assert.equal(signedIn.status, 200);
      const { access_token } = (await signedIn.json()) as { access_token: string };
      const claims = JSON.parse(Buffer.from(access_token.split('.')[1], 'base64url').toString());
      assert.match(claims.iss, new RegExp(`^http://localhost:${port}/realms/`), 'the issuer names the port listened on');

      // One line per request; probes are not logged at info.
      assert.equal((await fetch(`http://127.0.0.1:${port}/ready`)).status, 200);
      await fetch(`http://127.0.0.1:${port}/realms/admin/auth/validate?token=secret-in-query&limit=5`);
      // Log lines are written in batches, at the latest a second after they were logged.
      const requestLines = () => server.output.split('\n').filter((line) => line.includes('"msg":"request"'));
      for (let waited = 0; requestLines().length < 2 && waited < 3000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 100));
      const requests = requestLines().map((line) => JSON.parse(line));
      assert.deepEqual(requests.map((line) => `${line.method} ${line.url} ${line.status}`), [
        'POST /realms/admin/auth/login 200',
        'GET /realms/admin/auth/validate?token=…&limit=5 401',
      ]);
      assert.ok(requests.every((line) => typeof line.ms === 'number' && typeof line.request_id === 'string'));
      assert.ok(!server.output.includes('secret-in-query'));
      assert.doesNotMatch(server.output, /incoming request|request completed/);

      // The port is bound before Fastify exists: what Node's parser refuses still answers in our shape.
      const refused = await rawRequest(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      assert.match(refused, /^HTTP\/1\.1 431 /);
      assert.match(refused, /"code":"request\.headers_too_large"/);
      assert.equal(await server.stop(), 0);
    });

    it('second start: creates nothing, warns that the admin settings are ignored, the first password still works, and in-flight requests finish on SIGTERM', async () => {
      // Slow argon2 makes a sign-in of an unknown user (a dummy hash at these parameters) take a while.
      const server = start({ ...env, KEYREALM_ARGON2_MEMORY_KIB: '65536', KEYREALM_ARGON2_PASSES: '6', KEYREALM_ADMIN_EMAIL: 'ops@example.com', KEYREALM_ADMIN_PASSWORD: 'change-me-now-please' });
      const port = await server.listening();
      assert.equal(passwordIn(server.output), undefined);
      const warning = server.output.split('\n').find((line) => line.includes('were ignored'));
      assert.ok(warning, 'a warning says the admin settings changed nothing');
      assert.equal(JSON.parse(warning).level, 40);
      assert.match(warning, /already has operators.*only on the first start with an empty database/);
      assert.ok(!server.output.includes('change-me-now-please'));
      assert.equal((await login(port, 'ops@example.com', 'change-me-now-please')).status, 401);
      assert.doesNotMatch(server.output, /KEYREALM_MASTER_KEY/, 'the existing master key is reused');
      assert.equal((await login(port, 'admin@localhost', generated!)).status, 200);

      const inFlight = login(port, 'nobody@example.com', 'wrong-password');
      await new Promise((r) => setTimeout(r, 50));
      server.child.kill('SIGTERM');
      assert.equal((await inFlight).status, 401, 'the request under way was answered');
      assert.equal(await server.exited, 0);
    });

    it('several workers share the port and stop together', async () => {
      const server = start({ ...env, KEYREALM_WORKERS: '2' });
      const port = await server.listening(2);
      assert.equal((await fetch(`http://127.0.0.1:${port}/ready`)).status, 200);
      assert.equal(passwordIn(server.output), undefined);
      const pids = new Set(server.output.split('\n').filter((l) => l.includes('Keyrealm is listening')).map((l) => JSON.parse(l).pid));
      assert.equal(pids.size, 2, 'two worker processes listen');
      assert.ok(!pids.has(server.child.pid), 'the primary only supervises');
      // It measured ~92 MB here (type stripping alone is ~61 MB) against 166-194 MB when it composed the services.
      assert.ok(residentMegabytes(server.child.pid!) < 130, 'the primary loads no services');
      assert.equal(await server.stop(), 0);
    });

    it("a master key that does not open the database's signing keys stops the server in one line, alone or in a cluster", async () => {
      const database = dialect === 'postgres' ? 'PostgreSQL' : `SQLite at ${join(dataDir, 'keyrealm.sqlite')}`;
      for (const workers of ['1', '2']) {
        const server = start({ ...env, KEYREALM_MASTER_KEY: randomBytes(32).toString('base64'), KEYREALM_WORKERS: workers });
        assert.equal(await server.exited, 1, `workers=${workers}`);
        assert.equal(
          server.stderr,
          `The master key does not open the signing keys in ${database}: start with the key they were sealed with (KEYREALM_MASTER_KEY, or master.key in the data directory it was generated in).\n`,
        );
      }
      // The right key still starts it.
      const server = start(env);
      assert.equal((await login(await server.listening(), 'admin@localhost', generated!)).status, 200);
      assert.equal(await server.stop(), 0);
    });

    it('a busy port stops the server before it creates anything, alone or in a cluster, in one line', async () => {
      const blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const busy = (blocker.address() as AddressInfo).port;
      const fresh = mkdtempSync(join(tmpdir(), 'keyrealm-main-'));
      try {
        for (const workers of ['1', '2']) {
          const server = start({ ...env, KEYREALM_DATA_DIR: fresh, KEYREALM_PORT: String(busy), KEYREALM_WORKERS: workers });
          assert.equal(await server.exited, 1, `workers=${workers}`);
          assert.equal(server.stderr, `Keyrealm could not start: port ${busy} is already in use (KEYREALM_PORT)\n`);
          assert.equal(passwordIn(server.output), undefined, 'no operator was created, no password lost');
          assert.ok(!existsSync(join(fresh, 'master.key')), 'nothing was prepared');
        }
      } finally {
        blocker.close();
        rmSync(fresh, { recursive: true, force: true });
      }
    });
  });
}

/** A process's resident memory (Linux). */
function residentMegabytes(pid: number): number {
  const kib = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib) / 1024;
}

describe('npm start with other configurations', { timeout: 120_000 }, () => {
  it('prints one line naming the option and exits 1', async () => {
    const server = start({ KEYREALM_PORT: 'eighty' });
    assert.equal(await server.exited, 1);
    assert.equal(server.stderr, 'Invalid configuration: KEYREALM_PORT must be a port number 0-65535.\n');
    assert.equal(server.output, '');
  });

  it('refuses a configured operator password the admin realm does not accept, in one line', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keyrealm-main-'));
    try {
      const server = start({ KEYREALM_DATA_DIR: dataDir, KEYREALM_ADMIN_EMAIL: 'ops@example.com', KEYREALM_ADMIN_PASSWORD: 'tiny7' });
      assert.equal(await server.exited, 1);
      assert.equal(server.stderr.split('\n').filter(Boolean).length, 1);
      assert.match(server.stderr, /^Invalid configuration: KEYREALM_ADMIN_EMAIL\/KEYREALM_ADMIN_PASSWORD were refused .*password/);
      assert.ok(!server.stderr.includes('tiny7'), 'the password is not echoed');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('uses the configured master key and operator credentials, prints no password, and counts sign-ins in Redis', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keyrealm-main-'));
    try {
      const server = start({
        KEYREALM_DATA_DIR: dataDir,
        KEYREALM_ADMIN_EMAIL: 'ops@example.com',
        KEYREALM_ADMIN_PASSWORD: 'configured-password-1',
        KEYREALM_REDIS_URL: 'redis://127.0.0.1:6379',
        KEYREALM_MASTER_KEY: randomBytes(32).toString('base64'),
      });
      const port = await server.listening();
      assert.equal(passwordIn(server.output), undefined);
      assert.ok(!server.output.includes('configured-password-1'));
      assert.equal((await login(port, 'ops@example.com', 'configured-password-1')).status, 200);
      assert.ok(!existsSync(join(dataDir, 'master.key')), 'the configured master key is used');
      assert.doesNotMatch(server.output, /redis connection error/);
      const redis = new Redis('redis://127.0.0.1:6379');
      try {
        assert.ok((await redis.keys('keyrealm:rate:*')).length > 0, 'the login was counted in Redis');
      } finally {
        redis.disconnect();
      }
      assert.equal(await server.stop(), 0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npm start runs the compiled JavaScript', { timeout: 120_000 }, () => {
  it('dist/main.js, built as npm install builds it, starts, hashes and checks passwords, and stops', async () => {
    // Nothing but the build can show what the compiled tree lacks (files found by path, not import).
    const built = spawnSync(process.execPath, ['scripts/build.ts'], { encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr + built.stdout);
    const dataDir = mkdtempSync(join(tmpdir(), 'keyrealm-main-'));
    try {
      const server = start({ KEYREALM_DATA_DIR: dataDir, KEYREALM_ADMIN_EMAIL: 'ops@example.com', KEYREALM_ADMIN_PASSWORD: 'compiled-server-password-1' }, 'dist/main.js');
      const port = await server.listening();
      assert.equal((await login(port, 'ops@example.com', 'compiled-server-password-1')).status, 200);
      assert.equal((await login(port, 'ops@example.com', 'not-the-password-at-all')).status, 401);
      assert.equal((await fetch(`http://127.0.0.1:${port}/docs`)).status, 200);
      assert.equal(await server.stop(), 0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npm run migrate', () => {
  it('applies the migrations, says so, and finds nothing to do the second time', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keyrealm-main-'));
    const run = async () => {
      const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'src/cli/migrate.ts'], {
        env: { ...cleanEnv(), KEYREALM_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      const code = await new Promise((resolve) => child.on('exit', resolve));
      return { code, output };
    };
    try {
      assert.deepEqual(await run(), { code: 0, output: `SQLite at ${join(dataDir, 'keyrealm.sqlite')}: applied 001_foundation, 002_session_refresh, 003_self_sign_up, 004_messages, 005_login_guard, 006_sign_in_flows, 007_user_factors, 008_webauthn_credentials, 009_sms, 010_refresh_reuse, 011_search_indexes, 012_applications, 013_oidc, 014_oidc_refresh_retries, 015_roles, 016_tenants, 017_api_keys, 018_policies, 019_session_tenant_since, 020_identity_providers, 021_session_identity_provider, 022_webhooks, 023_operator_applications, 024_realm_overview, 025_user_counts_index.\n` });
      assert.deepEqual(await run(), { code: 0, output: `SQLite at ${join(dataDir, 'keyrealm.sqlite')}: already up to date.\n` });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** Sends raw bytes and collects everything the server answers until it closes the connection. */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve(answer) : reject(error)));
  });
}
