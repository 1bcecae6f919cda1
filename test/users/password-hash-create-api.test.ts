import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { hashWasmArgon2, opensslHashes, pythonHashes } from '../auth/password-hash-tools.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';

const PASSWORD = 'migrated Pässword 7';

/** Hashes made by other tools: created through the API, then upgraded by the first sign-in. */
for (const dialect of dialects) {
  describe(`users created with a password_hash on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realm: Realm;
    let hashes: Record<string, string>;
    let counter = 0;

    before(async () => {
      realm = await server.services.realms.create({ name: 'Migrated', slug: 'migrated' }, operator);
      const openssl = await opensslHashes(PASSWORD);
      hashes = { ...(await pythonHashes(PASSWORD)), ...(await hashWasmArgon2(PASSWORD)), 'openssl-pbkdf2': openssl.pbkdf2, 'openssl-scrypt': openssl.scrypt };
    });

    const create = (payload: unknown) => send(server, 'POST', '/admin/v1/realms/migrated/users', payload, server.adminHeaders);
    const login = (identifier: string, password: string) => send(server, 'POST', '/realms/migrated/auth/login', { identifier, password });
    const stored = async (userId: string) =>
      (await server.database.db.selectFrom('users').select(['password_hash', 'version']).where('id', '=', userId).executeTakeFirstOrThrow());

    it('every format signs in, and the first success stores argon2id with the current parameters', async () => {
      for (const [format, hash] of Object.entries(hashes)) {
        const username = `moved-${++counter}`;
        const created = await create({ username, password_hash: hash });
        assert.equal(created.statusCode, 201, `${format}: ${created.body}`);
        assert.equal(created.json().has_password, true);
        assert.doesNotMatch(created.body, /password_hash|\$argon2|\$2b\$|pbkdf2|scrypt/, 'the hash is never returned');
        const id = created.json().id;
        assert.equal((await stored(id)).password_hash, hash, `${format}: stored as given`);

        const wrong = await login(username, `${PASSWORD}x`);
        assert.deepEqual([wrong.statusCode, errorCode(wrong)], [401, 'auth.invalid_credentials'], format);
        assert.equal((await stored(id)).password_hash, hash, `${format}: a failed sign-in upgrades nothing`);

        assert.equal((await login(username, PASSWORD)).statusCode, 200, `${format}: signs in`);
        const upgraded = await stored(id);
        assert.match(upgraded.password_hash ?? '', /^\$argon2id\$v=19\$m=1024,t=1,p=1\$/, `${format}: upgraded`);
        assert.equal(Number(upgraded.version), 1, `${format}: no new version`);

        assert.equal((await login(username, PASSWORD)).statusCode, 200, `${format}: signs in again`);
        assert.equal((await stored(id)).password_hash, upgraded.password_hash, `${format}: upgraded once`);
        assert.equal((await login(username, `${PASSWORD}x`)).statusCode, 401, `${format}: still refuses a wrong password`);
      }
      const events = await server.services.events.list(server.database.db, realm.id, { type: 'user.updated' }, { limit: 10 });
      assert.deepEqual(events.items, [], 'upgrades record no user.updated');
    });

    it('refuses a password together with a hash, unsupported hashes and wrong types', async () => {
      const both = await create({ username: 'both-ways', password: PASSWORD, password_hash: hashes['bcrypt-2b'] });
      assert.equal(both.statusCode, 400);
      assert.deepEqual(both.json().error.code, 'user.invalid');
      assert.deepEqual(both.json().error.details, [{ field: 'password_hash', issue: 'cannot be given together with password' }]);

      for (const hash of ['plain text', '$2x$04$y18HA5PZzIv1dkDe3nwUGOxrBnV5mZ5rJdO2/eTl14XfD3TJUJ856', '$argon2id$v=19$m=9999999,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5', '']) {
        const refused = await create({ username: 'not-imported', password_hash: hash });
        assert.deepEqual([refused.statusCode, errorCode(refused)], [400, 'user.unsupported_password_hash'], hash);
        assert.equal(refused.json().error.details[0].field, 'password_hash');
      }
      const tooLong = await create({ username: 'not-imported', password_hash: `$2b$04$${'a'.repeat(1020)}` });
      assert.deepEqual([tooLong.statusCode, errorCode(tooLong)], [400, 'request.validation_failed']);
      assert.equal(tooLong.json().error.details[0].field, 'password_hash');
      const wrongType = await create({ username: 'not-imported', password_hash: 42 });
      assert.deepEqual([wrongType.statusCode, errorCode(wrongType)], [400, 'request.validation_failed']);
      const nullHash = await create({ username: 'not-imported', password_hash: null });
      assert.equal(nullHash.statusCode, 400);
      const list = await send(server, 'GET', '/admin/v1/realms/migrated/users?username=not-imported', undefined, server.adminHeaders);
      assert.deepEqual(list.json().items, [], 'nothing was created');
    });

    it('the identifier rules still apply to a user with a hash, and PATCH cannot set one', async () => {
      const invalid = await create({ email: 'not-an-email', password_hash: hashes['pbkdf2-sha256'] });
      assert.deepEqual([invalid.statusCode, errorCode(invalid)], [400, 'user.invalid']);
      const user = (await create({ username: 'patched', password: PASSWORD })).json();
      const patch = await send(server, 'PATCH', `/admin/v1/realms/migrated/users/${user.id}`, { password_hash: hashes['pbkdf2-sha256'] }, server.adminHeaders);
      assert.deepEqual([patch.statusCode, errorCode(patch)], [400, 'request.validation_failed']);
    });
  });
}
