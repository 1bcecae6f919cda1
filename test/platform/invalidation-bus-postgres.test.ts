import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import pg from 'pg';
import { createPostgresInvalidationBus } from '../../src/platform/invalidation-bus-postgres.ts';
import type { InvalidationNotice } from '../../src/platform/invalidation-bus.ts';
import { POSTGRES_URL } from '../support/databases.ts';

/**
 * The LISTEN/NOTIFY bus loses its listening connection and comes back: caches are emptied ('all')
 * and it listens again. PostgreSQL only (the bus exists only there; SQLite runs one process).
 */

/** The simple-query message PostgreSQL reads: 'Q', its length, the SQL and a NUL. */
function queryMessage(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`);
  const header = Buffer.alloc(5);
  header.write('Q');
  header.writeInt32BE(4 + text.length, 1);
  return Buffer.concat([header, text]);
}

/**
 * A TCP relay to PostgreSQL whose connections can be made silent, as a half-open one is, and which
 * can make every LISTEN fail (it sends a failing statement in its place).
 */
async function silenceableProxy(options: { failListen?: boolean } = {}) {
  const target = new URL(POSTGRES_URL);
  const pairs: { client: net.Socket; upstream: net.Socket; silent: boolean }[] = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    const pair = { client, upstream, silent: false };
    pairs.push(pair);
    client.on('data', (chunk: Buffer) => {
      if (pair.silent) return;
      const listen = options.failListen && chunk[0] === 0x51 && chunk.includes('listen ');
      upstream.write(listen ? queryMessage('select 1/0') : chunk);
    });
    upstream.on('data', (chunk) => pair.silent || client.write(chunk));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(POSTGRES_URL);
  url.host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    url: url.toString(),
    pairs,
    async close() {
      for (const pair of pairs) pair.client.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function eventually(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out waiting until ${what}`);
}

describe('the PostgreSQL invalidation bus losing its listener', () => {
  it('a listener whose backend is terminated empties the caches and listens again', async (t) => {
    const errors: unknown[] = [];
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    const listeners = async () =>
      (await admin.query<{ pid: number }>("select pid from pg_stat_activity where query = 'listen keyrealm_invalidation' and pid <> pg_backend_pid()")).rows.map((row) => row.pid);
    const others = new Set(await listeners());
    const bus = await createPostgresInvalidationBus({ url: POSTGRES_URL, onError: (error) => errors.push(error) });
    t.after(async () => {
      await bus.close();
      await admin.end();
    });
    const notices: InvalidationNotice[] = [];
    bus.subscribe((notice) => notices.push(notice));
    const [first] = (await listeners()).filter((pid) => !others.has(pid));
    assert.ok(first, 'the bus listens');

    // Other tests' buses may listen too: only this one's backend is ended, found as the one that appeared.
    await admin.query('select pg_terminate_backend($1)', [first]);
    await eventually(() => notices.includes('all'), 'the caches are emptied');
    await eventually(async () => bus.connected && !(await listeners()).includes(first), 'it listens again');
    assert.ok(errors.length >= 1);
    // And it hears again: a publish comes back to it.
    notices.length = 0;
    await bus.publish({ realmId: 'rlm_a', userId: 'usr_a' });
    assert.equal(bus.connected, true);
  });

  it('a half-open listener (its own notification never comes back) is taken as lost and replaced', async (t) => {
    const proxy = await silenceableProxy();
    const errors: unknown[] = [];
    const bus = await createPostgresInvalidationBus({ url: proxy.url, onError: (error) => errors.push(error) });
    t.after(async () => {
      await bus.close();
      await proxy.close();
    });
    const notices: InvalidationNotice[] = [];
    bus.subscribe((notice) => notices.push(notice));
    assert.equal(proxy.pairs.length, 1, 'the listening connection is the first');
    assert.equal(bus.connected, true);

    // The listener's connection goes silent without closing: nothing tells the client.
    proxy.pairs[0].silent = true;
    await bus.publish({ realmId: 'rlm_a', sessionId: 'ses_a' });
    assert.ok(notices.includes('all'), 'the caches are emptied when the echo does not come back');
    assert.match(String(errors.at(-1)), /did not hear its own notification/);
    await eventually(() => bus.connected, 'it listens again over a new connection');
    notices.length = 0;
    await bus.publish({ realmId: 'rlm_a', sessionId: 'ses_b' });
    assert.equal(bus.connected, true, 'the new listener hears its echo');
    assert.ok(!notices.includes('all'));
  });

  it('a listener that connects but cannot LISTEN is ended, not leaked', async (t) => {
    const proxy = await silenceableProxy({ failListen: true });
    t.after(() => proxy.close());
    await assert.rejects(createPostgresInvalidationBus({ url: proxy.url }), /division by zero/);
    assert.equal(proxy.pairs.length, 1);
    await eventually(() => proxy.pairs[0].client.destroyed, 'its connection is closed');
  });
});
