import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { outboxSmsSender } from '../../src/sms/outbox-sender.ts';
import type { SmsMessage } from '../../src/sms/sms-sender.ts';
import { twilioSmsSender } from '../../src/sms/twilio-sender.ts';
import { compileWebhookBody, DEFAULT_WEBHOOK_BODY } from '../../src/sms/webhook-format.ts';
import { webhookSmsSender } from '../../src/sms/webhook-sender.ts';
import { capturedLogger, startProviderStub, type ProviderStub } from './sms-fixtures.ts';

const message: SmsMessage = { to: '+447700900123', body: '482913 is your Acme code. It expires in 10 minutes.', realmId: 'rlm_1', messageId: 'msg_1' };

let stub: ProviderStub;
before(async () => (stub = await startProviderStub()));
after(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
  stub.answer();
});

describe('the webhook SMS provider', () => {
  it('POSTs the default JSON body to the configured URL', async () => {
    const sender = webhookSmsSender({ url: `${stub.url}/sms`, headers: {}, body: compileWebhookBody(DEFAULT_WEBHOOK_BODY) });
    assert.equal(sender.name, 'webhook');
    await sender.send(message);
    const [request] = stub.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/sms');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(request.body), { to: message.to, body: message.body });
  });

  it('sends the configured headers and fills the body template, JSON-escaping every value', async () => {
    const template = '{"recipient":{"number":"{{to}}"},"text":"{{body}}","ref":"{{message_id}}","tenant":"{{realm_id}}","channel":"sms"}';
    const headers = { 'x-api-key': 'key-123', authorization: 'Bearer provider-token', 'content-type': 'application/vnd.provider+json' };
    const sender = webhookSmsSender({ url: `${stub.url}/v2/messages?account=7`, headers, body: compileWebhookBody(template) });
    const awkward = { ...message, body: 'Line "one"\\\nline two ✓ </script>' };
    await sender.send(awkward);
    const [request] = stub.requests;
    assert.equal(request.url, '/v2/messages?account=7');
    assert.equal(request.headers['x-api-key'], 'key-123');
    assert.equal(request.headers.authorization, 'Bearer provider-token');
    assert.equal(request.headers['content-type'], 'application/vnd.provider+json', 'a configured header wins over ours');
    assert.deepEqual(JSON.parse(request.body), { recipient: { number: message.to }, text: awkward.body, ref: 'msg_1', tenant: 'rlm_1', channel: 'sms' });
  });

  it('fails the attempt on any answer but 2xx, with the status and without the code', async () => {
    const sender = webhookSmsSender({ url: stub.url, headers: {}, body: compileWebhookBody(DEFAULT_WEBHOOK_BODY) });
    stub.answer({ status: 500, body: JSON.stringify({ error: 'upstream down', echo: message.body }) });
    await assert.rejects(sender.send(message), (error: Error) => {
      assert.match(error.message, /^the SMS webhook answered HTTP 500: .*upstream down/);
      assert.ok(!error.message.includes('482913'), error.message);
      return true;
    });
    stub.answer({ status: 302, body: '' });
    await assert.rejects(sender.send(message), /HTTP 302/, 'a redirect is not followed');
  });

  it('names the reason when the provider cannot be reached', async () => {
    const closed = await startProviderStub();
    await closed.close();
    const sender = webhookSmsSender({ url: closed.url, headers: {}, body: compileWebhookBody(DEFAULT_WEBHOOK_BODY) });
    await assert.rejects(sender.send(message), /^Error: could not reach the SMS webhook: .*ECONNREFUSED/);
  });
});

describe('the Twilio-compatible SMS provider', () => {
  const settings = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'twilio-auth-token-secret', from: '+15005550006' };

  it('POSTs To, From and Body form-encoded to the account’s Messages.json with basic auth', async () => {
    const sender = twilioSmsSender({ ...settings, baseUrl: stub.url });
    assert.equal(sender.name, 'twilio');
    await sender.send(message);
    const [request] = stub.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, `/2010-04-01/Accounts/${settings.accountSid}/Messages.json`);
    assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(request.headers.authorization, `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(request.body)), { To: message.to, From: settings.from, Body: message.body });
  });

  it('sends a Messaging Service SID as MessagingServiceSid', async () => {
    const service = `MG${'a1'.repeat(16)}`;
    await twilioSmsSender({ ...settings, from: service, baseUrl: stub.url }).send(message);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(stub.requests[0].body)), { To: message.to, MessagingServiceSid: service, Body: message.body });
  });

  it("reports Twilio's error code and message, never the auth token or the code", async () => {
    const sender = twilioSmsSender({ ...settings, baseUrl: stub.url });
    stub.answer({ status: 400, body: JSON.stringify({ code: 21211, message: `The 'To' number ${message.to} is not valid (482913).`, status: 400 }) });
    await assert.rejects(sender.send(message), (error: Error) => {
      assert.match(error.message, /^the Twilio API answered HTTP 400: 21211 The 'To' number \+447700900123 is not valid/);
      assert.ok(!error.message.includes('482913') && !error.message.includes(settings.authToken), error.message);
      return true;
    });
    stub.answer({ status: 503, body: '<html>Service Unavailable</html>' });
    await assert.rejects(sender.send(message), /HTTP 503: <html>Service Unavailable<\/html>/);
  });
});

describe('the outbox SMS provider', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'keyrealm-sms-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  it('writes one JSON file per SMS, readable only by the server, and logs it without the body', async () => {
    const log = capturedLogger();
    const outbox = join(dir, 'sms-outbox');
    const sender = outboxSmsSender(outbox, log.logger);
    assert.equal(sender.name, 'outbox');
    await sender.send(message);
    const file = join(outbox, 'msg_1.json');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal((await stat(outbox)).mode & 0o777, 0o700);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), { message_id: 'msg_1', realm_id: 'rlm_1', to: message.to, body: message.body });
    await new Promise((resolve) => setImmediate(resolve));
    const line = log.lines.find((entry) => entry.msg === 'SMS written to the outbox (no SMS provider configured)');
    assert.ok(line);
    assert.deepEqual([line.message_id, line.realm_id, line.to, line.file], ['msg_1', 'rlm_1', message.to, file]);
    assert.ok(!log.raw().includes('482913'), 'the log never holds the code');
  });
});
