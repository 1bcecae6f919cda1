import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { PageRequest } from '../../src/storage/pagination.ts';
import type { UserFilter } from '../../src/users/user-search.ts';
import type { User } from '../../src/users/user.ts';
import { dialects } from '../support/databases.ts';
import { operator, rejectsWith } from '../support/fixtures.ts';
import { perSuite } from '../support/suite.ts';
import { usersContext } from './fixtures.ts';

for (const dialect of dialects) {
  describe(`user service: listing with filters and keyset pagination on ${dialect}`, () => {
    const ctx = perSuite(() => usersContext(dialect));
    const names: Record<string, string> = {};

    /** Every page of a list, followed through next_cursor. */
    async function pages(filter: UserFilter, limit: number): Promise<string[][]> {
      const out: string[][] = [];
      let page: PageRequest = { limit };
      for (;;) {
        const result = await ctx.users.list(ctx.realmA, filter, page);
        out.push(result.items.map((u: User) => u.username ?? u.id));
        if (!result.next_cursor) return out;
        page = { limit, cursor: result.next_cursor };
      }
    }

    before(async () => {
      const seed = [
        { username: 'ada', email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace', tags: ['math', 'pioneer'] },
        { username: 'alan', email: 'alan@example.org', first_name: 'Alan', last_name: 'Turing', tags: ['math'], mobile: '+44 20 7946 0001' },
        { username: 'grace', email: 'grace@navy.example', first_name: 'Grace', last_name: 'Hopper', tags: ['pioneer'], state: 'inactive' as const },
        { username: 'edsger', email: 'ewd@example.nl', display_name: '100%_Dijkstra' },
        { username: 'barbara', email: 'barbara@example.com', last_name: 'Liskov', tags: ['math'] },
        { username: 'donald', email: 'knuth@example.com', first_name: 'Donald', middle_name: 'Ervin', last_name: 'Knuth' },
        { username: 'margaret', email: 'margaret@nasa.example', first_name: 'Margaret', last_name: 'Hamilton', tags: ['pioneer'] },
      ];
      // Users created in the same millisecond still have a total order (by id); spread them out anyway.
      for (const input of seed) {
        const user = await ctx.users.create(ctx.realmA, input, operator);
        names[input.username] = user.id;
        ctx.clock.advance(10);
      }
      await ctx.users.lock(ctx.realmA, names.barbara, 'audit', operator);
      await ctx.users.create(ctx.realmB, { username: 'ada', email: 'ada@example.com', tags: ['math'] }, operator);
    });

    it('lists a realm by creation time, ascending or descending, page by page', async () => {
      const all = ['ada', 'alan', 'grace', 'edsger', 'barbara', 'donald', 'margaret'];
      assert.deepEqual(await pages({}, 3), [all.slice(0, 3), all.slice(3, 6), all.slice(6)]);
      assert.deepEqual((await pages({ direction: 'desc' }, 2)).flat(), [...all].reverse());
      assert.deepEqual(await pages({}, 7), [all]);
      assert.deepEqual(await pages({}, 1000), [all]);
    });

    it('loads each user with its tags', async () => {
      const { items } = await ctx.users.list(ctx.realmA, { tag: 'pioneer' }, { limit: 10 });
      assert.deepEqual(items.map((u) => [u.username, u.tags]), [
        ['ada', ['math', 'pioneer']],
        ['grace', ['pioneer']],
        ['margaret', ['pioneer']],
      ]);
    });

    it('filters by exact identifiers, normalised the way they are stored', async () => {
      assert.deepEqual(await pages({ email: ' ADA@Example.com ' }, 10), [['ada']]);
      assert.deepEqual(await pages({ username: 'ALAN' }, 10), [['alan']]);
      assert.deepEqual(await pages({ mobile: '+44 (20) 7946-0001' }, 10), [['alan']]);
      assert.deepEqual(await pages({ mobile: 'nonsense' }, 10), [[]]);
      assert.deepEqual(await pages({ email: 'ada@example' }, 10), [[]], 'exact, not a prefix');
    });

    it('filters by tag, state and locked, combined and across pages', async () => {
      assert.deepEqual(await pages({ tag: 'math' }, 2), [['ada', 'alan'], ['barbara']]);
      assert.deepEqual(await pages({ state: 'inactive' }, 10), [['grace']]);
      assert.deepEqual(await pages({ locked: true }, 10), [['barbara']]);
      assert.deepEqual((await pages({ locked: false, state: 'active' }, 10)).flat(), ['ada', 'alan', 'edsger', 'donald', 'margaret']);
      assert.deepEqual(await pages({ tag: 'pioneer', state: 'active' }, 1), [['ada'], ['margaret']]);
      assert.deepEqual(await pages({ tag: 'unknown' }, 10), [[]]);
    });

    it('filters by a verified email, alone, combined and across pages in both directions', async () => {
      for (const username of ['alan', 'edsger', 'donald']) await ctx.users.update(ctx.realmA, names[username], { email_verified: true }, operator);
      assert.deepEqual(await pages({ verified: true }, 2), [['alan', 'edsger'], ['donald']]);
      assert.deepEqual(await pages({ verified: true, direction: 'desc' }, 1), [['donald'], ['edsger'], ['alan']]);
      assert.deepEqual(await pages({ verified: false }, 3), [['ada', 'grace', 'barbara'], ['margaret']]);
      assert.deepEqual(await pages({ verified: false, locked: true }, 10), [['barbara']]);
      assert.deepEqual(await pages({ verified: true, tag: 'math' }, 10), [['alan']]);
      // Realm B's ada is unverified too: verified=false in realm A never shows her.
      const unverified = await ctx.users.list(ctx.realmA, { verified: false }, { limit: 100 });
      assert.deepEqual([...new Set(unverified.items.map((u) => u.realm_id))], [ctx.realmA.id]);
      // A user without an email address has nothing to verify: neither list shows him.
      const kurt = await ctx.users.create(ctx.realmA, { username: 'kurt' }, operator);
      for (const verified of [true, false]) {
        assert.ok(!(await ctx.users.list(ctx.realmA, { verified }, { limit: 100 })).items.some((u) => u.id === kurt.id), `verified=${verified}`);
      }
      await ctx.users.remove(ctx.realmA, kurt.id, operator);
      for (const username of ['alan', 'edsger', 'donald']) await ctx.users.update(ctx.realmA, names[username], { email_verified: false }, operator);
    });

    it('q searches names, email and username case-insensitively', async () => {
      assert.deepEqual((await pages({ q: 'LOVE' }, 10)).flat(), ['ada']);
      assert.deepEqual((await pages({ q: 'ervin' }, 10)).flat(), ['donald']);
      assert.deepEqual((await pages({ q: 'nasa' }, 10)).flat(), ['margaret']);
      assert.deepEqual((await pages({ q: 'barb' }, 10)).flat(), ['barbara']);
      assert.deepEqual((await pages({ q: 'Turing' }, 10)).flat(), ['alan']);
      assert.deepEqual((await pages({ q: 'donald knuth' }, 10)).flat(), []);
      assert.deepEqual((await pages({ q: 'Donald Ervin Knuth' }, 10)).flat(), ['donald'], 'matches the derived display name');
      assert.deepEqual((await pages({ q: 'example.com', tag: 'math' }, 1)).flat(), ['ada', 'barbara']);
    });

    it('q treats LIKE wildcards literally', async () => {
      assert.deepEqual((await pages({ q: '%' }, 10)).flat(), ['edsger']);
      assert.deepEqual((await pages({ q: '0%_d' }, 10)).flat(), ['edsger']);
      assert.deepEqual((await pages({ q: '_' }, 10)).flat(), ['edsger']);
      assert.deepEqual((await pages({ q: 'a_a' }, 10)).flat(), []);
      assert.deepEqual((await pages({ q: '\\' }, 10)).flat(), []);
    });

    it("never shows another realm's users, and refuses a cursor of another order", async () => {
      const inB = await ctx.users.list(ctx.realmB, {}, { limit: 10 });
      assert.deepEqual(inB.items.map((u) => u.realm_id), [ctx.realmB.id]);
      assert.equal((await ctx.users.list(ctx.realmA, { username: 'ada' }, { limit: 10 })).items[0].id, names.ada);
      const first = await ctx.users.list(ctx.realmA, {}, { limit: 1 });
      await rejectsWith(ctx.users.list(ctx.realmA, { direction: 'desc' }, { limit: 1, cursor: first.next_cursor ?? '' }), 'request.invalid_cursor');
      await rejectsWith(ctx.users.list(ctx.realmA, {}, { limit: 1, cursor: 'garbage' }), 'request.invalid_cursor');
    });

    it('leaves deleted users out', async () => {
      const temp = await ctx.users.create(ctx.realmA, { username: 'temporary', tags: ['math'] }, operator);
      assert.ok((await pages({ tag: 'math' }, 10)).flat().includes('temporary'));
      await ctx.users.remove(ctx.realmA, temp.id, operator);
      assert.deepEqual((await pages({ tag: 'math' }, 10)).flat(), ['ada', 'alan', 'barbara']);
      assert.deepEqual(await pages({ q: 'temporary' }, 10), [[]]);
    });
  });
}
