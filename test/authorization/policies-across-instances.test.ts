import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { composeServer, type Server } from '../../src/compose.ts';
import { loadConfig } from '../../src/config/config.ts';
import { bootstrap } from '../../src/operators/bootstrap.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { createLocalInvalidationBus } from '../../src/platform/invalidation-bus.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/server.ts';

/**
 * Two instances on one database (as in revocation-across-instances): a policy saved or deleted on
 * one reaches the other's next decision at once, though the other had the realm's policies compiled.
 */
for (const dialect of dialects) {
  describe(`policy changes across instances on ${dialect}`, () => {
    let testDatabase: TestDatabase;
    let dataDir: string;
    let first: Server;
    let second: Server;
    let adminHeaders: { authorization: string };
    let bearer: { authorization: string };

    const call = (server: Server, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers?: Record<string, string>) =>
      server.app.inject({ method, url, payload: payload as object, headers });

    before(async () => {
      testDatabase = await createTestDatabase(dialect);
      dataDir = await mkdtemp(join(tmpdir(), 'keyrealm-test-'));
      const config = { ...loadConfig({}), argon2MemoryKib: 1024, argon2Passes: 1, rateLimits: false, publicUrl: 'http://keyrealm.test', dataDir, databaseUrl: testDatabase.url };
      const masterKey = randomBytes(32);
      const clock = new FakeClock();
      const sharedBus = dialect === 'sqlite' ? createLocalInvalidationBus() : undefined;
      const compose = () => composeServer(config, { database: testDatabase.database, clock, logger: pino({ level: 'silent' }), masterKey, invalidation: sharedBus });
      first = await compose();
      second = await compose();
      await bootstrap({ realms: first.services.realms, operators: first.services.operators, adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD });
      adminHeaders = { authorization: `Bearer ${(await call(first, 'POST', '/realms/admin/auth/login', { identifier: ADMIN_EMAIL, password: ADMIN_PASSWORD })).json().access_token}` };
      const realmId = (await call(first, 'POST', '/admin/v1/realms', { name: 'Shared', slug: 'shared' }, adminHeaders)).json().id;
      await call(first, 'POST', `/admin/v1/realms/${realmId}/users`, { username: 'reader', password: 'a long enough password' }, adminHeaders);
      bearer = { authorization: `Bearer ${(await call(first, 'POST', '/realms/shared/auth/login', { identifier: 'reader', password: 'a long enough password' })).json().access_token}` };
    });

    after(async () => {
      await first?.close();
      await second?.close();
      await testDatabase?.dispose();
      await rm(dataDir, { recursive: true, force: true });
    });

    const decisionOnSecond = async () =>
      (await call(second, 'POST', '/realms/shared/authorize', { action: 'docs:read', resource: { type: 'docs', id: '1' } }, bearer)).json();

    it('a save or delete on one instance changes the other\u2019s next decision', async () => {
      assert.deepEqual(await decisionOnSecond(), { decision: 'deny', reasons: ['no_permission'] });
      const save = (policy: string) => call(first, 'PUT', '/admin/v1/realms/shared/policies/docs', { policy }, adminHeaders);
      assert.equal((await save('@id("read") permit(principal, action == Action::"docs:read", resource);')).statusCode, 200);
      assert.deepEqual(await decisionOnSecond(), { decision: 'allow', reasons: ['docs/read'] });
      assert.equal((await save('@id("read") permit(principal, action == Action::"docs:read", resource);\n@id("closed") forbid(principal, action, resource);')).statusCode, 200);
      assert.deepEqual(await decisionOnSecond(), { decision: 'deny', reasons: ['docs/closed'] });
      assert.equal((await call(first, 'DELETE', '/admin/v1/realms/shared/policies/docs', undefined, adminHeaders)).statusCode, 204);
      assert.deepEqual(await decisionOnSecond(), { decision: 'deny', reasons: ['no_permission'] });
    });
  });
}
