import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { outboxTransport, type OutgoingMail } from '../../src/mail/transports.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { dialects } from '../support/databases.ts';
import { serverPerSuite } from '../support/server.ts';
import { linksIn } from '../support/smtp-sink.ts';
import { createRealm, createUser, freshAddress, isWiped, messageRow, queue } from './mail-fixtures.ts';

/** Everything the server logs, one parsed JSON object per line. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  let raw = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw += chunk.toString('utf8');
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines, raw: () => raw };
}

for (const dialect of dialects) {
  describe(`the outbox (no SMTP server configured) on ${dialect}`, () => {
    const log = capturedLogger();
    const server = serverPerSuite({ dialect, logger: log.logger });

    it('writes each message as an .eml file and a readable .txt in <data dir>/outbox, and logs its links', async () => {
      const realm = await createRealm(server, { name: 'Outbox Realm', email: { from_name: 'Outbox Team', from_address: 'team@outbox.example' } });
      const to = freshAddress('outbox');
      const userId = await createUser(server, realm, { email: to, display_name: 'Olive' });
      const link = 'https://app.example.com/verify?token=very-secret-token-42';
      const id = await queue(server, realm, { type: 'verify_email', to, userId, variables: { link, expires_in_minutes: 1440 } });
      await server.mailWorker.drain();

      const file = join(server.config.dataDir, 'outbox', `${id}.eml`);
      assert.equal((await stat(file)).mode & 0o777, 0o600, 'only the server may read a file holding a link');
      const mail = await simpleParser(await readFile(file));
      assert.equal(mail.subject, 'Confirm your email address for Outbox Realm');
      assert.deepEqual(mail.from?.value.map((v) => [v.name, v.address]), [['Outbox Team', 'team@outbox.example']]);
      assert.deepEqual((Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value.map((v) => v.address), [to]);
      assert.equal(mail.messageId, `<${id}@outbox.example>`);
      assert.ok(mail.date instanceof Date);
      assert.deepEqual(linksIn({ text: mail.text ?? '' }), [link]);
      assert.match(mail.text ?? '', /^Hi Olive,/);
      assert.match(mail.text ?? '', /expires in 24 hours/);
      assert.equal(typeof mail.html, 'string');

      const row = await messageRow(server, id);
      assert.equal(row.status, 'sent');
      assert.ok(isWiped(row.sealed_variables));

      const line = log.lines.find((entry) => entry.message_id === id && entry.msg === 'message written to the outbox (no SMTP server configured)');
      assert.ok(line, 'the outbox logs each message');
      assert.equal(line.level, 30);
      assert.equal(line.realm_id, realm.id);
      assert.equal(line.type, 'verify_email');
      assert.equal(line.to, to);
      // The development transport: the log is where a developer finds the link to follow, whole.
      assert.deepEqual(line.links, [link]);
      assert.equal(line.file, file);
      assert.equal(line.text_file, join(server.config.dataDir, 'outbox', `${id}.txt`));
      assert.ok(log.lines.some((entry) => entry.message_id === id && entry.msg === 'message sent' && entry.transport === 'outbox'));
      // Only that line holds it: the worker's own lines and the queue's never do.
      assert.deepEqual(log.lines.filter((entry) => JSON.stringify(entry).includes('very-secret-token-42')), [line]);

      const textFile = String(line.text_file);
      assert.equal((await stat(textFile)).mode & 0o777, 0o600, 'the readable copy holds the link too');
      const copy = await readFile(textFile, 'utf8');
      const [headers, body] = copy.split('\n\n', 2);
      assert.deepEqual(headers.split('\n'), [
        `To: ${to}`,
        'From: Outbox Team <team@outbox.example>',
        'Subject: Confirm your email address for Outbox Realm',
        'Type: verify_email',
        `Message: ${id}`,
      ]);
      assert.match(body, /^Hi Olive,/);
      // Decoded: the link stands on one line, as the template wrote it, not broken by quoted-printable.
      assert.ok(copy.split('\n').some((l) => l.includes(link)), 'the link is whole on one line');
      assert.ok(!copy.includes('=\n') && !copy.includes('=3D'), 'nothing quoted-printable');
    });

    it('keeps the outbox working for every message type with the default templates', async () => {
      const realm = await createRealm(server);
      const ids = [
        await queue(server, realm, { type: 'verify_email', to: freshAddress(), variables: { link: 'https://x.example/v?token=a', expires_in_minutes: 30 } }),
        await queue(server, realm, { type: 'password_reset', to: freshAddress(), variables: { link: 'https://x.example/r?token=b', expires_in_minutes: 60 } }),
        await queue(server, realm, { type: 'password_changed', to: freshAddress(), variables: { changed_at: '2026-01-01T00:00:00Z' } }),
        await queue(server, realm, { type: 'registration_attempt', to: freshAddress(), variables: { link: 'https://x.example/r?token=c', expires_in_minutes: 60 } }),
      ];
      await server.mailWorker.drain();
      for (const id of ids) {
        assert.equal((await messageRow(server, id)).status, 'sent', id);
        await stat(join(server.config.dataDir, 'outbox', `${id}.eml`));
        await stat(join(server.config.dataDir, 'outbox', `${id}.txt`));
      }
      const linksOf = (id: string) => log.lines.find((entry) => entry.message_id === id && Array.isArray(entry.links))?.links;
      assert.deepEqual(linksOf(ids[0]), ['https://x.example/v?token=a']);
      assert.deepEqual(linksOf(ids[1]), ['https://x.example/r?token=b']);
      assert.deepEqual(linksOf(ids[2]), [], 'a notice without a link logs none');
      assert.deepEqual(linksOf(ids[3]), ['https://x.example/r?token=c']);
    });
  });
}

describe('the outbox transport on its own', () => {
  const mail: OutgoingMail = {
    id: 'msg_unit',
    realmId: 'rl_unit',
    type: 'password_reset',
    from: { name: null, address: 'no-reply@example.com' },
    to: 'reader@example.com',
    subject: 'Reset',
    html: '<p>Reset</p>',
    text: 'Open https://a.example/r?token=one or https://b.example/x?token=two.\nNothing else.',
  };

  it('logs every link of the text body, without a sentence\'s full stop, and writes the sender without a name as its address', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keyrealm-outbox-'));
    try {
      const log = capturedLogger();
      await outboxTransport(join(dir, 'outbox'), log.logger).send(mail);
      assert.deepEqual(log.lines[0].links, ['https://a.example/r?token=one', 'https://b.example/x?token=two']);
      assert.match(await readFile(join(dir, 'outbox', 'msg_unit.txt'), 'utf8'), /^To: reader@example.com\nFrom: no-reply@example.com\n/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects when the outbox cannot be written, so the queue retries the message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keyrealm-outbox-'));
    try {
      const log = capturedLogger();
      // A file where the directory should be.
      await writeFile(join(dir, 'outbox'), 'in the way');
      await assert.rejects(outboxTransport(join(dir, 'outbox'), log.logger).send(mail));
      assert.deepEqual(log.lines, [], 'nothing is logged as written');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
