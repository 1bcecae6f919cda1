import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { createRealm, createUser, freshAddress, isWiped, messageRow, queue } from '../mail/mail-fixtures.ts';
import { capturedLogger, freshMobile, queueSmsCode, startProviderStub, type ProviderStub } from './sms-fixtures.ts';

let stub: ProviderStub;
before(async () => (stub = await startProviderStub()));
after(() => stub.close());

for (const dialect of dialects) {
  describe(`the SMS queue (webhook provider) on ${dialect}`, () => {
    const log = capturedLogger();
    // Polling once an hour: the tests send with wake() and drain().
    const server = serverPerSuite({
      dialect,
      logger: log.logger,
      get config() {
        return { mailPollMs: 3_600_000, smsProvider: 'webhook' as const, smsWebhookUrl: `${stub.url}/sms`, smsWebhookHeaders: { 'x-api-key': 'key-1' } };
      },
    });
    let realm: Realm;
    let other: Realm;
    before(async () => {
      realm = await createRealm(server, { name: 'Acme SMS' });
      other = await createRealm(server);
    });
    beforeEach(() => stub.answer());

    const requestsTo = (to: string) => stub.requests.filter((request) => JSON.parse(request.body).to === to);
    const list = (query: string, target: Realm = realm) => send(server, 'GET', `/admin/v1/realms/${target.slug}/messages${query}`, undefined, server.adminHeaders);

    it('sends a queued code through the provider, then wipes it; the log never holds it', async () => {
      const to = freshMobile();
      const email = freshAddress('ann');
      const userId = await createUser(server, realm, { email, mobile: to, display_name: 'Ann' });
      const id = await queueSmsCode(server, realm, to, '730155', userId);
      assert.equal((await messageRow(server, id)).status, 'pending');
      await server.mailWorker.drain();

      const [request] = requestsTo(to);
      assert.ok(request, 'the provider received the SMS');
      assert.equal(request.headers['x-api-key'], 'key-1');
      assert.deepEqual(JSON.parse(request.body), { to, body: '730155 is your Acme SMS code. It expires in 10 minutes.' });

      const row = await messageRow(server, id);
      assert.deepEqual([row.channel, row.status, row.attempts, row.recipient, row.user_id], ['sms', 'sent', 1, to, userId]);
      assert.ok(isWiped(row.sealed_variables), 'the code is wiped once sent');
      await new Promise((resolve) => setImmediate(resolve));
      const sent = log.lines.find((line) => line.message_id === id && line.msg === 'message sent');
      assert.ok(sent);
      assert.deepEqual([sent.channel, sent.transport, sent.type], ['sms', 'webhook', 'sms_otp']);
      assert.ok(!log.raw().includes('730155'), 'no log line holds the code');
    });

    it("lists SMS among the realm's messages with their channel, and filters by channel", async () => {
      const to = freshMobile();
      const smsId = await queueSmsCode(server, realm, to);
      const mailId = await queue(server, realm, { to: freshAddress('mail') });
      await server.mailWorker.drain();

      const one = await send(server, 'GET', `/admin/v1/realms/${realm.slug}/messages/${smsId}`, undefined, server.adminHeaders);
      assert.equal(one.statusCode, 200, one.body);
      assert.deepEqual(
        { ...one.json<Record<string, unknown>>(), created_at: undefined, sent_at: undefined },
        { id: smsId, type: 'sms_otp', channel: 'sms', to, user_id: null, status: 'sent', attempts: 1, last_error: null, next_attempt_at: null, created_at: undefined, sent_at: undefined },
      );
      const smsOnly = (await list('?channel=sms&limit=100')).json().items.map((item: { id: string; channel: string }) => [item.id, item.channel]);
      assert.ok(smsOnly.some(([id]: string[]) => id === smsId) && smsOnly.every(([, channel]: string[]) => channel === 'sms'));
      const emailOnly = (await list('?channel=email&limit=100')).json().items.map((item: { id: string }) => item.id);
      assert.ok(emailOnly.includes(mailId) && !emailOnly.includes(smsId));
      assert.deepEqual((await list(`?to=${encodeURIComponent(to)}`)).json().items.map((item: { id: string }) => item.id), [smsId]);
      assert.equal(errorCode(await list('?channel=fax')), 'request.validation_failed');
    });

    it("never shows an SMS to another realm's operator view", async () => {
      const id = await queueSmsCode(server, realm, freshMobile());
      await server.mailWorker.drain();
      const elsewhere = await send(server, 'GET', `/admin/v1/realms/${other.slug}/messages/${id}`, undefined, server.adminHeaders);
      assert.equal(elsewhere.statusCode, 404);
      assert.equal(errorCode(elsewhere), 'message.not_found');
      assert.ok(!(await list('?channel=sms&limit=100', other)).json().items.some((item: { id: string }) => item.id === id));
    });

    it('queues nothing when the transaction rolls back', async () => {
      const to = freshMobile();
      await assert.rejects(
        server.database.db.transaction().execute(async (trx) => {
          await server.services.smsQueue.enqueue(trx, { realm, type: 'sms_otp', to, userId: null, variables: { code: '111222', expires_in_minutes: 5 } });
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      server.services.smsQueue.wake();
      await server.mailWorker.drain();
      assert.deepEqual((await list(`?to=${encodeURIComponent(to)}`)).json().items, []);
      assert.deepEqual(requestsTo(to), []);
    });

    it('sends a realm’s own SMS template, its text part only', async () => {
      const own = await createRealm(server, { name: 'Own Text' });
      const put = await send(server, 'PUT', `/admin/v1/realms/${own.slug}/templates/sms_otp`, { subject: '', html: '', text: '  {{realm_display_name}}: {{code}} ({{expires_in}})\n' }, server.adminHeaders);
      assert.equal(put.statusCode, 200, put.body);
      const to = freshMobile();
      await queueSmsCode(server, own, to, '550123');
      await server.mailWorker.drain();
      assert.equal(JSON.parse(requestsTo(to)[0].body).body, 'Own Text: 550123 (10 minutes)');
    });

    it('refuses, as programming errors, a recipient that is not E.164 and a type of the other channel', async () => {
      const db = server.database.db;
      const variables = { code: '123456', expires_in_minutes: 5 };
      for (const to of ['07700 900123', '+44 7700 900123', 'ann@example.com', '+0123456789']) {
        await assert.rejects(db.transaction().execute((trx) => server.services.smsQueue.enqueue(trx, { realm, type: 'sms_otp', to, userId: null, variables })), /not an E\.164 phone number/);
      }
      await assert.rejects(
        db.transaction().execute((trx) => server.services.smsQueue.enqueue(trx, { realm, type: 'email_otp' as 'sms_otp', to: freshMobile(), userId: null, variables })),
        /not an SMS type/,
      );
      await assert.rejects(
        db.transaction().execute((trx) => server.services.mailQueue.enqueue(trx, { realm, type: 'sms_otp', to: freshAddress(), userId: null, variables })),
        /an SMS type, queued with the SMS queue/,
      );
      await assert.rejects(
        db.transaction().execute((trx) => server.services.smsQueue.enqueue(trx, { realm, type: 'sms_otp', to: freshMobile(), userId: null, variables: { code: '1' } })),
        /missing variable expires_in_minutes/,
      );
    });
  });
}
