/**
 * A local stand-in for a Pwned Passwords range API (node:http on 127.0.0.1, a free port): it knows
 * the SHA-1 of a few "breached" passwords, answers `GET /range/{prefix}` with their suffixes, some
 * real-looking neighbours and padding lines (count 0), and records every request it gets. `mode`
 * switches it to answering 500, answering late, answering something that is not a range,
 * redirecting to `/elsewhere`, or answering a range of 1 MiB.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RangeServerMode = 'ok' | 'error' | 'slow' | 'html' | 'redirect' | 'huge';

export interface RangeServer {
  /** `http://127.0.0.1:<port>/range/`, as a realm's `range_url`. */
  rangeUrl: string;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  mode: RangeServerMode;
  /** How long `slow` waits before answering. */
  slowMs: number;
  close(): Promise<void>;
}

export const sha1Hex = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex').toUpperCase();

/** A suffix line with a count; counts of 0 are padding. */
const line = (suffix: string, count: number) => `${suffix}:${count}`;

/** `padded` passwords are not breached, but their suffixes come back as padding lines (count 0). */
export async function startRangeServer(breached: string[], padded: string[] = []): Promise<RangeServer> {
  const known = breached.map(sha1Hex);
  const padding = padded.map(sha1Hex);
  const state: RangeServer = {
    rangeUrl: '',
    requests: [],
    mode: 'ok',
    slowMs: 1000,
    close: async () => {},
  };
  const server = createServer((request, response) => {
    state.requests.push({ path: request.url ?? '', headers: request.headers });
    const match = /^\/range\/([0-9A-F]{5})$/.exec(request.url ?? '');
    if (state.mode === 'error' || !match) {
      response.writeHead(match ? 500 : 404).end('nope');
      return;
    }
    if (state.mode === 'redirect') {
      response.writeHead(302, { location: '/elsewhere' }).end();
      return;
    }
    if (state.mode === 'html') {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in to the Wi-Fi</body></html>');
      return;
    }
    const prefix = match[1];
    const lines = [
      ...known.filter((hash) => hash.startsWith(prefix)).map((hash) => line(hash.slice(5), 42)),
      line('0'.repeat(35), 3),
      line('F'.repeat(35), 1),
      // Padding, as Add-Padding asks for: suffixes with a count of 0, which stand for no breach.
      ...padding.filter((hash) => hash.startsWith(prefix)).map((hash) => line(hash.slice(5), 0)),
      line('ABCDEF0123456789ABCDEF0123456789ABC', 0),
    ];
    // Padding lines enough for 1 MiB, the breached suffix last.
    if (state.mode === 'huge') lines.unshift(...Array.from({ length: 26_000 }, (_, i) => line(i.toString(16).toUpperCase().padStart(35, '0'), 0)));
    const body = (state.mode === 'huge' ? lines.reverse() : lines).join('\r\n');
    const answer = () => response.writeHead(200, { 'content-type': 'text/plain' }).end(body);
    if (state.mode === 'slow') setTimeout(answer, state.slowMs).unref();
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.rangeUrl = `http://127.0.0.1:${port}/range/`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** A URL on 127.0.0.1 where nothing listens (a port that was free a moment ago). */
export async function unusedRangeUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/range/`;
}
