import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { LEASE_MS } from '../../src/mail/mail-worker.ts';
import { smtpTransport } from '../../src/mail/transports.ts';
import { dialects } from '../support/databases.ts';
import { serverPerSuite } from '../support/server.ts';
import { linksIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { anotherWorker, createRealm, createUser, freshAddress, isWiped, messageRow, queue, resetVariables } from './mail-fixtures.ts';

let sink: SmtpSink;
const masterKey = randomBytes(32);
before(async () => (sink = await startSmtpSink()));
after(() => sink.close());

describe('the SMTP transport', () => {
  it('signs in with the credentials in the URL', async () => {
    const url = new URL(sink.url);
    url.username = 'mailer';
    url.password = encodeURIComponent('p@ss:word');
    const transport = smtpTransport(url.toString());
    const to = freshAddress('auth');
    await transport.send({ id: 'msg_auth', realmId: 'rl_x', type: 'password_changed', from: { name: null, address: 'a@b.example' }, to, subject: 'S', html: '<p>H</p>', text: 'T' });
    transport.close();
    assert.deepEqual(sink.logins.at(-1), { username: 'mailer', password: 'p@ss:word' });
    const mail = await sink.waitForMail((m) => m.to.includes(to));
    assert.deepEqual([mail.subject, mail.text.trim(), mail.from.address], ['S', 'T', 'a@b.example']);
  });
});

for (const dialect of dialects) {
  describe(`mail delivery through SMTP on ${dialect}`, () => {
    const server = serverPerSuite({
      dialect,
      masterKey,
      get smtpUrl() {
        return sink.url;
      },
    });

    const otherWorker = (options: Parameters<typeof anotherWorker>[2]) => anotherWorker(server, masterKey, options);

    it('sends a message queued in a committed transaction, rendered with its variables', async () => {
      const realm = await createRealm(server, { public_info: { display_name: 'Acme Cloud' } });
      const to = freshAddress('ada');
      const userId = await createUser(server, realm, { email: to, email_verified: true, first_name: 'Ada', last_name: 'Lovelace' });
      const id = await queue(server, realm, { to, userId, variables: { link: 'https://app.example.com/reset?token=tok-abc', expires_in_minutes: 60 } });

      const mail = await sink.waitForMail((m) => m.to.includes(to));
      assert.equal(mail.subject, 'Reset your Acme Cloud password');
      assert.deepEqual(linksIn(mail), ['https://app.example.com/reset?token=tok-abc']);
      assert.match(mail.text, /^Hi Ada Lovelace,/);
      assert.match(mail.text, /expires in 1 hour/);
      // Escaped for HTML (Handlebars escapes = too); mail clients read the entity.
      assert.ok(mail.html.includes('href="https://app.example.com/reset?token&#x3D;tok-abc"'));
      assert.match(mail.html, /Acme Cloud/);
      assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
      assert.match(String(mail.headers.get('message-id')), new RegExp(`^<${id}@`));

      await server.mailWorker.drain();
      const row = await messageRow(server, id);
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 1);
      assert.equal(row.sent_at, server.clock.now());
      assert.ok(isWiped(row.sealed_variables), 'the link is wiped once sent');
      assert.equal(row.lease_until, null);
    });

    it("sends with the default template when the realm's saved one no longer renders (saved under older rules)", async () => {
      const realm = await createRealm(server, { public_info: { display_name: 'Legacy Co' } });
      // As saved before each, with and lookup were refused: written to the table directly.
      await server.database.db
        .insertInto('message_templates')
        .values({ realm_id: realm.id, type: 'password_reset', subject: 'Old {{#each @root}}x{{/each}}', html: '<p>{{link}}</p>', text: '{{link}}', updated_at: server.clock.now(), updated_by: null })
        .execute();
      const to = freshAddress('legacy');
      const id = await queue(server, realm, { to, variables: resetVariables('https://app.example.com/reset?token=tok-legacy') });
      const mail = await sink.waitForMail((m) => m.to.includes(to));
      assert.equal(mail.subject, 'Reset your Legacy Co password');
      assert.deepEqual(linksIn(mail), ['https://app.example.com/reset?token=tok-legacy']);
      await server.mailWorker.drain();
      assert.equal((await messageRow(server, id)).status, 'sent');
    });

    it('sends a message nobody woke the worker for, at its next poll', async () => {
      const realm = await createRealm(server);
      const to = freshAddress('polled');
      await server.database.db.transaction().execute((trx) =>
        server.services.mailQueue.enqueue(trx, { realm, type: 'password_changed', to, userId: null, variables: { changed_at: 0 } }),
      );
      // The default poll is every second: as after a crash between the commit and the wake.
      await sink.waitForMail((m) => m.to.includes(to), 10_000);
    });

    it('queues and sends nothing when the transaction rolls back', async () => {
      const realm = await createRealm(server);
      const to = freshAddress('rolled-back');
      await assert.rejects(
        server.database.db.transaction().execute(async (trx) => {
          await server.services.mailQueue.enqueue(trx, { realm, type: 'password_changed', to, userId: null, variables: { changed_at: server.clock.now() } });
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      server.services.mailQueue.wake();
      await server.mailWorker.drain();
      const rows = await server.database.db.selectFrom('messages').select('id').where('recipient', '=', to).execute();
      assert.deepEqual(rows, []);
      assert.equal(sink.mails.filter((m) => m.to.includes(to)).length, 0);
    });

    it("uses the realm's sender, else the server's address with the realm's name", async () => {
      const own = await createRealm(server, { email: { from_name: 'Acme Support', from_address: 'support@acme.example' } });
      const plain = await createRealm(server, { name: 'Plain Realm' });
      const [first, second] = [freshAddress('sender-own'), freshAddress('sender-default')];
      await queue(server, own, { to: first });
      await queue(server, plain, { to: second });
      const fromOwn = await sink.waitForMail((m) => m.to.includes(first));
      const fromDefault = await sink.waitForMail((m) => m.to.includes(second));
      assert.deepEqual(fromOwn.from, { name: 'Acme Support', address: 'support@acme.example' });
      // KEYREALM_MAIL_FROM is unset: no-reply@ the public URL's host, named after the realm.
      assert.deepEqual(fromDefault.from, { name: 'Plain Realm', address: 'no-reply@keyrealm.test' });
    });

    it('formats times and greets by address when there is no user', async () => {
      const realm = await createRealm(server);
      const to = freshAddress('changed');
      await queue(server, realm, { type: 'password_changed', to, variables: { changed_at: Date.UTC(2026, 2, 5, 9, 7) } });
      const mail = await sink.waitForMail((m) => m.to.includes(to));
      assert.match(mail.text, new RegExp(`^Hi ${to.replace(/[.]/g, '\\.')},`));
      assert.match(mail.text, /changed on 5 March 2026 at 09:07 UTC/);
    });

    it('refuses, as a programming error, variables the type does not declare or lacks', async () => {
      const realm = await createRealm(server);
      const enqueue = (variables: Record<string, string | number>) =>
        server.database.db.transaction().execute((trx) => server.services.mailQueue.enqueue(trx, { realm, type: 'verify_email', to: freshAddress(), userId: null, variables }));
      await assert.rejects(enqueue({ link: 'https://x.example/a' }), /missing variable expires_in_minutes/);
      await assert.rejects(enqueue({ link: 'https://x.example/a', expires_in_minutes: 5, code: '123456' }), /unknown variable code/);
      await assert.rejects(enqueue({ link: 'https://x.example/a', expires_in_minutes: 5, expires_in: 'soon' }), /unknown variable expires_in/);
    });

    it('keeps its claim on a message for as long as the send takes, so no other worker sends it again (found by review)', async () => {
      const realm = await createRealm(server);
      const to = freshAddress('slow');
      let finish!: () => void;
      const sent: string[] = [];
      const slowWorker = otherWorker({
        // A relay that answers each step just in time: the whole send outlasts the lease.
        transport: { name: 'smtp', send: (message) => new Promise<void>((resolve) => (finish = () => (sent.push(message.to), resolve()))), close() {} },
        leaseRenewMs: 10,
      });
      const id = await server.database.db.transaction().execute((trx) =>
        server.services.mailQueue.enqueue(trx, { realm, type: 'password_changed', to, userId: null, variables: { changed_at: 0 } }),
      );
      const sending = slowWorker.drain();
      for (let waited = 0; waited < 5000 && finish === undefined; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      try {
        for (let round = 0; round < 3; round++) {
          server.clock.advance(LEASE_MS / 2);
          // Real time for the renewal to run at the advanced clock.
          await new Promise((resolve) => setTimeout(resolve, 50));
          assert.equal(await server.mailWorker.drain(), 0, `still held after ${((round + 1) * LEASE_MS) / 2000} s`);
        }
      } finally {
        finish();
        await sending;
        await slowWorker.stop();
      }
      assert.deepEqual(sent, [to]);
      const row = await messageRow(server, id);
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 1);
      assert.equal(sink.mails.filter((m) => m.to.includes(to)).length, 0, 'the server\'s own worker never sent it');
    });

    it('gives an attempt up at its deadline, however the transport keeps it going (found by review)', async () => {
      const realm = await createRealm(server);
      const to = freshAddress('trickled');
      const neverDone = otherWorker({ transport: { name: 'smtp', send: () => new Promise<void>(() => {}), close() {} }, leaseRenewMs: 10, sendDeadlineMs: 100 });
      const id = await server.database.db.transaction().execute((trx) =>
        server.services.mailQueue.enqueue(trx, { realm, type: 'password_changed', to, userId: null, variables: { changed_at: 0 } }),
      );
      assert.equal(await neverDone.drain(), 1);
      await neverDone.stop();
      const row = await messageRow(server, id);
      assert.deepEqual([row.status, row.lease_until], ['pending', null], 'to be tried again later');
      assert.match(String(row.last_error), /did not finish within 0 s/);
    });

    it('sends each message once when two workers race over the same queue', async () => {
      const realm = await createRealm(server);
      const addresses = Array.from({ length: 24 }, () => freshAddress('race'));
      // Queued in one transaction and without waking, so both workers find all of them due.
      await server.database.db.transaction().execute(async (trx) => {
        for (const to of addresses) {
          await server.services.mailQueue.enqueue(trx, { realm, type: 'password_changed', to, userId: null, variables: { changed_at: 0 } });
        }
      });
      const other = otherWorker({ transport: smtpTransport(sink.url) });
      // (The server's own poll may join in too: claims are counted on the rows, not by the drains.)
      await Promise.all([server.mailWorker.drain(), other.drain(), server.mailWorker.drain(), other.drain()]);
      await other.stop();
      // The server's own poll may still be finishing a message it claimed before the drains returned.
      const rowsNow = () => server.database.db.selectFrom('messages').selectAll().where('recipient', 'in', addresses).execute();
      for (let waited = 0; waited < 5000 && (await rowsNow()).some((row) => row.status === 'sending'); waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const rows = await rowsNow();
      assert.equal(rows.length, addresses.length);
      for (const row of rows) {
        assert.equal(row.status, 'sent');
        assert.equal(row.attempts, 1, `${row.recipient} claimed once`);
        assert.equal(sink.mails.filter((m) => m.to.includes(row.recipient)).length, 1, `${row.recipient} received once`);
      }
    });
  });
}
