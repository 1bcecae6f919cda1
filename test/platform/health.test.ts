import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { composeServer, VERSION } from '../../src/compose.ts';
import { loadConfig } from '../../src/config/config.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { createHealthCheck } from '../../src/platform/health.ts';
import type { Database } from '../../src/storage/database.ts';
import { createTestDatabase, dialects } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** A server over a database whose answers the test controls, to see the probes fail. */
async function serverOver(database: Database) {
  const config = { ...loadConfig({}), argon2MemoryKib: 1024, argon2Passes: 1 };
  return composeServer(config, { database, clock: new FakeClock(), logger: pino({ level: 'silent' }), masterKey: randomBytes(32) });
}

for (const dialect of dialects) {
  describe(`health, readiness and metrics on ${dialect}`, () => {
    let server: TestServer;
    before(async () => (server = await startTestServer({ dialect })));
    after(() => server.dispose());

    it('GET /health reports the version, uptime and memory, and nothing of the database', async () => {
      const response = await server.app.inject({ method: 'GET', url: '/health' });
      assert.equal(response.statusCode, 200);
      const body = response.json();
      assert.equal(body.status, 'ok');
      assert.equal(body.version, VERSION);
      assert.ok(Number.isInteger(body.uptime_seconds) && body.uptime_seconds >= 0);
      assert.ok(body.memory.rss_bytes > 0 && body.memory.heap_used_bytes > 0);
      assert.equal(body.database, undefined);
    });

    it('GET /ready is 200 once migrations are applied and the database answers', async () => {
      const response = await server.app.inject({ method: 'GET', url: '/ready' });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { ready: true });
    });

    it('GET /metrics exposes requests by route and status, sign-ins and the database pool', async () => {
      await server.app.inject({ method: 'POST', url: '/realms/admin/auth/login', payload: { identifier: 'nobody@example.com', password: 'wrong-password' } });
      await server.app.inject({ method: 'GET', url: '/health' });
      const response = await server.app.inject({ method: 'GET', url: '/metrics' });
      assert.equal(response.statusCode, 200);
      assert.match(response.headers['content-type'] as string, /^text\/plain/);
      assert.match(response.body, /keyrealm_http_requests_total\{route="\/health",method="GET",status="200"\} \d+/);
      assert.match(response.body, /keyrealm_http_request_duration_seconds_bucket\{le="[\d.]+",route="\/realms\/:realm\/auth\/login",method="POST",status="401"\}/);
      assert.match(response.body, /keyrealm_sign_ins_total\{method="password",result="failure"\} 1/);
      assert.match(response.body, /keyrealm_sign_ins_total\{method="password",result="success"\} 1/, 'the harness signed the operator in');
      assert.match(response.body, /keyrealm_db_pool_connections\{state="total"\} \d+/);
      assert.match(response.body, /^keyrealm_log_lines_dropped_total 0$/m);
    });

    it('is not ready (503) but still alive (200) when the database does not answer', async () => {
      const t = await createTestDatabase(dialect);
      let reachable = true;
      const database: Database = { ...t.database, ping: async () => reachable && t.database.ping() };
      const degraded = await serverOver(database);
      try {
        assert.equal((await degraded.app.inject({ method: 'GET', url: '/ready' })).statusCode, 200);
        reachable = false;
        // Liveness asks nothing of the database: restarting the process would not bring it back.
        const health = await degraded.app.inject({ method: 'GET', url: '/health' });
        assert.equal(health.statusCode, 200);
        assert.equal(health.json().status, 'ok');
        const ready = await degraded.app.inject({ method: 'GET', url: '/ready' });
        assert.equal(ready.statusCode, 503);
        assert.equal(ready.json().ready, false);
      } finally {
        await degraded.close();
        await t.dispose();
      }
    });

    it('GET /ready is 503 while migrations are pending', async () => {
      const t = await createTestDatabase(dialect, { migrate: false });
      const pending = await serverOver(t.database);
      try {
        const ready = await pending.app.inject({ method: 'GET', url: '/ready' });
        assert.equal(ready.statusCode, 503);
        assert.match(ready.json().reason, /001_foundation/);
      } finally {
        await pending.close();
        await t.dispose();
      }
    });
  });
}

describe('health check', () => {
  it('treats a database probe that hangs as unreachable', async () => {
    const check = createHealthCheck({
      version: 'test',
      ping: () => new Promise<boolean>(() => {}),
      pendingMigrations: () => new Promise<string[]>(() => {}),
      timeoutMs: 20,
    });
    assert.equal((await check.readiness()).ready, false);
    assert.equal(check.health().status, 'ok', 'liveness never waits on the database');
  });

  it('treats a failing migration probe as not ready', async () => {
    const check = createHealthCheck({
      version: 'test',
      ping: async () => true,
      pendingMigrations: async () => {
        throw new Error('no such table');
      },
    });
    assert.deepEqual(await check.readiness(), { ready: false, reason: 'the migration state could not be read' });
  });
});
