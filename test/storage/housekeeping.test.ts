import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { operator } from '../support/fixtures.ts';
import { dialects } from '../support/databases.ts';
import { send } from '../support/http.ts';
import { flowServerPerSuite, freshEmail, mailTo, PASSWORD } from '../accounts/flow-fixtures.ts';

/** Expired sign-in flows and link tokens are purged; live ones stay. */
for (const dialect of dialects) {
  describe(`housekeeping on ${dialect}`, () => {
    const ctx = flowServerPerSuite(dialect);

    it('deletes flows and link tokens past their expiry, and nothing live', async () => {
      const realm = await ctx.server.services.realms.create({ name: 'Housekeeping', sign_in: { first_factors: ['password', 'magic_link'] } }, operator);
      const email = freshEmail('tidy');
      await ctx.server.services.users.create(realm, { email, email_verified: true, password: PASSWORD }, operator);
      const start = () => send(ctx.server, 'POST', `/realms/${realm.slug}/auth/magic-link`, { identifier: email });
      const old = (await start()).json().flow_id as string;
      await mailTo(ctx, email, /^Sign in to/);
      ctx.server.clock.advance(16 * 60_000);
      const live = (await start()).json().flow_id as string;
      await ctx.server.services.background.settle();

      const db = ctx.server.database.db;
      const flows = async () => (await db.selectFrom('sign_in_flows').select('id').where('realm_id', '=', realm.id).execute()).map((row) => row.id).sort();
      const tokens = async () => (await db.selectFrom('one_time_tokens').select('subject').where('realm_id', '=', realm.id).where('type', '=', 'magic_link').execute()).map((row) => row.subject).sort();
      assert.deepEqual(await flows(), [live, old].sort());
      assert.deepEqual(await tokens(), [live, old].sort());

      const deleted = await ctx.server.housekeeping.runOnce();
      assert.ok(deleted.sign_in_flows >= 1 && deleted.one_time_tokens >= 1, JSON.stringify(deleted));
      assert.deepEqual(await flows(), [live]);
      assert.deepEqual(await tokens(), [live]);
      assert.equal((await send(ctx.server, 'POST', `/realms/${realm.slug}/auth/magic-link/status`, { flow_id: live })).statusCode, 200);
    });
  });
}
