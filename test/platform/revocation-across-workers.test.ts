import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort, startProcess, stop, waitForHttp } from '../../bench/process-tools.ts';

/**
 * The server as deployed on SQLite with two worker processes: each keeps validate's states, and a
 * revocation in one worker reaches the other through the primary (cluster IPC) before the revoking
 * request answers. Node's cluster hands new connections to the workers in turn, so a few requests on
 * connections of their own reach (and warm the caches of) both.
 */
describe('revocation across worker processes on sqlite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyrealm-test-'));
  let server: ChildProcess;
  let base: string;
  let adminHeaders: Record<string, string>;
  let realmId: string;

  /** One request on a connection of its own (no keep-alive), so consecutive calls go to alternate workers. */
  function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(`${base}${path}`, { method, agent: false, headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined }));
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = startProcess(['src/main.ts'], {
      KEYREALM_PORT: String(port),
      KEYREALM_HOST: '127.0.0.1',
      KEYREALM_DATA_DIR: dataDir,
      KEYREALM_WORKERS: '2',
      KEYREALM_LOG_LEVEL: 'warn',
      KEYREALM_ARGON2_MEMORY_KIB: '1024',
      KEYREALM_ARGON2_PASSES: '1',
      KEYREALM_ADMIN_EMAIL: 'admin@example.com',
      KEYREALM_ADMIN_PASSWORD: 'operator-password-1',
      KEYREALM_RATE_LIMITS: 'off',
    });
    await waitForHttp(`${base}/ready`);
    const admin = await send('POST', '/realms/admin/auth/login', { identifier: 'admin@example.com', password: 'operator-password-1' });
    adminHeaders = { authorization: `Bearer ${admin.json.access_token}` };
    realmId = (await send('POST', '/admin/v1/realms', { name: 'Workers', slug: 'workers' }, adminHeaders)).json.id;
  });

  after(async () => {
    if (server) await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Validates on four new connections (two per worker) and returns their statuses. */
  const validateEverywhere = async (bearer: Record<string, string>) => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await send('GET', '/realms/workers/auth/validate', undefined, bearer)).status);
    return statuses;
  };

  async function signedInUser(name: string) {
    const user = (await send('POST', `/admin/v1/realms/${realmId}/users`, { username: name, password: 'a long enough password' }, adminHeaders)).json;
    const tokens = (await send('POST', '/realms/workers/auth/login', { identifier: name, password: 'a long enough password' })).json;
    const bearer = { authorization: `Bearer ${tokens.access_token}` };
    assert.deepEqual(await validateEverywhere(bearer), [200, 200, 200, 200]);
    return { userId: user.id as string, tokens, bearer };
  }

  it('a logout in one worker stops the token in every worker at once', async () => {
    const { tokens, bearer } = await signedInUser('leaving');
    assert.equal((await send('POST', '/realms/workers/auth/logout', { refresh_token: tokens.refresh_token })).status, 204);
    assert.deepEqual(await validateEverywhere(bearer), [401, 401, 401, 401]);
  });

  it('a lock in one worker stops the token in every worker at once', async () => {
    const { userId, bearer } = await signedInUser('locked');
    assert.equal((await send('POST', `/admin/v1/realms/${realmId}/users/${userId}/lock`, { reason: 'test' }, adminHeaders)).status, 200);
    assert.deepEqual(await validateEverywhere(bearer), [401, 401, 401, 401]);
  });

  it('deactivating the realm in one worker stops its tokens in every worker at once', async () => {
    const { bearer } = await signedInUser('last');
    assert.equal((await send('PATCH', `/admin/v1/realms/${realmId}`, { state: 'inactive' }, adminHeaders)).status, 200);
    assert.deepEqual(await validateEverywhere(bearer), [404, 404, 404, 404]);
  });
});
