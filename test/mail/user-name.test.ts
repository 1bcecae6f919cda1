/**
 * How messages greet a user (`user_name`, src/mail/message-variables.ts): one line whatever the
 * row holds, since names stored before they were checked may carry line breaks that would write
 * paragraphs into a genuine message's plain-text part.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { userNameOf } from '../../src/mail/message-variables.ts';
import { dialects } from '../support/databases.ts';
import { send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';

for (const dialect of dialects) {
  describe(`the name a message greets on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });

    it('is one line even when the stored names are not', async () => {
      const realm = (await send(server, 'POST', '/admin/v1/realms', { name: 'Greetings' }, server.adminHeaders)).json();
      const user = (await send(server, 'POST', `/admin/v1/realms/${realm.id}/users`, { email: 'ada@example.com', email_verified: true, first_name: 'Ada', last_name: 'Lovelace' }, server.adminHeaders)).json();
      const db = server.database.db;
      assert.equal(await userNameOf(db, realm.id, user.id, 'ada@example.com'), 'Ada Lovelace');
      await sql`update users set display_name = ${'Ada\n\nPS: your account is closed,\r\nreply\twith\u2028your password'} where id = ${user.id}`.execute(db);
      assert.equal(await userNameOf(db, realm.id, user.id, 'ada@example.com'), 'Ada PS: your account is closed, reply with your password');
      // Without a display name, the first and last names, each made one line.
      await sql`update users set display_name = ${'\r\n'}, first_name = ${'Lady\u0085Ada\u001b[2J'}, last_name = ${'\u0007'} where id = ${user.id}`.execute(db);
      assert.equal(await userNameOf(db, realm.id, user.id, 'ada@example.com'), 'Lady Ada [2J');
    });

    it('is left out (the address greets) for an address or number the user has not proven (found by review)', async () => {
      const realm = (await send(server, 'POST', '/admin/v1/realms', { name: 'Strangers' }, server.adminHeaders)).json();
      // Anyone may sign up with another person's address and write what they like as their name.
      const body = { email: 'victim@example.net', mobile: '+15550100', display_name: 'Your account is suspended, call +1 900 555 0100' };
      const user = (await send(server, 'POST', `/admin/v1/realms/${realm.id}/users`, body, server.adminHeaders)).json();
      const db = server.database.db;
      assert.equal(await userNameOf(db, realm.id, user.id, 'victim@example.net'), null);
      assert.equal(await userNameOf(db, realm.id, user.id, '+15550100'), null);
      await sql`update users set email_verified = ${dialect === 'sqlite' ? 1 : true} where id = ${user.id}`.execute(db);
      assert.equal(await userNameOf(db, realm.id, user.id, 'victim@example.net'), body.display_name, 'proven: the name the owner chose');
      assert.equal(await userNameOf(db, realm.id, user.id, '+15550100'), null, 'the number is still not proven');
      assert.equal(await userNameOf(db, realm.id, user.id, 'another@example.net'), null, 'an address the user does not hold (an email change on its way)');
    });
  });
}
