import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
/**
 * A Server-Sent Events reader over a real socket (fetch streaming), for tests: it parses messages
 * (`id`, `event`, `data`) and comments as they arrive, and waits for what a test expects.
 */
export interface SseMessage {
  id: string;
  event: string;
  data: string;
}

export interface SseStream {
  status: number;
  headers: Headers;
  messages: SseMessage[];
  comments: string[];
  /** The body when the answer is not a stream (an error). */
  body: string;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Waits until `count` messages have arrived (throws after `timeoutMs`). */
  waitForMessages(count: number, timeoutMs?: number): Promise<SseMessage[]>;
  waitForComment(text: string, timeoutMs?: number): Promise<void>;
  /** Disconnects, as a client going away. */
  close(): void;
}

/**
 * Has the test server listen on a free port for streams and returns its base URL. fetch (undici)
 * may leave a connection it opened and never sent a byte on; Node's close() waits for such a one
 * until the keep-alive timeout (72 s), so the server's sockets are simply dropped when the suite ends.
 */
export async function listenForStreams(server: { app: FastifyInstance; dispose(): Promise<void> }): Promise<string> {
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const dispose = server.dispose;
  server.dispose = async () => {
    server.app.server.closeAllConnections();
    await dispose();
  };
  return `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
}

export async function openSse(url: string, headers: Record<string, string>): Promise<SseStream> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  let changed: () => void = () => {};
  const nextChange = () => new Promise<void>((resolve) => (changed = resolve));
  let finished = false;
  const isStream = response.ok && (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
  const body = isStream ? '' : await response.text();

  async function read(): Promise<void> {
    if (!isStream || !response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message: Partial<SseMessage> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else {
              const colon = line.indexOf(':');
              const field = line.slice(0, colon);
              const value = line.slice(colon + 1).replace(/^ /, '');
              if (field === 'id' || field === 'event' || field === 'data') message[field] = value;
            }
          }
          if (message.data !== undefined) messages.push({ id: message.id ?? '', event: message.event ?? 'message', data: message.data });
          changed();
        }
      }
    } catch {
      // aborted by close()
    } finally {
      finished = true;
      changed();
    }
  }

  const ended = read();
  async function until(done: () => boolean, what: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (finished) throw new Error(`the stream ended before ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what} (have ${messages.length} messages)`);
      await Promise.race([nextChange(), new Promise((resolve) => setTimeout(resolve, Math.min(left, 50)))]);
    }
  }
  return {
    status: response.status,
    headers: response.headers,
    messages,
    comments,
    body,
    ended,
    async waitForMessages(count, timeoutMs = 5000) {
      await until(() => messages.length >= count, `${count} messages`, timeoutMs);
      return messages.slice(0, count);
    },
    async waitForComment(text, timeoutMs = 5000) {
      await until(() => comments.includes(text), `the comment ${text}`, timeoutMs);
    },
    close() {
      controller.abort();
    },
  };
}
