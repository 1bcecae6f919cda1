import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { FakeClock } from '../../src/platform/clock.ts';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

/**
 * The webhooks API and what a receiver gets: Standard Webhooks signatures verified with the
 * reference package, the event as the events API shows it, only the types asked for, another
 * realm's webhooks out of reach, and a change that rolls back sending nothing.
 */
for (const dialect of dialects) {
  describe(`webhooks API on ${dialect}`, () => {
    // Real time: the reference verifier refuses timestamps more than 5 minutes from now.
    const server = serverPerSuite({ dialect, clock: new FakeClock(Date.now()), config: { webhooksAllowLoopback: true } });
    let receiver: WebhookReceiver;
    let realmId: string;
    let otherRealmId: string;
    const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => send(server, method, url, payload, server.adminHeaders);
    const hooks = (realm = realmId) => `/admin/v1/realms/${realm}/webhooks`;

    before(async () => {
      receiver = await startWebhookReceiver();
      realmId = (await admin('POST', '/admin/v1/realms', { name: 'Hooked' })).json().id;
      otherRealmId = (await admin('POST', '/admin/v1/realms', { name: 'Other' })).json().id;
    });
    after(() => receiver.close());
    beforeEach(() => {
      receiver.received.length = 0;
      receiver.respond = () => ({ status: 204 });
    });

    it('creates a webhook whose secret is shown once, and lists, reads, changes and deletes it', async () => {
      const created = await admin('POST', hooks(), { url: receiver.url, event_types: ['user.*'], description: 'CRM sync' });
      assert.equal(created.statusCode, 201, created.body);
      const body = created.json();
      assert.match(body.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
      assert.match(body.id, /^whk_/);
      assert.deepEqual({ url: body.url, event_types: body.event_types, enabled: body.enabled, description: body.description }, { url: receiver.url, event_types: ['user.*'], enabled: true, description: 'CRM sync' });

      const read = (await admin('GET', `${hooks()}/${body.id}`)).json();
      assert.equal(read.secret, undefined);
      assert.equal(read.url, receiver.url);
      assert.ok((await admin('GET', hooks())).json().items.some((item: { id: string }) => item.id === body.id));

      const patched = await admin('PATCH', `${hooks()}/${body.id}`, { event_types: ['user.created', 'role.*'], enabled: false });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.deepEqual([patched.json().event_types, patched.json().enabled, patched.json().version], [['user.created', 'role.*'], false, 2]);

      assert.equal((await admin('DELETE', `${hooks()}/${body.id}`)).statusCode, 204);
      assert.equal(errorCode(await admin('GET', `${hooks()}/${body.id}`)), 'webhook.not_found');
      const types = (await admin('GET', `/admin/v1/realms/${realmId}/events?type=webhook.created`)).json().items.map((event: { type: string }) => event.type);
      assert.deepEqual(types, ['webhook.created']);
      // The endpoint's origin only: a token in its path must not travel with the event.
      const [createdEvent] = (await admin('GET', `/admin/v1/realms/${realmId}/events?type=webhook.created`)).json().items;
      assert.deepEqual([createdEvent.details.endpoint, JSON.stringify(createdEvent).includes('/hooks')], [new URL(receiver.url).origin, false]);
    });

    it('tells a new webhook of its own creation even while the realm\'s webhooks are remembered', async () => {
      const realm = (await admin('POST', '/admin/v1/realms', { name: 'Self-told' })).json().id;
      const first = (await admin('POST', hooks(realm), { url: receiver.url, event_types: ['user.*'] })).json();
      // An ordinary event remembers the realm's webhooks (the clock stands still: they stay fresh).
      assert.equal((await admin('POST', `/admin/v1/realms/${realm}/users`, { email: 'told@example.com' })).statusCode, 201);
      const second = (await admin('POST', hooks(realm), { url: receiver.url, event_types: ['webhook.created'] })).json();
      const told = (await admin('GET', `${hooks(realm)}/${second.id}/deliveries`)).json().items;
      assert.deepEqual(told.map((delivery: { event_type: string }) => delivery.event_type), ['webhook.created']);
      assert.equal((await admin('GET', `${hooks(realm)}/${first.id}/deliveries`)).json().items.length, 1, 'the first one got the user.created only');
    });

    it('refuses URLs that are not https, reach inside the network, or event types that match nothing', async () => {
      const refused = async (payload: unknown, code = 'webhook.invalid') => {
        const response = await admin('POST', hooks(), payload);
        assert.equal(response.statusCode, 400, JSON.stringify(payload));
        assert.equal(errorCode(response), code, response.body);
      };
      await refused({ url: 'http://example.com/hook', event_types: ['*'] });
      await refused({ url: 'https://10.1.2.3/hook', event_types: ['*'] });
      await refused({ url: 'https://169.254.169.254/latest/meta-data', event_types: ['*'] });
      await refused({ url: 'https://[fd00::1]/hook', event_types: ['*'] });
      await refused({ url: 'https://user:pw@example.com/hook', event_types: ['*'] });
      await refused({ url: 'not a url', event_types: ['*'] });
      await refused({ url: 'https://example.com/hook', event_types: ['user.creatd'] });
      await refused({ url: 'https://example.com/hook', event_types: ['nothing.*'] });
      await refused({ url: 'https://example.com/hook', event_types: [] }, 'request.validation_failed');
      await refused({ url: 'https://example.com/hook', event_types: ['*'], secret: 'mine' }, 'request.validation_failed');
    });

    it('signs each delivery per Standard Webhooks and sends the event as the events API shows it', async () => {
      const { id, secret } = (await admin('POST', hooks(), { url: receiver.url, event_types: ['user.created'] })).json();
      const user = (await admin('POST', `/admin/v1/realms/${realmId}/users`, { username: 'ada', password: 'a long enough password' })).json();
      await admin('PATCH', `/admin/v1/realms/${realmId}/users/${user.id}`, { first_name: 'Ada' });
      const [delivered] = await receiver.waitFor(1);
      assert.deepEqual(new Webhook(secret).verify(delivered.body, delivered.headers as Record<string, string>), delivered.json);
      assert.throws(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(delivered.body, delivered.headers as Record<string, string>));
      assert.equal(delivered.json.type, 'user.created');
      const [event] = (await admin('GET', `/admin/v1/realms/${realmId}/events?type=user.created`)).json().items;
      assert.deepEqual(delivered.json.data, event);
      assert.equal(delivered.headers['webhook-id'], event.id);
      assert.equal(delivered.json.timestamp, event.at);

      // user.updated is not asked for: nothing more arrives, and the delivery is listed as a success.
      await server.webhookWorker.drain();
      assert.equal(receiver.received.length, 1);
      const deliveries = (await admin('GET', `${hooks()}/${id}/deliveries`)).json().items;
      assert.equal(deliveries.length, 1);
      assert.deepEqual([deliveries[0].status, deliveries[0].attempts, deliveries[0].response_status, deliveries[0].message_id], ['succeeded', 1, 204, event.id]);
      assert.equal('payload' in deliveries[0], false, 'a list leaves the payloads out; one delivery has it');
      const one = (await admin('GET', `${hooks()}/${id}/deliveries/${deliveries[0].id}`)).json();
      assert.deepEqual(one.payload, delivered.json);
      await admin('DELETE', `${hooks()}/${id}`);
    });

    it('sends a test message, and sends a finished delivery again on request', async () => {
      const { id, secret } = (await admin('POST', hooks(), { url: receiver.url, event_types: ['realm.*'] })).json();
      receiver.respond = () => ({ status: 200, body: 'thanks, got it' });
      const test = await admin('POST', `${hooks()}/${id}/test`);
      assert.equal(test.statusCode, 202, test.body);
      const [delivered] = await receiver.waitFor(1);
      assert.equal((new Webhook(secret).verify(delivered.body, delivered.headers as Record<string, string>) as { type: string }).type, 'webhook.test');
      await server.webhookWorker.drain();
      const listed = (await admin('GET', `${hooks()}/${id}/deliveries/${test.json().id}`)).json();
      assert.deepEqual([listed.status, listed.response_excerpt], ['succeeded', 'thanks, got it']);

      const again = await admin('POST', `${hooks()}/${id}/deliveries/${test.json().id}/retry`);
      assert.equal(again.statusCode, 202, again.body);
      const [, second] = await receiver.waitFor(2);
      assert.equal(second.headers['webhook-id'], delivered.headers['webhook-id']);
      assert.equal(errorCode(await admin('POST', `${hooks()}/${id}/deliveries/whd_unknown/retry`)), 'webhook.delivery_not_found');

      await admin('PATCH', `${hooks()}/${id}`, { enabled: false });
      assert.equal(errorCode(await admin('POST', `${hooks()}/${id}/test`)), 'webhook.disabled');
      await admin('DELETE', `${hooks()}/${id}`);
    });

    it("never shows or changes another realm's webhooks or deliveries", async () => {
      const { id } = (await admin('POST', hooks(), { url: receiver.url, event_types: ['realm.*'] })).json();
      const test = (await admin('POST', `${hooks()}/${id}/test`)).json();
      await receiver.waitFor(1);
      const elsewhere = hooks(otherRealmId);
      for (const [method, url, payload] of [
        ['GET', `${elsewhere}/${id}`],
        ['PATCH', `${elsewhere}/${id}`, { enabled: false }],
        ['DELETE', `${elsewhere}/${id}`],
        ['POST', `${elsewhere}/${id}/rotate-secret`],
        ['POST', `${elsewhere}/${id}/test`],
        ['GET', `${elsewhere}/${id}/deliveries`],
        ['GET', `${elsewhere}/${id}/deliveries/${test.id}`],
        ['POST', `${elsewhere}/${id}/deliveries/${test.id}/retry`],
      ] as const) {
        const response = await admin(method, url, payload);
        assert.equal(response.statusCode, 404, `${method} ${url}`);
        assert.equal(errorCode(response), 'webhook.not_found');
      }
      assert.deepEqual((await admin('GET', elsewhere)).json().items, []);
      assert.equal((await admin('GET', `${hooks()}/${id}`)).json().enabled, true);
      await admin('DELETE', `${hooks()}/${id}`);
    });

    it('keeps a realm to 50 webhooks', async () => {
      const limited = (await admin('POST', '/admin/v1/realms', { name: 'Many hooks' })).json().id;
      for (let i = 0; i < 50; i++) assert.equal((await admin('POST', hooks(limited), { url: `https://hooks.example.com/${i}`, event_types: ['user.created'] })).statusCode, 201);
      const refused = await admin('POST', hooks(limited), { url: 'https://hooks.example.com/51', event_types: ['user.created'] });
      assert.equal(refused.statusCode, 409);
      assert.equal(errorCode(refused), 'webhook.too_many');
      assert.equal((await admin('GET', `${hooks(limited)}?limit=100`)).json().items.length, 50);
    });

    it('queues nothing for a change that rolls back', async () => {
      const { id } = (await admin('POST', hooks(), { url: receiver.url, event_types: ['realm.*'] })).json();
      const { db } = server.database;
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await server.services.events.record(trx, { realmId, type: 'realm.updated', actor: { type: 'system', id: null }, details: { fields: ['name'] } });
          throw new Error('the change fails after its event');
        }),
        /the change fails/,
      );
      await server.webhookWorker.drain();
      assert.deepEqual((await admin('GET', `${hooks()}/${id}/deliveries`)).json().items, []);
      assert.deepEqual(receiver.received.filter((message) => message.json.type === 'realm.updated'), []);
      await admin('DELETE', `${hooks()}/${id}`);
    });
  });
}
