import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createValidationStateCache, tenantStands } from '../../src/auth/validation-state.ts';
import { tenantStore } from '../../src/authorization/tenant-store.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { sessionStore } from '../../src/sessions/session-store.ts';
import type { User } from '../../src/users/user.ts';
import { dialects } from '../support/databases.ts';
import { perSuite } from '../support/suite.ts';
import { authFixture, origin, PASSWORD } from '../auth/fixtures.ts';

/** Validate's one statement reads the token's tenant membership; the cache keeps it until the user's or realm's invalidation. */
for (const dialect of dialects) {
  describe(`validate's tenant state on ${dialect}`, () => {
    const f = perSuite(() => authFixture(dialect));
    let realm: Realm;
    let user: User;
    before(async () => ({ realm, user } = await f.realmWithUser({ username: 'tess' })));

    const cacheOf = () => createValidationStateCache({ capacity: 100, ttlMs: 10_000, now: () => f.clock.now(), listening: () => true });
    const tenant = async (slug: string) => {
      const made = await tenantStore.insert(f.db, { realmId: realm.id, id: `tnt_${slug}`, fields: { slug, name: slug, active: true, custom: {} }, at: f.clock.now(), by: null });
      await tenantStore.upsertMembership(f.db, realm.id, made.id, user.id, ['member'], f.clock.now());
      return made;
    };
    const sessionIn = async (tenantId: string) => {
      const sessionId = (await f.login(realm, { identifier: 'tess', password: PASSWORD }, origin)).session_id!;
      await sessionStore.setTenant(f.db, realm.id, sessionId, tenantId, f.clock.now());
      return sessionId;
    };

    it("reads the session's tenant, or the token's claimed one, with the membership", async () => {
      const a = await tenant('alpha');
      const b = await tenant('beta');
      const sessionId = await sessionIn(a.id);
      const cache = cacheOf();
      assert.deepEqual((await cache.read(f.db, realm.id, user.id, sessionId))?.tenant, { id: a.id, member: true, slug: 'alpha', active: true, roles: ['member'] });
      // A token issued before a switch names its own tenant: that one is checked.
      assert.equal((await cache.read(f.db, realm.id, user.id, sessionId, b.id))?.tenant?.id, b.id);
      assert.deepEqual((await cache.read(f.db, realm.id, user.id, sessionId, 'tnt_unknown'))?.tenant, { id: 'tnt_unknown', member: false });
      // Another realm's tenant of the same id is no membership here.
      assert.equal((await cache.read(f.db, 'rl_other', user.id, sessionId))?.tenant, undefined);
    });

    it('answers from memory until the user is invalidated, and never keeps a state whose tenant is gone', async () => {
      const gamma = await tenant('gamma');
      const sessionId = await sessionIn(gamma.id);
      const cache = cacheOf();
      assert.ok(tenantStands((await cache.read(f.db, realm.id, user.id, sessionId))!));
      // Removed behind the cache's back: the cached state answers, no database round trip.
      await tenantStore.removeMembership(f.db, realm.id, gamma.id, user.id);
      assert.ok(tenantStands((await cache.read(f.db, realm.id, user.id, sessionId))!), 'cached');
      cache.invalidate({ realmId: realm.id, userId: user.id });
      const fresh = (await cache.read(f.db, realm.id, user.id, sessionId))!;
      assert.equal(tenantStands(fresh), false);
      assert.equal(cache.size, 0, 'a state that refuses is not kept');
    });
  });
}
