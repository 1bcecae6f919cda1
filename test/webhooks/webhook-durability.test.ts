import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.ts';
import { startServerProcess } from '../support/server-process.ts';
import { startWebhookReceiver } from '../support/webhook-receiver.ts';

/**
 * The outbox survives kill -9: the server process is killed the moment a change has answered,
 * before its webhook could be delivered (the endpoint is not even listening yet); the next server
 * process on the same database delivers it.
 */
const ADMIN = { KEYREALM_ADMIN_EMAIL: 'ops@example.com', KEYREALM_ADMIN_PASSWORD: 'operator-password-1' };

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

for (const dialect of dialects) {
  describe(`webhooks across a kill -9 on ${dialect}`, { timeout: 120_000 }, () => {
    let dataDir: string;
    let database: TestDatabase | undefined;
    const env: Record<string, string> = { ...ADMIN, KEYREALM_WEBHOOKS_ALLOW_LOOPBACK: 'on', KEYREALM_WEBHOOK_POLL_MS: '200' };

    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'keyrealm-webhooks-'));
      env.KEYREALM_DATA_DIR = dataDir;
      if (dialect === 'postgres') {
        database = await createTestDatabase('postgres', { migrate: false });
        env.KEYREALM_DATABASE_URL = database.url!;
      }
    });
    after(async () => {
      await database?.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('delivers after a restart what a killed server had committed', async () => {
      const first = startServerProcess(env);
      const base = `http://127.0.0.1:${await first.listening()}`;
      const call = async (method: string, path: string, body: unknown, token?: string) => {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
        assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
        return (await response.json()) as Record<string, string>;
      };
      const { access_token: token } = await call('POST', '/realms/admin/auth/login', { identifier: ADMIN.KEYREALM_ADMIN_EMAIL, password: ADMIN.KEYREALM_ADMIN_PASSWORD });
      const realm = await call('POST', '/admin/v1/realms', { name: 'Durable' }, token);
      // Nobody listens on this port yet: no attempt before the kill can succeed.
      const port = await freePort();
      const hook = await call('POST', `/admin/v1/realms/${realm.id}/webhooks`, { url: `http://127.0.0.1:${port}/hooks`, event_types: ['user.created'] }, token);
      const user = await call('POST', `/admin/v1/realms/${realm.id}/users`, { username: 'survivor', password: 'a long enough password' }, token);
      first.child.kill('SIGKILL');
      await first.exited;

      const receiver = await startWebhookReceiver('/hooks', port);
      const second = startServerProcess(env);
      try {
        await second.listening();
        // Retried within the first retry delay (5 s, plus jitter), or at once if it was never tried.
        const [delivered] = await receiver.waitFor(1, 40_000);
        const payload = new Webhook(hook.secret).verify(delivered.body, delivered.headers as Record<string, string>) as { type: string; data: { user_id: string } };
        assert.deepEqual([payload.type, payload.data.user_id], ['user.created', user.id]);
      } finally {
        await second.stop();
        await receiver.close();
      }
    });
  });
}
