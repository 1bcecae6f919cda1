/**
 * Following a realm's log live: GET …/events/stream read with fetch (for the Authorization
 * header), parsed by SseParser. The stream ends by itself when the access token expires; then, and
 * after any failure, it reconnects — with a fresh token and from the last event seen
 * (Last-Event-ID), so nothing is missed or shown twice — after a backoff that grows while
 * connections keep failing and starts over once one works. Stops when `signal` aborts.
 */
import { toApiError } from '../../api/api-error.ts';
import { backoffMs, SseParser } from './event-stream-parser.ts';

export type LiveState = { kind: 'connecting' } | { kind: 'open' } | { kind: 'retrying'; inMs: number; error?: Error };

export interface FollowOptions {
  /** The stream's URL, filters included (no last_event_id: that goes in the header). */
  url: string;
  /** Resume strictly after this event (the newest one already shown), if any. */
  lastEventId?: string;
  accessToken(): Promise<string>;
  /** Called after a 401: the token was refused although it looked valid. */
  renew(): Promise<string>;
  onEvent(data: unknown, id: string): void;
  onState(state: LiveState): void;
  signal: AbortSignal;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

export async function followEvents(options: FollowOptions): Promise<void> {
  const { signal } = options;
  const fetchImpl = options.fetchImpl ?? fetch;
  const sleep = options.sleep ?? wait;
  let lastEventId = options.lastEventId;
  let failures = 0;
  let renewNext = false;
  while (!signal.aborted) {
    options.onState({ kind: 'connecting' });
    let error: Error | undefined;
    let openedAt = 0;
    try {
      const token = renewNext ? await options.renew() : await options.accessToken();
      renewNext = false;
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
      if (lastEventId) headers['last-event-id'] = lastEventId;
      const response = await fetchImpl(options.url, { headers, signal, cache: 'no-store' });
      if (!response.ok || !response.body) {
        if (response.status === 401) renewNext = true;
        throw toApiError(response.status, await response.json().catch(() => null));
      }
      options.onState({ kind: 'open' });
      openedAt = Date.now();
      const parser = new SseParser();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const message of parser.push(value)) {
          lastEventId = message.id || lastEventId;
          try {
            options.onEvent(JSON.parse(message.data), message.id);
          } catch {
            // A message that is not JSON is not an event: skipped, the stream goes on.
          }
        }
      }
    } catch (failure) {
      if (signal.aborted) return;
      error = failure as Error;
    }
    if (signal.aborted) return;
    // A clean end after a while (the token expired) reconnects at once with a fresh token; failures,
    // and streams that end as soon as they open, back off.
    if (!error && Date.now() - openedAt > 5000) {
      failures = 0;
      continue;
    }
    failures += 1;
    const inMs = backoffMs(failures);
    options.onState({ kind: 'retrying', inMs, error });
    await sleep(inMs, signal);
  }
}
