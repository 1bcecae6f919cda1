import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
import type { Logger } from '../platform/logger.ts';
import { memoise } from '../platform/lazy.ts';

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
    from: mail.from.name ? { name: mail.from.name, address: mail.from.address } : mail.from.address,
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
 * `smtps://user:pass@host:465` (TLS from the start). Timeouts are kept well under the worker's
 * 60-second lease so that a stalled server fails the attempt rather than doubling the message.
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

/**
 * The development transport. Writes `<dir>/<message id>.eml` (the message as an SMTP server would
 * get it) and `<message id>.txt` beside it (the text body, decoded), both readable only by their
 * owner since they hold the link or code. It logs each message with its links: the outbox stands in
 * for the recipient's mailbox, so the single-use tokens in them are what the reader of the log is
 * meant to follow. SMTP never logs them.
 */
export function outboxTransport(dir: string, logger: Pick<Logger, 'info'>): MailTransport {
  return {
    name: 'outbox',
    async send(mail) {
      const MailComposer = await loadMailComposer();
      const message = await new MailComposer(mailOptions(mail)).compile().build();
      // Every time: an operator may have removed the directory while cleaning up.
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const file = join(dir, `${mail.id}.eml`);
      const textFile = join(dir, `${mail.id}.txt`);
      await writeFile(file, message, { mode: 0o600 });
      await writeFile(textFile, readableCopy(mail), { mode: 0o600 });
      logger.info(
        { message_id: mail.id, realm_id: mail.realmId, type: mail.type, to: mail.to, links: linksInText(mail.text), file, text_file: textFile },
        'message written to the outbox (no SMTP server configured)',
      );
    },
    close() {},
  };
}

export function createMailTransport(options: { smtpUrl: string | undefined; dataDir: string }, logger: Pick<Logger, 'info'>): MailTransport {
  return options.smtpUrl ? smtpTransport(options.smtpUrl) : outboxTransport(join(options.dataDir, 'outbox'), logger);
}
