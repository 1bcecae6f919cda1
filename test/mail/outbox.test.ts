import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
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

    it('writes each message as an .eml file in <data dir>/outbox and logs it without the link', async () => {
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
      assert.ok(log.lines.some((entry) => entry.message_id === id && entry.msg === 'message sent' && entry.transport === 'outbox'));
      assert.ok(!log.raw().includes('very-secret-token-42'), 'no log line holds the token');
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
      }
      assert.ok(!log.raw().includes('token=a') && !log.raw().includes('token=b') && !log.raw().includes('token=c'));
    });
  });
}
