/**
 * Helpers the SMS suites share: a local HTTP server standing in for an SMS provider (it records
 * every request and answers with the statuses it is told to), a log capture, and an SMS queued
 * as a sign-in flow queues one.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/platform/logger.ts';
import type { Realm } from '../../src/realms/realm.ts';
import type { TestServer } from '../support/server.ts';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ProviderStub {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  /** The next requests are answered with these statuses and bodies, in order; then 201 `{}` again. */
  answer(...replies: { status: number; body?: string }[]): void;
  close(): Promise<void>;
}

export async function startProviderStub(): Promise<ProviderStub> {
  const requests: RecordedRequest[] = [];
  let replies: { status: number; body?: string }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const reply = replies.shift() ?? { status: 201, body: '{}' };
      response.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: (...next) => (replies = next),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Everything a logger writes, one parsed JSON object per line, and the raw text. */
export function capturedLogger(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  let raw = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw += chunk.toString('utf8');
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ level, destination }), lines, raw: () => raw };
}

let counter = 0;
/** A unique mobile number per call in this process (E.164, 12 digits). */
export const freshMobile = () => `+4477${String(process.pid % 1000).padStart(3, '0')}${String(++counter).padStart(5, '0')}`;

/**
 * Queues an `sms_otp` in a transaction of its own; returns the message id. It does not wake the
 * worker: tests send with `drain()`, so what they see before that is not racing a woken worker.
 */
export async function queueSmsCode(server: TestServer, realm: Realm, to: string, code = '482913', userId: string | null = null): Promise<string> {
  const id = await server.database.db.transaction().execute((trx) =>
    server.services.smsQueue.enqueue(trx, { realm, type: 'sms_otp', to, userId, variables: { code, expires_in_minutes: 10 } }),
  );
  return id;
}
