/**
 * A username mapped from an identity provider's claims (often chosen by the user upstream) may not
 * spell another address than the account's own: sign-in by that address would reach the account
 * (src/users/user-store.ts). Left out at creation and at every synced sign-in; a username that is
 * the account's own address, or no address at all, is kept.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { operator } from '../support/fixtures.ts';
import { dialects } from '../support/databases.ts';
import { perSuite } from '../support/suite.ts';
import { addProvider, signInThrough, startHarness } from './idp-harness.ts';

for (const dialect of dialects) {
  describe(`usernames mapped from an identity provider on ${dialect}`, () => {
    const h = perSuite(() => startHarness(dialect, `mapped ${dialect}`));

    before(async () => {
      await addProvider(h, 'up', { trust_email: true, sync_on_sign_in: true, mapping: { fields: { username: 'department' } } });
    });

    const usernameOf = async (sub: string) => (await h.server.services.users.list(h.realm, { email: `${sub}@example.com` }, { limit: 1 })).items[0]?.username;

    it("leaves out a mapped username that spells another person's address, at creation and at a synced sign-in", async () => {
      const victim = await h.server.services.users.create(h.realm, { email: 'victim@example.com', email_verified: true }, operator);
      h.upstream.accounts.set('squat', { email: 'squat@example.com', email_verified: true, department: 'VICTIM@example.com' });
      assert.equal((await signInThrough(h, 'up', 'squat')).statusCode, 200);
      assert.equal(await usernameOf('squat'), null, 'no username spelling the victim\u2019s address');

      h.upstream.accounts.set('squat', { email: 'squat@example.com', email_verified: true, department: 'squatter' });
      assert.equal((await signInThrough(h, 'up', 'squat')).statusCode, 200);
      assert.equal(await usernameOf('squat'), 'squatter', 'a plain name is mapped');
      h.upstream.accounts.set('squat', { email: 'squat@example.com', email_verified: true, department: '\uff56ictim@example.com' });
      assert.equal((await signInThrough(h, 'up', 'squat')).statusCode, 200);
      assert.equal(await usernameOf('squat'), 'squatter', 'a look-alike of the address is not synced over it');
      assert.equal((await h.server.services.users.findForSignIn(h.realm.id, 'victim@example.com'))?.id, victim.id);
    });

    it('keeps a mapped username that is the account\u2019s own address', async () => {
      h.upstream.accounts.set('self', { email: 'self@example.com', email_verified: true, department: 'Self@example.com' });
      assert.equal((await signInThrough(h, 'up', 'self')).statusCode, 200);
      assert.equal(await usernameOf('self'), 'Self@example.com');
    });
  });
}
