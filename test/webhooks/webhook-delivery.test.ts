import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { FakeClock } from '../../src/platform/clock.ts';
import { createSecretBox } from '../../src/platform/secret-box.ts';
import { DELIVERY_RETENTION_MS } from '../../src/webhooks/delivery-store.ts';
import { createDeliveryWorker, FAILING_DISABLE_MS, JITTER, MAX_ATTEMPTS, RETRY_DELAYS_MS } from '../../src/webhooks/delivery-worker.ts';
import { dialects } from '../support/databases.ts';
import { bearer, send } from '../support/http.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, serverPerSuite } from '../support/server.ts';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../support/webhook-receiver.ts';

/**
 * How deliveries behave over time, on a fake clock: the retry schedule (over a day, with jitter),
 * `410 Gone` and three days of failures switching a webhook off, one user's events in order, both
 * secrets signing for a day after a rotation, and an address refused at the moment of sending.
 */
const HOUR = 3_600_000;

for (const dialect of dialects) {
  describe(`webhook deliveries on ${dialect}`, () => {
    const masterKey = randomBytes(32);
    const server = serverPerSuite({ dialect, clock: new FakeClock(Date.now()), masterKey, config: { webhooksAllowLoopback: true } });
    let receiver: WebhookReceiver;
    let realmId: string;
    let users = 0;
    // The clock moves by hours here: an operator token is asked for at the time of each call.
    const admin = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
      const { access_token: token } = await server.login('admin', ADMIN_EMAIL, ADMIN_PASSWORD);
      return send(server, method, url, payload, bearer(token));
    };
    const hooks = () => `/admin/v1/realms/${realmId}/webhooks`;
    const newUser = async () => (await admin('POST', `/admin/v1/realms/${realmId}/users`, { username: `user${++users}`, password: 'a long enough password' })).json().id as string;
    const deliveriesOf = async (hook: string) => (await admin('GET', `${hooks()}/${hook}/deliveries`)).json().items;
    const drain = () => server.webhookWorker.drain();

    before(async () => {
      receiver = await startWebhookReceiver();
      realmId = (await admin('POST', '/admin/v1/realms', { name: 'Deliveries' })).json().id;
    });
    after(() => receiver.close());
    beforeEach(async () => {
      // One webhook at a time: the last test's is gone, with its deliveries.
      for (const hook of (await admin('GET', hooks())).json().items) await admin('DELETE', `${hooks()}/${hook.id}`);
      receiver.received.length = 0;
      receiver.respond = () => ({ status: 200 });
    });

    it('retries a failing delivery on the schedule, with jitter, for more than a day, then marks it failed', async () => {
      receiver.respond = () => ({ status: 500, body: 'down for maintenance' });
      const hook = (await admin('POST', hooks(), { url: receiver.url, event_types: ['user.created'] })).json();
      await newUser();
      let waited = 0;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        await receiver.waitFor(attempt);
        await drain();
        const [delivery] = await deliveriesOf(hook.id);
        assert.equal(delivery.attempts, attempt);
        assert.deepEqual([delivery.response_status, delivery.response_excerpt], [500, 'down for maintenance']);
        if (attempt === MAX_ATTEMPTS) {
          assert.equal(delivery.status, 'failed');
          break;
        }
        assert.equal(delivery.status, 'pending');
        const delay = Date.parse(delivery.next_attempt_at) - Date.parse(delivery.last_attempt_at);
        const base = RETRY_DELAYS_MS[attempt - 1];
        assert.ok(delay >= base && delay <= base * (1 + JITTER), `wait ${delay} after attempt ${attempt}`);
        // Not a moment early.
        server.clock.advance(delay - 1);
        await drain();
        assert.equal(receiver.received.length, attempt);
        server.clock.advance(1);
        waited += delay;
        await drain();
      }
      assert.ok(waited >= 24 * HOUR, `retried over ${waited / HOUR} hours`);
      assert.equal((await admin('GET', `${hooks()}/${hook.id}`)).json().enabled, true);
    });

    it('switches the webhook off when the endpoint answers 410 Gone, and records it for operators', async () => {
      receiver.respond = () => ({ status: 410 });
      const hook = (await admin('POST', hooks(), { url: receiver.url, event_types: ['user.created'] })).json();
      await newUser();
      await receiver.waitFor(1);
      await drain();
      const off = (await admin('GET', `${hooks()}/${hook.id}`)).json();
      assert.deepEqual([off.enabled, off.disabled_reason], [false, 'gone']);
      const [event] = (await admin('GET', `/admin/v1/realms/${realmId}/events?type=webhook.disabled`)).json().items;
      assert.deepEqual([event.details.webhook_id, event.details.reason], [hook.id, 'gone']);
      // Off: later events are not queued for it.
      await newUser();
      await drain();
      assert.equal(receiver.received.length, 1);
      const on = (await admin('PATCH', `${hooks()}/${hook.id}`, { enabled: true })).json();
      assert.deepEqual([on.enabled, on.disabled_reason], [true, null]);
    });

    it('switches the webhook off after three days of failures with no success between', async () => {
      receiver.respond = () => ({ status: 503 });
      const hook = (await admin('POST', hooks(), { url: receiver.url, event_types: ['user.created'] })).json();
      await newUser();
      await receiver.waitFor(1);
      await drain();
      assert.ok((await admin('GET', `${hooks()}/${hook.id}`)).json().failing_since);
      server.clock.advance(FAILING_DISABLE_MS - HOUR);
      await newUser();
      await drain();
      assert.equal((await admin('GET', `${hooks()}/${hook.id}`)).json().enabled, true);
      server.clock.advance(HOUR);
      await newUser();
      await drain();
      const off = (await admin('GET', `${hooks()}/${hook.id}`)).json();
      assert.deepEqual([off.enabled, off.disabled_reason], [false, 'failing']);
      assert.equal((await admin('GET', `/admin/v1/realms/${realmId}/events?type=webhook.disabled`)).json().items[0].details.reason, 'failing');
    });

    it("sends one user's events in order, holding them behind a failing one, while others' go ahead", async () => {
      const failOnce = new Set<string>();
      receiver.respond = (message) => {
        const first = message.json.type === 'user.created' && message.json.data.user_id === firstUser && !failOnce.has(message.json.data.id);
        if (first) failOnce.add(message.json.data.id);
        return { status: first ? 500 : 200 };
      };
      let firstUser = '';
      (await admin('POST', hooks(), { url: receiver.url, event_types: ['user.created', 'user.updated'] })).json();
      firstUser = await newUser();
      await receiver.waitFor(1);
      await admin('PATCH', `/admin/v1/realms/${realmId}/users/${firstUser}`, { first_name: 'First' });
      const secondUser = await newUser();
      await receiver.waitFor(2);
      await drain();
      const seen = () => receiver.received.map((message) => `${message.json.type}:${message.json.data.user_id === firstUser ? 'first' : message.json.data.user_id === secondUser ? 'second' : '?'}`);
      assert.deepEqual(seen(), ['user.created:first', 'user.created:second']);
      server.clock.advance(RETRY_DELAYS_MS[0] * (1 + JITTER));
      await drain();
      await drain();
      assert.deepEqual(seen(), ['user.created:first', 'user.created:second', 'user.created:first', 'user.updated:first']);
    });

    it('signs with both secrets for a day after a rotation, then with the new one alone', async () => {
      const hook = (await admin('POST', hooks(), { url: receiver.url, event_types: ['user.created'] })).json();
      const rotated = await admin('POST', `${hooks()}/${hook.id}/rotate-secret`);
      assert.equal(rotated.statusCode, 200, rotated.body);
      const fresh = rotated.json();
      assert.notEqual(fresh.secret, hook.secret);
      assert.equal(Date.parse(fresh.previous_secret_expires_at) - server.clock.now(), 24 * HOUR);
      await newUser();
      // The clock is days ahead of the reference verifier's here: the signatures are compared with its own.
      const signature = (secret: string, message: ReceivedWebhook) =>
        new Webhook(secret).sign(String(message.headers['webhook-id']), new Date(Number(message.headers['webhook-timestamp']) * 1000), message.body);
      const [during] = await receiver.waitFor(1);
      assert.deepEqual(String(during.headers['webhook-signature']).split(' ').sort(), [signature(hook.secret, during), signature(fresh.secret, during)].sort());

      server.clock.advance(24 * HOUR);
      await newUser();
      const [, later] = await receiver.waitFor(2);
      assert.equal(later.headers['webhook-signature'], signature(fresh.secret, later));
    });

    it('forgets finished deliveries after 30 days, and those whose webhook is gone', async () => {
      const hook = (await admin('POST', hooks(), { url: receiver.url, event_types: ['user.created'] })).json();
      await newUser();
      await receiver.waitFor(1);
      await drain();
      const { db } = server.database;
      // A delivery queued while its webhook was being deleted names a webhook that no longer exists.
      const { seq: _seq, ...delivered } = await db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', hook.id).executeTakeFirstOrThrow();
      await server.services.webhookDeliveries.insert(db, { ...delivered, id: 'whd_orphan', webhook_id: 'whk_gone', status: 'pending' });
      const count = async () => (await db.selectFrom('webhook_deliveries').select('id').where('realm_id', '=', realmId).execute()).length;
      assert.equal(await count(), 2);
      await server.housekeeping.runOnce();
      assert.equal(await count(), 1);
      server.clock.advance(DELIVERY_RETENTION_MS + 1);
      assert.equal((await server.housekeeping.runOnce()).webhook_deliveries, 1);
      assert.equal(await count(), 0);
    });

    it('refuses to send to an address inside the network when it is time to send, and keeps retrying', async () => {
      const hook = (await admin('POST', hooks(), { url: receiver.url.replace('127.0.0.1', 'localhost'), event_types: ['user.created'] })).json();
      // This server's own worker would send (it allows loopback); a production worker must not.
      // (Stopped for good: this is the suite's last test.)
      await server.webhookWorker.stop();
      const strict = createDeliveryWorker({
        db: server.database.db,
        store: server.services.webhookDeliveries,
        clock: server.clock,
        logger: pino({ level: 'silent' }),
        events: server.services.events,
        secretBox: createSecretBox(masterKey),
        allowLoopback: false,
        pollMs: 60_000,
      });
      await newUser();
      assert.equal(await strict.drain(), 1);
      const [delivery] = await deliveriesOf(hook.id);
      assert.equal(delivery.status, 'pending');
      assert.equal(delivery.last_error, 'localhost resolves to an address that is not public');
      assert.equal(receiver.received.length, 0);
    });
  });
}
