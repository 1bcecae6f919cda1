import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { oidcStore } from '../../src/oidc/oidc-store.ts';
import { sessionStore } from '../../src/sessions/session-store.ts';
import { operator } from '../support/fixtures.ts';
import { dialects } from '../support/databases.ts';
import { serverPerSuite } from '../support/server.ts';

/** The provider's storage: realm-scoped in every query, bound to realm sessions, purged and reset with the realm. */
for (const dialect of dialects) {
  describe(`OpenID Connect storage on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let alpha: Realm;
    let beta: Realm;
    const now = () => Date.now();
    const later = () => Date.now() + 3_600_000;

    before(async () => {
      alpha = await server.services.realms.create({ name: 'Alpha', slug: 'alpha' }, operator);
      beta = await server.services.realms.create({ name: 'Beta', slug: 'beta' }, operator);
    });

    const db = () => server.database.db;
    const put = (realm: Realm, model: string, id: string, payload: Record<string, unknown> = {}, realmSessionId: string | null = null, expiresAt: number | null = later()) =>
      oidcStore.upsert(db(), realm.id, model, id, { jti: id, ...payload }, expiresAt, realmSessionId, 'app_1');
    const find = (realm: Realm, model: string, id: string) => oidcStore.find(db(), realm.id, model, { id }, now(), server.clock.now());
    let users = 0;
    /** A user of the realm: what acts for a user is found only while that user may sign in. */
    const newUser = async (realm: Realm) => (await server.services.users.create(realm, { username: `u${++users}`, password: 'long enough password 1' }, operator)).id;

    it("never finds, consumes, destroys or revokes another realm's rows", async () => {
      await put(alpha, 'Grant', 'g1');
      await put(alpha, 'AuthorizationCode', 'shared-id', { grantId: 'g1', uid: 'u1', userCode: 'ABCD' });
      assert.ok(await find(alpha, 'AuthorizationCode', 'shared-id'));
      assert.equal(await find(beta, 'AuthorizationCode', 'shared-id'), undefined);
      assert.equal(await oidcStore.find(db(), beta.id, 'AuthorizationCode', { uid: 'u1' }, now(), server.clock.now()), undefined);
      assert.equal(await oidcStore.find(db(), beta.id, 'AuthorizationCode', { userCode: 'ABCD' }, now(), server.clock.now()), undefined);
      await oidcStore.consume(db(), beta.id, 'AuthorizationCode', 'shared-id', now());
      await oidcStore.destroy(db(), beta.id, 'AuthorizationCode', 'shared-id');
      await oidcStore.revokeByGrantId(db(), beta.id, 'g1');
      await oidcStore.deleteForApplication(db(), beta.id, 'app_1');
      const row = await find(alpha, 'AuthorizationCode', 'shared-id');
      assert.ok(row, 'untouched by realm B');
      assert.equal(row.consumed, undefined);
      // The same id in realm B is a row of its own.
      await put(beta, 'Grant', 'g2');
      await put(beta, 'AuthorizationCode', 'shared-id', { grantId: 'g2' });
      await oidcStore.revokeByGrantId(db(), alpha.id, 'g1');
      assert.equal(await find(alpha, 'AuthorizationCode', 'shared-id'), undefined);
      assert.ok(await find(beta, 'AuthorizationCode', 'shared-id'));
    });

    it('marks consumption and hides expired rows', async () => {
      await put(alpha, 'Grant', 'g3');
      await put(alpha, 'RefreshToken', 'rt-1', { grantId: 'g3' });
      assert.equal(await oidcStore.consume(db(), alpha.id, 'RefreshToken', 'rt-1', now()), true);
      assert.equal(typeof (await find(alpha, 'RefreshToken', 'rt-1'))?.consumed, 'number');
      assert.equal(await oidcStore.consume(db(), alpha.id, 'RefreshToken', 'rt-1', now()), false, 'only once');
      await put(alpha, 'RefreshToken', 'rt-old', {}, null, now() - 1000);
      assert.equal(await find(alpha, 'RefreshToken', 'rt-old'), undefined);
    });

    it('finds what was issued under a grant only while the grant exists', async () => {
      await put(alpha, 'Grant', 'g4');
      await put(alpha, 'AccessToken', 'at-g4', { grantId: 'g4' });
      await put(alpha, 'RefreshToken', 'rt-g4', { grantId: 'g4' });
      assert.ok(await find(alpha, 'AccessToken', 'at-g4'));
      await oidcStore.revokeByGrantId(db(), alpha.id, 'g4', true);
      assert.equal(await find(alpha, 'Grant', 'g4'), undefined);
      // A token a concurrent request wrote after the grant ended is dead all the same.
      await put(alpha, 'RefreshToken', 'rt-late', { grantId: 'g4' });
      assert.equal(await find(alpha, 'RefreshToken', 'rt-late'), undefined);
    });

    it('finds rows bound to a realm session only while it lives', async () => {
      const userId = (await server.services.users.create(alpha, { username: `u${Date.now()}`, password: 'long enough password 1' }, operator)).id;
      const session = await sessionStore.create(db(), { realmId: alpha.id, userId, now: server.clock.now(), expiresAt: server.clock.now() + 3_600_000, ip: null, userAgent: null });
      await put(alpha, 'Session', 'ps-1', { uid: 'ps-uid', accountId: userId }, session.id);
      await put(alpha, 'AccessToken', 'at-1', { accountId: userId }, session.id);
      assert.equal(await oidcStore.realmSessionOf(db(), alpha.id, 'ps-uid'), session.id);
      assert.ok(await find(alpha, 'Session', 'ps-1'));
      // Re-saved outside a sign-in: the binding stays.
      await oidcStore.upsert(db(), alpha.id, 'Session', 'ps-1', { jti: 'ps-1', uid: 'ps-uid', accountId: userId }, later(), undefined, null);
      assert.equal(await oidcStore.realmSessionOf(db(), alpha.id, 'ps-uid'), session.id);
      await sessionStore.revoke(db(), alpha.id, session.id, 'logout', server.clock.now());
      assert.equal(await find(alpha, 'Session', 'ps-1'), undefined);
      assert.equal(await find(alpha, 'AccessToken', 'at-1'), undefined);
    });

    it('ends one user’s rows of one application, and is purged by housekeeping', async () => {
      const [first, second] = [await newUser(alpha), await newUser(alpha)];
      await put(alpha, 'Grant', 'gr-u1', { accountId: first, clientId: 'app_1' });
      await put(alpha, 'Grant', 'gr-u2', { accountId: second, clientId: 'app_1' });
      await oidcStore.deleteForUserAndApplication(db(), alpha.id, 'app_1', first);
      assert.equal(await find(alpha, 'Grant', 'gr-u1'), undefined);
      assert.ok(await find(alpha, 'Grant', 'gr-u2'));

      await put(alpha, 'Interaction', 'stale', {}, null, server.clock.now() - 1);
      const deleted = await server.housekeeping.runOnce();
      assert.ok(deleted.oidc_models >= 1, JSON.stringify(deleted));
      assert.equal((await db().selectFrom('oidc_models').select('id').where('id', '=', 'stale').execute()).length, 0);
    });

    it("hands the provider the realm's private signing keys: active first, retired ones while they verify, none for HS256", async () => {
      const keyed = await server.services.realms.create({ name: 'Keyed', slug: 'keyed' }, operator);
      const [first] = await server.services.keys.signingJwks(keyed.id);
      assert.equal(first.kid, (await server.services.keys.activeKey(keyed.id)).kid);
      assert.ok(first.d, 'private material, for signing');
      assert.equal(first.use, 'sig');
      await server.services.realms.rotateKeys(keyed.id, operator);
      const rotated = await server.services.keys.signingJwks(keyed.id);
      assert.deepEqual(rotated.map((k) => k.kid).slice(1), [first.kid]);
      server.clock.advance(2 * 24 * 3_600_000);
      assert.deepEqual((await server.services.keys.signingJwks(keyed.id)).length, 1, 'a retired key past its verification deadline is gone');
      const shared = await server.services.realms.create({ name: 'Shared', slug: 'shared', tokens: { algorithm: 'HS256' } } as never, operator);
      assert.deepEqual(await server.services.keys.signingJwks(shared.id), []);
    });

    it('finds what acts for a user only while that user may sign in, and never through another realm\u2019s user', async () => {
      const userId = await newUser(alpha);
      await put(alpha, 'Grant', 'g-acct', { accountId: userId });
      await put(alpha, 'AccessToken', 'at-acct', { accountId: userId, grantId: 'g-acct' });
      assert.ok(await find(alpha, 'AccessToken', 'at-acct'));
      await server.services.users.lock(alpha, userId, null, operator);
      assert.deepEqual([await find(alpha, 'Grant', 'g-acct'), await find(alpha, 'AccessToken', 'at-acct')], [undefined, undefined]);
      await server.services.users.unlock(alpha, userId, operator);
      assert.ok(await find(alpha, 'AccessToken', 'at-acct'));
      await server.services.users.remove(alpha, userId, operator);
      assert.equal(await find(alpha, 'AccessToken', 'at-acct'), undefined);
      // An account id that is a user of another realm only is no user here.
      await put(alpha, 'Grant', 'g-foreign', { accountId: await newUser(beta) });
      assert.equal(await find(alpha, 'Grant', 'g-foreign'), undefined);
    });

    it('is emptied by a realm reset, other realms untouched', async () => {
      const gamma = await server.services.realms.create({ name: 'Gamma', slug: 'gamma' }, operator);
      await put(gamma, 'Grant', 'gamma-grant', { accountId: await newUser(gamma) });
      await put(beta, 'Grant', 'beta-grant', { accountId: await newUser(beta) });
      const { done } = await server.services.realms.reset(gamma.id, { users: false, events: false }, operator);
      await done;
      assert.equal(await find(gamma, 'Grant', 'gamma-grant'), undefined);
      assert.ok(await find(beta, 'Grant', 'beta-grant'));
    });
  });
}
