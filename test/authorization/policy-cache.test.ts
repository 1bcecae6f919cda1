import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPolicyCache } from '../../src/authorization/policy-cache.ts';
import { loadCedar } from '../../src/authorization/policy-cedar.ts';
import { policyStore } from '../../src/authorization/policy-store.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.ts';
import { insertRealm } from '../support/fixtures.ts';
import { settle, settleUntil, WatchedStatements } from '../support/watched-statements.ts';

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

    it('keeps a compilation until a realm message or an "all" notice ends it; user messages do not', async () => {
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
    });

    it('at the end of its age, reads the policies again and keeps the compilation if they are unchanged, else compiles them anew', async () => {
      const policies = cache();
      const first = await policies.compiled('rlm_a');
      now += 1000;
      assert.equal(await policies.compiled('rlm_a'), first, 'the same text: the same sets, and the answers remembered against them');
      // Changed without a message reaching this process (one lost): the age is what bounds it.
      await policyStore.save(t.database.db, 'rlm_a', 'docs', PERMIT.replace('docs:read', 'docs:list'), 2, 0, null);
      now += 1000;
      const changed = await policies.compiled('rlm_a');
      assert.notEqual(changed, first);
      assert.equal(changed.setFor('docs:list').reads.whole, false);
      assert.notEqual(changed.setFor('docs:list'), changed.setFor('docs:read'), 'docs:list is named now');
      await policyStore.save(t.database.db, 'rlm_a', 'docs', PERMIT, 2, 0, null);
      policies.onInvalidation({ realmId: 'rlm_a' });
    });

    it('compiles once for every decision that finds nothing, and again behind the cached one in the last quarter of its age', async () => {
      const watched = new WatchedStatements();
      const policies = createPolicyCache({ db: t.database.db.withPlugin(watched), now: () => now, listening: () => true, maxAgeMs: 1000 });
      const all = await Promise.all(Array.from({ length: 20 }, () => policies.compiled('rlm_a')));
      assert.ok(all.every((compiled) => compiled === all[0]));
      assert.equal(watched.sent, 1, 'twenty decisions read the policies once');
      assert.equal(policies.fresh('rlm_a'), all[0]);

      await policyStore.save(t.database.db, 'rlm_a', 'docs', PERMIT.replace('docs:read', 'docs:list'), 2, 0, null);
      now += 800;
      assert.equal(policies.fresh('rlm_a'), all[0], 'served at once in its last quarter');
      await settle();
      assert.equal(watched.sent, 2, 'and read again behind it');
      const changed = policies.fresh('rlm_a');
      assert.ok(changed !== undefined && changed !== all[0], 'the new text is compiled and kept');
      now += 800;
      assert.equal(policies.fresh('rlm_a'), changed, 'the background read gave it a new age');
      await settle();
      assert.equal(policies.fresh('rlm_a'), changed, 'unchanged text: the same compilation kept');
      await policyStore.save(t.database.db, 'rlm_a', 'docs', PERMIT, 2, 0, null);
    });

    it('reads again behind an entry once, though what it reads is not kept while the bus may miss messages', async () => {
      const watched = new WatchedStatements();
      let connected = true;
      const policies = createPolicyCache({ db: t.database.db.withPlugin(watched), now: () => now, listening: () => connected, maxAgeMs: 1000 });
      const first = await policies.compiled('rlm_a');
      connected = false;
      now += 800;
      for (let i = 0; i < 5; i++) {
        assert.equal(policies.fresh('rlm_a'), first);
        await settle();
      }
      assert.equal(watched.sent, 2, 'one read behind it, not one after another');
      connected = true;
    });

    it('a Cedar fault while compiling in the background quarantines that realm and reloads Cedar, where no decision could', async () => {
      const faults: string[] = [];
      const policies = createPolicyCache({ db: t.database.db, now: () => now, listening: () => true, maxAgeMs: 1000, onFault: (realmId) => faults.push(realmId) });
      const first = await policies.compiled('rlm_a');
      const cedar = await loadCedar();
      const parts = cedar.policySetTextToParts;
      // A stand-in for a trap (a stack overflow in Cedar): what policy-cedar.ts takes for a fault.
      const { RuntimeError } = (globalThis as unknown as { WebAssembly: { RuntimeError: ErrorConstructor } }).WebAssembly;
      (cedar as unknown as Record<string, unknown>).policySetTextToParts = (text: string) => {
        if (text.includes('TRAP')) throw new RuntimeError('unreachable');
        return parts(text);
      };
      // Changed while its message was lost (what the age bounds), to a text that traps.
      await policyStore.save(t.database.db, 'rlm_a', 'docs', `${PERMIT}\n// TRAP`, 2, 0, null);
      now += 800;
      assert.equal(policies.fresh('rlm_a'), first, 'served while the compilation runs behind it');
      await settleUntil(() => faults.length > 0);
      assert.deepEqual(faults, ['rlm_a']);
      assert.notEqual(await loadCedar(), cedar, 'Cedar reloaded: the faulted instance decides nothing more');
      assert.equal((await policies.compiled('rlm_a')).broken, true, 'the realm is decided as broken until its policies change');
      await policyStore.save(t.database.db, 'rlm_a', 'docs', PERMIT, 2, 0, null);
      policies.onInvalidation({ realmId: 'rlm_a' });
      assert.equal((await policies.compiled('rlm_a')).broken, false);
    });

    it('uses a load that a realm message raced without keeping it; messages about other realms do not stop it', async () => {
      const watched = new WatchedStatements();
      const policies = createPolicyCache({ db: t.database.db.withPlugin(watched), now: () => now, listening: () => true, maxAgeMs: 1000 });
      let release = watched.holdAnswers();
      const raced = policies.compiled('rlm_a');
      await settle();
      policies.onInvalidation({ realmId: 'rlm_a' });
      release();
      assert.equal((await raced).active, true, 'the load answers the decision that was waiting for it');
      assert.equal(policies.fresh('rlm_a'), undefined, 'but is not kept: it may predate the change');

      release = watched.holdAnswers();
      const other = policies.compiled('rlm_a');
      await settle();
      policies.onInvalidation({ realmId: 'rlm_b' });
      policies.onInvalidation({ realmId: 'rlm_a', userId: 'usr_1' });
      release();
      const kept = await other;
      assert.equal(policies.fresh('rlm_a'), kept);
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
