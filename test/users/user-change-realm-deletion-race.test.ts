import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noOrigin } from '../../src/events/event-log.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { userStore } from '../../src/users/user-store.ts';
import { operator } from '../support/fixtures.ts';
import { untilAnotherWaits } from '../support/pg-locks.ts';
import { serverPerSuite } from '../support/server.ts';

/**
 * A change of one user holds the user's row (userStore.findForChange) and then writes rows that
 * point at the realm (its event); the realm's deletion locks the realm's row and then deletes its
 * users. Found by review: a change that locked the user's row before the realm's deadlocked with
 * the deletion (40P01 on PostgreSQL, the deletion cancelled). SQLite has one writer and nothing to
 * order.
 */
describe('a change of one user and the deletion of their realm at once, on postgres', () => {
  const server = serverPerSuite({ dialect: 'postgres' });
  let counter = 0;

  for (const [name, change] of [
    ['a change of the user’s name', (realm: Realm, userId: string) => server.services.users.update(realm, userId, { display_name: 'Ida Changed' }, operator)],
    ['a role assignment', (realm: Realm, userId: string) => server.services.roleAssignments.assign(realm, userId, { role: 'editor' }, operator, noOrigin)],
    ['a new API key of the user', (realm: Realm, userId: string) => server.services.apiKeys.create(realm, { userId }, { name: 'race' }, operator, noOrigin)],
  ] as const) {
    it(`the deletion waits for ${name}; both complete`, async () => {
      const realm = await server.services.realms.create({ name: `User change race ${++counter}` }, operator);
      await server.services.roles.create(realm, { slug: 'editor' }, operator, noOrigin);
      const user = await server.services.users.create(realm, { username: 'ida' }, operator);
      const original = userStore.findForChange;
      let deleted: Promise<unknown> | undefined;
      // Once the change holds the user's row, the deletion starts and queues behind it.
      userStore.findForChange = async (trx, realmId, userId) => {
        const found = await original.call(userStore, trx, realmId, userId);
        if (realmId === realm.id && deleted === undefined) {
          deleted = server.services.realms.remove(realm.id, operator);
          deleted.catch(() => undefined);
          await untilAnotherWaits(trx);
        }
        return found;
      };
      try {
        await change(realm, user.id);
        await deleted;
      } finally {
        userStore.findForChange = original;
      }
      const left = await server.database.db.selectFrom('realms').select('id').where('id', '=', realm.id).executeTakeFirst();
      assert.equal(left, undefined, 'the realm is deleted');
    });
  }
});
