import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { createPasswordHasher, isSupportedPasswordHash, passwordHashIssue } from '../../src/platform/passwords.ts';
import { cheapArgon2 } from '../support/fixtures.ts';
import { hashWasmArgon2, opensslHashes, pythonHashes, type PythonHashes } from './password-hash-tools.ts';

const hasher = createPasswordHasher(cheapArgon2);
const REALM = 'rlm_formats';

/** Made once with hash-wasm 4.13 (argon2id/argon2i/argon2d, encoded output) for "fixture password". */
const ARGON2_FIXTURES = {
  argon2id: '$argon2id$v=19$m=19456,t=2,p=1$D3saykzTSgMp1wfGXll8PQ$uUc0HagDvSfOV3pKXAdzS1Oy2BkVbyc3TBoOfQmH9EQ',
  argon2i: '$argon2i$v=19$m=4096,t=3,p=2$92YOXKQk4aPGWhloLdQp0A$+SexTcGmmIFyRLhFGtIsQdyrLmJAYoToSIvOVTTu2S8',
  argon2d: '$argon2d$v=19$m=1024,t=4,p=4$OlLiYmJkPoUb/yS/AhDL9Q$vihhSTzC8Hj2eo6IIwQhH/lBIQeQWbtRAGwOMw8Mq0I',
};

async function assertVerifies(hash: string, password: string, label: string) {
  assert.ok(isSupportedPasswordHash(hash), `${label}: ${passwordHashIssue(hash)}`);
  assert.equal(await hasher.verify(REALM, password, hash), true, `${label} accepts the right password`);
  assert.equal(await hasher.verify(REALM, `${password}!`, hash), false, `${label} refuses a wrong password`);
  assert.equal(await hasher.verify(REALM, password.slice(1), hash), false, `${label} refuses a shorter password`);
  assert.equal(hasher.needsRehash(hash), true, `${label} is upgraded at the next sign-in`);
}

describe('imported password hashes', () => {
  const PASSWORD = 'imported Pässword 1';
  let python: PythonHashes;
  before(async () => (python = await pythonHashes(PASSWORD)));

  it('argon2id, argon2i and argon2d fixtures made by hash-wasm verify', async () => {
    for (const [variant, hash] of Object.entries(ARGON2_FIXTURES)) await assertVerifies(hash, 'fixture password', variant);
  });

  it('argon2 hashes made by hash-wasm at test time verify, with other salt, tag and lane counts', async () => {
    for (const [variant, hash] of Object.entries(await hashWasmArgon2(PASSWORD))) await assertVerifies(hash, PASSWORD, variant);
  });

  it("Python's PBKDF2 (passlib and Django strings), scrypt and libxcrypt's bcrypt verify", async () => {
    for (const [format, hash] of Object.entries(python)) await assertVerifies(hash, PASSWORD, format);
  });

  it('PBKDF2 and scrypt keys derived by the openssl command verify', async () => {
    for (const [format, hash] of Object.entries(await opensslHashes(PASSWORD))) await assertVerifies(hash, PASSWORD, `openssl ${format}`);
  });

  it('bcrypt checks exactly what bcrypt does: only the first 72 bytes count', async () => {
    const long = 'x'.repeat(72);
    const { 'bcrypt-2b': hash } = await pythonHashes(`${long}-first-ending`);
    assert.equal(await hasher.verify(REALM, `${long}-another-ending`, hash), true);
    assert.equal(await hasher.verify(REALM, `${'x'.repeat(71)}y-first-ending`, hash), false);
  });

  it('the password is tried as given, then in its NFKC form', async () => {
    const raw = 'ﬁsh Ｐassword'; // NFKC: "fish Password"
    const normalised = raw.normalize('NFKC');
    assert.notEqual(raw, normalised);
    const fromRaw = await pythonHashes(raw);
    const fromNormalised = await pythonHashes(normalised);
    for (const format of ['pbkdf2-sha256', 'scrypt', 'bcrypt-2b'] as const) {
      assert.equal(await hasher.verify(REALM, raw, fromRaw[format]), true, `${format}: the system did not normalise`);
      assert.equal(await hasher.verify(REALM, normalised, fromRaw[format]), false, `${format}: the normal form is another password`);
      assert.equal(await hasher.verify(REALM, raw, fromNormalised[format]), true, `${format}: the system normalised`);
    }
    const argon2 = await hashWasmArgon2(raw);
    assert.equal(await hasher.verify(REALM, raw, argon2.argon2id), true, 'argon2 made of the raw form');
  });
});

describe('docs/password-hashes.md', () => {
  it('every example hash is of "fixture password"', async () => {
    const section = readFileSync('docs/password-hashes.md', 'utf8').split('## Accepted formats')[1].split('\n## ')[0];
    const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| family') && !line.startsWith('| ---'));
    assert.equal(rows.length, 7);
    for (const row of rows) {
      const example = /`([^`]+)` \|$/.exec(row)?.[1] ?? '';
      assert.equal(await hasher.verify(REALM, 'fixture password', example), true, example);
    }
  });
});

describe('hashes that cannot be imported', () => {
  const salt = 'c2FsdHNhbHRzYWx0c2FsdA';
  const key = 'a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U';
  const bcryptTail = 'y18HA5PZzIv1dkDe3nwUGOxrBnV5mZ5rJdO2/eTl14XfD3TJUJ856';
  const refused: [string, RegExp][] = [
    ['', /not a supported hash format/],
    ['correct horse battery', /not a supported hash format/],
    ['$1$abcdefgh$0123456789abcdefghijkl', /not a supported hash format/],
    ['$5$rounds=5000$salt$hash', /not a supported hash format/],
    [`$argon2id$v=16$m=1024,t=1,p=1$${salt}$${key}`, /version 16/],
    [`$argon2id$m=1024,t=1,p=1$${salt}$${key}`, /not an argon2 PHC string/],
    [`$argon2id$v=19$m=4194305,t=1,p=1$${salt}$${key}`, /m=4194305/],
    [`$argon2id$v=19$m=1024,t=101,p=1$${salt}$${key}`, /t=101/],
    [`$argon2id$v=19$m=1024,t=0,p=1$${salt}$${key}`, /t=0/],
    [`$argon2id$v=19$m=1024,t=1,p=65$${salt}$${key}`, /p=65/],
    [`$argon2id$v=19$m=15,t=1,p=2$${salt}$${key}`, /m=15/],
    [`$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$${key}`, /4-byte salt/],
    [`$argon2id$v=19$m=1024,t=1,p=1$${salt}$a2V5a2V5`, /6-byte hash/],
    [`$argon2id$v=19$m=1024,t=1,p=1$${salt}$${key}$extra`, /not an argon2 PHC string/],
    [`$argon2id$v=19$m=1024,t=1,p=1$${salt}$not*base64`, /not base64/],
    [`$argon2id$v=19$m=1024,t=1,p=1,keyid=1$${salt}$${key}`, /not an argon2 PHC string/],
    [`$2x$04$${bcryptTail}`, /\$2x\$/],
    [`$2$04$${bcryptTail}`, /\$2\$/],
    [`$2c$04$${bcryptTail}`, /\$2c\$/],
    [`$2b$03$${bcryptTail}`, /cost 3/],
    [`$2b$19$${bcryptTail}`, /cost 19/],
    [`$2b$04$${bcryptTail}x`, /not a bcrypt hash/],
    [`$2b$04$${bcryptTail.replace('y', '+')}`, /not a bcrypt hash/],
    [`$scrypt$ln=0,r=8,p=1$${salt}$${key}`, /ln=0/],
    [`$scrypt$ln=10,r=0,p=1$${salt}$${key}`, /r=0/],
    [`$scrypt$ln=10,r=8,p=65$${salt}$${key}`, /p=65/],
    [`$scrypt$ln=20,r=1,p=1$${salt}$${key}`, /ln below 16·r/],
    [`$scrypt$ln=25,r=256,p=1$${salt}$${key}`, /at most 128 MiB/],
    [`$scrypt$ln=10,r=8,p=1$$${key}`, /not a scrypt hash/],
    [`$scrypt$ln=10,r=8,p=1$${salt}$a2V5`, /3-byte hash/],
    [`$pbkdf2$1000$${salt}$${key}`, /not a supported hash format/],
    [`$pbkdf2-sha1$1000$${salt}$${key}`, /not a passlib PBKDF2 hash/],
    [`$pbkdf2-sha256$0$${salt}$${key}`, /0 iterations/],
    [`$pbkdf2-sha256$10000001$${salt}$${key}`, /10000001 iterations/],
    [`$pbkdf2-sha256$1e3$${salt}$${key}`, /1e3 iterations/],
    [`$pbkdf2-sha512$1000$${salt}$%%%`, /not base64/],
    [`pbkdf2_sha1$1000$salt$${key}=`, /not a supported hash format/],
    ['pbkdf2_sha256$1000$salt$a2V5a2V5a2V5', /9-byte hash/],
    ['pbkdf2_sha256$-5$salt$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=', /-5 iterations/],
    [`$argon2id$v=19$m=1024,t=1,p=1$${salt}$${'A'.repeat(1000)}`, /longer than 1024/],
  ];

  it('are refused with an issue that says why, and never verify', async () => {
    for (const [hash, issue] of refused) {
      assert.match(passwordHashIssue(hash) ?? 'accepted', issue, hash);
      assert.equal(isSupportedPasswordHash(hash), false, hash);
      assert.equal(await hasher.verify(REALM, 'anything', hash), false, hash);
      assert.equal(hasher.needsRehash(hash), true, hash);
    }
  });
});

describe('needsRehash and the hashes made here', () => {
  it('is false only for argon2id with the configured m, t and p', async () => {
    const own = await hasher.hash(REALM, 'some password');
    assert.match(own, /^\$argon2id\$v=19\$m=1024,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.equal(hasher.needsRehash(own), false);
    assert.equal(await hasher.verify(REALM, 'some password', own), true);
    const stronger = createPasswordHasher({ ...cheapArgon2, passes: 2 });
    assert.equal(stronger.needsRehash(own), true, 'more passes configured');
    assert.equal(createPasswordHasher({ ...cheapArgon2, memoryKib: 2048 }).needsRehash(own), true, 'more memory configured');
    assert.equal(createPasswordHasher({ ...cheapArgon2, parallelism: 2 }).needsRehash(own), true, 'more lanes configured');
    assert.equal(await stronger.verify(REALM, 'some password', own), true, 'older parameters still verify');
    const argon2i = own.replace('$argon2id$', '$argon2i$');
    assert.equal(hasher.needsRehash(argon2i), true, 'argon2i with the same parameters');
  });

  it('hashes the NFKC form, so every form of the password verifies, and the dummy check completes', async () => {
    const own = await hasher.hash(REALM, 'ﬁsh Ｐassword');
    assert.equal(await hasher.verify(REALM, 'fish Password', own), true);
    assert.equal(await hasher.verify(REALM, 'ﬁsh Ｐassword', own), true);
    assert.equal(await hasher.verify(REALM, 'fish password', own), false);
    await hasher.verifyDummy(REALM, 'ﬁsh Ｐassword');
  });
});
