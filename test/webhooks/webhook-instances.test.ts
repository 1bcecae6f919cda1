import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { composeServer, type Server } from '../../src/compose.ts';
import { bootstrap } from '../../src/operators/bootstrap.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { createLocalInvalidationBus } from '../../src/platform/invalidation-bus.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, testConfig } from '../support/server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

/**
 * Two instances on one database, each with its delivery worker polling and woken by its own
 * requests: every event reaches the endpoint exactly once, and a webhook made on one instance
 * hears the events of the other at once.
 */
for (const dialect of dialects) {
  describe(`webhook delivery by two instances on ${dialect}`, { timeout: 120_000 }, () => {
    let testDatabase: TestDatabase;
    let dataDir: string;
    let receiver: WebhookReceiver;
    const servers: Server[] = [];

    before(async () => {
      testDatabase = await createTestDatabase(dialect);
      dataDir = await mkdtemp(join(tmpdir(), 'keyrealm-test-'));
      receiver = await startWebhookReceiver();
      const config = testConfig(dataDir, { databaseUrl: testDatabase.url, webhooksAllowLoopback: true, webhookPollMs: 50 });
      const runtime = { database: testDatabase.database, clock: new FakeClock(Date.now()), logger: pino({ level: 'silent' }), masterKey: randomBytes(32) };
      const sharedBus = dialect === 'sqlite' ? createLocalInvalidationBus() : undefined;
      for (let i = 0; i < 2; i++) servers.push(await composeServer(config, { ...runtime, invalidation: sharedBus }));
      await bootstrap({ realms: servers[0].services.realms, operators: servers[0].services.operators, adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD });
    });
    after(async () => {
      for (const server of servers) await server.close();
      await receiver.close();
      await testDatabase.dispose();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('sends each event once, whichever instance recorded it', async () => {
      const call = async (server: Server, method: 'POST' | 'GET', url: string, payload?: object, token?: string) => {
        const response = await server.app.inject({ method, url, payload, headers: token ? { authorization: `Bearer ${token}` } : {} });
        assert.ok(response.statusCode < 300, response.body);
        return response.json();
      };
      const { access_token: token } = await call(servers[0], 'POST', '/realms/admin/auth/login', { identifier: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      const realm = await call(servers[0], 'POST', '/admin/v1/realms', { name: 'Twice' }, token);
      // Made on the first instance; the second's first event already goes to it.
      await call(servers[0], 'POST', `/admin/v1/realms/${realm.id}/webhooks`, { url: receiver.url, event_types: ['user.created'] }, token);
      const count = 40;
      await Promise.all(
        Array.from({ length: count }, (_, i) => call(servers[i % 2], 'POST', `/admin/v1/realms/${realm.id}/users`, { username: `user${i}`, password: 'a long enough password' }, token)),
      );
      await receiver.waitFor(count, 30_000);
      // Both workers drain together a few times more: nothing is sent a second time.
      for (let round = 0; round < 3; round++) await Promise.all(servers.map((server) => server.webhookWorker.drain()));
      const ids = receiver.received.map((message) => String(message.headers['webhook-id']));
      assert.equal(ids.length, count);
      assert.equal(new Set(ids).size, count);
    });
  });
}
