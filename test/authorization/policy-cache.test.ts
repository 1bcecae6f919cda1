import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPolicyCache } from '../../src/authorization/policy-cache.ts';
import { policyStore } from '../../src/authorization/policy-store.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.ts';
import { insertRealm } from '../support/fixtures.ts';

const PERMIT = '@id("a") permit(principal, action == Action::"docs:read", resource);\n@id("b") permit(principal, action, resource) when { resource.type == "open" };';

for (const dialect of dialects) {
  describe(`compiled policies cache on ${dialect}`, () => {
    let t: TestDatabase;
    let now = 0;
    let listening = true;
    before(async () => {
      t = await createTestDatabase(dialect);
      await insertRealm(t.database.db, 'rlm_a');
      await insertRealm(t.database.db, 'rlm_b');
      await policyStore.save(t.database.db, 'rlm_a', 'docs', PERMIT, 2, 0, null);
    });
    after(() => t?.dispose());
    const cache = () => createPolicyCache({ db: t.database.db, now: () => now, listening: () => listening, maxAgeMs: 1000 });

    it('keeps a compilation until a realm message, an "all" notice or its age ends it; user messages do not', async () => {
      const policies = cache();
      const first = await policies.compiled('rlm_a');
      assert.equal(first.active, true);
      assert.equal(await policies.compiled('rlm_a'), first);
      policies.onInvalidation({ realmId: 'rlm_a', userId: 'usr_1' });
      assert.equal(await policies.compiled('rlm_a'), first);
      policies.onInvalidation({ realmId: 'rlm_b' });
      assert.equal(await policies.compiled('rlm_a'), first);
      policies.onInvalidation({ realmId: 'rlm_a' });
      const second = await policies.compiled('rlm_a');
      assert.notEqual(second, first);
      assert.notEqual(second.setFor('docs:read'), first.setFor('docs:read'));
      policies.onInvalidation('all');
      const third = await policies.compiled('rlm_a');
      assert.notEqual(third, second);
      now += 1000;
      assert.notEqual(await policies.compiled('rlm_a'), third);
    });

    it('holds at most its capacity, least recently used out first', async () => {
      await policyStore.save(t.database.db, 'rlm_b', 'docs', PERMIT, 2, 0, null);
      const policies = createPolicyCache({ db: t.database.db, now: () => now, listening: () => true, capacity: 1 });
      const a = await policies.compiled('rlm_a');
      assert.equal(await policies.compiled('rlm_a'), a);
      await policies.compiled('rlm_b');
      assert.notEqual(await policies.compiled('rlm_a'), a);
      await policyStore.remove(t.database.db, 'rlm_b', 'docs');
    });

    it('keeps nothing while the bus may miss messages', async () => {
      listening = false;
      const policies = cache();
      assert.notEqual(await policies.compiled('rlm_a'), await policies.compiled('rlm_a'));
      listening = true;
    });

    it('slices by action, scopes a module, and knows only its own realm\u2019s modules', async () => {
      const policies = cache();
      const compiled = await policies.compiled('rlm_a');
      assert.equal(compiled.setFor('docs:read'), compiled.setFor('docs:read'));
      assert.notEqual(compiled.setFor('docs:read'), compiled.setFor('docs:write'));
      assert.notEqual(compiled.setFor('docs:read', 'docs'), compiled.setFor('docs:read'));
      assert.throws(() => compiled.setFor('docs:read', 'other'), { code: 'policy.module_not_found' });
      const empty = await policies.compiled('rlm_b');
      assert.equal(empty.active, false);
      assert.throws(() => empty.setFor('docs:read', 'docs'), { code: 'policy.module_not_found' });
    });
  });
}

