/** The access screens' pure logic: what operators type, turned into the API's shapes, and back. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capabilitiesOf, fieldErrors, isoToLocal, localToIso, MODULE_NAME, offsetOf, parseCustom, parseList, problemLocation, windowState } from '../../console/src/screens/access/access-logic.ts';

describe('access screens logic', () => {
  it('reads permissions one a line or comma-separated, without blanks or duplicates', () => {
    assert.deepEqual(parseList(' invoices:read \n\ninvoices:write, invoices:read\n  '), ['invoices:read', 'invoices:write']);
    assert.deepEqual(parseList(''), []);
  });

  it('files the API’s details under the form field they belong to, the first one winning', () => {
    assert.deepEqual(fieldErrors([{ field: 'slug', issue: 'is taken' }, { field: 'permissions.2', issue: 'is invalid' }, { field: 'permissions.3', issue: 'also' }, { field: 'body.name', issue: 'is required' }, { issue: 'no field' }]), {
      slug: 'is taken',
      permissions: 'permissions.2: is invalid',
      name: 'is required',
    });
  });

  it('tells where an assignment’s window stands', () => {
    const now = Date.parse('2026-03-15T00:00:00Z');
    assert.equal(windowState({ starts_at: '2026-04-01T00:00:00Z', ends_at: null }, now), 'scheduled');
    assert.equal(windowState({ starts_at: '2026-03-01T00:00:00Z', ends_at: null }, now), 'current');
    assert.equal(windowState({ starts_at: '2026-03-01T00:00:00Z', ends_at: '2026-04-01T00:00:00Z' }, now), 'current');
    assert.equal(windowState({ starts_at: '2026-01-01T00:00:00Z', ends_at: '2026-03-15T00:00:00Z' }, now), 'ended');
  });

  it('turns datetime-local values into instants and back', () => {
    assert.equal(localToIso(''), undefined);
    assert.equal(localToIso('not a time'), null);
    const iso = localToIso('2030-03-01T09:30');
    assert.equal(typeof iso, 'string');
    assert.equal(isoToLocal(iso as string), '2030-03-01T09:30');
  });

  it('accepts only a JSON object as custom attributes', () => {
    assert.deepEqual(parseCustom(''), { value: {} });
    assert.deepEqual(parseCustom('{"plan":"gold"}'), { value: { plan: 'gold' } });
    assert.equal((parseCustom('[1]') as { error: string }).error, 'not_object');
    assert.equal((parseCustom('null') as { error: string }).error, 'not_object');
    assert.equal((parseCustom('{plan}') as { error: string }).error, 'syntax');
  });

  it('builds the capability map from the rows, skipping blank names', () => {
    assert.deepEqual(capabilitiesOf([{ name: ' read ', effect: 'allow' }, { name: '', effect: 'deny' }, { name: 'delete', effect: 'deny' }]), { read: 'allow', delete: 'deny' });
  });

  it('finds the line and column in a Cedar problem and the offset they point at', () => {
    assert.deepEqual(problemLocation('line 5, column 10: attribute `nope` not found'), { line: 5, column: 10, message: 'attribute `nope` not found' });
    assert.deepEqual(problemLocation('too many policies'), { line: null, column: null, message: 'too many policies' });
    const text = 'ab\ncdef\ng';
    assert.equal(offsetOf(text, 2, 3), 5);
    assert.equal(offsetOf(text, 9, 1), 8);
    assert.equal(offsetOf(text, 1, 99), 2);
  });

  it('checks module names as the API does', () => {
    assert.ok(MODULE_NAME.test('iam.access'));
    assert.ok(!MODULE_NAME.test('-bad'));
    assert.ok(!MODULE_NAME.test('Upper'));
  });
});
