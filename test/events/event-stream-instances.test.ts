import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { composeServer, type Server } from '../../src/compose.ts';
import { bootstrap } from '../../src/operators/bootstrap.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, testConfig } from '../support/server.ts';
import { openSse } from '../support/sse-client.ts';

const SETTLE_MS = 1000;

/**
 * Two instances on one PostgreSQL database, as behind a load balancer: an event written through
 * instance A is streamed by instance B, and a client that moves from B to A resumes with no gap.
 */
describe('live event stream across instances on postgres', () => {
  const clock = new FakeClock();
  let testDatabase: TestDatabase;
  let dataDir: string;
  let first: Server;
  let second: Server;
  let adminHeaders: { authorization: string };
  let realmId: string;
  let secondBase: string;
  let firstBase: string;

  before(async () => {
    testDatabase = await createTestDatabase('postgres');
    dataDir = await mkdtemp(join(tmpdir(), 'keyrealm-test-'));
    const config = testConfig(dataDir, { databaseUrl: testDatabase.url, eventStreamPollMs: 20, eventStreamSettleMs: SETTLE_MS, eventStreamHeartbeatMs: 200 });
    const masterKey = randomBytes(32);
    const compose = () => composeServer(config, { database: testDatabase.database, clock, logger: pino({ level: 'silent' }), masterKey });
    first = await compose();
    second = await compose();
    await bootstrap({ realms: first.services.realms, operators: first.services.operators, adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD });
    const admin = await first.app.inject({ method: 'POST', url: '/realms/admin/auth/login', payload: { identifier: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    adminHeaders = { authorization: `Bearer ${admin.json().access_token}` };
    realmId = (await first.app.inject({ method: 'POST', url: '/admin/v1/realms', payload: { name: 'Shared', slug: 'shared' }, headers: adminHeaders })).json().id;
    clock.advance(SETTLE_MS + 1);
    const address = async (server: Server) => {
      await server.app.listen({ port: 0, host: '127.0.0.1' });
      return `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    };
    firstBase = await address(first);
    secondBase = await address(second);
  });

  after(async () => {
    await first?.close();
    await second?.close();
    await testDatabase?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  const createUser = async (username: string) =>
    (await first.app.inject({ method: 'POST', url: `/admin/v1/realms/${realmId}/users`, payload: { username, password: 'a long enough password' }, headers: adminHeaders })).json()
      .id as string;

  it('streams on instance B what was written through instance A, and resumes on A where B stopped', async () => {
    const onSecond = await openSse(`${secondBase}/admin/v1/realms/${realmId}/events/stream?type=user.created`, adminHeaders);
    assert.equal(onSecond.status, 200);
    const ada = await createUser('ada');
    const bob = await createUser('bob');
    clock.advance(SETTLE_MS + 1);
    const seen = await onSecond.waitForMessages(2);
    assert.deepEqual(seen.map((m) => JSON.parse(m.data).user_id).sort(), [ada, bob].sort());
    onSecond.close();
    await onSecond.ended;
    const carol = await createUser('carol');
    clock.advance(SETTLE_MS + 1);
    const onFirst = await openSse(`${firstBase}/admin/v1/realms/${realmId}/events/stream?type=user.created`, { ...adminHeaders, 'last-event-id': seen[1].id });
    try {
      const [next] = await onFirst.waitForMessages(1);
      assert.equal(JSON.parse(next.data).user_id, carol);
      await onFirst.waitForComment('keep-alive');
      assert.equal(onFirst.messages.length, 1);
    } finally {
      onFirst.close();
    }
  });
});
