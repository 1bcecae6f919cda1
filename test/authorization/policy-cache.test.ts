import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPolicyCache } from '../../src/authorization/policy-cache.ts';
import { loadCedar } from '../../src/authorization/policy-cedar.ts';
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
      assert.equal(compiled.setFor('made-up'), compiled.setFor('another-made-up'), 'actions no policy names share the any-action slice');
      assert.notEqual(compiled.setFor('made-up'), compiled.setFor('docs:read'));
      const empty = await policies.compiled('rlm_b');
      assert.equal(empty.active, false);
      assert.throws(() => empty.setFor('docs:read', 'docs'), { code: 'policy.module_not_found' });
    });

    it('never decides a named action with another action\u2019s slice, whatever actions are asked first', async () => {
      await policyStore.save(t.database.db, 'rlm_b', 'guard', '@id("all") permit(principal, action, resource);\n@id("no-delete") forbid(principal, action == Action::"docs:delete", resource);', 2, 0, null);
      const compiled = await cache().compiled('rlm_b');
      // `*` and `?` are actions like any other; a thousand invented ones make no slice of their own.
      for (const action of ['*', '?', ...Array.from({ length: 1000 }, (_, i) => `made-up-${i}`)]) compiled.setFor(action);
      const slice = compiled.setFor('docs:delete');
      assert.notEqual(slice, compiled.setFor('*'));
      assert.equal(compiled.setIds.length, 2, 'one slice for every unnamed action, one for docs:delete');
      const cedar = await loadCedar();
      const answer = cedar.statefulIsAuthorized({ principal: { type: 'User', id: 'u' }, action: { type: 'Action', id: 'docs:delete' }, resource: { type: 'Resource', id: '*' }, context: {}, entities: [], preparsedPolicySetId: slice.id });
      assert.equal(answer.type === 'success' && answer.response.decision, 'deny');
      await policyStore.remove(t.database.db, 'rlm_b', 'guard');
    });
  });
}
