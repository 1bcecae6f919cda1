import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AppError } from '../../src/errors.ts';
import { createDecisionService } from '../../src/authorization/decision-service.ts';
import { checkComplexity, complexityLimits } from '../../src/authorization/policy-complexity.ts';
import { loadCedar } from '../../src/authorization/policy-cedar.ts';
import type { PolicyCache } from '../../src/authorization/policy-cache.ts';
import { READS_EVERYTHING } from '../../src/authorization/policy-reads.ts';
import { policyStore } from '../../src/authorization/policy-store.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { createRealm, putPolicy, signedInUser, subject } from './policy-fixtures.ts';

/**
 * A policy deep enough to overflow Cedar's WebAssembly stack used to break Cedar for every realm of
 * the process, for good (the module was stored). Such text is refused before Cedar sees it; should
 * Cedar trap anyway, the process reloads it and only the realm whose policies did it is denied.
 */
const when = (condition: string) => `permit(principal, action == Action::"docs:read", resource) when { ${condition} };`;
const chain = (n: number, term: string, op: string) => Array(n).fill(term).join(op);
const POISON = {
  brackets: when(`${'('.repeat(150)}true${')'.repeat(150)}`),
  sets: when(`${'['.repeat(150)}1${']'.repeat(150)} == [1]`),
  plus: when(`${chain(500, '1', '+')} == 2`),
  ifs: when(`${'if true then '.repeat(500)}true${' else false'.repeat(500)}`),
  dots: when(`context${'.a'.repeat(500)} == 1`),
};

const failsWith = (text: string) => {
  try {
    checkComplexity(text);
    return null;
  } catch (error) {
    assert.ok(error instanceof AppError);
    return { code: error.code, issue: error.details[0]?.issue };
  }
};

describe('policy complexity bounds', () => {
  it('takes a long real policy, brackets and operators inside strings and comments, and bounds each policy on its own', () => {
    const conditions = Array.from({ length: 50 }, (_, i) => `principal.tags.contains("t${i}")`).join(' && ');
    assert.equal(failsWith(when(conditions)), null);
    assert.equal(failsWith(when(`context has note && "${'('.repeat(100)}+++" == "x" // ${'['.repeat(100)}\n`)), null);
    const nearlyFull = when(`${chain(complexityLimits.operatorsPerPolicy - 2, '1', '+')} == 2`);
    assert.equal(failsWith(`${nearlyFull}\n${nearlyFull}`), null, 'the count starts again at each policy');
  });

  it('refuses deep brackets and long operator chains with their position', () => {
    assert.deepEqual(failsWith(`permit(principal, action, resource)\nwhen { ${'('.repeat(40)}true${')'.repeat(40)} };`), { code: 'policy.too_complex', issue: 'line 2, column 39: brackets nest at most 32 deep' });
    for (const [name, text] of Object.entries(POISON)) assert.equal(failsWith(text)?.code, 'policy.too_complex', name);
    assert.equal(failsWith(when(`${chain(200, 'context has a', ' && ')}`))?.code, 'policy.too_complex', 'has and && both count');
  });
});

for (const dialect of dialects) {
  describe(`policies too complex for Cedar on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let victim: Realm;
    let bystander: Realm;
    let victimToken: string;
    let bystanderToken: string;
    const authorize = (realm: Realm, token: string) => send(server, 'POST', `/realms/${realm.slug}/authorize`, { action: 'docs:read', resource: { type: 'docs', id: '1' } }, bearer(token));

    before(async () => {
      victim = await createRealm(server);
      bystander = await createRealm(server);
      victimToken = (await signedInUser(server, victim)).token;
      bystanderToken = (await signedInUser(server, bystander)).token;
      assert.equal((await putPolicy(server, bystander, 'docs', `@id("open") ${when('true')}`)).statusCode, 200);
    });

    it('refuses every poisonous shape at save with 422, stores nothing, and other realms decide on', async () => {
      for (const [name, text] of Object.entries(POISON)) {
        const response = await putPolicy(server, victim, 'deep', text);
        assert.equal(response.statusCode, 422, `${name}: ${response.body}`);
        assert.equal(errorCode(response), 'policy.too_complex');
        assert.deepEqual((await authorize(bystander, bystanderToken)).json(), { decision: 'allow', reasons: ['docs/open'] }, name);
      }
      assert.deepEqual(await policyStore.list(server.database.db, victim.id), []);
    });

    it('a module stored before the bounds denies its own realm (policy_error) and nobody else, until it is replaced', async () => {
      await policyStore.save(server.database.db, victim.id, 'legacy', POISON.plus, 1, server.clock.now(), null);
      await server.services.invalidation.publish({ realmId: victim.id });
      for (let i = 0; i < 2; i++) {
        const answer = await authorize(victim, victimToken);
        assert.equal(answer.statusCode, 200, answer.body);
        assert.deepEqual(answer.json(), { decision: 'deny', reasons: ['policy_error'] });
        assert.deepEqual((await authorize(bystander, bystanderToken)).json(), { decision: 'allow', reasons: ['docs/open'] });
      }
      assert.equal((await putPolicy(server, victim, 'legacy', `@id("fixed") ${when('true')}`)).statusCode, 200);
      assert.deepEqual((await authorize(victim, victimToken)).json(), { decision: 'allow', reasons: ['legacy/fixed'] });
    });
  });
}

describe('a trap inside Cedar while deciding', () => {
  it('denies that request, quarantines the realm, and a fresh Cedar decides for everyone else', async () => {
    const before = await loadCedar();
    // Preparsed behind the save checks' back: the only way left to make Cedar trap.
    assert.equal(before.preparsePolicySet('poison', { staticPolicies: { p0: POISON.plus.replace(' == Action::"docs:read"', '') } }).type, 'success');
    const quarantined: string[] = [];
    const faults: string[] = [];
    let poisoned = true;
    const policies = {
      fresh: () => undefined,
      compiled: async () => ({ active: true, broken: false, setIds: [], setFor: () => ({ id: poisoned ? 'poison' : 'clean', reads: READS_EVERYTHING }) }),
      quarantine: (realmId: string) => quarantined.push(realmId),
    } as unknown as PolicyCache;
    const decisions = createDecisionService({ resolveSubject: async () => subject({ realmId: 'rlm_victim' }), policies, onFault: (realmId) => faults.push(realmId) });
    const check = { action: 'docs:read', resource: { type: 'docs', id: '1' } };

    assert.deepEqual(await decisions.decide(subject({ realmId: 'rlm_victim' }), [check, check]), [
      { decision: 'deny', reasons: ['policy_error'] },
      { decision: 'deny', reasons: ['policy_error'] },
    ]);
    assert.deepEqual([quarantined, faults], [['rlm_victim'], ['rlm_victim']]);

    const fresh = await loadCedar();
    assert.notEqual(fresh, before, 'a new instance');
    assert.equal(fresh.preparsePolicySet('clean', { staticPolicies: { open: 'permit(principal, action, resource);' } }).type, 'success');
    poisoned = false;
    assert.deepEqual(await decisions.decide(subject({ realmId: 'rlm_other' }), [check]), [{ decision: 'allow', reasons: ['open'] }]);
  });
});
