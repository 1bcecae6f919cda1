import assert from 'node:assert/strict';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { createRealm, createUser, freshAddress, isWiped, messageRow } from '../mail/mail-fixtures.ts';
import { capturedLogger, freshMobile, queueSmsCode } from './sms-fixtures.ts';

for (const dialect of dialects) {
  describe(`the SMS outbox (no SMS provider configured) on ${dialect}`, () => {
    const log = capturedLogger();
    const server = serverPerSuite({ dialect, logger: log.logger, config: { mailPollMs: 3_600_000 } });

    it('writes each SMS to <data dir>/sms-outbox and logs it without the code', async () => {
      const realm = await createRealm(server, { name: 'Outbox SMS' });
      // A directory an operator left open to everyone is made owner-only again (found by review).
      await mkdir(join(server.config.dataDir, 'sms-outbox'), { recursive: true });
      await chmod(join(server.config.dataDir, 'sms-outbox'), 0o777);
      const to = freshMobile();
      const userId = await createUser(server, realm, { email: freshAddress('olive'), mobile: to });
      const id = await queueSmsCode(server, realm, to, '246810', userId);
      await server.mailWorker.drain();

      const file = join(server.config.dataDir, 'sms-outbox', `${id}.json`);
      assert.equal((await stat(file)).mode & 0o777, 0o600, 'only the server may read a file holding a code');
      assert.equal((await stat(join(server.config.dataDir, 'sms-outbox'))).mode & 0o777, 0o700);
      assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), {
        message_id: id,
        realm_id: realm.id,
        to,
        body: '246810 is your Outbox SMS code. It expires in 10 minutes.',
      });
      const row = await messageRow(server, id);
      assert.deepEqual([row.channel, row.status], ['sms', 'sent']);
      assert.ok(isWiped(row.sealed_variables));

      await new Promise((resolve) => setImmediate(resolve));
      const line = log.lines.find((entry) => entry.message_id === id && entry.msg === 'SMS written to the outbox (no SMS provider configured)');
      assert.ok(line, 'the outbox logs each SMS');
      assert.deepEqual([line.realm_id, line.to, line.file], [realm.id, to, file]);
      assert.ok(log.lines.some((entry) => entry.message_id === id && entry.msg === 'message sent' && entry.transport === 'outbox' && entry.channel === 'sms'));
      assert.ok(!log.raw().includes('246810'), 'no log line holds the code');
      assert.ok(!log.lines.some((entry) => JSON.stringify(entry).includes('is your Outbox SMS code')), 'nor the body');
    });

    it('offers sms_otp among the templates, with its short text and no subject or HTML', async () => {
      const realm = await createRealm(server);
      const template = await send(server, 'GET', `/admin/v1/realms/${realm.slug}/templates/sms_otp`, undefined, server.adminHeaders);
      assert.equal(template.statusCode, 200, template.body);
      const body = template.json();
      assert.deepEqual([body.subject, body.html, body.text, body.customized], ['', '', '{{code}} is your {{realm_name}} code. It expires in {{expires_in}}.', false]);
      assert.deepEqual(body.variables.map((v: { name: string }) => v.name).slice(-3), ['code', 'expires_in_minutes', 'expires_in']);
      const preview = await send(server, 'POST', `/admin/v1/realms/${realm.slug}/templates/sms_otp/preview`, { variables: { code: '135790' } }, server.adminHeaders);
      assert.equal(preview.statusCode, 200, preview.body);
      assert.equal(preview.json().text, `135790 is your ${realm.name} code. It expires in 60 minutes.`);
      // Dozens of billed segments a code: refused (found by review); an email's text part may be long.
      const long = await send(server, 'PUT', `/admin/v1/realms/${realm.slug}/templates/sms_otp`, { subject: '', html: '', text: `{{code}} ${'é€'.repeat(200)}` }, server.adminHeaders);
      assert.equal(long.statusCode, 400, long.body);
      assert.deepEqual(long.json().error.details, [{ field: 'text', issue: 'must be at most 320 characters (an SMS)' }]);
      const fits = await send(server, 'PUT', `/admin/v1/realms/${realm.slug}/templates/sms_otp`, { subject: '', html: '', text: `{{code}} ${'x'.repeat(311)}` }, server.adminHeaders);
      assert.equal(fits.statusCode, 200, fits.body);
      const mail = await send(server, 'PUT', `/admin/v1/realms/${realm.slug}/templates/password_changed`, { subject: 'S', html: '<p>{{changed_at}}</p>', text: 'x'.repeat(400) }, server.adminHeaders);
      assert.equal(mail.statusCode, 200, mail.body);
    });
  });
}
