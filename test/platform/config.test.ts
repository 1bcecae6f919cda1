import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, listeningOn, loadConfig } from '../../src/config/config.ts';
import { options } from '../../src/config/options.ts';

const dir = mkdtempSync(join(tmpdir(), 'keyrealm-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function configFile(content: unknown): string {
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.message;
  }
  assert.fail(`configuration ${JSON.stringify(env)} was accepted`);
}

describe('configuration', () => {
  it('has the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.publicUrl, 'http://localhost:8080');
    assert.equal(config.dataDir, './data');
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.redisUrl, undefined);
    assert.equal(config.masterKey, undefined);
    assert.equal(config.maxRealms, 100);
    assert.equal(config.workers, 1);
    assert.equal(config.rateLimits, true);
    assert.equal(config.trustProxy, false);
    assert.deepEqual([config.argon2MemoryKib, config.argon2Passes, config.argon2Parallelism], [19_456, 2, 1]);
    assert.equal(config.logFormat, 'auto');
  });

  it('derives the default public URL from the port, and from the bound port when it is 0', () => {
    assert.equal(loadConfig({ KEYREALM_PORT: '18659' }).publicUrl, 'http://localhost:18659');
    assert.equal(listeningOn(loadConfig({ KEYREALM_PORT: '0' }), 43117).publicUrl, 'http://localhost:43117');
    const configured = loadConfig({ KEYREALM_PORT: '0', KEYREALM_PUBLIC_URL: 'https://id.example.com' });
    assert.equal(listeningOn(configured, 43117).publicUrl, 'https://id.example.com', 'a configured public URL is kept');
  });

  it('refuses an unknown log format', () => {
    assert.throws(() => loadConfig({ KEYREALM_LOG_FORMAT: 'xml' }), /KEYREALM_LOG_FORMAT must be auto .*json or pretty/);
    assert.equal(loadConfig({ KEYREALM_LOG_FORMAT: 'pretty' }).logFormat, 'pretty');
  });

  it('reads KEYREALM_* variables', () => {
    const config = loadConfig({
      KEYREALM_PORT: '9000',
      KEYREALM_PUBLIC_URL: 'https://id.example.com/',
      KEYREALM_DATABASE_URL: 'postgres://u@db/keyrealm',
      KEYREALM_WORKERS: 'auto',
      KEYREALM_RATE_LIMITS: 'off',
      KEYREALM_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
      KEYREALM_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    assert.equal(config.port, 9000);
    assert.equal(config.publicUrl, 'https://id.example.com', 'the trailing slash is dropped');
    assert.equal(config.databaseUrl, 'postgres://u@db/keyrealm');
    assert.equal(config.workers, 0, "'auto' means one worker per core");
    assert.equal(config.rateLimits, false);
    assert.deepEqual(config.trustProxy, ['10.0.0.0/8', '127.0.0.1']);
  });

  const invalid: [string, string][] = [
    ['KEYREALM_PORT', '70000'],
    ['KEYREALM_PORT', 'eighty'],
    ['KEYREALM_PUBLIC_URL', 'ftp://example.com'],
    ['KEYREALM_DATABASE_URL', 'mysql://db/keyrealm'],
    ['KEYREALM_DATABASE_POOL_SIZE', '0'],
    ['KEYREALM_REDIS_URL', 'not a url'],
    ['KEYREALM_MASTER_KEY', Buffer.alloc(16).toString('base64')],
    ['KEYREALM_MAX_REALMS', '-1'],
    ['KEYREALM_LOG_LEVEL', 'loud'],
    ['KEYREALM_BODY_LIMIT', '10'],
    ['KEYREALM_WORKERS', '65'],
    ['KEYREALM_RATE_LIMITS', 'maybe'],
    ['KEYREALM_RATE_LIMIT_LOGIN_PER_IP', '0'],
    ['KEYREALM_ARGON2_MEMORY_KIB', '512'],
    ['KEYREALM_ARGON2_PASSES', '1.5'],
    ['KEYREALM_ARGON2_PARALLELISM', '17'],
    ['KEYREALM_SMS_WEBHOOK_URL', 'https://user:secret@sms.example.com/send'],
    ['KEYREALM_TWILIO_BASE_URL', 'https://sid:token@api.example.com'],
  ];
  for (const [variable, value] of invalid) {
    it(`refuses ${variable}=${value} with one line naming the variable and what it accepts`, () => {
      const message = refusal({ [variable]: value });
      assert.equal(message.split('\n').length, 1);
      assert.match(message, new RegExp(`^Invalid configuration: ${variable} must be .+\\.$`));
      const spec = Object.values(options).find((o) => o.env === variable);
      assert.ok(spec && message.includes(spec.accepts));
    });
  }

  it('takes values from the config file, and environment variables win over it', () => {
    const path = configFile({ port: 7000, publicUrl: 'https://file.example.com', maxRealms: 5 });
    const fromFile = loadConfig({ KEYREALM_CONFIG: path });
    assert.deepEqual([fromFile.port, fromFile.publicUrl, fromFile.maxRealms], [7000, 'https://file.example.com', 5]);
    const both = loadConfig({ KEYREALM_CONFIG: path, KEYREALM_PORT: '7001' });
    assert.deepEqual([both.port, both.publicUrl], [7001, 'https://file.example.com']);
  });

  it('takes JSON values from the config file as the environment would give their text', () => {
    const path = configFile({ smsProvider: 'webhook', smsWebhookUrl: 'https://sms.example.com/send', smsWebhookHeaders: { authorization: 'Bearer k' } });
    assert.deepEqual(loadConfig({ KEYREALM_CONFIG: path }).smsWebhookHeaders, { authorization: 'Bearer k' });
  });

  it('names the option and the file for an invalid value in the config file', () => {
    const path = configFile({ port: 'high' });
    assert.equal(refusal({ KEYREALM_CONFIG: path }), `Invalid configuration: port in ${path} must be ${options.port.accepts}.`);
  });

  it('refuses an unreadable, non-JSON or non-object file and unknown options in one line', () => {
    for (const [content, expected] of [
      ['{ nope', /could not be read as JSON/],
      ['[1, 2]', /must hold a JSON object/],
      [{ prot: 1 }, /unknown option prot/],
    ] as const) {
      const message = refusal({ KEYREALM_CONFIG: configFile(content) });
      assert.match(message, expected);
      assert.equal(message.split('\n').length, 1);
    }
    assert.match(refusal({ KEYREALM_CONFIG: join(dir, 'missing.json') }), /KEYREALM_CONFIG file .*missing\.json could not be read/);
  });
});
