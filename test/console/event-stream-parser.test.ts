/** The console's Server-Sent Events parser and reconnect backoff, and the follow loop against a fake fetch. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffMs, SseParser } from '../../console/src/screens/events/event-stream-parser.ts';
import { followEvents, type LiveState } from '../../console/src/screens/events/event-stream.ts';

const frame = (id: string, type: string, data: object) => `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

describe('SSE parser', () => {
  it('parses the server’s frames and skips keep-alive comments', () => {
    const parser = new SseParser();
    const out = parser.push(`${frame('evt_1', 'user.created', { id: 'evt_1' })}: keep-alive\n\n${frame('evt_2', 'user.deleted', { id: 'evt_2' })}`);
    assert.deepEqual(out, [
      { id: 'evt_1', event: 'user.created', data: '{"id":"evt_1"}' },
      { id: 'evt_2', event: 'user.deleted', data: '{"id":"evt_2"}' },
    ]);
    assert.equal(parser.lastEventId, 'evt_2');
  });

  it('joins chunks cut anywhere, even one character at a time', () => {
    const text = frame('evt_1', 'a', { x: 'é ✓' }) + frame('evt_2', 'b', { y: 2 });
    const parser = new SseParser();
    const out = [...text].flatMap((char) => parser.push(char));
    assert.deepEqual(out.map((message) => message.id), ['evt_1', 'evt_2']);
    assert.deepEqual(JSON.parse(out[0].data), { x: 'é ✓' });
  });

  it('takes CRLF and lone CR line ends, also when a CRLF is split between chunks', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push('data: one\r'), []);
    assert.deepEqual(parser.push('\n\r\n'), [{ id: '', event: 'message', data: 'one' }]);
    assert.deepEqual(parser.push('data: two\r\r'), [{ id: '', event: 'message', data: 'two' }]);
  });

  it('joins data lines, keeps the id across messages, ignores ids with NUL, reads retry', () => {
    const parser = new SseParser();
    const out = parser.push('id: 7\ndata: a\ndata:b\ndata\n\nretry: 2500\ndata: c\n\nid: bad\0id\ndata: d\n\n');
    assert.deepEqual(out, [
      { id: '7', event: 'message', data: 'a\nb\n' },
      { id: '7', event: 'message', data: 'c' },
      { id: '7', event: 'message', data: 'd' },
    ]);
    assert.equal(parser.retry, 2500);
  });

  it('dispatches nothing for a message without data, and keeps an unfinished one', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push('event: x\n\nid: 3\n\ndata: half'), []);
    assert.equal(parser.lastEventId, '3');
    assert.deepEqual(parser.push('\n\n'), [{ id: '3', event: 'message', data: 'half' }]);
  });
});

describe('reconnect backoff', () => {
  it('doubles from a second up to thirty, within a jitter of a quarter', () => {
    assert.equal(backoffMs(1, () => 0.5), 1000);
    assert.equal(backoffMs(2, () => 0.5), 2000);
    assert.equal(backoffMs(4, () => 0.5), 8000);
    assert.equal(backoffMs(20, () => 0.5), 30_000);
    assert.equal(backoffMs(1, () => 0), 750);
    assert.equal(backoffMs(1, () => 1), 1250);
  });
});

describe('following the stream', () => {
  const body = (text: string) => new Response(new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(text)), c.close()) }), { headers: { 'content-type': 'text/event-stream' } });

  it('resumes from the last event with a fresh token after the stream ends, and backs off after failures', async () => {
    const controller = new AbortController();
    const calls: { auth: string; last: string | null }[] = [];
    const seen: string[] = [];
    const states: LiveState['kind'][] = [];
    const sleeps: number[] = [];
    let token = 0;
    const answers = [
      () => body(frame('evt_1', 'user.created', { id: 'evt_1' }) + frame('evt_2', 'user.created', { id: 'evt_2' })),
      () => new Response(JSON.stringify({ error: { code: 'auth.invalid_token', message: 'no' } }), { status: 401 }),
      () => body(frame('evt_3', 'user.deleted', { id: 'evt_3' })),
    ];
    await followEvents({
      url: 'http://x/stream',
      lastEventId: 'evt_0',
      accessToken: async () => `t${++token}`,
      renew: async () => `renewed${++token}`,
      signal: controller.signal,
      onEvent: (data) => {
        seen.push((data as { id: string }).id);
        if (seen.length === 3) controller.abort();
      },
      onState: (state) => states.push(state.kind),
      sleep: async (ms) => void sleeps.push(ms),
      fetchImpl: async (_url, init) => {
        const headers = new Headers(init?.headers);
        calls.push({ auth: headers.get('authorization') ?? '', last: headers.get('last-event-id') });
        return answers[calls.length - 1]();
      },
    });
    assert.deepEqual(seen, ['evt_1', 'evt_2', 'evt_3']);
    assert.deepEqual(calls.map((call) => call.last), ['evt_0', 'evt_2', 'evt_2', 'evt_2'].slice(0, calls.length));
    assert.equal(calls[0].auth, 'Bearer t1');
    // The 401 made the next attempt renew the token first.
    assert.match(calls.at(-1)!.auth, /^Bearer renewed/);
    assert.ok(states.includes('retrying'));
    assert.ok(sleeps.length >= 1);
  });
});
