import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeProtectedHeader } from 'jose';
import pino from 'pino';
import { composeServer, type Server } from '../../src/compose.ts';
import { loadConfig } from '../../src/config/config.ts';
import { bootstrap } from '../../src/operators/bootstrap.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { createLocalInvalidationBus } from '../../src/platform/invalidation-bus.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/server.ts';

/**
 * Revoking a retired signing key (`DELETE /admin/v1/realms/{realm}/keys/{kid}`), with two
 * instances on one database: tokens the key signed stop verifying on both at once, though both had
 * verified them already; the key leaves the realm's key sets; sessions go on with the active key.
 */
for (const dialect of dialects) {
  describe(`signing key revocation on ${dialect}`, () => {
    let testDatabase: TestDatabase;
    let dataDir: string;
    let first: Server;
    let second: Server;
    let admin: { authorization: string };
    let realmId: string;

    const call = (server: Server, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, headers?: Record<string, string>) =>
      server.app.inject({ method, url, payload: payload as object, headers });
    const validate = (server: Server, token: string) => call(server, 'GET', '/realms/vault/auth/validate', undefined, { authorization: `Bearer ${token}` });
    const kidsOf = async (server: Server, url: string) => ((await call(server, 'GET', url)).json().keys as { kid: string }[]).map((key) => key.kid);

    before(async () => {
      testDatabase = await createTestDatabase(dialect);
      dataDir = await mkdtemp(join(tmpdir(), 'keyrealm-test-'));
      const config = { ...loadConfig({}), argon2MemoryKib: 1024, argon2Passes: 1, rateLimits: false, publicUrl: 'http://keyrealm.test', dataDir, databaseUrl: testDatabase.url };
      const sharedBus = dialect === 'sqlite' ? createLocalInvalidationBus() : undefined;
      const compose = () => composeServer(config, { database: testDatabase.database, clock: new FakeClock(), logger: pino({ level: 'silent' }), masterKey, invalidation: sharedBus });
      const masterKey = randomBytes(32);
      first = await compose();
      second = await compose();
      await bootstrap({ realms: first.services.realms, operators: first.services.operators, adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD });
      admin = { authorization: `Bearer ${(await call(first, 'POST', '/realms/admin/auth/login', { identifier: ADMIN_EMAIL, password: ADMIN_PASSWORD })).json().access_token}` };
      realmId = (await call(first, 'POST', '/admin/v1/realms', { name: 'Vault', slug: 'vault' }, admin)).json().id;
      assert.equal((await call(first, 'POST', `/admin/v1/realms/${realmId}/users`, { username: 'keeper', password: 'a long enough password' }, admin)).statusCode, 201);
    });

    after(async () => {
      await first?.close();
      await second?.close();
      await testDatabase?.dispose();
      await rm(dataDir, { recursive: true, force: true });
    });

    /** An OpenID Connect client-credentials token of a machine application, and how to introspect it on `server`. */
    async function providerToken() {
      const app = (await call(first, 'POST', `/admin/v1/realms/${realmId}/applications`, { kind: 'machine', name: 'Vault service' }, admin)).json();
      const authorization = `Basic ${Buffer.from(`${app.client_id}:${app.client_secret}`).toString('base64')}`;
      const formHeaders = { authorization, 'content-type': 'application/x-www-form-urlencoded' };
      const issued = await first.app.inject({ method: 'POST', url: `/realms/${realmId}/oidc/token`, headers: formHeaders, payload: 'grant_type=client_credentials' });
      assert.equal(issued.statusCode, 200, issued.body);
      const token = issued.json().access_token as string;
      const active = async (server: Server) =>
        (await server.app.inject({ method: 'POST', url: `/realms/${realmId}/oidc/token/introspection`, headers: formHeaders, payload: `token=${token}` })).json().active as boolean;
      return { token, active };
    }

    it('stops the tokens a retired key signed on every instance at once; sessions go on with the active key', async () => {
      const signedIn = (await call(first, 'POST', '/realms/vault/auth/login', { identifier: 'keeper', password: 'a long enough password' })).json();
      const provider = await providerToken();
      assert.equal(decodeProtectedHeader(provider.token).kid, decodeProtectedHeader(signedIn.access_token).kid);
      for (const server of [first, second]) assert.equal(await provider.active(server), true);
      const oldKid = decodeProtectedHeader(signedIn.access_token).kid as string;
      // Both instances have verified (and remembered) the token.
      for (const server of [first, second]) assert.equal((await validate(server, signedIn.access_token)).statusCode, 200);

      const rotated = (await call(first, 'POST', '/admin/v1/realms/vault/keys/rotate', undefined, admin)).json();
      const activeKid = rotated.items.find((key: { state: string }) => key.state === 'active').kid as string;
      assert.equal((await validate(second, signedIn.access_token)).statusCode, 200, 'a rotation alone keeps the old tokens');

      const refused = await call(first, 'DELETE', `/admin/v1/realms/vault/keys/${activeKid}`, undefined, admin);
      assert.deepEqual([refused.statusCode, refused.json().error.code], [409, 'realm.key_active']);
      const revoked = await call(first, 'DELETE', `/admin/v1/realms/vault/keys/${oldKid}`, undefined, admin);
      assert.equal(revoked.statusCode, 204, revoked.body);

      for (const server of [first, second]) {
        const answer = await validate(server, signedIn.access_token);
        assert.deepEqual([answer.statusCode, answer.json().error.code], [401, 'auth.invalid_token']);
        assert.deepEqual(await kidsOf(server, '/realms/vault/.well-known/jwks.json'), [activeKid]);
        assert.deepEqual(await kidsOf(server, `/realms/${realmId}/oidc/jwks`), [activeKid], 'the provider publishes the same set');
        assert.equal(await provider.active(server), false, 'introspection: the provider no longer verifies it');
      }
      const listed = (await call(second, 'GET', '/admin/v1/realms/vault/keys', undefined, admin)).json();
      assert.deepEqual(listed.items.map((key: { kid: string }) => key.kid), [activeKid]);

      // The session itself stays: its next tokens carry the active key.
      const refreshed = await call(second, 'POST', '/realms/vault/auth/refresh', { refresh_token: signedIn.refresh_token });
      assert.equal(refreshed.statusCode, 200, refreshed.body);
      assert.equal(decodeProtectedHeader(refreshed.json().access_token).kid, activeKid);
      assert.equal((await validate(first, refreshed.json().access_token)).statusCode, 200);

      const events = (await call(first, 'GET', '/admin/v1/realms/vault/events?type=realm.key_revoked', undefined, admin)).json();
      assert.deepEqual(events.items.map((event: { details: unknown; actor: { type: string } }) => [event.details, event.actor.type]), [[{ kid: oldKid }, 'operator']]);
    });

    it('a rotation reaches every instance at once: each publishes the new key and signs with it', async () => {
      const signIn = async (server: Server) => (await call(server, 'POST', '/realms/vault/auth/login', { identifier: 'keeper', password: 'a long enough password' })).json().access_token as string;
      // The second instance has read its key set and signed with the active key: both are cached there.
      const published = await kidsOf(second, '/realms/vault/.well-known/jwks.json');
      const before = decodeProtectedHeader(await signIn(second)).kid as string;
      const rotated = (await call(first, 'POST', '/admin/v1/realms/vault/keys/rotate', undefined, admin)).json();
      const activeKid = rotated.items.find((key: { state: string }) => key.state === 'active').kid as string;
      assert.ok(!published.includes(activeKid) && before !== activeKid);
      assert.ok((await kidsOf(second, '/realms/vault/.well-known/jwks.json')).includes(activeKid), 'published by the other instance at once');
      assert.equal(decodeProtectedHeader(await signIn(second)).kid, activeKid, 'and signed with there');
    });

    it("answers 404 for a key the realm does not have: unknown, revoked already, or another realm's", async () => {
      const other = (await call(first, 'POST', '/admin/v1/realms', { name: 'Other vault', slug: 'other-vault' }, admin)).json();
      await call(first, 'POST', `/admin/v1/realms/${other.id}/keys/rotate`, undefined, admin);
      const othersRetired = (await call(first, 'GET', `/admin/v1/realms/${other.id}/keys`, undefined, admin)).json().items.find((key: { state: string }) => key.state === 'retired').kid;
      for (const kid of [othersRetired, 'key_unknown', 'no such key']) {
        const answer = await call(first, 'DELETE', `/admin/v1/realms/vault/keys/${encodeURIComponent(kid)}`, undefined, admin);
        assert.deepEqual([answer.statusCode, answer.json().error.code], [404, 'realm.key_not_found'], kid);
      }
      assert.equal((await call(first, 'GET', `/admin/v1/realms/${other.id}/keys`, undefined, admin)).json().items.length, 2, "the other realm's key is untouched");
      const unknownRealm = await call(first, 'DELETE', `/admin/v1/realms/no-such-realm/keys/${othersRetired}`, undefined, admin);
      assert.deepEqual([unknownRealm.statusCode, unknownRealm.json().error.code], [404, 'realm.not_found']);
    });
  });
}
