import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bulkInsert } from '../../src/storage/bulk-insert.ts';
import { readBool, readJson } from '../../src/storage/codec.ts';
import { presentKeys } from '../../src/storage/present-keys.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.ts';

const realmRow = (id: string, custom: string, createdAt: number) => ({
  id,
  slug: id.replace('_', '-'),
  name: `Realm ${id}`,
  state: 'active',
  reference: null,
  custom,
  public_info: '{"shared":true}',
  settings: '{}',
  is_system: false,
  created_at: createdAt,
  created_by: null,
  updated_at: createdAt,
  updated_by: null,
  version: 1,
});

/** The bulk loader of imports: columns that differ go as arrays, columns the same in every row as one value (PostgreSQL). */
for (const dialect of dialects) {
  describe(`bulk insert on ${dialect}`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(dialect);
    });
    after(() => t.dispose());

    const stored = async (ids: string[]) =>
      (await t.database.db.selectFrom('realms').selectAll().where('id', 'in', ids).orderBy('id').execute()).map((row) => [
        row.id,
        row.reference,
        readJson(row.custom),
        readJson(row.public_info),
        readBool(row.is_system),
        Number(row.created_at),
      ]);

    it('writes every row as given, whether a column differs between rows, is the same in all, or is null in all', async () => {
      await bulkInsert(t.database.db, 'realms', [realmRow('rl_a', '{"n":1}', 1), realmRow('rl_b', '{"n":2}', 1), realmRow('rl_c', '{"n":"three \\"quoted\\""}', 2)]);
      assert.deepEqual(await stored(['rl_a', 'rl_b', 'rl_c']), [
        ['rl_a', null, { n: 1 }, { shared: true }, false, 1],
        ['rl_b', null, { n: 2 }, { shared: true }, false, 1],
        ['rl_c', null, { n: 'three "quoted"' }, { shared: true }, false, 2],
      ]);
    });

    it('writes a single row (every column then has one value), and nothing for no rows', async () => {
      await bulkInsert(t.database.db, 'realms', [realmRow('rl_d', '{}', 5)]);
      assert.deepEqual(await stored(['rl_d']), [['rl_d', null, {}, { shared: true }, false, 5]]);
      const before = (await t.database.db.selectFrom('realms').select('id').execute()).length;
      await bulkInsert(t.database.db, 'realms', []);
      assert.equal((await t.database.db.selectFrom('realms').select('id').execute()).length, before);
    });

    it('writes all or nothing in the caller\'s transaction when a row breaks a constraint', async () => {
      const rows = [realmRow('rl_e', '{}', 1), realmRow('rl_a', '{}', 1)];
      await assert.rejects(t.database.db.transaction().execute((trx) => bulkInsert(trx, 'realms', rows)));
      assert.deepEqual(await stored(['rl_e']), []);
    });

    it('finds which keys are present, within a realm or across all', async () => {
      const db = t.database.db;
      const user = (id: string, realmId: string, email: string) => ({
        id, realm_id: realmId, email, email_key: email, email_search: email, user_type: 'user', state: 'active', custom: '{}', signed_up: false, email_verified: false, mobile_verified: false, locked: false, created_at: 1, updated_at: 1, version: 1,
      });
      await bulkInsert(db, 'users', [user('usr_1', 'rl_a', 'one@example.com'), user('usr_2', 'rl_b', 'two@example.com')]);
      assert.deepEqual([...(await presentKeys(db, 'rl_a', 'email_key', ['one@example.com', 'two@example.com', 'three@example.com']))], ['one@example.com']);
      assert.deepEqual([...(await presentKeys(db, 'rl_b', 'email_key', ['one@example.com']))], []);
      assert.deepEqual([...(await presentKeys(db, null, 'id', ['usr_1', 'usr_2', 'usr_3']))].sort(), ['usr_1', 'usr_2']);
      assert.deepEqual([...(await presentKeys(db, 'rl_a', 'username_key', []))], []);
    });
  });
}
