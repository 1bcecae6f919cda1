import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { systemActor } from '../../src/events/event-log.ts';
import { createPasswordHasher, passwordHashIssue } from '../../src/platform/passwords.ts';
import { dialects } from '../support/databases.ts';
import { cheapArgon2 } from '../support/fixtures.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { hashesAtTheBounds, type BoundHashes } from './password-hash-bounds-tools.ts';

const salt = 'c2FsdHNhbHRzYWx0c2FsdA';
const key = 'a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U';
const bcryptTail = 'y18HA5PZzIv1dkDe3nwUGOxrBnV5mZ5rJdO2/eTl14XfD3TJUJ856';
const sha512Key = `${key}${key}`;
/** A key of `bytes` bytes, in passlib's unpadded base64. */
const keyOf = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64').replace(/=+$/, '');

/** Each at its bound, and the bound named in the refusal of the next step beyond it. */
const atTheBound = [
  `$argon2id$v=19$m=131072,t=2,p=8$${salt}$${key}`,
  `$argon2id$v=19$m=26214,t=10,p=1$${salt}$${key}`,
  `$argon2i$v=19$m=65536,t=4,p=4$${salt}$${key}`,
  `$2b$14$${bcryptTail}`,
  `$scrypt$ln=17,r=8,p=2$${salt}$${key}`,
  `$scrypt$ln=14,r=8,p=8$${salt}$${key}`,
  `$pbkdf2-sha256$2000000$${salt}$${key}`,
  `$pbkdf2-sha512$1000000$${salt}$${sha512Key}`,
  `pbkdf2_sha256$2000000$saltsalt$${key}=`,
  // Two blocks of key: Keycloak's PBKDF2-SHA256 keys are 64 bytes; a long key at few iterations costs as little.
  `$pbkdf2-sha256$2000000$${salt}$${keyOf(64)}`,
  `$pbkdf2-sha256$250000$${salt}$${keyOf(512)}`,
];
const beyondTheBound: [string, string][] = [
  [`$argon2id$v=19$m=131073,t=1,p=1$${salt}$${key}`, 'has m=131073; 8 to 131072 KiB are accepted'],
  [`$argon2id$v=19$m=1048576,t=20,p=1$${salt}$${key}`, 'has t=20; 1 to 10 passes are accepted'],
  [`$argon2id$v=19$m=1024,t=11,p=1$${salt}$${key}`, 'has t=11; 1 to 10 passes are accepted'],
  [`$argon2id$v=19$m=1024,t=1,p=9$${salt}$${key}`, 'has p=9; 1 to 8 lanes are accepted'],
  [`$argon2id$v=19$m=131072,t=3,p=1$${salt}$${key}`, 'has m=131072,t=3; memory times passes (m·t) may be at most 262144 KiB'],
  [`$argon2d$v=19$m=26215,t=10,p=1$${salt}$${key}`, 'has m=26215,t=10; memory times passes (m·t) may be at most 262144 KiB'],
  [`$2b$15$${bcryptTail}`, 'has bcrypt cost 15; 4 to 14 are accepted'],
  [`$2y$18$${bcryptTail}`, 'has bcrypt cost 18; 4 to 14 are accepted'],
  [`$scrypt$ln=18,r=8,p=1$${salt}$${key}`, 'needs 256 MiB (128·N·r); at most 128 MiB is accepted'],
  [`$scrypt$ln=17,r=8,p=3$${salt}$${key}`, 'has work 128·N·r·p of 384 MiB; at most 256 MiB is accepted'],
  [`$scrypt$ln=10,r=8,p=9$${salt}$${key}`, 'has r=8, p=9; r must be 1 to 256 and p 1 to 8'],
  [`$pbkdf2-sha256$2000001$${salt}$${key}`, 'has 2000001 iterations; 1 to 2000000 are accepted for SHA256'],
  [`$pbkdf2-sha512$1000001$${salt}$${sha512Key}`, 'has 1000001 iterations; 1 to 1000000 are accepted for SHA512'],
  [`pbkdf2_sha256$2000001$saltsalt$${key}=`, 'has 2000001 iterations; 1 to 2000000 are accepted for SHA256'],
  // Found by review: every iteration is repeated for each block of key, so a long key multiplied the bounded cost.
  [`$pbkdf2-sha256$2000000$${salt}$${keyOf(96)}`, 'has 2000000 iterations for a 96-byte key, 3 blocks of 32 bytes each done again: at most 4000000 iterations × blocks are accepted for SHA256'],
  [`$pbkdf2-sha512$1000000$${salt}$${keyOf(160)}`, 'has 1000000 iterations for a 160-byte key, 3 blocks of 64 bytes each done again: at most 2000000 iterations × blocks are accepted for SHA512'],
];

describe('the bounds on imported hashes', () => {
  it('accept every family at its bound', () => {
    for (const hash of atTheBound) assert.equal(passwordHashIssue(hash), undefined, hash);
  });

  it('refuse one step beyond, naming the bound', () => {
    for (const [hash, issue] of beyondTheBound) assert.equal(passwordHashIssue(hash), issue, hash);
  });

  it('a stored hash beyond them (imported before they were tightened, or made at larger configured parameters) still verifies', async () => {
    const hasher = createPasswordHasher(cheapArgon2);
    const big = createPasswordHasher({ memoryKib: 8192, passes: 11, parallelism: 1 });
    const own = await big.hash('rlm_bounds', 'a long-lived password');
    assert.match(passwordHashIssue(own) ?? '', /t=11/, 'not importable');
    assert.equal(await hasher.verify('rlm_bounds', 'a long-lived password', own), true);
    assert.equal(await hasher.verify('rlm_bounds', 'another password', own), false);
  });
});

for (const dialect of dialects) {
  describe(`imports at and beyond the bounds on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    const PASSWORD = 'bounded Password 9';
    let real: BoundHashes;

    before(async () => {
      await server.services.realms.create({ name: 'Bounded', slug: 'bounded' }, systemActor);
      real = await hashesAtTheBounds(PASSWORD);
    });

    const create = (payload: unknown) => send(server, 'POST', '/admin/v1/realms/bounded/users', payload, server.adminHeaders);

    it('one at a time: beyond a bound is 400 naming it; at the bound is created', async () => {
      for (const [hash, issue] of beyondTheBound) {
        const refused = await create({ username: 'too-costly', password_hash: hash });
        assert.deepEqual([refused.statusCode, errorCode(refused)], [400, 'user.unsupported_password_hash'], hash);
        assert.deepEqual(refused.json().error.details, [{ field: 'password_hash', issue }]);
        assert.equal(refused.json().error.message, `password_hash ${issue}.`);
      }
      for (const [index, hash] of atTheBound.entries()) {
        const created = await create({ username: `at-bound-${index}`, password_hash: hash });
        assert.equal(created.statusCode, 201, `${hash}: ${created.body}`);
      }
    });

    it('in bulk: each item beyond a bound fails on its own with the bound named', async () => {
      const items = [...beyondTheBound.map(([hash], i) => ({ username: `bulk-over-${i}`, password_hash: hash })), { username: 'bulk-at', password_hash: atTheBound[0] }];
      const response = await send(server, 'POST', '/admin/v1/realms/bounded/users/import', { users: items }, server.adminHeaders);
      assert.equal(response.statusCode, 200);
      const { created, failed } = response.json();
      assert.deepEqual(created.map((c: { index: number }) => c.index), [beyondTheBound.length]);
      assert.deepEqual(
        failed.map((f: { index: number; code: string; details: unknown }) => [f.index, f.code, f.details]),
        beyondTheBound.map(([, issue], i) => [i, 'user.unsupported_password_hash', [{ field: 'password_hash', issue }]]),
      );
    });

    it('real hashes at the bounds sign in with the right password and refuse a wrong one', async () => {
      for (const [family, hash] of Object.entries(real)) {
        const username = `real-${family}`;
        assert.equal((await create({ username, password_hash: hash })).statusCode, 201, family);
        const wrong = await send(server, 'POST', '/realms/bounded/auth/login', { identifier: username, password: `${PASSWORD}!` });
        assert.deepEqual([wrong.statusCode, errorCode(wrong)], [401, 'auth.invalid_credentials'], family);
        await server.login('bounded', username, PASSWORD);
      }
    });
  });
}
