import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { createSmsSender } from '../../src/sms/sms-settings.ts';
import { DEFAULT_WEBHOOK_BODY } from '../../src/sms/webhook-format.ts';
import { capturedLogger } from './sms-fixtures.ts';

const twilio = {
  KEYREALM_SMS_PROVIDER: 'twilio',
  KEYREALM_TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
  KEYREALM_TWILIO_AUTH_TOKEN: 'twilio-auth-token-secret',
  KEYREALM_TWILIO_FROM: '+15005550006',
};

/** The one line the server stops with. */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    assert.ok(!error.message.includes('\n'));
    return error.message;
  }
  assert.fail('expected the configuration to be refused');
}

describe('SMS configuration', () => {
  it('sends only to the countries KEYREALM_SMS_COUNTRIES lists, whatever the provider (found by review)', async () => {
    const { logger } = capturedLogger();
    const dataDir = mkdtempSync(join(tmpdir(), 'keyrealm-sms-countries-'));
    const sender = createSmsSender(loadConfig({ KEYREALM_SMS_COUNTRIES: '+1, +44', KEYREALM_DATA_DIR: dataDir }), logger);
    const sms = (to: string) => ({ to, body: '123456 is your code', realmId: 'rl_x', messageId: `msg_${to.slice(1)}` });
    await sender.send(sms('+15550100'));
    await sender.send(sms('+447700900123'));
    await assert.rejects(sender.send(sms('+88213000001')), /outside the countries SMS may go to \(KEYREALM_SMS_COUNTRIES: \+1, \+44\)/);
    assert.deepEqual(readdirSync(join(dataDir, 'sms-outbox')).sort(), ['msg_15550100.json', 'msg_447700900123.json']);
    for (const bad of ['1', '+0', '+1234567', '+44,uk']) assert.match(refusal({ KEYREALM_SMS_COUNTRIES: bad }), /KEYREALM_SMS_COUNTRIES/);
  });

  it('sends to the outbox by default, and builds each provider from its options', () => {
    const defaults = loadConfig({});
    assert.equal(defaults.smsProvider, 'outbox');
    assert.equal(defaults.smsWebhookBody, DEFAULT_WEBHOOK_BODY);
    assert.equal(defaults.twilioBaseUrl, 'https://api.twilio.com');
    assert.equal(createSmsSender(defaults, capturedLogger().logger).name, 'outbox');

    const webhook = loadConfig({
      KEYREALM_SMS_PROVIDER: 'webhook',
      KEYREALM_SMS_WEBHOOK_URL: 'https://sms.example.com/send/',
      KEYREALM_SMS_WEBHOOK_HEADERS: '{"X-Api-Key":"k1","Authorization":"Bearer t"}',
      KEYREALM_SMS_WEBHOOK_BODY: '{"msisdn":"{{to}}","text":"{{body}}","id":"{{message_id}}"}',
    });
    assert.equal(webhook.smsWebhookUrl, 'https://sms.example.com/send');
    assert.deepEqual(webhook.smsWebhookHeaders, { 'x-api-key': 'k1', authorization: 'Bearer t' });
    assert.equal(createSmsSender(webhook, capturedLogger().logger).name, 'webhook');

    const config = loadConfig({ ...twilio, KEYREALM_TWILIO_BASE_URL: 'http://127.0.0.1:9999/' });
    assert.equal(config.twilioBaseUrl, 'http://127.0.0.1:9999');
    assert.equal(createSmsSender(config, capturedLogger().logger).name, 'twilio');
    for (const from of [`MG${'0f'.repeat(16)}`, 'Acme', 'Acme 2FA']) assert.equal(loadConfig({ ...twilio, KEYREALM_TWILIO_FROM: from }).twilioFrom, from);
  });

  it('refuses a bad value with one line naming the option', () => {
    assert.equal(refusal({ KEYREALM_SMS_PROVIDER: 'pigeon' }), 'Invalid configuration: KEYREALM_SMS_PROVIDER must be outbox, webhook or twilio.');
    assert.match(refusal({ KEYREALM_SMS_PROVIDER: 'webhook', KEYREALM_SMS_WEBHOOK_URL: 'ftp://x' }), /^Invalid configuration: KEYREALM_SMS_WEBHOOK_URL must be an http\(s\) URL\.$/);
    for (const headers of ['not json', '["x"]', '{"X-Key":1}', '{"X-Key":"a\\r\\nInjected: b"}', '{"bad name":"x"}', '{"Content-Length":"5"}']) {
      assert.match(refusal({ KEYREALM_SMS_PROVIDER: 'webhook', KEYREALM_SMS_WEBHOOK_URL: 'https://s.example', KEYREALM_SMS_WEBHOOK_HEADERS: headers }), /KEYREALM_SMS_WEBHOOK_HEADERS must be a JSON object/, headers);
    }
    // An unknown variable, a value outside quotes (not JSON once filled in), a template that does not compile.
    for (const body of ['{"to":"{{to}}","text":"{{text}}"}', '{"to":{{to}}}', '{"to":"{{#if to}}"}', '{{log body}}']) {
      assert.match(refusal({ KEYREALM_SMS_PROVIDER: 'webhook', KEYREALM_SMS_WEBHOOK_URL: 'https://s.example', KEYREALM_SMS_WEBHOOK_BODY: body }), /KEYREALM_SMS_WEBHOOK_BODY must be a Handlebars template giving JSON/, body);
    }
    assert.match(refusal({ ...twilio, KEYREALM_TWILIO_FROM: '555-0100' }), /KEYREALM_TWILIO_FROM must be an E\.164 number/);
    assert.match(refusal({ ...twilio, KEYREALM_TWILIO_ACCOUNT_SID: 'AC/../x' }), /KEYREALM_TWILIO_ACCOUNT_SID must be an account SID/);
  });

  it("refuses a provider without its options, and another provider's options", () => {
    assert.equal(refusal({ KEYREALM_SMS_PROVIDER: 'webhook' }), 'Invalid configuration: KEYREALM_SMS_WEBHOOK_URL must be set when KEYREALM_SMS_PROVIDER is webhook.');
    for (const name of ['KEYREALM_TWILIO_ACCOUNT_SID', 'KEYREALM_TWILIO_AUTH_TOKEN', 'KEYREALM_TWILIO_FROM']) {
      const env: Record<string, string> = { ...twilio };
      delete env[name];
      assert.equal(refusal(env), `Invalid configuration: ${name} must be set when KEYREALM_SMS_PROVIDER is twilio.`);
    }
    assert.equal(
      refusal({ KEYREALM_SMS_WEBHOOK_URL: 'https://sms.example.com' }),
      'Invalid configuration: KEYREALM_SMS_WEBHOOK_URL is set but KEYREALM_SMS_PROVIDER is outbox (set KEYREALM_SMS_PROVIDER=webhook, or unset KEYREALM_SMS_WEBHOOK_URL).',
    );
    assert.match(refusal({ ...twilio, KEYREALM_SMS_WEBHOOK_HEADERS: '{"x-key":"k"}' }), /KEYREALM_SMS_WEBHOOK_HEADERS is set but KEYREALM_SMS_PROVIDER is twilio/);
    assert.match(refusal({ KEYREALM_SMS_PROVIDER: 'webhook', KEYREALM_SMS_WEBHOOK_URL: 'https://s.example', KEYREALM_TWILIO_FROM: '+15005550006' }), /KEYREALM_TWILIO_FROM is set but/);
    // The default body template, written out, is not a mistake.
    assert.equal(loadConfig({ KEYREALM_SMS_WEBHOOK_BODY: DEFAULT_WEBHOOK_BODY }).smsProvider, 'outbox');
  });

  it('keeps provider credentials out of the log should the configuration ever be logged', async () => {
    const log = capturedLogger();
    const config = loadConfig({ ...twilio });
    log.logger.info({ config, sms: { auth_token: config.twilioAuthToken } }, 'configuration');
    const webhook = loadConfig({ KEYREALM_SMS_PROVIDER: 'webhook', KEYREALM_SMS_WEBHOOK_URL: 'https://s.example', KEYREALM_SMS_WEBHOOK_HEADERS: '{"x-api-key":"header-secret"}' });
    log.logger.info({ config: webhook }, 'configuration');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(log.lines.length, 2);
    assert.ok(!log.raw().includes('twilio-auth-token-secret') && !log.raw().includes('header-secret'), log.raw());
  });
});
