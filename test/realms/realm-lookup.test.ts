import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, UnknownRow } from 'kysely';
import { FakeClock } from '../../src/platform/clock.ts';
import { createRealmLookup } from '../../src/realms/realm-lookup.ts';
import { createTestDatabase, dialects } from '../support/databases.ts';
import { insertRealm } from '../support/fixtures.ts';

/** Counts the statements sent, and holds their answers while `hold` is set; `failNext` makes the next one fail. */
class WatchedStatements implements KyselyPlugin {
  sent = 0;
  hold: Promise<void> | undefined;
  failNext = false;

  transformQuery(args: PluginTransformQueryArgs) {
    this.sent += 1;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('the database is away');
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    await this.hold;
    return args.result;
  }
}

/** Lets pending promise callbacks (and a read that is not held) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

for (const dialect of dialects) {
  describe(`realm lookup on ${dialect}: no request of a busy realm waits for the database`, () => {
    async function setUp() {
      const t = await createTestDatabase(dialect);
      const watched = new WatchedStatements();
      const clock = new FakeClock();
      await insertRealm(t.database.db, 'rl_busy');
      const lookup = createRealmLookup(t.database.db.withPlugin(watched), clock, 1000);
      const rename = (name: string) => t.database.db.updateTable('realms').set({ name }).where('id', '=', 'rl_busy').execute();
      return { t, watched, clock, lookup, rename };
    }

    it('answers requests that find nothing cached with one read between them', async () => {
      const { t, watched, lookup } = await setUp();
      try {
        const found = await Promise.all(Array.from({ length: 20 }, (_, i) => lookup.resolve(i % 2 ? 'rl_busy' : 'rl-busy')));
        assert.ok(found.every((realm) => realm?.id === 'rl_busy'));
        assert.equal(watched.sent, 2, 'one read by id and one by slug, for twenty requests');
        assert.equal((await lookup.resolve('rl-busy'))?.id, 'rl_busy');
        assert.equal(watched.sent, 2);
      } finally {
        await t.dispose();
      }
    });

    it('reads a realm again in the background in the second half of its time, serving the cached copy meanwhile', async () => {
      const { t, watched, clock, lookup, rename } = await setUp();
      try {
        assert.equal((await lookup.resolve('rl_busy'))?.name, 'rl_busy');
        await rename('renamed');
        clock.advance(400);
        assert.equal((await lookup.resolve('rl_busy'))?.name, 'rl_busy', 'first half: cached, nothing read');
        assert.equal(watched.sent, 1);

        clock.advance(200);
        let release!: () => void;
        watched.hold = new Promise((resolve) => (release = resolve));
        const answers = await Promise.all([lookup.resolve('rl_busy'), lookup.resolve('rl-busy'), lookup.resolve('rl_busy')]);
        assert.deepEqual(answers.map((realm) => realm?.name), ['rl_busy', 'rl_busy', 'rl_busy'], 'answered at once, the read still held');
        assert.equal(watched.sent, 2, 'one read in the background for all three');
        release();
        watched.hold = undefined;
        await settle();

        // The new copy counts from when its read began: it is served past the old one's end without a read.
        clock.advance(450);
        assert.equal((await lookup.resolve('rl-busy'))?.name, 'renamed');
        assert.equal(watched.sent, 2);
      } finally {
        await t.dispose();
      }
    });

    it('neither joins nor keeps a read that began before an invalidation', async () => {
      const { t, watched, lookup, rename } = await setUp();
      try {
        let release!: () => void;
        watched.hold = new Promise((resolve) => (release = resolve));
        const before = lookup.resolve('rl_busy');
        await settle();
        await rename('changed');
        lookup.invalidate('rl_busy');
        watched.hold = undefined;
        const after = lookup.resolve('rl_busy');
        assert.equal(watched.sent, 2, 'the request after the change read for itself');
        assert.equal((await after)?.name, 'changed');
        release();
        assert.equal((await before)?.name, 'rl_busy', 'the earlier request gets what it read');
        await settle();
        assert.equal((await lookup.resolve('rl_busy'))?.name, 'changed', 'and its older copy was not kept');
        assert.equal(watched.sent, 2);
      } finally {
        await t.dispose();
      }
    });

    it('keeps serving the cached copy when a background read fails, and reads in the foreground once it is out of time', async () => {
      const { t, watched, clock, lookup, rename } = await setUp();
      try {
        await lookup.resolve('rl_busy');
        await rename('later');
        clock.advance(600);
        watched.failNext = true;
        assert.equal((await lookup.resolve('rl_busy'))?.name, 'rl_busy');
        await settle();
        assert.equal(watched.sent, 2);
        clock.advance(400);
        assert.equal((await lookup.resolve('rl_busy'))?.name, 'later');
        assert.equal(watched.sent, 3);

        clock.advance(1000);
        watched.failNext = true;
        await assert.rejects(lookup.resolve('rl_busy'), /the database is away/, 'a failed read in the foreground is the request\'s');
        assert.equal((await lookup.resolve('rl_busy'))?.name, 'later', 'and the next request reads again');
      } finally {
        await t.dispose();
      }
    });

    it('forgets a realm that is gone, by id and slug', async () => {
      const { t, clock, lookup } = await setUp();
      try {
        await lookup.resolve('rl-busy');
        await t.database.db.deleteFrom('realms').where('id', '=', 'rl_busy').execute();
        clock.advance(600);
        assert.equal((await lookup.resolve('rl-busy'))?.id, 'rl_busy', 'still within its time');
        await settle();
        assert.equal(await lookup.resolve('rl-busy'), undefined);
        assert.equal(await lookup.resolve('rl_busy'), undefined);
      } finally {
        await t.dispose();
      }
    });
  });
}
