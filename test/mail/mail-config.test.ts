import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

describe('mail configuration', () => {
  it('defaults to the outbox, polling every second, with no configured sender', () => {
    const config = loadConfig({});
    assert.equal(config.smtpUrl, undefined);
    assert.equal(config.mailFrom, undefined);
    assert.equal(config.mailPollMs, 1000);
  });

  it('reads an SMTP URL, a sender with or without a name, and the poll interval', () => {
    const config = loadConfig({
      KEYREALM_SMTP_URL: 'smtps://user:p%40ss@smtp.example.com:465',
      KEYREALM_MAIL_FROM: 'Acme Identity <id@acme.example>',
      KEYREALM_MAIL_POLL_MS: '250',
    });
    assert.equal(config.smtpUrl, 'smtps://user:p%40ss@smtp.example.com:465');
    assert.deepEqual(config.mailFrom, { name: 'Acme Identity', address: 'id@acme.example' });
    assert.equal(config.mailPollMs, 250);
    assert.deepEqual(loadConfig({ KEYREALM_MAIL_FROM: 'no-reply@acme.example' }).mailFrom, { name: null, address: 'no-reply@acme.example' });
  });

  it('refuses values it cannot use, naming the option', () => {
    for (const [name, value] of [
      ['KEYREALM_SMTP_URL', 'http://smtp.example.com'],
      ['KEYREALM_SMTP_URL', 'not a url'],
      ['KEYREALM_MAIL_FROM', 'nobody'],
      ['KEYREALM_MAIL_FROM', 'Evil <a@b.c>\r\nBcc: x@y.z'],
      ['KEYREALM_MAIL_POLL_MS', '10'],
    ]) {
      assert.throws(() => loadConfig({ [name]: value }), (error: unknown) => error instanceof ConfigError && error.message.includes(name), `${name}=${value}`);
    }
  });
});
