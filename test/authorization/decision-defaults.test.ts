import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFromRule, type DecisionCheck } from '../../src/authorization/decision-check.ts';
import { defaultDecision, permissionMatches } from '../../src/authorization/decision-defaults.ts';
import { subject } from './policy-fixtures.ts';

const check = (action: string, resource: DecisionCheck['resource'] = { type: 'invoices', id: '42' }): DecisionCheck => ({ action, resource });

describe('the default decision engine', () => {
  it('allows by permission, exact or by a namespace or global wildcard', () => {
    assert.deepEqual(defaultDecision(subject({ permissions: ['invoices:read'] }), check('invoices:read')), { decision: 'allow', reasons: ['permission'] });
    assert.deepEqual(defaultDecision(subject({ permissions: ['invoices:read'] }), check('invoices:delete')), { decision: 'deny', reasons: ['no_permission'] });
    assert.equal(defaultDecision(subject({ permissions: ['invoices:*'] }), check('invoices:delete')).decision, 'allow');
    assert.equal(defaultDecision(subject({ permissions: ['invoices:*'] }), check('invoicesx:delete')).decision, 'deny');
    assert.equal(defaultDecision(subject({ permissions: ['*'] }), check('anything')).decision, 'allow');
    assert.equal(defaultDecision(subject(), check('invoices:read')).decision, 'deny');
    assert.equal(permissionMatches('invoices:*', 'invoices'), false);
  });

  it('denies a resource of another tenant, and a tenant resource to a subject without a tenant', () => {
    const member = subject({ permissions: ['*'], tenant: 'acme' });
    assert.equal(defaultDecision(member, check('invoices:read', { type: 'invoices', id: '1', tenant: 'acme' })).decision, 'allow');
    assert.deepEqual(defaultDecision(member, check('invoices:read', { type: 'invoices', id: '1', tenant: 'globex' })), { decision: 'deny', reasons: ['tenant_mismatch'] });
    assert.equal(defaultDecision(subject({ permissions: ['*'] }), check('invoices:read', { type: 'invoices', id: '1', tenant: 'acme' })).decision, 'deny');
  });

  it('master access allows everything in the realm, other tenants included', () => {
    const master = subject({ access: { type: 'master' } });
    assert.deepEqual(defaultDecision(master, check('invoices:delete', { type: 'invoices', id: '1', tenant: 'globex' })), { decision: 'allow', reasons: ['master_access'] });
  });

  it('acl access needs a matching rule (uri pattern and the verb\u2019s method), then a permission', () => {
    const acl = subject({ permissions: ['invoices:*'], access: { type: 'acl', acl: [{ uri: '/invoices/*', methods: ['GET'] }, { uri: 'reports/2026-*', methods: ['*'] }] } });
    assert.deepEqual(defaultDecision(acl, check('invoices:read')), { decision: 'allow', reasons: ['permission'] });
    assert.deepEqual(defaultDecision(acl, check('invoices:delete')), { decision: 'deny', reasons: ['acl_denied'] });
    assert.deepEqual(defaultDecision(acl, check('users:read', { type: 'users', id: '1' })), { decision: 'deny', reasons: ['acl_denied'] });
    assert.deepEqual(defaultDecision(acl, check('reports:delete', { type: 'reports', id: '2026-q1' })), { decision: 'deny', reasons: ['no_permission'] });
    assert.equal(defaultDecision(subject({ permissions: ['*'], access: { type: 'acl', acl: [{ uri: 'a*b*c', methods: ['get'] }] } }), check('x:read', { type: 'a', id: 'bc' })).decision, 'allow');
    assert.equal(defaultDecision(subject({ permissions: ['*'], access: { type: 'acl', acl: [{ uri: 'a*b*c', methods: ['get'] }] } }), check('x:read', { type: 'a', id: 'cb' })).decision, 'deny');
  });

  it('an API key\u2019s capability deny wins; a key needs a matching allow; it never exceeds its owner', () => {
    const key = (capabilities: Record<string, 'allow' | 'deny'>, permissions = ['*']) => subject({ kind: 'api_key', apiKeyId: 'key_1', capabilities, permissions });
    assert.equal(defaultDecision(key({ read: 'allow' }), check('invoices:read')).decision, 'allow');
    assert.deepEqual(defaultDecision(key({ read: 'allow', 'invoices:read': 'deny' }), check('invoices:read')), { decision: 'deny', reasons: ['capability_denied'] });
    assert.deepEqual(defaultDecision(key({ '*': 'allow', delete: 'deny' }), check('invoices:delete')), { decision: 'deny', reasons: ['capability_denied'] });
    assert.deepEqual(defaultDecision(key({ read: 'allow' }), check('invoices:delete')), { decision: 'deny', reasons: ['capability_missing'] });
    assert.deepEqual(defaultDecision(key({ 'invoices:*': 'allow' }, []), check('invoices:read')), { decision: 'deny', reasons: ['no_permission'] });
    // Every enclosing namespace speaks, as a permission `billing:*` covers `billing:invoices:delete` (found by review).
    assert.deepEqual(defaultDecision(key({ '*': 'allow', 'billing:*': 'deny' }), check('billing:invoices:delete')), { decision: 'deny', reasons: ['capability_denied'] });
    assert.equal(defaultDecision(key({ 'billing:invoices:*': 'allow' }), check('billing:invoices:delete')).decision, 'allow');
    const masterKey = subject({ kind: 'service', apiKeyId: 'key_2', capabilities: { delete: 'deny' }, access: { type: 'master' } });
    assert.equal(defaultDecision(masterKey, check('invoices:delete')).decision, 'deny');
  });

  it('maps seed 002\u2019s { module, rule, payload } onto a check of that module', () => {
    assert.deepEqual(checkFromRule({ module: '/iam/access', rule: 'admin', payload: { a: 1 } }), {
      action: 'admin',
      resource: { type: 'module', id: 'iam.access' },
      context: { a: 1 },
      module: 'iam.access',
    });
  });
});
