import assert from 'node:assert/strict';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { createMailTransport, outboxLogsLinks, outboxTransport, type OutgoingMail } from '../../src/mail/transports.ts';
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
  describe(`the outbox (no SMTP server configured) of a server whose public URL is not loopback, on ${dialect}`, () => {
    const log = capturedLogger();
    // The test server's public URL is http://keyrealm.test: not plainly a development setup.
    const server = serverPerSuite({ dialect, logger: log.logger });

    it('warns once at start-up that mail is not delivered, and that its links are not logged', () => {
      const warnings = log.lines.filter((entry) => entry.level === 40 && String(entry.msg).includes('not delivered'));
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0].dir, join(server.config.dataDir, 'outbox'));
      assert.equal(warnings[0].links_logged, false);
    });

    it('writes each message as an .eml file and a readable .txt in <data dir>/outbox, and logs it without its links', async () => {
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
      // Not yet proven: greeted by the address, not by the name whoever signed up chose.
      assert.ok((mail.text ?? '').startsWith(`Hi ${to},`), mail.text);
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
      assert.equal(line.file, file);
      assert.equal(line.text_file, join(server.config.dataDir, 'outbox', `${id}.txt`));
      // Whoever reads this server's logs must not be able to take the account over.
      assert.equal('links' in line, false);
      assert.ok(log.lines.some((entry) => entry.message_id === id && entry.msg === 'message sent' && entry.transport === 'outbox'));
      assert.ok(!log.raw().includes('very-secret-token-42'), 'no log line holds the token');

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
      assert.ok(body.startsWith(`Hi ${to},`), body);
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
      const written = log.lines.filter((entry) => ids.includes(String(entry.message_id)) && entry.msg === 'message written to the outbox (no SMTP server configured)');
      assert.deepEqual(written.map((entry) => entry.type).sort(), ['password_changed', 'password_reset', 'registration_attempt', 'verify_email']);
      assert.ok(written.every((entry) => !('links' in entry)));
      assert.ok(!log.raw().includes('x.example'), 'no link is logged');
    });
  });

  describe(`the outbox of a development server (public URL on localhost) on ${dialect}`, () => {
    const log = capturedLogger();
    const server = serverPerSuite({ dialect, logger: log.logger, config: { publicUrl: 'http://localhost:8080' } });

    it('logs every link of each message, whole, and says so in its start-up warning', async () => {
      assert.equal(log.lines.find((entry) => entry.level === 40 && String(entry.msg).includes('not delivered'))?.links_logged, true);
      const realm = await createRealm(server);
      const link = 'http://localhost:8080/realms/x/pages/verify-email?token=dev-token-7';
      const ids = [
        await queue(server, realm, { type: 'verify_email', to: freshAddress(), variables: { link, expires_in_minutes: 30 } }),
        await queue(server, realm, { type: 'password_changed', to: freshAddress(), variables: { changed_at: '2026-01-01T00:00:00Z' } }),
      ];
      await server.mailWorker.drain();
      const linksOf = (id: string) => log.lines.find((entry) => entry.message_id === id && entry.msg === 'message written to the outbox (no SMTP server configured)')?.links;
      // The development transport: the log is where a developer finds the link to follow.
      assert.deepEqual(linksOf(ids[0]), [link]);
      assert.deepEqual(linksOf(ids[1]), [], 'a notice without a link logs none');
      // Only that line holds it: the worker's own lines and the queue's never do.
      assert.equal(log.lines.filter((entry) => JSON.stringify(entry).includes('dev-token-7')).length, 1);
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

  /** A fresh directory for one test, removed after it. */
  async function inTemporaryDirectory(test: (dir: string) => Promise<void>): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'keyrealm-outbox-'));
    try {
      await test(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('logs every link of the text body when allowed to, without a sentence\'s full stop, and writes the sender without a name as its address', async () => {
    await inTemporaryDirectory(async (dir) => {
      const log = capturedLogger();
      await outboxTransport({ dir: join(dir, 'outbox'), logLinks: true }, log.logger).send(mail);
      assert.deepEqual(log.lines.at(-1)?.links, ['https://a.example/r?token=one', 'https://b.example/x?token=two']);
      assert.match(await readFile(join(dir, 'outbox', 'msg_unit.txt'), 'utf8'), /^To: reader@example.com\nFrom: no-reply@example.com\n/);
    });
  });

  it('otherwise logs the type, recipient and files of each message, and no link', async () => {
    await inTemporaryDirectory(async (dir) => {
      const log = capturedLogger();
      await outboxTransport({ dir: join(dir, 'outbox'), logLinks: false }, log.logger).send(mail);
      const line = log.lines.at(-1);
      assert.deepEqual(line && [line.type, line.to, line.file, line.text_file], ['password_reset', 'reader@example.com', join(dir, 'outbox', 'msg_unit.eml'), join(dir, 'outbox', 'msg_unit.txt')]);
      assert.ok(!log.raw().includes('token='), 'no link in any line');
    });
  });

  it('logs links by default only for a loopback public URL, and KEYREALM_OUTBOX_LOG_LINKS decides either way', async () => {
    for (const [publicUrl, setting, expected] of [
      ['http://localhost:8080', undefined, true],
      ['http://127.0.0.1:8080', undefined, true],
      ['http://127.10.20.30', undefined, true],
      ['http://[::1]:8080', undefined, true],
      ['https://id.example.com', undefined, false],
      ['http://keyrealm.test', undefined, false],
      ['http://10.0.0.7:8080', undefined, false],
      ['http://localhost.example.com', undefined, false],
      ['http://128.0.0.1', undefined, false],
      ['http://[::2]', undefined, false],
      ['https://id.example.com', true, true],
      ['http://localhost:8080', false, false],
    ] as const) {
      assert.equal(outboxLogsLinks(setting, publicUrl), expected, `${publicUrl} with ${setting}`);
      await inTemporaryDirectory(async (dir) => {
        const log = capturedLogger();
        const transport = createMailTransport({ smtpUrl: undefined, dataDir: dir, publicUrl, outboxLogLinks: setting }, log.logger);
        await transport.send(mail);
        assert.equal(log.lines.filter((entry) => entry.level === 40).length, 1, 'one warning that mail is not delivered');
        assert.equal(log.raw().includes('token=one'), expected, publicUrl);
      });
    }
    assert.equal(loadConfig({}).outboxLogLinks, undefined);
    assert.equal(loadConfig({ KEYREALM_OUTBOX_LOG_LINKS: 'true' }).outboxLogLinks, true);
    assert.equal(loadConfig({ KEYREALM_OUTBOX_LOG_LINKS: 'false' }).outboxLogLinks, false);
    assert.throws(() => loadConfig({ KEYREALM_OUTBOX_LOG_LINKS: 'sometimes' }), (error: unknown) => error instanceof ConfigError && error.message.includes('KEYREALM_OUTBOX_LOG_LINKS'));
  });

  it('makes an existing outbox directory and existing files owner-only, and replaces a symlink instead of writing through it', async () => {
    await inTemporaryDirectory(async (dir) => {
      const outbox = join(dir, 'outbox');
      await mkdir(outbox, { mode: 0o755 });
      await chmod(outbox, 0o755);
      await writeFile(join(outbox, 'msg_unit.eml'), 'stale', { mode: 0o644 });
      await chmod(join(outbox, 'msg_unit.eml'), 0o644);
      const elsewhere = join(dir, 'elsewhere.txt');
      await writeFile(elsewhere, 'not the outbox\'s', { mode: 0o644 });
      await symlink(elsewhere, join(outbox, 'msg_unit.txt'));

      await outboxTransport({ dir: outbox, logLinks: false }, capturedLogger().logger).send(mail);

      assert.equal((await stat(outbox)).mode & 0o777, 0o700);
      for (const name of ['msg_unit.eml', 'msg_unit.txt']) {
        const file = await lstat(join(outbox, name));
        assert.ok(file.isFile(), `${name} is a file of its own`);
        assert.equal(file.mode & 0o777, 0o600, name);
      }
      assert.match(await readFile(join(outbox, 'msg_unit.txt'), 'utf8'), /^To: reader@example.com/);
      assert.equal(await readFile(elsewhere, 'utf8'), 'not the outbox\'s', 'the symlink\'s target is untouched');
      assert.deepEqual((await readdir(outbox)).sort(), ['msg_unit.eml', 'msg_unit.txt'], 'no temporary file is left');
    });
  });

  it('creates a missing outbox directory owner-only', async () => {
    await inTemporaryDirectory(async (dir) => {
      await outboxTransport({ dir: join(dir, 'a', 'outbox'), logLinks: false }, capturedLogger().logger).send(mail);
      assert.equal((await stat(join(dir, 'a', 'outbox'))).mode & 0o777, 0o700);
      assert.equal((await stat(join(dir, 'a', 'outbox', 'msg_unit.eml'))).mode & 0o777, 0o600);
    });
  });

  it('rejects when the outbox cannot be written, so the queue retries the message', async () => {
    await inTemporaryDirectory(async (dir) => {
      const log = capturedLogger();
      // A file where the directory should be.
      await writeFile(join(dir, 'outbox'), 'in the way');
      await assert.rejects(outboxTransport({ dir: join(dir, 'outbox'), logLinks: true }, log.logger).send(mail));
      assert.deepEqual(log.lines.filter((entry) => entry.level === 30), [], 'nothing is logged as written');
    });
  });
});
