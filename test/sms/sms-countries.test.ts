import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { RETRY_DELAYS_MS } from '../../src/mail/mail-worker.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { createRealm, operatorHeaders } from '../mail/mail-fixtures.ts';
import { capturedLogger, freshMobile, queueSmsCode, startProviderStub, type ProviderStub } from './sms-fixtures.ts';

let stub: ProviderStub;
before(async () => (stub = await startProviderStub()));
after(() => stub.close());

/** freshMobile() numbers are British (+44): outside the one country these suites allow. */
const ALLOWED = ['+1'];
let northAmerican = 0;
const freshNorthAmericanMobile = () => `+1555${String(process.pid % 1000).padStart(3, '0')}${String(++northAmerican).padStart(4, '0')}`;

/**
 * KEYREALM_SMS_COUNTRIES in the queue: a number outside the countries never gets an SMS, and its
 * message fails on its one attempt instead of eight over hours (found by review).
 */
for (const dialect of dialects) {
  describe(`SMS outside KEYREALM_SMS_COUNTRIES on ${dialect}`, () => {
    const log = capturedLogger();
    const server = serverPerSuite({
      dialect,
      logger: log.logger,
      get config() {
        return {
          mailPollMs: 3_600_000,
          smsCountries: ALLOWED,
          smsProvider: 'twilio' as const,
          twilioAccountSid: 'AC00000000000000000000000000000002',
          twilioAuthToken: 'auth-token-never-logged',
          twilioFrom: 'Acme',
          twilioBaseUrl: stub.url,
        };
      },
    });
    let realm: Realm;
    before(async () => (realm = await createRealm(server, { name: 'Countries Realm', sign_in: { first_factors: ['password', 'sms_otp'] } })));
    beforeEach(() => stub.answer());

    // The fake clock runs hours ahead here, past any access token's life: sign in afresh for each call.
    const admin = async (path: string) => {
      const response = await send(server, 'GET', `/admin/v1/realms/${realm.slug}${path}`, undefined, await operatorHeaders(server));
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };
    const sentTo = (to: string) => stub.requests.filter((request) => new URLSearchParams(request.body).get('To') === to);
    const refusal = /^the number is outside the countries SMS may go to \(KEYREALM_SMS_COUNTRIES: \+1\)$/;

    it('fails the message on its first attempt and never tries again, while an allowed number is sent', async () => {
      const outside = freshMobile();
      const inside = freshNorthAmericanMobile();
      const refused = await queueSmsCode(server, realm, outside, '731904');
      const sent = await queueSmsCode(server, realm, inside, '731905');
      assert.equal(await server.mailWorker.drain(), 2);

      let message = await admin(`/messages/${refused}`);
      assert.deepEqual([message.status, message.attempts], ['failed', 1]);
      assert.match(message.last_error, refusal);
      assert.deepEqual([(await admin(`/messages/${sent}`)).status, sentTo(inside).length], ['sent', 1]);

      for (const delay of RETRY_DELAYS_MS) {
        server.clock.advance(delay);
        assert.equal(await server.mailWorker.drain(), 0, 'nothing is due again');
      }
      message = await admin(`/messages/${refused}`);
      assert.deepEqual([message.status, message.attempts], ['failed', 1]);
      assert.equal(sentTo(outside).length, 0, 'the provider never saw the number');

      const events = await admin('/events?type=message.failed');
      const event = events.items.find((e: { details: { message_id: string } }) => e.details.message_id === refused);
      assert.ok(event, 'message.failed is recorded at once');
      assert.equal(event.details.attempts, 1);
      await new Promise((resolve) => setImmediate(resolve));
      const line = log.lines.find((entry) => entry.message_id === refused);
      assert.equal(line?.msg, 'a message cannot be sent, and retrying would not help; it is marked failed');
      assert.ok(!log.raw().includes('731904'), 'no log line holds the code');
    });

    it('answers a sign-in by SMS code for an account whose mobile is outside the countries as for an unknown number, and queues nothing', async () => {
      const mobile = freshMobile();
      await server.services.users.create(realm, { mobile, mobile_verified: true }, operator);
      // Both answers come before the account is looked up (the lookup and the message follow in
      // the background), so they cannot differ in status, body or time whatever the queue does.
      const unknown = await send(server, 'POST', `/realms/${realm.slug}/auth/otp/sms`, { identifier: freshMobile() });
      const known = await send(server, 'POST', `/realms/${realm.slug}/auth/otp/sms`, { identifier: mobile });
      assert.equal(known.statusCode, unknown.statusCode);
      assert.equal(known.statusCode, 200, known.body);
      const { flow_id: _known, ...knownRest } = known.json();
      const { flow_id: _unknown, ...unknownRest } = unknown.json();
      assert.deepEqual(knownRest, unknownRest);

      await server.services.background.settle();
      await server.mailWorker.drain();
      assert.deepEqual((await admin(`/messages?channel=sms&to=${encodeURIComponent(mobile)}`)).items, [], 'a code that could never arrive is not queued');
      assert.equal(sentTo(mobile).length, 0);
    });

    it('offers SMS as a second factor only to a verified mobile within the countries', async () => {
      const secondFactors = await createRealm(server, { name: 'Countries Second', sign_in: { first_factors: ['password'], second_factors: ['sms_otp', 'email_otp', 'totp'], mfa: 'required' } });
      const methodsAfterPassword = async (mobile: string) => {
        const email = `second-${mobile.slice(1)}@example.com`;
        await server.services.users.create(secondFactors, { email, email_verified: true, mobile, mobile_verified: true, password: 'a long enough password' }, operator);
        const step = await send(server, 'POST', `/realms/${secondFactors.slug}/auth/login`, { identifier: email, password: 'a long enough password' });
        assert.equal(step.statusCode, 200, step.body);
        return step.json().methods;
      };
      assert.deepEqual(await methodsAfterPassword(freshMobile()), ['email_otp']);
      assert.deepEqual(await methodsAfterPassword(freshNorthAmericanMobile()), ['sms_otp', 'email_otp']);
    });
  });
}
