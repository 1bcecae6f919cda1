import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { newId } from '../../src/platform/ids.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { initialEditable } from '../../src/realms/realm-settings.ts';
import { realmStore } from '../../src/realms/realm-store.ts';
import { FEW_MATCHES } from '../../src/storage/prefix-search.ts';
import { dialects } from '../support/databases.ts';
import { serverPerSuite } from '../support/server.ts';

type Body = Record<string, any>;

for (const dialect of dialects) {
  describe(`realm search (GET /admin/v1/realms?q=) on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    const ids: Record<string, string> = {};

    async function get(url: string, headers = server.adminHeaders) {
      const response = await server.app.inject({ method: 'GET', url, headers });
      return { status: response.statusCode, body: response.json() as Body };
    }

    /** The slugs of every page of a search, following next_cursor. */
    async function search(q: string, limit = 100, headers = server.adminHeaders): Promise<string[][]> {
      const pages: string[][] = [];
      let cursor = '';
      for (;;) {
        const { status, body } = await get(`/admin/v1/realms?q=${encodeURIComponent(q)}&limit=${limit}${cursor}`, headers);
        assert.equal(status, 200, JSON.stringify(body));
        pages.push(body.items.map((realm: Body) => realm.slug));
        if (!body.next_cursor) return pages;
        cursor = `&cursor=${body.next_cursor}`;
      }
    }

    before(async () => {
      const realms = [
        { name: 'Acme Corp', slug: 'acme' },
        { name: 'acme labs', slug: 'labs' },
        { name: 'ACMEWORKS', slug: 'works' },
        { name: 'Zeta', slug: 'acme-zeta' },
        { name: 'Élan Vital', slug: 'elan' },
        { name: 'Other', slug: 'other' },
        { name: '100% Pure_Name', slug: 'pure' },
      ];
      for (const realm of realms) {
        const response = await server.app.inject({ method: 'POST', url: '/admin/v1/realms', payload: realm, headers: server.adminHeaders });
        assert.equal(response.statusCode, 201, response.body);
        ids[realm.slug] = response.json().id;
      }
    });

    it('finds realms by name prefix in any case and by slug prefix, in name order', async () => {
      // In name order (byte order: upper case first): ACMEWORKS, Acme Corp, Zeta (slug acme-zeta), acme labs.
      assert.deepEqual(await search('acme'), [['works', 'acme', 'acme-zeta', 'labs']]);
      assert.deepEqual(await search('ACME L'), [['labs']]);
      assert.deepEqual(await search('acme-'), [['acme-zeta']]);
      assert.deepEqual(await search('éLAN'), [['elan']]);
      assert.deepEqual(await search('nothing-like-this'), [[]]);
    });

    it('treats % and _ as ordinary characters, not wildcards', async () => {
      assert.deepEqual(await search('100% p'), [['pure']]);
      assert.deepEqual(await search('%'), [[]]);
      assert.deepEqual(await search('_'), [[]]);
    });

    it('finds a realm by its exact id, and not by a part of it', async () => {
      assert.deepEqual(await search(ids.other), [['other']]);
      assert.deepEqual(await search(ids.other.slice(0, -2)), [[]]);
    });

    it('pages through matches with a cursor, combined with the other filters', async () => {
      // The built-in realm (Administration, slug admin) matches too.
      assert.deepEqual(await search('a', 2), [['works', 'acme'], ['admin', 'acme-zeta'], ['labs']]);
      const desc = await get('/admin/v1/realms?q=acme&sort=name&direction=desc&limit=10');
      assert.deepEqual(desc.body.items.map((r: Body) => r.slug), ['labs', 'acme-zeta', 'acme', 'works']);
      const bySlugAndState = await get('/admin/v1/realms?q=acme&state=inactive');
      assert.deepEqual(bySlugAndState.body.items, []);
    });

    it('shows a realm-scoped operator only the realms of their grants', async () => {
      const created = await server.app.inject({
        method: 'POST',
        url: '/admin/v1/operators',
        headers: server.adminHeaders,
        payload: { email: 'scoped@example.com', password: 'scoped-operator-password-1', grants: [{ permission: 'admin_realm', realms: ['acme', 'other'] }] },
      });
      assert.equal(created.statusCode, 201, created.body);
      const { access_token } = await server.login('admin', 'scoped@example.com', 'scoped-operator-password-1');
      const headers = { authorization: `Bearer ${access_token}` };
      assert.deepEqual(await search('acme', 100, headers), [['acme']]);
      assert.deepEqual(await search(ids.labs, 100, headers), [[]]);
      assert.deepEqual(await search(ids.other, 100, headers), [['other']]);
    });

    it('refuses an empty, too long or control-character q with 400', async () => {
      for (const q of ['', 'a'.repeat(101), 'ac\u0000me', 'ac\nme', 'ac\u007fme']) {
        const { status, body } = await get(`/admin/v1/realms?q=${encodeURIComponent(q)}`);
        assert.equal(status, 400, `${JSON.stringify(q)}: ${JSON.stringify(body)}`);
        assert.equal(body.error.code, 'request.validation_failed');
      }
    });

    it('answers the same past FEW_MATCHES matches, when it walks the name order instead', async () => {
      const count = FEW_MATCHES + 100;
      const pad = (n: number) => String(n).padStart(4, '0');
      const realms: Realm[] = Array.from({ length: count }, (_, n) => ({
        ...initialEditable({ name: `Bulk ${pad(n)}`, slug: `bulk-${pad(n)}` }),
        id: newId('rl'), is_system: false, created_at: n, created_by: null, updated_at: n, updated_by: null, version: 1,
      }));
      for (let i = 0; i < count; i += 500) await realmStore.insertMany(server.database.db, realms.slice(i, i + 500));
      const expected = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `bulk-${pad(from + i)}`);

      const first = await get('/admin/v1/realms?q=BULK&limit=50');
      assert.deepEqual(first.body.items.map((r: Body) => r.slug), expected(0, 50));
      const second = await get(`/admin/v1/realms?q=BULK&limit=50&cursor=${first.body.next_cursor}`);
      assert.deepEqual(second.body.items.map((r: Body) => r.slug), expected(50, 100));
      // A narrower prefix has few matches again: the same answer from their ids.
      assert.deepEqual((await search('bulk 01', 50)).flat(), expected(100, 200));
    });
  });
}
