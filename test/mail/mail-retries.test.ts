import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { LEASE_MS, MAX_ATTEMPTS, RETRY_DELAYS_MS } from '../../src/mail/mail-worker.ts';
import { messageStore } from '../../src/mail/message-store.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { createRealm, freshAddress, isWiped, messageRow, operatorHeaders, queue } from './mail-fixtures.ts';

let sink: SmtpSink;
before(async () => (sink = await startSmtpSink()));
after(() => sink.close());

for (const dialect of dialects) {
  describe(`mail retries and failures on ${dialect}`, () => {
    // Polling once an hour: these tests drive the worker themselves, with wake() and drain().
    const server = serverPerSuite({
      dialect,
      config: { mailPollMs: 3_600_000 },
      get smtpUrl() {
        return sink.url;
      },
    });
    let realm: Realm;
    before(async () => (realm = await createRealm(server)));
    beforeEach(() => sink.refuse(null));
    // The fake clock runs hours ahead here, past any access token's life: sign in afresh for each call.
    const operator = () => operatorHeaders(server);

    const getMessage = async (id: string) => {
      const response = await send(server, 'GET', `/admin/v1/realms/${realm.slug}/messages/${id}`, undefined, await operator());
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };

    /** Runs every remaining attempt while the sink refuses, advancing the fake clock by each backoff. */
    async function failEveryAttempt(id: string) {
      for (let attempt = (await messageRow(server, id)).attempts; attempt < MAX_ATTEMPTS; attempt++) {
        server.clock.advance(RETRY_DELAYS_MS[attempt - 1]);
        await server.mailWorker.drain();
      }
    }

    it('retries a refused message with growing delays, shows why, and gives up after the last attempt', async () => {
      sink.refuse('mailbox unavailable');
      const refusedBefore = sink.refused;
      const to = freshAddress('refused');
      const id = await queue(server, realm, { to });
      await server.mailWorker.drain();

      let message = await getMessage(id);
      assert.equal(message.status, 'pending');
      assert.equal(message.attempts, 1);
      assert.match(message.last_error, /mailbox unavailable/);
      assert.ok(!message.last_error.includes('tok-123'), 'no link in the error');
      assert.equal(message.next_attempt_at, new Date(server.clock.now() + RETRY_DELAYS_MS[0]).toISOString());

      // Not due yet: nothing happens until the delay has passed.
      server.clock.advance(RETRY_DELAYS_MS[0] - 1);
      assert.equal(await server.mailWorker.drain(), 0);
      assert.equal((await getMessage(id)).attempts, 1);
      server.clock.advance(1);
      assert.equal(await server.mailWorker.drain(), 1);
      message = await getMessage(id);
      assert.equal(message.attempts, 2);
      assert.equal(message.next_attempt_at, new Date(server.clock.now() + RETRY_DELAYS_MS[1]).toISOString());

      await failEveryAttempt(id);
      message = await getMessage(id);
      assert.equal(message.status, 'failed');
      assert.equal(message.attempts, MAX_ATTEMPTS);
      assert.equal(message.next_attempt_at, null);
      assert.equal(sink.refused - refusedBefore, MAX_ATTEMPTS);
      server.clock.advance(24 * 3_600_000);
      assert.equal(await server.mailWorker.drain(), 0, 'a failed message is not tried again by itself');

      const failed = await send(server, 'GET', `/admin/v1/realms/${realm.slug}/messages?status=failed&to=${encodeURIComponent(to)}`, undefined, await operator());
      assert.deepEqual(failed.json().items.map((m: { id: string }) => m.id), [id]);

      const events = await send(server, 'GET', `/admin/v1/realms/${realm.slug}/events?type=message.failed`, undefined, await operator());
      const event = events.json().items.find((e: { details: { message_id: string } }) => e.details.message_id === id);
      assert.ok(event, 'message.failed is recorded');
      assert.equal(event.actor.type, 'system');
      assert.deepEqual(Object.keys(event.details).sort(), ['attempts', 'last_error', 'message_id', 'message_type']);

      // The link was discarded when it gave up: it cannot be sent again.
      const retry = await send(server, 'POST', `/admin/v1/realms/${realm.slug}/messages/${id}/retry`, undefined, await operator());
      assert.equal(retry.statusCode, 409);
      assert.equal(errorCode(retry), 'message.not_retryable');
    });

    it('sends a failed message without secrets again when an operator retries it', async () => {
      sink.refuse('try later');
      const to = freshAddress('retried');
      const id = await queue(server, realm, { type: 'password_changed', to, variables: { changed_at: server.clock.now() } });
      await server.mailWorker.drain();
      await failEveryAttempt(id);
      assert.equal((await getMessage(id)).status, 'failed');
      sink.refuse(null);

      const retry = await send(server, 'POST', `/admin/v1/realms/${realm.slug}/messages/${id}/retry`, undefined, await operator());
      assert.equal(retry.statusCode, 200, retry.body);
      assert.equal(retry.json().status, 'pending');
      assert.equal(retry.json().attempts, 0);
      await server.mailWorker.drain();
      const mail = await sink.waitForMail((m) => m.to.includes(to));
      assert.match(mail.subject, /password was changed/);
      const row = await messageRow(server, id);
      assert.equal(row.status, 'sent');
      assert.ok(isWiped(row.sealed_variables));

      const again = await send(server, 'POST', `/admin/v1/realms/${realm.slug}/messages/${id}/retry`, undefined, await operator());
      assert.equal(again.statusCode, 409, 'only failed messages can be retried');
      assert.equal(errorCode(again), 'message.not_retryable');
    });

    it('sends a message whose worker crashed mid-send once its lease lapses', async () => {
      const to = freshAddress('crashed');
      // Queued without waking the worker; then claimed by a worker that dies before it sends.
      const id = await server.database.db.transaction().execute((trx) =>
        server.services.mailQueue.enqueue(trx, { realm, type: 'password_changed', to, userId: null, variables: { changed_at: 0 } }),
      );
      const claimed = await messageStore.claimDue(server.database.db, server.clock.now(), LEASE_MS, 100);
      assert.deepEqual(claimed.map((row) => row.id), [id]);

      assert.equal(await server.mailWorker.drain(), 0, 'the lease still holds');
      server.clock.advance(LEASE_MS);
      assert.equal(await server.mailWorker.drain(), 1);
      await sink.waitForMail((m) => m.to.includes(to));
      const row = await messageRow(server, id);
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 2);
      assert.equal(sink.mails.filter((m) => m.to.includes(to)).length, 1);
    });

    it('keeps going when the realm of a message was deleted meanwhile', async () => {
      const doomed = await createRealm(server);
      await server.database.db.transaction().execute((trx) =>
        server.services.mailQueue.enqueue(trx, { realm: doomed, type: 'password_changed', to: freshAddress('gone'), userId: null, variables: { changed_at: 0 } }),
      );
      const deleted = await send(server, 'DELETE', `/admin/v1/realms/${doomed.id}`, undefined, await operator());
      assert.equal(deleted.statusCode, 204, deleted.body);
      const left = await server.database.db.selectFrom('messages').select('id').where('realm_id', '=', doomed.id).execute();
      assert.deepEqual(left, [], 'its messages went with it');
      assert.equal(await server.mailWorker.drain(), 0);
    });
  });
}
