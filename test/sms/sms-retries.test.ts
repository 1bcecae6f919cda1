import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from '../../src/mail/mail-worker.ts';
import { createSecretBox } from '../../src/platform/secret-box.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { createRealm, isWiped, messageRow, operatorHeaders } from '../mail/mail-fixtures.ts';
import { capturedLogger, freshMobile, queueSmsCode, startProviderStub, type ProviderStub } from './sms-fixtures.ts';

let stub: ProviderStub;
before(async () => (stub = await startProviderStub()));
after(() => stub.close());

const failure = { status: 500, body: '{"error":"carrier unavailable"}' };

for (const dialect of dialects) {
  describe(`SMS retries (Twilio-compatible provider) on ${dialect}`, () => {
    const log = capturedLogger();
    const masterKey = randomBytes(32);
    const server = serverPerSuite({
      dialect,
      logger: log.logger,
      masterKey,
      get config() {
        return {
          mailPollMs: 3_600_000,
          smsProvider: 'twilio' as const,
          twilioAccountSid: 'AC00000000000000000000000000000001',
          twilioAuthToken: 'auth-token-never-logged',
          twilioFrom: 'Acme',
          twilioBaseUrl: stub.url,
        };
      },
    });
    let realm: Realm;
    before(async () => (realm = await createRealm(server, { name: 'Retry Realm' })));
    beforeEach(() => stub.answer());
    // The fake clock runs hours ahead here, past any access token's life: sign in afresh for each call.
    const getMessage = async (id: string) => {
      const response = await send(server, 'GET', `/admin/v1/realms/${realm.slug}/messages/${id}`, undefined, await operatorHeaders(server));
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };
    const sentTo = (to: string) => stub.requests.filter((request) => new URLSearchParams(request.body).get('To') === to);

    it('retries after a 500 once the delay has passed on the clock, then sends', async () => {
      stub.answer(failure);
      const to = freshMobile();
      const id = await queueSmsCode(server, realm, to, '604217');
      await server.mailWorker.drain();

      let message = await getMessage(id);
      assert.deepEqual([message.status, message.attempts, message.channel], ['pending', 1, 'sms']);
      assert.equal(message.last_error, 'the Twilio API answered HTTP 500: {"error":"carrier unavailable"}');
      assert.equal(message.next_attempt_at, new Date(server.clock.now() + RETRY_DELAYS_MS[0]).toISOString());

      server.clock.advance(RETRY_DELAYS_MS[0] - 1);
      assert.equal(await server.mailWorker.drain(), 0, 'not due yet');
      server.clock.advance(1);
      assert.equal(await server.mailWorker.drain(), 1);
      message = await getMessage(id);
      assert.deepEqual([message.status, message.attempts], ['sent', 2]);

      const requests = sentTo(to);
      assert.equal(requests.length, 2, 'the failed attempt and the retry');
      for (const request of requests) {
        assert.equal(request.url, '/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages.json');
        assert.deepEqual(Object.fromEntries(new URLSearchParams(request.body)), { To: to, From: 'Acme', Body: '604217 is your Retry Realm code. It expires in 10 minutes.' });
      }
      assert.ok(isWiped((await messageRow(server, id)).sealed_variables));
      await new Promise((resolve) => setImmediate(resolve));
      const warning = log.lines.find((line) => line.message_id === id && line.msg === 'a message could not be sent; it will be retried');
      assert.ok(warning, 'the failed attempt is logged');
      assert.ok(!log.raw().includes('604217') && !log.raw().includes('auth-token-never-logged'), 'no log line holds the code or the token');
    });

    it('gives up after the last attempt, discards the code, and cannot be retried', async () => {
      const to = freshMobile();
      stub.answer(...Array.from({ length: MAX_ATTEMPTS }, () => failure));
      const id = await queueSmsCode(server, realm, to, '918273');
      await server.mailWorker.drain();
      for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
        server.clock.advance(RETRY_DELAYS_MS[attempt - 1]);
        await server.mailWorker.drain();
      }
      const message = await getMessage(id);
      assert.deepEqual([message.status, message.attempts], ['failed', MAX_ATTEMPTS]);
      assert.equal(sentTo(to).length, MAX_ATTEMPTS);
      const kept = JSON.parse(createSecretBox(masterKey).open((await messageRow(server, id)).sealed_variables));
      assert.equal(kept.code, undefined, 'the code is discarded');
      assert.equal(kept.expires_in, '10 minutes', 'what is not secret is kept');

      const events = await send(server, 'GET', `/admin/v1/realms/${realm.slug}/events?type=message.failed`, undefined, await operatorHeaders(server));
      const event = events.json().items.find((e: { details: { message_id: string } }) => e.details.message_id === id);
      assert.ok(event, 'message.failed is recorded');
      assert.equal(event.details.message_type, 'sms_otp');

      const retry = await send(server, 'POST', `/admin/v1/realms/${realm.slug}/messages/${id}/retry`, undefined, await operatorHeaders(server));
      assert.equal(retry.statusCode, 409);
      assert.equal(errorCode(retry), 'message.not_retryable');
      assert.ok(!log.raw().includes('918273'));
    });
  });
}
