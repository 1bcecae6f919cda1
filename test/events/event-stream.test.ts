import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite, startTestServer } from '../support/server.ts';
import { listenForStreams, openSse } from '../support/sse-client.ts';

/** Short enough for tests; the clock is fake, so "settled" means the test advanced it past this. */
const SETTLE_MS = 1000;
const streamConfig = { eventStreamPollMs: 20, eventStreamSettleMs: SETTLE_MS, eventStreamHeartbeatMs: 150, eventStreamsPerToken: 3 };

for (const dialect of dialects) {
  describe(`live event stream on ${dialect}`, () => {
    const server = serverPerSuite({ dialect, config: streamConfig });
    let base: string;
    let realmId: string;
    let otherRealmId: string;

    before(async () => {
      // Graceful shutdown with streams open is tested on its own below.
      base = await listenForStreams(server);
      realmId = (await send(server, 'POST', '/admin/v1/realms', { name: 'Streamed', slug: 'streamed' }, server.adminHeaders)).json().id;
      otherRealmId = (await send(server, 'POST', '/admin/v1/realms', { name: 'Other', slug: 'other' }, server.adminHeaders)).json().id;
      // A fresh stream starts with what is not yet settled when it connects: settle the realms' creation.
      server.clock.advance(SETTLE_MS + 1);
    });

    const streamUrl = (realm: string, query = '') => `${base}/admin/v1/realms/${realm}/events/stream${query}`;
    const createUser = async (realm: string, username: string) =>
      (await send(server, 'POST', `/admin/v1/realms/${realm}/users`, { username, password: 'a long enough password' }, server.adminHeaders)).json().id as string;
    /** Events become streamable once older than the settle window. */
    const settle = () => server.clock.advance(SETTLE_MS + 1);
    const listed = async (realm: string, query: string) =>
      (await send(server, 'GET', `/admin/v1/realms/${realm}/events?limit=1000&${query}`, undefined, server.adminHeaders)).json().items as { id: string }[];

    it('streams events recorded after connecting, as the list gives them, and only its realm’s; with heartbeats', async () => {
      const stream = await openSse(streamUrl(realmId), server.adminHeaders);
      try {
        assert.equal(stream.status, 200);
        assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
        await stream.waitForComment('keep-alive');
        await createUser(otherRealmId, 'elsewhere');
        const userId = await createUser(realmId, 'ada');
        settle();
        const [message] = await stream.waitForMessages(1);
        assert.equal(message.event, 'user.created');
        const [item] = await listed(realmId, `user=${userId}`);
        assert.equal(message.id, item.id);
        assert.deepEqual(JSON.parse(message.data), item);
        // The other realm's event never comes: a later event of this realm is the next message.
        await send(server, 'DELETE', `/admin/v1/realms/${realmId}/users/${userId}`, undefined, server.adminHeaders);
        settle();
        const second = (await stream.waitForMessages(2))[1];
        assert.equal(second.event, 'user.deleted');
        assert.ok(stream.messages.every((m) => (JSON.parse(m.data) as { realm_id: string }).realm_id === realmId));
      } finally {
        stream.close();
      }
    });

    it('is documented in the OpenAPI document as a text/event-stream response', async () => {
      const doc = (await server.app.inject({ method: 'GET', url: '/openapi.json' })).json();
      const operation = doc.paths['/admin/v1/realms/{realm}/events/stream'].get;
      assert.ok(operation.responses['200'].content['text/event-stream']);
      assert.ok(operation.responses['429']);
      assert.deepEqual(
        operation.parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name),
        ['type', 'code', 'user', 'since', 'until', 'last_event_id'],
      );
    });

    it('applies the list’s filters', async () => {
      const stream = await openSse(streamUrl(realmId, '?type=user.deleted'), server.adminHeaders);
      try {
        const userId = await createUser(realmId, 'filtered');
        await send(server, 'DELETE', `/admin/v1/realms/${realmId}/users/${userId}`, undefined, server.adminHeaders);
        settle();
        const [message] = await stream.waitForMessages(1);
        assert.equal(message.event, 'user.deleted');
        assert.equal(JSON.parse(message.data).user_id, userId);
        await stream.waitForComment('keep-alive');
        assert.equal(stream.messages.length, 1);
      } finally {
        stream.close();
      }
      const bad = await openSse(streamUrl(realmId, '?since=yesterday'), server.adminHeaders);
      assert.equal(bad.status, 400);
      assert.equal(JSON.parse(bad.body).error.code, 'request.validation_failed');
    });

    it('resumes from Last-Event-ID with no gap and no duplicate while events keep being written', async () => {
      const since = new Date(server.clock.now()).toISOString();
      let writing = true;
      const writer = (async () => {
        for (let i = 0; writing && i < 40; i++) {
          await createUser(realmId, `resume-${i}`);
          // Several events share a millisecond (ids break the tie), and time moves on.
          if (i % 3 === 0) server.clock.advance(SETTLE_MS / 4);
        }
        writing = false;
      })();
      const received: string[] = [];
      const first = await openSse(streamUrl(realmId, `?type=user.created&since=${encodeURIComponent(since)}`), server.adminHeaders);
      received.push(...(await first.waitForMessages(5)).map((m) => m.id));
      first.close();
      await first.ended;
      // Resume with the header (the second time with the query parameter) from the last id seen.
      const second = await openSse(streamUrl(realmId, '?type=user.created'), { ...server.adminHeaders, 'last-event-id': received.at(-1) ?? '' });
      assert.equal(second.status, 200);
      received.push(...(await second.waitForMessages(5)).map((m) => m.id));
      second.close();
      await second.ended;
      await writer;
      settle();
      const all = (await listed(realmId, `type=user.created&since=${encodeURIComponent(since)}`)).map((e) => e.id).reverse();
      const third = await openSse(streamUrl(realmId, `?type=user.created&last_event_id=${received.at(-1)}`), server.adminHeaders);
      try {
        received.push(...(await third.waitForMessages(all.length - received.length)).map((m) => m.id));
        assert.deepEqual(received, all);
        assert.equal(new Set(received).size, received.length);
        assert.equal(all.length, 40);
      } finally {
        third.close();
      }
    });

    it('refuses an unknown, forged or other realm’s Last-Event-ID with 400', async () => {
      await createUser(otherRealmId, 'theirs');
      const [theirs] = await listed(otherRealmId, 'type=user.created');
      for (const lastEventId of [theirs.id, 'evt_0000000000000000000000', 'not-an-id', "evt_'; drop table events"]) {
        const stream = await openSse(streamUrl(realmId), { ...server.adminHeaders, 'last-event-id': lastEventId });
        assert.equal(stream.status, 400, lastEventId);
        assert.equal(JSON.parse(stream.body).error.code, 'events.unknown_last_event_id');
      }
      const byQuery = await openSse(streamUrl(realmId, '?last_event_id=evt_0000000000000000000000'), server.adminHeaders);
      assert.equal(byQuery.status, 400);
    });

    it('answers an operator limited to another realm as the list does (403), and 401 without a token', async () => {
      const email = `limited-${dialect}@example.com`;
      const created = await send(server, 'POST', '/admin/v1/operators', { email, password: 'operator-password-2', grants: [{ permission: 'admin_realm', realms: [otherRealmId] }] }, server.adminHeaders);
      assert.equal(created.statusCode, 201, created.body);
      const limited = bearer((await server.login('admin', email, 'operator-password-2')).access_token);
      const list = await send(server, 'GET', `/admin/v1/realms/${realmId}/events`, undefined, limited);
      const stream = await openSse(streamUrl(realmId), limited);
      assert.equal(stream.status, list.statusCode);
      assert.equal(stream.status, 403);
      assert.equal(JSON.parse(stream.body).error.code, errorCode(list));
      const own = await openSse(streamUrl(otherRealmId), limited);
      assert.equal(own.status, 200);
      own.close();
      assert.equal((await openSse(streamUrl('nope'), server.adminHeaders)).status, 404);
      assert.equal((await openSse(streamUrl(realmId), {})).status, 401);
    });

    it('caps the streams one access token holds open (429 events.too_many_streams)', async () => {
      const token = bearer((await server.login('admin', 'admin@example.com', 'operator-password-1')).access_token);
      const open = [];
      for (let i = 0; i < streamConfig.eventStreamsPerToken; i++) open.push(await openSse(streamUrl(realmId), token));
      assert.ok(open.every((s) => s.status === 200));
      const refused = await openSse(streamUrl(realmId), token);
      assert.equal(refused.status, 429);
      assert.equal(JSON.parse(refused.body).error.code, 'events.too_many_streams');
      // Another token is counted on its own; a closed stream frees its place.
      const other = await openSse(streamUrl(realmId), server.adminHeaders);
      assert.equal(other.status, 200);
      other.close();
      open[0].close();
      await open[0].ended;
      let again = await openSse(streamUrl(realmId), token);
      for (let i = 0; again.status === 429 && i < 50; i++) {
        await sleep(20);
        again = await openSse(streamUrl(realmId), token);
      }
      assert.equal(again.status, 200);
      for (const s of [...open, again]) s.close();
    });

    it('ends the stream at the next heartbeat once the operator signs out', async () => {
      const login = await server.login('admin', 'admin@example.com', 'operator-password-1');
      const stream = await openSse(streamUrl(realmId), bearer(login.access_token));
      assert.equal(stream.status, 200);
      await stream.waitForComment('keep-alive');
      const out = await server.app.inject({ method: 'POST', url: '/realms/admin/auth/logout', headers: bearer(login.access_token) });
      assert.equal(out.statusCode, 204);
      await withTimeout(stream.ended, 3000, 'the stream to end after sign-out');
    });

    it('ends the stream when the operator’s access token expires', async () => {
      const login = await server.login('admin', 'admin@example.com', 'operator-password-1');
      assert.ok(login.expires_in !== null);
      const stream = await openSse(streamUrl(realmId), bearer(login.access_token));
      assert.equal(stream.status, 200);
      await stream.waitForComment('keep-alive');
      server.clock.advance(login.expires_in * 1000 - 2000);
      await sleep(200);
      assert.equal(await Promise.race([stream.ended.then(() => 'ended'), sleep(100).then(() => 'open')]), 'open');
      server.clock.advance(3000);
      await withTimeout(stream.ended, 3000, 'the stream to end at expiry');
    });
  });

  describe(`shutting down with event streams open on ${dialect}`, () => {
    it('caps the streams of the instance, and closes at once, ending the open streams', async () => {
      const server = await startTestServer({ dialect, config: { ...streamConfig, eventStreamsPerInstance: 2 } });
      await server.app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
      const streams = [await openSse(`${base}/admin/v1/realms/admin/events/stream`, server.adminHeaders), await openSse(`${base}/admin/v1/realms/admin/events/stream?type=user.created`, server.adminHeaders)];
      assert.ok(streams.every((s) => s.status === 200));
      await streams[0].waitForComment('keep-alive');
      const anotherToken = bearer((await server.login('admin', 'admin@example.com', 'operator-password-1')).access_token);
      const refused = await openSse(`${base}/admin/v1/realms/admin/events/stream`, anotherToken);
      assert.equal(refused.status, 429);
      assert.equal(JSON.parse(refused.body).error.code, 'events.too_many_streams');
      const started = performance.now();
      await withTimeout(server.dispose(), 5000, 'the server to close with streams open');
      assert.ok(performance.now() - started < 3000);
      for (const stream of streams) await withTimeout(stream.ended, 1000, 'the open stream to end on close');
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
