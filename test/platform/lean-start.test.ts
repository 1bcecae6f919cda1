import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServerProcess } from '../support/server-process.ts';

const recorder = fileURLToPath(new URL('../support/record-loaded-modules.ts', import.meta.url));

/**
 * What a server on SQLite loads by the time it answers, first start included: nothing that only
 * some requests or other deployments need (docs/benchmarks.md, memory). Each of these costs every
 * process its memory from the start when loaded eagerly.
 */
const LOADED_ON_FIRST_USE = [
  'pg', // PostgreSQL deployments only
  'ioredis', // with KEYREALM_REDIS_URL only
  'oidc-provider', // a realm's first OpenID Connect request
  '@cedar-policy/cedar-wasm', // a realm's first policy decision
  '@node-saml/node-saml', // SAML sign-ins
  'openid-client', // the first sign-in through an upstream OpenID Connect or OAuth 2.0 provider
  'oauth4webapi',
  '@xmldom/xmldom', // SAML documents
  'xpath',
  'csv-parse', // imports
  'stream-json',
  'stream-chain',
  'nodemailer', // the first mail
  'handlebars', // the first template rendered
  '@simplewebauthn/server', // passkeys
  'qrcode', // TOTP enrolment
];

describe('a lean start', () => {
  it('loads no package that only some requests need, and not Node’s fetch (undici)', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keyrealm-lean-'));
    const record = join(dataDir, 'loaded.json');
    try {
      const server = startServerProcess({ KEYREALM_DATA_DIR: dataDir, NODE_OPTIONS: `--import=${recorder}`, RECORD_LOADED_MODULES_TO: record });
      const port = await server.listening();
      assert.equal((await fetch(`http://127.0.0.1:${port}/ready`)).status, 200);
      assert.equal(await server.stop(), 0);
      const { modules, builtins } = JSON.parse(readFileSync(record, 'utf8')) as { modules: string[]; builtins: string[] };
      assert.ok(modules.some((url) => url.includes('/node_modules/fastify/')), 'the recorder saw the server’s packages');
      const packageOf = (url: string) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
      const eager = [...new Set(modules.map(packageOf))].filter((name) => name !== undefined && LOADED_ON_FIRST_USE.includes(name));
      assert.deepEqual(eager, []);
      // Importing node:http as an ES module reads its lazy WebSocket export, which loads undici.
      assert.deepEqual(builtins.filter((name) => name.includes('undici')), []);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
