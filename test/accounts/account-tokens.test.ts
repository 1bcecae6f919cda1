import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAccountTokens } from '../../src/accounts/account-tokens.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { hashToken } from '../../src/platform/opaque-tokens.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.ts';
import { insertRealm, insertUser, rejectsWith } from '../support/fixtures.ts';
import { perSuite } from '../support/suite.ts';

const HOUR = 3_600_000;

for (const dialect of dialects) {
  describe(`account tokens on ${dialect}`, () => {
    const clock = new FakeClock();
    const tokens = createAccountTokens({ clock });
    const ctx = perSuite(async () => {
      const test: TestDatabase = await createTestDatabase(dialect);
      const db = test.database.db;
      const realm = await insertRealm(db, 'rl_tokens_a');
      const other = await insertRealm(db, 'rl_tokens_b');
      const userId = await insertUser(db, realm.id, clock.now(), 'ann@example.com');
      return { db, realm, other, userId, dispose: test.dispose };
    });

    it('are 256-bit secrets stored only as hashes, consumed exactly once', async () => {
      const { db, realm, userId } = ctx;
      const issued = await tokens.issue(db, realm.id, 'verify_email', userId, 'ann@example.com', HOUR);
      assert.equal(Buffer.from(issued.token, 'base64url').length, 32);
      const rows = await db.selectFrom('one_time_tokens').selectAll().where('subject', '=', userId).execute();
      assert.ok(rows.every((row) => row.token_hash !== issued.token));
      assert.ok(rows.some((row) => row.token_hash === hashToken(issued.token)));
      const peeked = await tokens.peek(db, realm.id, 'verify_email', issued.token);
      assert.deepEqual(peeked.payload, { email: 'ann@example.com' });
      const used = await tokens.consume(db, realm.id, 'verify_email', issued.token);
      assert.equal(used.subject, userId);
      await rejectsWith(tokens.consume(db, realm.id, 'verify_email', issued.token), 'account.invalid_token');
      await rejectsWith(tokens.peek(db, realm.id, 'verify_email', issued.token), 'account.invalid_token');
    });

    it('are typed and bound to their realm', async () => {
      const { db, realm, other, userId } = ctx;
      const issued = await tokens.issue(db, realm.id, 'password_reset', userId, 'ann@example.com', HOUR);
      await rejectsWith(tokens.consume(db, realm.id, 'verify_email', issued.token), 'account.invalid_token');
      await rejectsWith(tokens.consume(db, other.id, 'password_reset', issued.token), 'account.invalid_token');
      await rejectsWith(tokens.peek(db, other.id, 'password_reset', issued.token), 'account.invalid_token');
      assert.equal((await tokens.consume(db, realm.id, 'password_reset', issued.token)).subject, userId);
    });

    it('expire with the clock', async () => {
      const { db, realm, userId } = ctx;
      const issued = await tokens.issue(db, realm.id, 'password_reset', userId, 'ann@example.com', HOUR);
      clock.advance(HOUR - 1);
      await tokens.peek(db, realm.id, 'password_reset', issued.token);
      clock.advance(1);
      await rejectsWith(tokens.peek(db, realm.id, 'password_reset', issued.token), 'account.invalid_token');
      await rejectsWith(tokens.consume(db, realm.id, 'password_reset', issued.token), 'account.invalid_token');
    });

    it('retire older tokens of the same type when a new one is issued', async () => {
      const { db, realm, userId } = ctx;
      const first = await tokens.issue(db, realm.id, 'password_reset', userId, 'ann@example.com', HOUR);
      const verify = await tokens.issue(db, realm.id, 'verify_email', userId, 'ann@example.com', HOUR);
      const second = await tokens.issue(db, realm.id, 'password_reset', userId, 'ann@example.com', HOUR);
      await rejectsWith(tokens.peek(db, realm.id, 'password_reset', first.token), 'account.invalid_token');
      await tokens.peek(db, realm.id, 'password_reset', second.token);
      await tokens.peek(db, realm.id, 'verify_email', verify.token);
    });

    it('under concurrent use are consumed by exactly one caller', async () => {
      const { db, realm, userId } = ctx;
      const issued = await tokens.issue(db, realm.id, 'password_reset', userId, 'ann@example.com', HOUR);
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => tokens.consume(db, realm.id, 'password_reset', issued.token)));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    });
  });
}
