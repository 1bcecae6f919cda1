/**
 * KEYREALM_MAIL_SENDER_DOMAINS: the domains realms may send from. One realm's operator must not send
 * in another's name, or a bank's, from the server's relay (found by review).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { OutgoingMail } from '../../src/mail/transports.ts';
import { readJson, writeJson } from '../../src/storage/codec.ts';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { anotherWorker, freshAddress, queue } from './mail-fixtures.ts';

const masterKey = randomBytes(32);

for (const dialect of dialects) {
  describe(`the domains realms may send from, on ${dialect}`, () => {
    const server = serverPerSuite({ dialect, masterKey, config: { mailSenderDomains: ['acme.example'] } });
    const createRealm = (body: Record<string, unknown>) => send(server, 'POST', '/admin/v1/realms', body, server.adminHeaders);

    it('refuses a sender outside them; takes one on them or below', async () => {
      const phishing = await createRealm({ name: 'Phish', email: { from_name: 'Bank Security', from_address: 'security@bank.example' } });
      assert.equal(phishing.statusCode, 400, phishing.body);
      assert.equal(errorCode(phishing), 'realm.invalid_settings');
      assert.equal(phishing.json().error.details[0].field, 'email.from_address');
      // A look-alike that merely ends with the domain's letters is another domain; an address a mail
      // library would read as another (comments, lists) is no address (found by review).
      for (const address of ['a@notacme.example', 'ceo@bank.example(.acme.example', 'ceo@bank.example;.acme.example', 'ceo@bank.example,x@acme.example', '"ceo@bank"@acme.example']) {
        const refused = await createRealm({ name: `Look-alike ${address}`, email: { from_name: '', from_address: address } });
        assert.equal(refused.statusCode, 400, address);
      }
      for (const address of ['team@acme.example', 'team@mail.ACME.example']) {
        const created = await createRealm({ name: `Acme ${address}`, email: { from_address: address } });
        assert.equal(created.statusCode, 201, created.body);
      }
    });

    it('sends a sender saved before the setting, and outside it, as the server; the realm still changes', async () => {
      const realm = (await createRealm({ name: 'Older' })).json();
      const stored = await server.database.db.selectFrom('realms').select('settings').where('id', '=', realm.id).executeTakeFirstOrThrow();
      const settings = readJson<{ email: Record<string, unknown> }>(stored.settings);
      settings.email = { ...settings.email, from_name: 'Older Team', from_address: 'team@older.example' };
      await server.database.db.updateTable('realms').set({ settings: writeJson(settings) }).where('id', '=', realm.id).execute();
      server.services.lookup.invalidate(realm.id);
      const renamed = await send(server, 'PATCH', `/admin/v1/realms/${realm.id}`, { name: 'Older, renamed' }, server.adminHeaders);
      assert.equal(renamed.statusCode, 200, renamed.body);

      const sent: OutgoingMail[] = [];
      const worker = anotherWorker(server, masterKey, {
        transport: { name: 'smtp', send: async (mail) => void sent.push(mail), close() {} },
        sender: { name: null, address: 'no-reply@acme.example' },
        senderDomains: ['acme.example'],
      });
      const to = freshAddress('older');
      await server.mailWorker.stop();
      await queue(server, renamed.json(), { type: 'password_changed', to, variables: { changed_at: 0 } });
      await worker.drain();
      await worker.stop();
      assert.deepEqual(sent.map((mail) => [mail.to, mail.from]), [[to, { name: 'Older Team', address: 'no-reply@acme.example' }]]);
    });
  });
}
