import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadMasterKey, masterKeyPath } from '../../src/platform/master-key.ts';

const root = mkdtempSync(join(tmpdir(), 'keyrealm-master-key-'));
after(() => rmSync(root, { recursive: true, force: true }));

const freshDir = () => mkdtempSync(join(root, 'data-'));

describe('master key', () => {
  it('uses KEYREALM_MASTER_KEY when set and writes no file', () => {
    const dataDir = freshDir();
    const configured = Buffer.alloc(32, 9);
    const warnings: string[] = [];
    const key = loadMasterKey({ configured: configured.toString('base64'), dataDir, warn: (m) => warnings.push(m) });
    assert.deepEqual(key, configured);
    assert.deepEqual(readdirSync(dataDir), []);
    assert.deepEqual(warnings, []);
  });

  it('generates a private key file on first start with a warning, and reuses it silently', () => {
    const dataDir = join(freshDir(), 'nested');
    const warnings: string[] = [];
    const first = loadMasterKey({ configured: undefined, dataDir, warn: (m) => warnings.push(m) });
    assert.equal(first.length, 32);
    assert.equal(statSync(masterKeyPath(dataDir)).mode & 0o777, 0o600);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /KEYREALM_MASTER_KEY/);
    assert.ok(!warnings[0].includes(first.toString('base64')), 'the key itself is never logged');

    const second = loadMasterKey({ configured: undefined, dataDir, warn: (m) => warnings.push(m) });
    assert.deepEqual(second, first);
    assert.equal(warnings.length, 1);
    assert.deepEqual(readdirSync(dataDir), ['master.key'], 'no temporary file is left behind');
  });

  it('refuses a key file that does not hold 32 bytes', () => {
    const dataDir = freshDir();
    writeFileSync(masterKeyPath(dataDir), Buffer.alloc(8).toString('base64'));
    assert.throws(() => loadMasterKey({ configured: undefined, dataDir, warn: () => {} }), /must be 32 bytes/);
  });
});
