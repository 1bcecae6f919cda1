import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { composeServer, type Server } from '../../src/compose.ts';
import { bootstrap } from '../../src/operators/bootstrap.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { createLocalInvalidationBus, ECHO_TIMEOUT_MS, type InvalidationNotice } from '../../src/platform/invalidation-bus.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, testConfig } from '../support/server.ts';

/**
 * Two instances of the server on one database, as behind a load balancer: validate keeps states
 * per instance, and a revocation on one must stop the token on the other at once. On PostgreSQL
 * each instance composes its own LISTEN/NOTIFY bus from the configured URL, exactly as in
 * production; on SQLite every server process is on one machine, and the instances here share the
 * process's bus (across worker processes that is cluster IPC, tested in revocation-across-workers).
 */
for (const dialect of dialects) {
  describe(`revocation across instances on ${dialect}`, () => {
    const clock = new FakeClock();
    let testDatabase: TestDatabase;
    let dataDir: string;
    let first: Server;
    let second: Server;
    let adminHeaders: { authorization: string };
    let realmId: string;

    before(async () => {
      testDatabase = await createTestDatabase(dialect);
      dataDir = await mkdtemp(join(tmpdir(), 'keyrealm-test-'));
      const config = testConfig(dataDir, { databaseUrl: testDatabase.url });
      const masterKey = randomBytes(32);
      const sharedBus = dialect === 'sqlite' ? createLocalInvalidationBus() : undefined;
      const compose = () =>
        composeServer(config, { database: testDatabase.database, clock, logger: pino({ level: 'silent' }), masterKey, invalidation: sharedBus });
      first = await compose();
      second = await compose();
      second.services.invalidation.subscribe((notice) => {
        heard.push(notice);
      });
      if (dialect === 'postgres') assert.notEqual(first.services.invalidation, second.services.invalidation, 'each instance listens on its own');
      await bootstrap({ realms: first.services.realms, operators: first.services.operators, adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD });
      const admin = await call(first, 'POST', '/realms/admin/auth/login', { identifier: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      adminHeaders = { authorization: `Bearer ${admin.json().access_token}` };
      realmId = (await call(first, 'POST', '/admin/v1/realms', { name: 'Shared', slug: 'shared' }, adminHeaders)).json().id;
    });

    after(async () => {
      await first?.close();
      await second?.close();
      await testDatabase?.dispose();
      await rm(dataDir, { recursive: true, force: true });
    });

    async function call(server: Server, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers?: Record<string, string>) {
      return server.app.inject({ method, url, payload: payload as object, headers });
    }

    /** A new user signed in on the first instance, its token validated (and so cached) by the second. */
    async function signedInUser(name: string) {
      const user = (await call(first, 'POST', `/admin/v1/realms/${realmId}/users`, { username: name, password: 'a long enough password' }, adminHeaders)).json();
      const tokens = (await call(first, 'POST', '/realms/shared/auth/login', { identifier: name, password: 'a long enough password' })).json();
      const bearer = { authorization: `Bearer ${tokens.access_token}` };
      for (let i = 0; i < 2; i++) assert.equal((await call(second, 'GET', '/realms/shared/auth/validate', undefined, bearer)).statusCode, 200);
      return { userId: user.id as string, tokens, bearer };
    }

    /**
     * What the second instance answers for a token. The revoking request waits for its own echo and
     * a short settle, which is "at once" in practice; but the second listener's copy of the
     * notification is a separate delivery, and on a loaded machine (CI, once) it arrived a moment
     * after that. So a check that the token stopped first waits until the second instance has heard
     * a notice covering the token (its session, its user, or its whole realm) since its last
     * answer — at most the publisher's own echo timeout, which stays the bound on "at once".
     */
    const heard: InvalidationNotice[] = [];
    let heardAtLastAnswer = 0;
    const validateOnSecond = async (bearer: Record<string, string>) => {
      heardAtLastAnswer = heard.length;
      return (await call(second, 'GET', '/realms/shared/auth/validate', undefined, bearer)).statusCode;
    };
    const covers = (notice: InvalidationNotice, subject: { userId?: string; sessionId?: string }) =>
      notice === 'all' ||
      (notice.realmId === realmId && ((!notice.userId && !notice.sessionId) || (notice.userId !== undefined && notice.userId === subject.userId) || (notice.sessionId !== undefined && notice.sessionId === subject.sessionId)));
    const validateOnSecondOnceHeard = async (bearer: Record<string, string>, subject: { userId?: string; sessionId?: string }) => {
      const deadline = Date.now() + ECHO_TIMEOUT_MS;
      const heardIt = () => heard.slice(heardAtLastAnswer).some((notice) => covers(notice, subject));
      while (!heardIt() && Date.now() < deadline) await sleep(2);
      assert.ok(heardIt(), 'the second instance heard the revocation');
      return validateOnSecond(bearer);
    };

    it('keeps states in each instance: a change behind its back is not seen until it is published', async () => {
      const { tokens, bearer } = await signedInUser('cached');
      // Revoked in the database without telling anyone: the second instance still answers from its cache…
      await testDatabase.database.db.updateTable('sessions').set({ revoked_at: clock.now() }).where('id', '=', tokens.session_id).execute();
      assert.equal(await validateOnSecond(bearer), 200);
      // …until the change is published, as every revoking service does after its commit.
      await first.services.invalidation.publish({ realmId, sessionId: tokens.session_id });
      assert.equal(await validateOnSecondOnceHeard(bearer, { sessionId: tokens.session_id }), 401);
    });

    it('a logout on one instance stops the token on the other at once', async () => {
      const { tokens, bearer } = await signedInUser('leaving');
      assert.equal((await call(first, 'POST', '/realms/shared/auth/logout', { refresh_token: tokens.refresh_token })).statusCode, 204);
      assert.equal(await validateOnSecondOnceHeard(bearer, { sessionId: tokens.session_id }), 401);
    });

    it('an operator revoking one session, or all of them, stops the tokens on the other at once', async () => {
      const one = await signedInUser('revoked-one');
      const path = `/admin/v1/realms/${realmId}/users/${one.userId}`;
      assert.equal((await call(first, 'DELETE', `${path}/sessions/${one.tokens.session_id}`, undefined, adminHeaders)).statusCode, 204);
      assert.equal(await validateOnSecondOnceHeard(one.bearer, { userId: one.userId, sessionId: one.tokens.session_id }), 401);
      const all = await signedInUser('revoked-all');
      assert.equal((await call(first, 'POST', `/admin/v1/realms/${realmId}/users/${all.userId}/logout`, undefined, adminHeaders)).statusCode, 204);
      assert.equal(await validateOnSecondOnceHeard(all.bearer, { userId: all.userId, sessionId: all.tokens.session_id }), 401);
    });

    it('a lock on one instance stops the token on the other at once', async () => {
      const { userId, bearer } = await signedInUser('locked');
      assert.equal((await call(first, 'POST', `/admin/v1/realms/${realmId}/users/${userId}/lock`, { reason: 'test' }, adminHeaders)).statusCode, 200);
      assert.equal(await validateOnSecondOnceHeard(bearer, { userId }), 401);
    });

    it('deleting the user on one instance stops the token on the other at once', async () => {
      const { userId, bearer } = await signedInUser('deleted');
      assert.equal((await call(first, 'DELETE', `/admin/v1/realms/${realmId}/users/${userId}`, undefined, adminHeaders)).statusCode, 204);
      assert.equal(await validateOnSecondOnceHeard(bearer, { userId }), 401);
    });

    it('revoking an API key, or locking its owner, on one instance stops the key on the other at once', async () => {
      const { userId, bearer } = await signedInUser('key-owner');
      const newKey = async () => {
        const created = (await call(first, 'POST', '/realms/shared/account/api-keys', { name: 'ci' }, bearer)).json();
        const keyBearer = { authorization: `Bearer ${created.api_key}` };
        for (let i = 0; i < 2; i++) assert.equal(await validateOnSecond(keyBearer), 200); // cached on the second
        return { id: created.id as string, keyBearer };
      };
      const revoked = await newKey();
      assert.equal((await call(first, 'DELETE', `/realms/shared/account/api-keys/${revoked.id}`, undefined, bearer)).statusCode, 204);
      assert.equal(await validateOnSecondOnceHeard(revoked.keyBearer, { userId }), 401);
      const ofLocked = await newKey();
      assert.equal((await call(first, 'POST', `/admin/v1/realms/${realmId}/users/${userId}/lock`, { reason: 'test' }, adminHeaders)).statusCode, 200);
      assert.equal(await validateOnSecondOnceHeard(ofLocked.keyBearer, { userId }), 401);
    });

    it('a refresh token used twice ends the session on the other instance at once', async () => {
      const { tokens, bearer } = await signedInUser('reused');
      assert.equal((await call(first, 'POST', '/realms/shared/auth/refresh', { refresh_token: tokens.refresh_token })).statusCode, 200);
      // Past the realm's reuse interval, where a second use is theft, not a client's retry.
      clock.advance(6_000);
      assert.equal((await call(first, 'POST', '/realms/shared/auth/refresh', { refresh_token: tokens.refresh_token })).statusCode, 401);
      assert.equal(await validateOnSecondOnceHeard(bearer, { sessionId: tokens.session_id }), 401);
    });

    it('deactivating the realm on one instance stops every token on the other at once', async () => {
      const { bearer } = await signedInUser('last');
      assert.equal((await call(first, 'PATCH', `/admin/v1/realms/${realmId}`, { state: 'inactive' }, adminHeaders)).statusCode, 200);
      // An inactive realm is not found on its public routes: the same answer on both instances.
      const onFirst = (await call(first, 'GET', '/realms/shared/auth/validate', undefined, bearer)).statusCode;
      assert.equal(onFirst, 404);
      assert.equal(await validateOnSecondOnceHeard(bearer, {}), onFirst);
    });
  });
}
