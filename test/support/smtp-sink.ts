/**
 * A real SMTP server for tests: `startSmtpSink()` listens on 127.0.0.1 (a free port), accepts any
 * sender with or without authentication, and keeps every message it receives, parsed.
 *
 *   const sink = await startSmtpSink();
 *   const server = await startTestServer({ dialect, smtpUrl: sink.url });
 *   …
 *   const mail = await sink.waitForMail((m) => m.to.includes('ada@example.com'));
 *   const [link] = linksIn(mail);
 *   await sink.close();
 *
 * `sink.refuse('…')` makes it refuse every recipient (a 550) until `sink.refuse(null)`.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { linksInText } from '../../src/mail/transports.ts';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Recipients as the envelope named them, lower-cased. */
  to: string[];
  from: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  raw: string;
}

export interface SmtpSink {
  url: string;
  /** Everything received so far, oldest first. */
  mails: ReceivedMail[];
  /** How many recipients were refused while refusing. */
  refused: number;
  /** Credentials clients signed in with (AUTH PLAIN or LOGIN), in order. */
  logins: { username: string; password: string }[];
  /** Resolves with the first mail (received or to come) the predicate accepts. */
  waitForMail(predicate?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  refuse(reply: string | null): void;
  close(): Promise<void>;
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): { name: string; address: string } {
  const first = (Array.isArray(value) ? value[0] : value)?.value[0];
  return { name: first?.name ?? '', address: first?.address ?? '' };
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const logins: { username: string; password: string }[] = [];
  const waiters = new Set<() => void>();
  let refusal: string | null = null;
  const sink = { refused: 0 };

  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: offering STARTTLS with a self-signed certificate would fail the client.
    disabledCommands: ['STARTTLS'],
    // Credentials in the clear are fine on loopback.
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username });
    },
    onRcptTo(_address, _session, callback) {
      if (refusal === null) return callback();
      sink.refused += 1;
      callback(Object.assign(new Error(refusal), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            mails.push({
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
              from: firstAddress(parsed.from),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: parsed.headers as Map<string, unknown>,
              raw: raw.toString('utf8'),
            });
            for (const wake of waiters) wake();
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    logins,
    get refused() {
      return sink.refused;
    },
    waitForMail(predicate = () => true, timeoutMs = 5000) {
      return new Promise<ReceivedMail>((resolve, reject) => {
        const check = () => {
          const found = mails.find(predicate);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching mail within ${timeoutMs} ms (received ${mails.length}: ${mails.map((m) => `${m.to.join(',')} "${m.subject}"`).join('; ')})`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    refuse(reply) {
      refusal = reply;
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The http(s) links in a message's text part, in order. */
export function linksIn(mail: Pick<ReceivedMail, 'text'>): string[] {
  return linksInText(mail.text);
}

/** The first run of 6 to 8 digits standing alone in a message's text part (a one-time code). */
export function codeIn(mail: Pick<ReceivedMail, 'text'>): string | undefined {
  return /(?<![\d\w])(\d{6,8})(?![\d\w])/.exec(mail.text)?.[1];
}
