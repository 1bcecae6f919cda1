/**
 * Server-Sent Events, as `GET /admin/v1/realms/{realm}/events/stream` sends them: the response body
 * parsed into messages (`id`, `event`, `data`; comments such as the keep-alive skipped), and a
 * follower that reconnects with the last id it saw — after a dropped connection, or when the
 * server ends the stream at the token's expiry — so the caller sees every event once, in order.
 */
import { KeyrealmError } from './errors.ts';

export interface ServerSentEvent {
  id: string | null;
  event: string;
  data: string;
}

/** The messages of one SSE body, as they arrive. */
export async function* parseEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent, void, undefined> {
  const decoder = new TextDecoder();
  let buffer = '';
  let message: { id: string | null; event: string; data: string[] } = { id: null, event: 'message', data: [] };
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.search(/\r?\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer[newline] === '\r' ? 2 : 1));
      if (line === '') {
        if (message.data.length > 0) yield { id: message.id, event: message.event, data: message.data.join('\n') };
        message = { id: message.id, event: 'message', data: [] };
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') message.id = value;
      else if (field === 'event') message.event = value;
      else if (field === 'data') message.data.push(value);
    }
  }
}

/**
 * Follows a stream across reconnections: `open(lastId)` starts one (with the id to resume after);
 * each message's parsed data is yielded. Ends only when `signal` aborts (or `open` throws).
 */
export async function* follow<T>(open: (lastId: string | null) => Promise<ReadableStream<Uint8Array>>, options: { signal?: AbortSignal; lastEventId?: string; retryMs?: number } = {}): AsyncGenerator<T, void, undefined> {
  let lastId = options.lastEventId ?? null;
  while (!options.signal?.aborted) {
    try {
      for await (const message of parseEventStream(await open(lastId))) {
        if (options.signal?.aborted) return;
        if (message.id) lastId = message.id;
        yield JSON.parse(message.data) as T;
      }
    } catch (error) {
      if (options.signal?.aborted) return;
      // A dropped connection is resumed; a refusal (revoked token, lost rights) ends it.
      const dropped = error instanceof TypeError || (error instanceof KeyrealmError && error.code === 'sdk.unreachable');
      if (!dropped) throw error;
    }
    if (!options.signal?.aborted) await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 1000));
  }
}
