import pg from 'pg';
import { createBusCore, parseEnvelope, type InvalidationBus } from './invalidation-bus.ts';

/**
 * PostgreSQL LISTEN/NOTIFY: every instance keeps one connection of its own listening on one
 * channel; a publisher notifies through a separate short query, so a dropped listener never loses
 * what this instance sends. PostgreSQL delivers a notification to every listener, the sender's
 * own included, which is how the publisher knows it went round, and a missing echo is taken for a
 * dead listening connection (a half-open one would otherwise look connected). While it is down,
 * `connected` is false (caches stop filling) and on reconnecting every cache empties, since
 * messages sent meanwhile are lost.
 */
const CHANNEL = 'keyrealm_invalidation';
const RECONNECT_MS = 500;

export interface PostgresBusOptions {
  url: string;
  onError?: (error: unknown) => void;
}

export async function createPostgresInvalidationBus(options: PostgresBusOptions): Promise<InvalidationBus> {
  const core = createBusCore();
  let listener: pg.Client | undefined;
  let connected = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  // Publishing uses a connection of its own too: one notification per revocation, off the hot path.
  const sender = new pg.Pool({ connectionString: options.url, max: 1 });
  sender.on('error', (error) => options.onError?.(error));

  /** The listening connection is gone (or silent): stop filling caches, empty them, and reconnect. */
  function lost(client: pg.Client, error?: unknown): void {
    if (listener !== client) return;
    listener = undefined;
    connected = false;
    if (error) options.onError?.(error);
    core.deliver('all');
    client.end().catch(() => {});
    if (!closed) retry = setTimeout(reconnect, RECONNECT_MS);
  }

  async function listen(): Promise<void> {
    // TCP keepalive lets the operating system notice a peer that vanished without closing.
    const client = new pg.Client({ connectionString: options.url, keepAlive: true });
    client.on('notification', (note) => {
      if (note.channel !== CHANNEL || !note.payload) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(note.payload);
      } catch {
        return;
      }
      const envelope = parseEnvelope(parsed);
      if (envelope) core.deliver(envelope.message, envelope.id);
    });
    client.on('error', (error) => lost(client, error));
    client.on('end', () => lost(client));
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
    } catch (error) {
      // Not yet the listener: without this every failed retry would leave a connection open.
      await client.end().catch(() => {});
      throw error;
    }
    listener = client;
    connected = true;
    // Anything may have changed while nobody listened.
    core.deliver('all');
  }

  function reconnect(): void {
    retry = undefined;
    listen().catch((error: unknown) => {
      options.onError?.(error);
      if (!closed) retry = setTimeout(reconnect, RECONNECT_MS);
    });
  }

  await listen();
  return {
    async publish(message) {
      const envelope = core.envelope(message);
      const echoed = core.echoOf(envelope.id);
      // Delivered here at once as well: this process must not wait on the network to stop a token.
      core.deliver(envelope.message);
      const listening = listener;
      await sender.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(envelope)]);
      // PostgreSQL sends every notification back to its sender too. A listener that does not hear
      // its own is half-open (a peer gone without a word): messages are being missed, so it is lost.
      if (listening && connected && !(await echoed)) lost(listening, new Error('the invalidation listener did not hear its own notification; reconnecting'));
    },
    subscribe: core.subscribe,
    get connected() {
      return connected;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const client = listener;
      listener = undefined;
      connected = false;
      await client?.end().catch(() => {});
      await sender.end();
    },
  };
}
