import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { bearer, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { listenForStreams, openSse } from '../support/sse-client.ts';

const SETTLE_MS = 1000;
/** Heartbeats far apart: whatever ends a stream here is not the heartbeat's check. */
const streamConfig = { eventStreamPollMs: 20, eventStreamSettleMs: SETTLE_MS, eventStreamHeartbeatMs: 300_000 };

/** A stream asks whether its operator may still read the realm before sending events, not only at heartbeats. */
for (const dialect of dialects) {
  describe(`an event stream whose operator signed out on ${dialect}`, () => {
    const server = serverPerSuite({ dialect, config: streamConfig });
    let base: string;

    before(async () => {
      base = await listenForStreams(server);
      await send(server, 'POST', '/admin/v1/realms', { name: 'Watched', slug: 'watched' }, server.adminHeaders);
      server.clock.advance(SETTLE_MS + 1);
    });

    const createUser = (username: string) => send(server, 'POST', '/admin/v1/realms/watched/users', { username, password: 'a long enough password' }, server.adminHeaders);

    it('sends nothing recorded after the sign-out, and ends', async () => {
      const login = await server.login('admin', 'admin@example.com', 'operator-password-1');
      const stream = await openSse(`${base}/admin/v1/realms/watched/events/stream`, bearer(login.access_token));
      try {
        assert.equal(stream.status, 200);
        assert.equal((await createUser('before')).statusCode, 201);
        server.clock.advance(SETTLE_MS + 1);
        const [first] = await stream.waitForMessages(1);
        assert.equal(first.event, 'user.created');
        const out = await server.app.inject({ method: 'POST', url: '/realms/admin/auth/logout', headers: bearer(login.access_token) });
        assert.equal(out.statusCode, 204);
        assert.equal((await createUser('after')).statusCode, 201);
        server.clock.advance(SETTLE_MS + 1);
        await Promise.race([stream.ended, new Promise((_, reject) => setTimeout(() => reject(new Error('the stream did not end')), 3000))]);
        assert.deepEqual(
          stream.messages.map((message) => JSON.parse(message.data).details?.username ?? message.event),
          stream.messages.slice(0, 1).map((message) => JSON.parse(message.data).details?.username ?? message.event),
          'only the event recorded before the sign-out was sent',
        );
        assert.equal(stream.messages.length, 1);
      } finally {
        stream.close();
      }
    });
  });
}
