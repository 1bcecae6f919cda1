import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { systemActor } from '../../src/events/event-log.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { pythonHashes, type PythonHashes } from '../auth/password-hash-tools.ts';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';

const PASSWORD = 'bulk Password 42';

/** POST /admin/v1/realms/{realm}/users/import: every item created or refused on its own. */
for (const dialect of dialects) {
  describe(`bulk user import on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let alpha: Realm;
    let hashes: PythonHashes;
    let readerHeaders: { authorization: string };
    let alphaManagerHeaders: { authorization: string };

    async function operatorHeaders(email: string, grants: unknown[]) {
      await server.services.operators.create({ email, password: 'operator password', grants: grants as never }, systemActor);
      return bearer((await server.login('admin', email, 'operator password')).access_token);
    }

    before(async () => {
      alpha = await server.services.realms.create({ name: 'Alpha', slug: 'alpha' }, systemActor);
      await server.services.realms.create({ name: 'Beta', slug: 'beta' }, systemActor);
      hashes = await pythonHashes(PASSWORD);
      readerHeaders = await operatorHeaders('reader@example.com', [{ permission: 'read' }]);
      alphaManagerHeaders = await operatorHeaders('alpha@example.com', [{ permission: 'admin_realm', realms: [alpha.id] }]);
    });

    const importInto = (slug: string, users: unknown, headers: Record<string, string> = server.adminHeaders) => send(server, 'POST', `/admin/v1/realms/${slug}/users/import`, { users }, headers);
    const usernames = async (slug: string) =>
      (await send(server, 'GET', `/admin/v1/realms/${slug}/users?limit=1000`, undefined, server.adminHeaders)).json().items.map((u: { username: string }) => u.username);

    it('creates the valid items and reports each refused one by its index', async () => {
      await server.services.users.create(alpha, { username: 'already-here', email: 'here@example.com' }, systemActor);
      const response = await importInto('alpha', [
        { username: 'bcrypt-user', email: 'bcrypt@example.com', password_hash: hashes['bcrypt-2b'], tags: ['imported'] },
        { username: 'django-user', password_hash: hashes.django, custom: { legacy_id: 7 } },
        { username: 'plain-user', password: PASSWORD },
        { username: 'no-password' },
        { email: 'not-an-email', password_hash: hashes.scrypt },
        { username: 'bad-hash', password_hash: '$2x$04$y18HA5PZzIv1dkDe3nwUGOxrBnV5mZ5rJdO2/eTl14XfD3TJUJ856' },
        { username: 'both', password: PASSWORD, password_hash: hashes.scrypt },
        { username: 'short', password: 'short' },
        { username: 'dup-email', email: 'BCRYPT@example.com', password_hash: hashes['pbkdf2-sha256'] },
        { username: 'Already-Here' },
      ]);
      assert.equal(response.statusCode, 200, response.body);
      const { created, failed } = response.json();
      assert.deepEqual(created.map((c: { index: number }) => c.index), [0, 1, 2, 3]);
      for (const entry of created) assert.match(entry.id, /^usr_/);
      assert.deepEqual(
        failed.map((f: { index: number; code: string }) => [f.index, f.code]),
        [
          [4, 'user.invalid'],
          [5, 'user.unsupported_password_hash'],
          [6, 'user.invalid'],
          [7, 'password.too_short'],
          [8, 'user.email_taken'],
          [9, 'user.username_taken'],
        ],
      );
      assert.deepEqual(failed[1].details, [{ field: 'password_hash', issue: failed[1].details[0].issue }]);
      assert.ok(failed.every((f: { message: string }) => f.message.length > 0));

      assert.deepEqual((await usernames('alpha')).sort(), ['already-here', 'bcrypt-user', 'django-user', 'no-password', 'plain-user']);
      for (const [identifier, index] of [['bcrypt@example.com', 0], ['django-user', 1], ['plain-user', 2]] as const) {
        assert.equal((await server.login('alpha', identifier, PASSWORD)).user.id, created[index].id, identifier);
      }
      const bcryptUser = await server.services.users.findWithSecret(alpha.id, created[0].id);
      assert.match(bcryptUser?.password_hash ?? '', /^\$argon2id\$/, 'upgraded at sign-in');
      assert.deepEqual(bcryptUser?.tags, ['imported']);

      const events = await server.services.events.list(server.database.db, alpha.id, { type: 'user.created' }, { limit: 100 });
      const imported = events.items.filter((e) => created.some((c: { id: string }) => c.id === e.user_id));
      assert.equal(imported.length, 4);
      for (const event of imported) {
        assert.deepEqual(event.details, { user_type: 'human', imported: true });
        assert.deepEqual(event.actor, { type: 'operator', id: server.adminId });
      }
    });

    it('refuses a body that breaks the schema as a whole, creating nothing', async () => {
      const before = await usernames('beta');
      const cases: [unknown, string][] = [
        [[], 'users'],
        [Array.from({ length: 501 }, (_, i) => ({ username: `u${i}` })), 'users'],
        [[{ username: 'ok-one' }, { username: 'typo', emial: 'x@example.com' }], 'users.1.emial'],
        [[{ username: 'ok-two' }, { username: 'wrong-type', password_hash: 5 }], 'users.1.password_hash'],
        ['not a list', 'users'],
      ];
      for (const [users, field] of cases) {
        const response = await importInto('beta', users);
        assert.deepEqual([response.statusCode, errorCode(response)], [400, 'request.validation_failed'], field);
        assert.ok(response.json().error.details.some((d: { field: string }) => d.field === field), JSON.stringify(response.json().error.details));
      }
      const extra = await send(server, 'POST', '/admin/v1/realms/beta/users/import', { users: [{ username: 'x' }], dry_run: true }, server.adminHeaders);
      assert.equal(extra.statusCode, 400);
      assert.deepEqual(await usernames('beta'), before);
    });

    it('accepts 500 users with their hashes in one request, past the general body limit', async () => {
      const users = Array.from({ length: 500 }, (_, i) => ({ username: `many-${i}`, email: `many-${i}@example.com`, password_hash: hashes['pbkdf2-sha256'], custom: { legacy_id: i, note: 'n'.repeat(200) } }));
      assert.ok(JSON.stringify({ users }).length > 100 * 1024, 'larger than one object may be');
      const response = await importInto('beta', users);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().created.length, 500);
      assert.deepEqual(response.json().failed, []);
    });

    it('imports into the named realm only, with realm.manage on it', async () => {
      const item = [{ username: 'guarded-import', password_hash: hashes['pbkdf2-sha512'] }];
      assert.equal((await importInto('beta', item, readerHeaders)).statusCode, 403, 'a read-only operator');
      assert.equal((await importInto('beta', item, alphaManagerHeaders)).statusCode, 403, "another realm's manager");
      assert.equal((await importInto('admin', item, alphaManagerHeaders)).statusCode, 403, 'the admin realm');
      assert.equal((await importInto('beta', item, {})).statusCode, 401);
      assert.equal(errorCode(await importInto('nowhere', item)), 'realm.not_found');
      assert.ok(!(await usernames('beta')).includes('guarded-import'));

      const managed = await importInto('alpha', item, alphaManagerHeaders);
      assert.equal(managed.json().created.length, 1);
      assert.ok((await usernames('alpha')).includes('guarded-import'));
      assert.ok(!(await usernames('beta')).includes('guarded-import'), 'nothing lands in another realm');
      const login = await send(server, 'POST', '/realms/beta/auth/login', { identifier: 'guarded-import', password: PASSWORD });
      assert.equal(login.statusCode, 401);
      assert.equal((await server.login('alpha', 'guarded-import', PASSWORD)).user.id, managed.json().created[0].id);
    });
  });
}
