import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Migrator } from 'kysely/migration';
import { sessionStore } from '../../src/sessions/session-store.ts';
import { migrateToLatest, pendingMigrations } from '../../src/storage/migrate.ts';
import { foundation } from '../../src/storage/migrations/001_foundation.ts';
import { oneTimeTokens } from '../../src/storage/one-time-tokens.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.ts';

for (const dialect of dialects) {
  describe(`sessions' refresh columns (002_session_refresh) on ${dialect}`, () => {
    let t: TestDatabase;
    const now = Date.UTC(2026, 0, 1);
    let userId: string;

    before(async () => {
      // A database as the first release left it: only 001 applied, with a session and its tokens.
      t = await createTestDatabase(dialect, { migrate: false });
      const onlyFoundation = new Migrator({ db: t.database.db, provider: { getMigrations: async () => ({ '001_foundation': foundation(dialect) }) } });
      const { error } = await onlyFoundation.migrateToLatest();
      if (error) throw error;
      assert.equal((await pendingMigrations(t.database))[0], '002_session_refresh');
      const db = t.database.db;
      await db
        .insertInto('realms')
        .values({ id: 'rl_a', slug: 'rl-a', name: 'A', state: 'active', reference: null, custom: '{}', public_info: '{}', settings: '{}', is_system: false, created_at: now, created_by: null, updated_at: now, updated_by: null, version: 1 })
        .execute();
      // The columns of 001 only: later migrations add more.
      userId = 'usr_old';
      await db
        .insertInto('users')
        .values({ id: userId, realm_id: 'rl_a', state: 'active', user_type: 'human', custom: '{}', created_at: now, updated_at: now, version: 1 } as never)
        .execute();
      // Typed as `never`: the row type already has the columns 002 is about to add.
      await db
        .insertInto('sessions')
        .values({ id: 'ses_old', realm_id: 'rl_a', user_id: userId, created_at: now, last_used_at: now, expires_at: now + 1000, revoked_at: null, revoked_reason: null, ip: null, user_agent: null } as never)
        .execute();
      for (const [tokenHash, type] of [['h-refresh', 'refresh'], ['h-link', 'link']]) {
        await oneTimeTokens.issue(db, { tokenHash, realmId: 'rl_a', type, subject: 'ses_old', createdAt: now, expiresAt: now + 1000 });
      }
      assert.equal((await migrateToLatest(t.database))[0], '002_session_refresh');
    });
    after(() => t.dispose());

    it('gives existing sessions no refresh token, and drops the old refresh one-time tokens only', async () => {
      const session = await sessionStore.find(t.database.db, 'rl_a', 'ses_old');
      assert.deepEqual([session?.refresh_generation, session?.refresh_hash], [0, null]);
      assert.equal(await oneTimeTokens.find(t.database.db, 'rl_a', 'refresh', 'h-refresh'), undefined);
      assert.ok(await oneTimeTokens.find(t.database.db, 'rl_a', 'link', 'h-link'));
    });

    it('stores the first refresh token hash given at creation, at generation 0', async () => {
      const db = t.database.db;
      const created = await sessionStore.create(db, { realmId: 'rl_a', userId, now, expiresAt: now + 1000, ip: null, userAgent: null, refreshHash: 'hash-0' });
      const without = await sessionStore.create(db, { realmId: 'rl_a', userId, now, expiresAt: now + 1000, ip: null, userAgent: null });
      assert.deepEqual(await sessionStore.find(db, 'rl_a', created.id), created);
      assert.deepEqual([created.refresh_generation, created.refresh_hash], [0, 'hash-0']);
      assert.deepEqual([without.refresh_generation, without.refresh_hash], [0, null]);
      assert.equal(await sessionStore.find(db, 'rl_b', created.id), undefined);
    });
  });
}
