import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadCedar, type Cedar } from '../../src/authorization/policy-cedar.ts';
import { parseModule } from '../../src/authorization/policy-module.ts';
import { mergeReads, type PolicyReads } from '../../src/authorization/policy-reads.ts';
import { cedarCall } from '../../src/authorization/policy-request.ts';
import { mergeValueUse, VALUES_INSPECTED } from '../../src/authorization/policy-values.ts';
import { subject } from './policy-fixtures.ts';

const OWNER = 'permit(principal, action == Action::"read", resource) when { resource.hasTag("owner") && resource.getTag("owner") == principal.id };';

describe('values only compared are sent renamed', () => {
  let cedar: Cedar;
  let slice = 0;
  const readsOf = (text: string): PolicyReads => mergeReads(parseModule(cedar, text).policies.map((p) => p.reads));
  /** A preparsed set of `text`, as the policy cache makes one. */
  const prepared = (text: string) => {
    const id = `values-test#${++slice}`;
    assert.equal(cedar.preparsePolicySet(id, { staticPolicies: text }).type, 'success');
    return { id, reads: readsOf(text) };
  };
  const decision = (call: ReturnType<typeof cedarCall>) => {
    const answer = cedar.statefulIsAuthorized(call);
    assert.equal(answer.type, 'success');
    return answer.type === 'success' ? answer.response.decision : null;
  };

  before(async () => {
    cedar = await loadCedar();
  });

  it('finds policies that only compare values, with their literals', () => {
    const use = readsOf('permit(principal, action, resource) when { principal.roles.contains("admin") && resource.type != "invoice" && [principal.id].containsAny(principal.tags) };').values;
    assert.equal(use.onlyCompared, true);
    assert.deepEqual([...use.literals].sort(), ['admin', 'invoice']);
    assert.deepEqual([...readsOf(OWNER).values.literals], ['owner'], 'a tag named by a literal: the name is kept');
  });

  it('sends values as they are to policies that look into them', () => {
    for (const text of [
      'permit(principal, action, resource) when { resource.hasTag("path") && resource.getTag("path") like "public/*" };',
      'permit(principal, action, resource) when { context.request.hasTag("ip") && ip(context.request.getTag("ip")).isLoopback() };',
      'permit(principal, action, resource) when { resource.hasTag(principal.id) };',
      'permit(principal, action, resource) when { resource.id < principal.id };',
      'permit(principal, action, resource) when { resource.id == "\\0" };',
    ]) {
      assert.equal(readsOf(text).values.onlyCompared, false, text);
    }
    assert.equal(mergeValueUse([readsOf(OWNER).values, VALUES_INSPECTED]).onlyCompared, false, 'one policy looking in: the set is sent as it is');
  });

  it('makes checks about other owners one request, and the caller\u2019s own another', () => {
    const set = prepared(OWNER);
    const who = subject({ userId: 'usr_me' });
    const about = (owner: string) => cedarCall(set, who, { action: 'read', resource: { type: 'doc', id: owner, attributes: { owner } } });
    assert.equal(JSON.stringify(about('usr_7')), JSON.stringify(about('usr_8')));
    assert.notEqual(JSON.stringify(about('usr_7')), JSON.stringify(about('usr_me')));
    assert.deepEqual([decision(about('usr_7')), decision(about('usr_me'))], ['deny', 'allow']);
  });

  it('keeps literals, entity references and identities as they are', () => {
    const set = prepared('permit(principal is ApiKey, action == Action::"read", resource) when { principal has service && principal.service == "billing" && principal has owner && principal.owner == User::"usr_1" };');
    const call = cedarCall(set, subject({ kind: 'api_key', apiKeyId: 'key_1', service: 'billing', roles: ['admin'] }), { action: 'read', resource: { type: 'doc', id: '1' } });
    assert.deepEqual(call.entities[0], {
      uid: { type: 'ApiKey', id: 'key_1' },
      attrs: { service: 'billing', owner: { __entity: { type: 'User', id: 'usr_1' } } },
      parents: [{ type: 'Role', id: 'admin' }],
    });
    assert.equal(decision(call), 'allow');
  });

  it('renames under names spelled as Cedar\u2019s JSON escapes too (found by review)', () => {
    const set = prepared('@id("open") permit(principal, action == Action::"read", resource);\n@id("blocked") forbid(principal, action == Action::"read", resource) when { resource.hasTag("blocked") && resource.getTag("blocked") == principal.id };');
    for (const key of ['__entity', '__extn']) {
      const check = { action: 'read', resource: { type: 'doc', id: '1', attributes: { [key]: 'x', blocked: 'usr_me' } } };
      const call = cedarCall(set, subject({ userId: 'usr_me' }), check);
      assert.deepEqual(call.entities[1]?.tags, { [key]: '\u00001', blocked: '\u00000' }, key);
      assert.equal(decision(call), 'deny', key);
    }
  });

  it('would change answers if values were renamed for a policy that looks into them', () => {
    const set = prepared('permit(principal, action == Action::"read", resource) when { context.request.hasTag("ip") && context.request.getTag("ip") like "10.*" };');
    const check = { action: 'read', resource: { type: 'doc', id: '1' }, context: { ip: '10.0.0.1' } };
    assert.equal(decision(cedarCall(set, subject(), check)), 'allow');
    const forced = { ...set, reads: { ...set.reads, values: { onlyCompared: true, literals: new Set<string>() } } };
    assert.equal(decision(cedarCall(forced, subject(), check)), 'deny', 'renamed, the address no longer matches: the analysis is what keeps it');
  });

  it('sends a tag named __proto__ (JSON.parse makes it an own key) as a tag, renamed or not (found by review)', () => {
    // An imported user's custom fields are parsed, not checked for prototype keys; a body would be refused.
    const custom = JSON.parse('{"__proto__":"suspended","plan":"gold"}') as Record<string, unknown>;
    const who = subject({ attributes: { tags: [], custom } });
    const check = { action: 'read', resource: { type: 'doc', id: '1', attributes: JSON.parse('{"__proto__":"x"}') as Record<string, unknown> } };
    const forbids = 'permit(principal, action, resource);\nforbid(principal, action, resource) when { principal.hasTag("__proto__") };';
    const compares = 'permit(principal, action, resource) when { principal.hasTag("__proto__") && principal.getTag("__proto__") == "suspended" && resource.hasTag("__proto__") };';
    for (const text of [forbids, compares]) {
      const set = prepared(text);
      const whole = { ...set, reads: { ...set.reads, whole: true, values: VALUES_INSPECTED } };
      const expected = text === forbids ? 'deny' : 'allow';
      assert.equal(decision(cedarCall(set, who, check)), expected);
      assert.equal(decision(cedarCall(whole, who, check)), expected);
    }
  });
});
