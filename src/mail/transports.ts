import { isIPv4 } from 'node:net';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
import type { Logger } from '../platform/logger.ts';
import { memoise } from '../platform/lazy.ts';
import { ensurePrivateDirectory, writePrivateFile } from '../platform/private-files.ts';

// nodemailer is loaded by the first message sent (about 20 MB of memory a process without mail never needs).
const loadNodemailer = memoise(() => import('nodemailer'));
const loadMailComposer = memoise(async () => (await import('nodemailer/lib/mail-composer')).default);

/**
 * Where rendered messages go: an SMTP server (`KEYREALM_SMTP_URL`), or, when none is configured,
 * the outbox, one RFC 5322 `.eml` file per message in `<data dir>/outbox/` with a readable `.txt`
 * copy beside it, so that the account flows work out of the box and no message is silently dropped.
 */
export interface Mailbox {
  name: string | null;
  address: string;
}

export interface OutgoingMail {
  /** The queue's id (`msg_…`): the file name in the outbox, and part of the Message-ID header. */
  id: string;
  realmId: string;
  type: string;
  from: Mailbox;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface MailTransport {
  readonly name: 'smtp' | 'outbox';
  /** Resolves once the message is accepted (by the SMTP server, or written to disk); rejects otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** What nodemailer builds the message from; the same for both transports. */
function mailOptions(mail: OutgoingMail) {
  const domain = mail.from.address.split('@').pop() ?? 'localhost';
  return {
    // Always as name and address: a bare string would be parsed again by nodemailer's address parser.
    from: { name: mail.from.name ?? '', address: mail.from.address },
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: `<${mail.id}@${domain}>`,
    // Tells mail servers and autoresponders this was sent by a program (RFC 3834): no vacation replies.
    headers: { 'Auto-Submitted': 'auto-generated' },
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/**
 * SMTP through nodemailer: `smtp://user:pass@host:587` (STARTTLS when offered) or
 * `smtps://user:pass@host:465` (TLS from the start). Each step times out (a stalled server fails
 * the attempt); the worker keeps its lease on the message for as long as the steps take.
 */
export function smtpTransport(url: string): MailTransport {
  let transporter: Transporter | undefined;
  const connect = memoise(async () => {
    const { createTransport } = await loadNodemailer();
    return (transporter = createTransport({ url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000, dnsTimeout: 10_000 }));
  });
  return {
    name: 'smtp',
    async send(mail) {
      await (await connect()).sendMail(mailOptions(mail));
    },
    close() {
      transporter?.close();
    },
  };
}

/** The links in a text body, which is where a template puts the one the reader should follow; a sentence's closing punctuation is not part of one. */
export function linksInText(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((match) => match[0].replace(/[.,;:!?)]+$/, ''));
}

/** What a person reads instead of decoding the `.eml`: the headers that matter and the text body as sent. */
function readableCopy(mail: OutgoingMail): string {
  const from = mail.from.name ? `${mail.from.name} <${mail.from.address}>` : mail.from.address;
  return `To: ${mail.to}\nFrom: ${from}\nSubject: ${mail.subject}\nType: ${mail.type}\nMessage: ${mail.id}\n\n${mail.text}\n`;
}

export interface OutboxOptions {
  dir: string;
  /** Whether each message's log line carries its links (see `outboxLogsLinks`). */
  logLinks: boolean;
}

/**
 * The development transport. Writes `<dir>/<message id>.eml` (the message as an SMTP server would
 * get it) and `<message id>.txt` beside it (the text body, decoded), both readable only by their
 * owner since they hold the link or code, and logs one line per message. With `logLinks` that line
 * carries the message's links, so a developer follows them from the console; otherwise it names
 * the type, recipient and file only, since the single-use tokens in those links take over accounts
 * in the hands of anyone who reads the logs. SMTP never logs them.
 */
export function outboxTransport(options: OutboxOptions, logger: Pick<Logger, 'info' | 'warn'>): MailTransport {
  const { dir, logLinks } = options;
  // Once, when the server starts: a server that real people use must not go on without mail unnoticed.
  logger.warn({ dir, links_logged: logLinks }, 'no SMTP server configured (KEYREALM_SMTP_URL): email is written to the outbox, not delivered');
  return {
    name: 'outbox',
    async send(mail) {
      const MailComposer = await loadMailComposer();
      const message = await new MailComposer(mailOptions(mail)).compile().build();
      // Every time: an operator may have removed the directory while cleaning up.
      await ensurePrivateDirectory(dir);
      const file = join(dir, `${mail.id}.eml`);
      const textFile = join(dir, `${mail.id}.txt`);
      await writePrivateFile(file, message);
      await writePrivateFile(textFile, readableCopy(mail));
      const line = { message_id: mail.id, realm_id: mail.realmId, type: mail.type, to: mail.to, file, text_file: textFile };
      logger.info(logLinks ? { ...line, links: linksInText(mail.text) } : line, 'message written to the outbox (no SMTP server configured)');
    },
    close() {},
  };
}

/** Loopback hosts only: a public URL there means nobody but the developer's own machine follows its links. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || (isIPv4(host) && host.startsWith('127.'));
}

/** `KEYREALM_OUTBOX_LOG_LINKS` when set; otherwise links are logged only for a plainly local development server. */
export function outboxLogsLinks(setting: boolean | undefined, publicUrl: string): boolean {
  return setting ?? isLoopbackUrl(publicUrl);
}

export interface MailTransportOptions {
  smtpUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  outboxLogLinks: boolean | undefined;
}

export function createMailTransport(options: MailTransportOptions, logger: Pick<Logger, 'info' | 'warn'>): MailTransport {
  if (options.smtpUrl) return smtpTransport(options.smtpUrl);
  return outboxTransport({ dir: join(options.dataDir, 'outbox'), logLinks: outboxLogsLinks(options.outboxLogLinks, options.publicUrl) }, logger);
}
