import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import { createEventLog } from '../../src/events/event-log.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { createLocalInvalidationBus } from '../../src/platform/invalidation-bus.ts';
import { createSecretBox } from '../../src/platform/secret-box.ts';
import { createKeyRing } from '../../src/realms/key-ring.ts';
import { createRealmService } from '../../src/realms/realm-service.ts';
import { createRealmLookup } from '../../src/realms/realm-lookup.ts';
import { createTestDatabase, dialects } from '../support/databases.ts';
import { insertRealm, operator } from '../support/fixtures.ts';
import { settle, WatchedStatements } from '../support/watched-statements.ts';

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

    it('reads a realm again in the background in the last quarter of its time, serving the cached copy meanwhile', async () => {
      const { t, watched, clock, lookup, rename } = await setUp();
      try {
        assert.equal((await lookup.resolve('rl_busy'))?.name, 'rl_busy');
        await rename('renamed');
        clock.advance(400);
        assert.equal((await lookup.resolve('rl_busy'))?.name, 'rl_busy', 'before its last quarter: cached, nothing read');
        assert.equal(watched.sent, 1);

        clock.advance(400);
        const release = watched.holdAnswers();
        const answers = await Promise.all([lookup.resolve('rl_busy'), lookup.resolve('rl-busy'), lookup.resolve('rl_busy')]);
        assert.deepEqual(answers.map((realm) => realm?.name), ['rl_busy', 'rl_busy', 'rl_busy'], 'answered at once, the read still held');
        await settle();
        assert.equal(watched.sent, 2, 'one read in the background for all three');
        release();
        await settle();

        // The new copy counts from when its read began: it is served past the old one's end without a read.
        clock.advance(450);
        assert.equal((await lookup.resolve('rl-busy'))?.name, 'renamed');
        assert.equal(watched.sent, 2);
      } finally {
        await t.dispose();
      }
    });

    it('never answers a request after a change with what was read before it, nor keeps that read', async () => {
      const { t, watched, lookup, rename } = await setUp();
      try {
        const release = watched.holdAnswers();
        const before = lookup.resolve('rl_busy');
        await settle();
        await rename('changed');
        lookup.invalidate('rl_busy');
        const after = lookup.resolve('rl_busy');
        release();
        assert.equal((await before)?.name, 'rl_busy', 'the earlier request gets what it read, as concurrent with the change as its read');
        assert.equal((await after)?.name, 'changed', 'the later request read again once the earlier read came back');
        assert.equal(watched.sent, 2);
        await settle();
        assert.equal((await lookup.resolve('rl-busy'))?.name, 'changed', 'the newer copy is the one kept');
        assert.equal(watched.sent, 2);
      } finally {
        await t.dispose();
      }
    });

    it('goes on sharing and keeping reads while other realms change', async () => {
      const { t, watched, lookup } = await setUp();
      try {
        const release = watched.holdAnswers();
        const first = lookup.resolve('rl_busy');
        await settle();
        lookup.invalidate('rl_other');
        const joined = lookup.resolve('rl_busy');
        release();
        assert.deepEqual([(await first)?.id, (await joined)?.id], ['rl_busy', 'rl_busy']);
        assert.equal((await lookup.resolve('rl_busy'))?.id, 'rl_busy');
        assert.equal(watched.sent, 1, 'one read, kept');
      } finally {
        await t.dispose();
      }
    });

    it('counts a copy\'s time from when its read began, and joins no read older than that time', async () => {
      const { t, watched, clock, lookup } = await setUp();
      try {
        let release = watched.holdAnswers();
        const slow = lookup.resolve('rl_busy');
        await settle();
        clock.advance(800);
        release();
        await slow;
        clock.advance(200);
        await lookup.resolve('rl_busy');
        assert.equal(watched.sent, 2, 'kept until 1,000 ms after the read began, not after it came back');

        clock.advance(1000);
        release = watched.holdAnswers();
        const stuck = lookup.resolve('rl_busy');
        await settle();
        clock.advance(1000);
        watched.hold = undefined; // the first read stays held
        assert.equal((await lookup.resolve('rl_busy'))?.id, 'rl_busy', 'a read a whole time old is not waited for');
        assert.equal(watched.sent, 4);
        release();
        await stuck;
      } finally {
        await t.dispose();
      }
    });

    it('finds a realm for a request made after its creation, though a lookup that began before it is under way', async () => {
      const { t, watched, clock, lookup } = await setUp();
      try {
        const db = t.database.db;
        const bus = createLocalInvalidationBus();
        // As src/compose.ts wires it: every realm message reaches the lookup.
        bus.subscribe((notice) => {
          if (notice !== 'all' && notice.userId === undefined && notice.sessionId === undefined) lookup.invalidate(notice.realmId);
        });
        const keys = createKeyRing({ db, clock, secretBox: createSecretBox(randomBytes(32)) });
        const realms = createRealmService({ db, dialect, clock, events: createEventLog(clock), keys, lookup, maxRealms: 100, invalidation: bus, onBackgroundError: (error) => assert.fail(String(error)) });
        await realms.ensureSystemRealm();

        const release = watched.holdAnswers();
        const early = lookup.resolve('acme');
        await settle();
        const created = await realms.create({ name: 'Acme', slug: 'acme' }, operator);
        const later = lookup.resolve('acme');
        release();
        assert.equal(await early, undefined, 'concurrent with the creation: not found');
        assert.equal((await later)?.id, created.id, 'made after create() returned: found');
      } finally {
        await t.dispose();
      }
    });

    it('keeps serving the cached copy when a background read fails, and reads in the foreground once it is out of time', async () => {
      const { t, watched, clock, lookup, rename } = await setUp();
      try {
        await lookup.resolve('rl_busy');
        await rename('later');
        clock.advance(800);
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
        clock.advance(800);
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
