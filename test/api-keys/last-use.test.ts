import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiKeyStore } from '../../src/api-keys/api-key-store.ts';
import { createLastUse } from '../../src/api-keys/last-use.ts';
import { newKeyId } from '../../src/api-keys/key-format.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.ts';
import { insertRealm, insertUser } from '../support/fixtures.ts';

/** Last use is written in batches: nothing per use, the latest use per key, all of it at shutdown. */
for (const dialect of dialects) {
  describe(`API key last use on ${dialect}`, () => {
    let testDatabase: TestDatabase;
    let realmId: string;
    let userId: string;

    before(async () => {
      testDatabase = await createTestDatabase(dialect);
      realmId = (await insertRealm(testDatabase.database.db, 'rl_lastuse')).id;
      userId = await insertUser(testDatabase.database.db, realmId, 1);
    });
    after(() => testDatabase?.dispose());

    async function newKey(): Promise<string> {
      const id = newKeyId();
      const key = { id, realmId, userId, name: 'k', service: null, capabilities: {}, storage: 'hash' as const, expiresAt: null, createdAt: 1, lastUsedAt: null, lastUsedIp: null };
      await apiKeyStore.insert(testDatabase.database.db, key, { hash: 'x', sealed: null }, null);
      return id;
    }
    const lastUse = async (id: string) => (await apiKeyStore.findWithSecret(testDatabase.database.db, realmId, id))!.key;

    it('writes nothing until flushed, then the latest use of each key', async () => {
      const [a, b] = [await newKey(), await newKey()];
      const uses = createLastUse({ db: testDatabase.database.db, intervalMs: 60_000, onError: (error) => assert.fail(String(error)) });
      uses.note(realmId, a, 1000, '10.0.0.1');
      uses.note(realmId, a, 2000, '10.0.0.2');
      uses.note(realmId, b, 1500, null);
      assert.equal((await lastUse(a)).lastUsedAt, null);
      await uses.flush();
      assert.deepEqual([(await lastUse(a)).lastUsedAt, (await lastUse(a)).lastUsedIp], [2000, '10.0.0.2']);
      assert.equal((await lastUse(b)).lastUsedAt, 1500);
    });

    it('never moves a time backwards (another instance wrote a later use), and writes the rest at stop', async () => {
      const id = await newKey();
      const uses = createLastUse({ db: testDatabase.database.db, intervalMs: 60_000, onError: (error) => assert.fail(String(error)) });
      uses.start();
      uses.note(realmId, id, 5000, '10.0.0.5');
      await uses.flush();
      uses.note(realmId, id, 4000, '10.0.0.4');
      await uses.stop();
      assert.deepEqual([(await lastUse(id)).lastUsedAt, (await lastUse(id)).lastUsedIp], [5000, '10.0.0.5']);
      const later = createLastUse({ db: testDatabase.database.db, intervalMs: 60_000, onError: (error) => assert.fail(String(error)) });
      later.note(realmId, id, 6000, '10.0.0.6');
      await later.stop();
      assert.equal((await lastUse(id)).lastUsedAt, 6000);
    });

    it('touches only the named realm\'s key', async () => {
      const id = await newKey();
      const uses = createLastUse({ db: testDatabase.database.db, intervalMs: 60_000, onError: (error) => assert.fail(String(error)) });
      uses.note('rl_other', id, 7000, null);
      await uses.stop();
      assert.equal((await lastUse(id)).lastUsedAt, null);
    });
  });
}
