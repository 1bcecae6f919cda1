import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createApiKeyService } from '../../src/api-keys/api-key-service.ts';
import { createApiKeyVerifier } from '../../src/api-keys/api-key-verifier.ts';
import { apiKeyMacKey, createKeySecrets } from '../../src/api-keys/key-secrets.ts';
import { createLastUse } from '../../src/api-keys/last-use.ts';
import { createEventLog, noOrigin } from '../../src/events/event-log.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { createSecretBox } from '../../src/platform/secret-box.ts';
import { createTestDatabase, dialects } from '../support/databases.ts';
import { insertRealm, operator } from '../support/fixtures.ts';
import { settle, WatchedStatements } from '../support/watched-statements.ts';

for (const dialect of dialects) {
  describe(`API key checks on ${dialect}: no request of a busy key waits for the database`, () => {
    async function setUp() {
      const t = await createTestDatabase(dialect);
      const db = t.database.db;
      const clock = new FakeClock();
      const masterKey = randomBytes(32);
      const secrets = createKeySecrets(apiKeyMacKey(masterKey), createSecretBox(masterKey));
      const lastUse = createLastUse({ db, intervalMs: 60_000, onError: (error) => assert.fail(String(error)) });
      const users = { findTokenSubject: async () => undefined };
      const verifierOn = (on: typeof db) => createApiKeyVerifier({ db: on, clock, secrets, users, lastUse, cache: { capacity: 100, ttlMs: 10_000, listening: () => true } });
      const service = createApiKeyService({
        db,
        clock,
        events: createEventLog(clock),
        secrets,
        verifier: verifierOn(db),
        invalidation: { publish: async () => {} },
        rateLimiter: undefined as never,
        limits: { enabled: false, createPerOwnerPerMinute: 0 },
        accessTokens: undefined as never,
      });
      const realm = await insertRealm(db, 'rl_keys');
      const { text } = await service.create(realm, 'service', { name: 'reporting' }, operator, noOrigin);
      const watched = new WatchedStatements();
      return { t, db, clock, realm, text, watched, verifier: verifierOn(db.withPlugin(watched)), fresh: () => verifierOn(db.withPlugin(watched)) };
    }

    it('answers requests that find nothing with one read between them', async () => {
      const { t, realm, text, watched, verifier, fresh } = await setUp();
      try {
        await fresh().verify(realm, text, null);
        const oneRequest = watched.sent;
        watched.sent = 0;
        const identities = await Promise.all(Array.from({ length: 20 }, () => verifier.verify(realm, text, null)));
        assert.ok(identities.every((identity) => identity.key.name === 'reporting'));
        assert.equal(watched.sent, oneRequest, 'twenty requests read as much as one');
      } finally {
        await t.dispose();
      }
    });

    it('reads a key in use again behind its cached copy, and drops it at once when that read finds it revoked', async () => {
      const { t, db, clock, realm, text, watched, verifier } = await setUp();
      try {
        await verifier.verify(realm, text, null);
        const firstReads = watched.sent;
        await db.deleteFrom('api_keys').where('realm_id', '=', realm.id).execute();
        clock.advance(8_000);
        assert.equal((await verifier.verify(realm, text, null)).key.name, 'reporting', 'last quarter of its time: served from memory');
        await settle();
        assert.equal(watched.sent, 2 * firstReads, 'read again behind it');
        await assert.rejects(verifier.verify(realm, text, null), { code: 'auth.invalid_token' });
      } finally {
        await t.dispose();
      }
    });

    it('keeps what it read through a burst of logouts (session notices do not concern keys)', async () => {
      const { t, realm, text, watched, verifier } = await setUp();
      try {
        const release = watched.holdAnswers();
        const reading = verifier.verify(realm, text, null);
        await settle();
        for (let i = 0; i < 100; i++) verifier.invalidate({ realmId: realm.id, sessionId: `ses_${i}` });
        release();
        await reading;
        const reads = watched.sent;
        await verifier.verify(realm, text, null);
        assert.equal(watched.sent, reads, 'served from the cache');
      } finally {
        await t.dispose();
      }
    });
  });
}
