import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { createRealm, createUser, freshAddress, operatorWith, queue } from './mail-fixtures.ts';

const ITEM_KEYS = ['attempts', 'channel', 'created_at', 'id', 'last_error', 'next_attempt_at', 'sent_at', 'status', 'to', 'type', 'user_id'];

for (const dialect of dialects) {
  describe(`messages API on ${dialect}`, () => {
    // The outbox (no SMTP URL); polling once an hour, so messages stay pending until drained.
    const server = serverPerSuite({ dialect, config: { mailPollMs: 3_600_000 } });
    let realm: Realm;
    let other: Realm;
    let ada: string;
    let adaId: string;
    const ids: string[] = [];
    let otherId: string;

    const list = (query: string, target: Realm = realm, headers = server.adminHeaders) =>
      send(server, 'GET', `/admin/v1/realms/${target.slug}/messages${query}`, undefined, headers);

    before(async () => {
      realm = await createRealm(server);
      other = await createRealm(server);
      ada = freshAddress('ada');
      adaId = await createUser(server, realm, { email: ada });
      // Six messages a second apart, oldest first: five sent, the last never woken for and so pending.
      const messages = [
        { to: ada, userId: adaId },
        { to: freshAddress('bob') },
        { to: ada, userId: adaId, type: 'password_changed' as const, variables: { changed_at: 0 } },
      ];
      for (const message of messages) {
        ids.push(await queue(server, realm, message));
        server.clock.advance(1000);
      }
      await server.mailWorker.drain();
      for (const to of [freshAddress('carol'), ada]) {
        ids.push(await server.database.db.transaction().execute((trx) =>
          server.services.mailQueue.enqueue(trx, { realm, type: 'verify_email', to, userId: null, variables: { link: 'https://x.example/v', expires_in_minutes: 5 } }),
        ));
        server.clock.advance(1000);
      }
      otherId = await queue(server, other, { to: freshAddress('other') });
      await server.mailWorker.drain();
      // Queued after the drain and never woken: still pending.
      ids.push(await server.database.db.transaction().execute((trx) =>
        server.services.mailQueue.enqueue(trx, { realm, type: 'password_changed', to: freshAddress('dave'), userId: null, variables: { changed_at: 0 } }),
      ));
    });

    it('pages through the messages newest first, never showing bodies or variables', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(response.statusCode, 200, response.body);
        const page = response.json();
        for (const item of page.items) {
          assert.deepEqual(Object.keys(item).sort(), ITEM_KEYS);
          seen.push(item.id);
        }
        cursor = page.next_cursor;
        pages++;
      } while (cursor);
      assert.deepEqual(seen, [...ids].reverse());
      assert.equal(pages, 3);
    });

    it('shows status, attempts and times of each message', async () => {
      const response = await send(server, 'GET', `/admin/v1/realms/${realm.slug}/messages/${ids[0]}`, undefined, server.adminHeaders);
      assert.equal(response.statusCode, 200);
      const message = response.json();
      assert.equal(message.status, 'sent');
      assert.equal(message.attempts, 1);
      assert.equal(message.type, 'password_reset');
      assert.equal(message.to, ada);
      assert.equal(message.user_id, adaId);
      assert.equal(message.last_error, null);
      assert.equal(message.next_attempt_at, null);
      assert.equal(message.created_at, '2026-01-01T00:00:00.000Z');
      assert.ok(Date.parse(message.sent_at) >= Date.parse(message.created_at));

      const pending = (await send(server, 'GET', `/admin/v1/realms/${realm.slug}/messages/${ids[5]}`, undefined, server.adminHeaders)).json();
      assert.equal(pending.status, 'pending');
      assert.equal(pending.attempts, 0);
      assert.equal(pending.next_attempt_at, pending.created_at);
      assert.equal(pending.sent_at, null);
    });

    it('filters by status, type, recipient and user', async () => {
      const idsOf = async (query: string) => (await list(query)).json().items.map((m: { id: string }) => m.id);
      assert.deepEqual(await idsOf('?status=pending'), [ids[5]]);
      assert.deepEqual(await idsOf('?status=sent'), ids.slice(0, 5).reverse());
      assert.deepEqual(await idsOf('?type=password_changed'), [ids[5], ids[2]]);
      assert.deepEqual(await idsOf(`?to=${encodeURIComponent(ada)}`), [ids[4], ids[2], ids[0]]);
      assert.deepEqual(await idsOf(`?user_id=${adaId}`), [ids[2], ids[0]]);
      assert.deepEqual(await idsOf(`?to=${encodeURIComponent(ada)}&type=verify_email`), [ids[4]]);
      assert.deepEqual(await idsOf('?status=failed'), []);
    });

    it("keeps each realm's messages to itself", async () => {
      const others = (await list('', other)).json().items.map((m: { id: string }) => m.id);
      assert.deepEqual(others, [otherId]);
      for (const [method, path] of [
        ['GET', `/admin/v1/realms/${realm.slug}/messages/${otherId}`],
        ['POST', `/admin/v1/realms/${realm.slug}/messages/${otherId}/retry`],
        ['GET', `/admin/v1/realms/${other.slug}/messages/${ids[0]}`],
        ['GET', `/admin/v1/realms/${realm.slug}/messages/msg_doesnotexist`],
      ] as const) {
        const response = await send(server, method, path, undefined, server.adminHeaders);
        assert.equal(response.statusCode, 404, path);
        assert.equal(errorCode(response), 'message.not_found');
      }
      assert.equal(errorCode(await list('', { slug: 'no-such-realm' } as Realm)), 'realm.not_found');
    });

    it('refuses bad queries', async () => {
      for (const query of ['?status=lost', '?limit=0', '?limit=1001', '?sort=to', `?to=${'a'.repeat(300)}`]) {
        const response = await list(query);
        assert.equal(response.statusCode, 400, query);
        assert.equal(errorCode(response), 'request.validation_failed', query);
      }
      const badCursor = await list('?cursor=bm90LWEtY3Vyc29y');
      assert.equal(errorCode(badCursor), 'request.invalid_cursor');
    });

    it('lets readers list but not retry, and keeps operators of other realms out', async () => {
      const reader = await operatorWith(server, [{ permission: 'read' }]);
      assert.equal((await list('', realm, reader)).statusCode, 200);
      const retry = await send(server, 'POST', `/admin/v1/realms/${realm.slug}/messages/${ids[0]}/retry`, undefined, reader);
      assert.equal(retry.statusCode, 403);
      assert.equal(errorCode(retry), 'auth.forbidden');

      const otherAdmin = await operatorWith(server, [{ permission: 'admin_realm', realms: [other.id] }]);
      assert.equal((await list('', other, otherAdmin)).statusCode, 200);
      const forbidden = await list('', realm, otherAdmin);
      assert.equal(forbidden.statusCode, 403);
      assert.equal((await send(server, 'GET', `/admin/v1/realms/${realm.slug}/messages`)).statusCode, 401);
    });
  });
}
