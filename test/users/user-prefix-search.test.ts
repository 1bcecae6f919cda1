import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { PageRequest } from '../../src/storage/pagination.ts';
import { newId } from '../../src/platform/ids.ts';
import { FEW_MATCHES } from '../../src/storage/prefix-search.ts';
import { userStore } from '../../src/users/user-store.ts';
import type { User, UserWithSecret } from '../../src/users/user.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { perSuite } from '../support/suite.ts';
import { serverPerSuite } from '../support/server.ts';
import { usersContext } from './fixtures.ts';

for (const dialect of dialects) {
  describe(`user prefix search (indexed) on ${dialect}`, () => {
    const ctx = perSuite(() => usersContext(dialect));

    async function search(prefix: string, limit = 100, realm = ctx.realmA): Promise<string[][]> {
      const pages: string[][] = [];
      let page: PageRequest = { limit };
      for (;;) {
        const result = await ctx.users.list(realm, { prefix }, page);
        pages.push(result.items.map((u: User) => u.username ?? u.email ?? u.id));
        if (!result.next_cursor) return pages;
        page = { limit, cursor: result.next_cursor };
      }
    }

    before(async () => {
      const seed = [
        { username: 'ada', email: 'Ada.Lovelace@Example.com' },
        { username: 'adam', email: 'adam@example.org', mobile: '+44 20 7946 0001' },
        { username: 'Grace', email: 'hopper@navy.example' },
        { username: 'percent', email: 'x%y@example.com' },
        { username: 'mobileonly', mobile: '+49 151 2345 6789' },
      ];
      for (const input of seed) {
        await ctx.users.create(ctx.realmA, input, operator);
        ctx.clock.advance(10);
      }
      await ctx.users.create(ctx.realmB, { username: 'adalbert', email: 'ada.other@example.com', mobile: '+44 20 7946 0002' }, operator);
    });

    it('matches email and username prefixes in any case, in creation order', async () => {
      assert.deepEqual(await search('ada'), [['ada', 'adam']]);
      assert.deepEqual(await search('ADA.L'), [['ada']]);
      assert.deepEqual(await search('grA'), [['Grace']]);
      assert.deepEqual(await search('hopper@navy'), [['Grace']]);
      assert.deepEqual(await search('zzz'), [[]]);
    });

    it('matches mobile prefixes with separators ignored', async () => {
      assert.deepEqual(await search('+44 20'), [['adam']]);
      assert.deepEqual(await search('+49151'), [['mobileonly']]);
    });

    it('treats % and _ literally', async () => {
      assert.deepEqual(await search('x%'), [['percent']]);
      assert.deepEqual(await search('%'), [[]]);
    });

    it("never matches another realm's users", async () => {
      assert.deepEqual(await search('adal'), [[]]);
      assert.deepEqual(await search('+44 20 7946 0002'), [[]]);
      assert.deepEqual(await search('ada', 100, ctx.realmB), [['adalbert']]);
    });

    it('pages through matches with a cursor', async () => {
      assert.deepEqual(await search('a', 1), [['ada'], ['adam']]);
    });

    it('answers the same past FEW_MATCHES matches, when it walks the creation order instead', async () => {
      const count = FEW_MATCHES + 100;
      const pad = (n: number) => String(n).padStart(4, '0');
      const template = (await ctx.users.list(ctx.realmB, {}, { limit: 1 })).items[0]!;
      const users: UserWithSecret[] = Array.from({ length: count }, (_, n) => ({
        ...template, id: newId('usr'), username: null, email: `bulk${pad(n)}@example.com`, mobile: null, tags: [],
        password_hash: null, created_at: 1_000_000 + n, updated_at: 1_000_000 + n, version: 1,
      }));
      for (let i = 0; i < count; i += 500) await userStore.insertMany(ctx.db, ctx.realmB.id, users.slice(i, i + 500), false);
      const expected = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `bulk${pad(from + i)}@example.com`);

      const first = await ctx.users.list(ctx.realmB, { prefix: 'BULK' }, { limit: 50 });
      assert.deepEqual(first.items.map((u) => u.email), expected(0, 50));
      const second = await ctx.users.list(ctx.realmB, { prefix: 'BULK' }, { limit: 50, cursor: first.next_cursor! });
      assert.deepEqual(second.items.map((u) => u.email), expected(50, 100));
      assert.deepEqual((await search('bulk01', 50, ctx.realmB)).flat(), expected(100, 200).map((email) => email));
      assert.deepEqual(await search('bulk', 50), [[]]);
    });
  });

  describe(`user prefix search over the API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });

    it('answers matches (200) and refuses an empty, too long or control-character prefix (400)', async () => {
      const created = await server.app.inject({ method: 'POST', url: '/admin/v1/realms/admin/users', headers: server.adminHeaders, payload: { email: 'someone@example.com' } });
      assert.equal(created.statusCode, 201, created.body);
      const found = await server.app.inject({ method: 'GET', url: '/admin/v1/realms/admin/users?prefix=SOME', headers: server.adminHeaders });
      assert.equal(found.statusCode, 200, found.body);
      assert.deepEqual(found.json().items.map((u: { email: string }) => u.email), ['someone@example.com']);
      for (const prefix of ['', 'a'.repeat(255), 'so\u0000me', 'so\tme']) {
        const response = await server.app.inject({ method: 'GET', url: `/admin/v1/realms/admin/users?prefix=${encodeURIComponent(prefix)}`, headers: server.adminHeaders });
        assert.equal(response.statusCode, 400, `${JSON.stringify(prefix)}: ${response.body}`);
        assert.equal(response.json().error.code, 'request.validation_failed');
      }
    });
  });
}
