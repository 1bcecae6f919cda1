import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tenantStore } from '../../src/authorization/tenant-store.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { serverPerSuite } from '../support/server.ts';

/**
 * In a realm whose tenant_policy is `auto_created`, each new user gets a tenant of their own, which
 * locks the realm's row. Inserting the user share-locks the same row first (its foreign key): found
 * by review, concurrent creations each held that share while asking for the lock, and all but one
 * failed with 40P01 on PostgreSQL. They must queue instead.
 */
for (const dialect of dialects) {
  describe(`concurrent user creations in an auto_created realm on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });

    it('all succeed, each user with a tenant of their own', async () => {
      const realm = await server.services.realms.create({ name: 'Own tenants at once', tenant_policy: { type: 'auto_created' } }, operator);
      const outcomes = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => server.services.users.create(realm, { username: `concurrent-${i}` }, operator)));
      const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []));
      assert.deepEqual(failures, []);

      const users = outcomes.map((outcome) => (outcome as PromiseFulfilledResult<{ id: string }>).value);
      const tenantIds = new Set<string>();
      for (const user of users) {
        const tenants = await tenantStore.tenantsOfUser(server.database.db, realm.id, user.id);
        assert.equal(tenants.length, 1, `${user.id} is in exactly one tenant`);
        assert.equal(tenants[0].tenant.slug, `user-${user.id.replace(/^usr_/, '').toLowerCase()}`);
        tenantIds.add(tenants[0].tenant.id);
      }
      assert.equal(tenantIds.size, 12, 'no two users share a tenant');
    });
  });
}
