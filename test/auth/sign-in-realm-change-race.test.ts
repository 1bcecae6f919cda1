import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { userStore } from '../../src/users/user-store.ts';
import { operator } from '../support/fixtures.ts';
import { send } from '../support/http.ts';
import { untilAnotherWaits } from '../support/pg-locks.ts';
import { serverPerSuite } from '../support/server.ts';
import { PASSWORD } from './fixtures.ts';

/**
 * A sign-in's session is created while it holds the user's row (its version, written with the
 * sign-in's time); realm changes
 * lock the realm's row and then write its users. A sign-in must take the realm's row first, as they
 * do, or each waits for the other (found by review: 40P01 on PostgreSQL, one of them failing with a
 * 503). SQLite has one writer and nothing to order.
 */
describe('a sign-in and a change of its realm at once, on postgres', () => {
  const server = serverPerSuite({ dialect: 'postgres' });
  let counter = 0;

  for (const [name, change] of [
    ['a change of the realm that rewrites its users’ email keys', (realmId: string) => server.services.realms.update(realmId, { users: { require_unique_emails: false } }, operator)],
    ['the realm’s deletion', (realmId: string) => server.services.realms.remove(realmId, operator)],
  ] as const) {
    it(`${name} waits for the session being created; both complete`, async () => {
      const realm = await server.services.realms.create({ name: `Realm change race ${++counter}` }, operator);
      await server.services.users.create(realm, { username: 'ida', password: PASSWORD }, operator);
      const original = userStore.recordSignIn;
      let changed: Promise<unknown> | undefined;
      // Once the sign-in holds what it reads the version under, the realm change starts and queues behind it.
      userStore.recordSignIn = async (trx, realmId, userId, version, at) => {
        const held = await original.call(userStore, trx, realmId, userId, version, at);
        if (realmId === realm.id && changed === undefined) {
          changed = change(realm.id);
          changed.catch(() => undefined);
          await untilAnotherWaits(trx);
        }
        return held;
      };
      try {
        const answer = await send(server, 'POST', `/realms/${realm.slug}/auth/login`, { identifier: 'ida', password: PASSWORD });
        assert.equal(answer.statusCode, 200, answer.body);
        await changed;
      } finally {
        userStore.recordSignIn = original;
      }
    });
  }

  it('the sign-in takes the realm’s row before the user’s, in the statement that checks the version', async () => {
    const realm = await server.services.realms.create({ name: `Realm change race ${++counter}` }, operator);
    const user = await server.services.users.create(realm, { username: 'ida', password: PASSWORD }, operator);
    const { db } = server.database;
    let releaseRealm!: () => void;
    const realmReleased = new Promise<void>((resolve) => (releaseRealm = resolve));
    let realmHeld!: () => void;
    const realmLocked = new Promise<void>((resolve) => (realmHeld = resolve));
    // A realm change holds the realm's row, as a deletion does before it writes the realm's users.
    const change = db.transaction().execute(async (trx) => {
      await sql`select id from realms where id = ${realm.id} for update`.execute(trx);
      realmHeld();
      await realmReleased;
    });
    await realmLocked;
    const signIn = db.transaction().execute((trx) => userStore.recordSignIn(trx, realm.id, user.id, user.version, Date.UTC(2026, 11, 8)));
    try {
      // The sign-in waits for the realm's row without holding the user's: the user can still be written.
      await db.transaction().execute(async (trx) => {
        await untilAnotherWaits(trx);
        await sql`select id from users where realm_id = ${realm.id} and id = ${user.id} for update nowait`.execute(trx);
      });
    } finally {
      releaseRealm();
    }
    await change;
    assert.equal(await signIn, true);
  });
});
