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
      const user = (await send(server, 'POST', `/admin/v1/realms/${realm.id}/users`, { email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' }, server.adminHeaders)).json();
      const db = server.database.db;
      assert.equal(await userNameOf(db, realm.id, user.id), 'Ada Lovelace');
      await sql`update users set display_name = ${'Ada\n\nPS: your account is closed,\r\nreply\twith\u2028your password'} where id = ${user.id}`.execute(db);
      assert.equal(await userNameOf(db, realm.id, user.id), 'Ada PS: your account is closed, reply with your password');
      // Without a display name, the first and last names, each made one line.
      await sql`update users set display_name = ${'\r\n'}, first_name = ${'Lady\u0085Ada\u001b[2J'}, last_name = ${'\u0007'} where id = ${user.id}`.execute(db);
      assert.equal(await userNameOf(db, realm.id, user.id), 'Lady Ada [2J');
    });
  });
}
