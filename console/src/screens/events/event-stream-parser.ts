/**
 * A Server-Sent Events parser for a stream read with fetch (EventSource cannot send the bearer
 * token): text goes in as it arrives, in chunks cut anywhere, and whole messages come out. Follows
 * the HTML standard's rules: lines end with CRLF, LF or CR; `:` starts a comment; a blank line
 * dispatches; `data` lines join with LF; `id` persists across messages (and one with NUL is
 * ignored); a message without data is not dispatched.
 */
export interface SseMessage {
  /** The last id seen so far in the stream (what to resume from). */
  id: string;
  event: string;
  data: string;
}

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private hasData = false;
  /** A CR ended the last chunk: an LF starting the next belongs to it. */
  private pendingCr = false;
  lastEventId = '';
  /** The `retry:` the server asked for, in ms, if any. */
  retry: number | undefined;

  push(chunk: string): SseMessage[] {
    let text = chunk;
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    const out: SseMessage[] = [];
    let start = 0;
    for (let index = 0; index < this.buffer.length; index++) {
      const char = this.buffer[index];
      if (char !== '\n' && char !== '\r') continue;
      const line = this.buffer.slice(start, index);
      if (char === '\r') {
        if (index + 1 < this.buffer.length) {
          if (this.buffer[index + 1] === '\n') index++;
        } else this.pendingCr = true;
      }
      start = index + 1;
      const message = this.line(line);
      if (message) out.push(message);
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  private line(line: string): SseMessage | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      this.data.push(value);
      this.hasData = true;
    } else if (field === 'event') this.event = value;
    else if (field === 'id') {
      if (!value.includes('\0')) this.lastEventId = value;
    } else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
    return undefined;
  }

  private dispatch(): SseMessage | undefined {
    const message = this.hasData ? { id: this.lastEventId, event: this.event || 'message', data: this.data.join('\n') } : undefined;
    this.data = [];
    this.event = '';
    this.hasData = false;
    return message;
  }
}

/** How long to wait before reconnect number `attempt` (1, 2, …): doubling from 1 s to 30 s, with jitter so many consoles do not return at once. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}
