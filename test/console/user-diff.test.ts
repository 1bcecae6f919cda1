/**
 * The users screens' pure logic: the field-by-field diff between two versions of a user, and the
 * profile forms' checks (custom-data JSON, tags, changed fields only, per-field API complaints).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffVersions, flatten, sameValue, showValue } from '../../console/src/screens/users/user-diff.ts';
import { changedFields, checkCustom, fieldError, parseTags } from '../../console/src/screens/users/user-fields.ts';

describe('user version diff', () => {
  it('lists added, removed and changed fields, sorted, ignoring the version number', () => {
    const before = { version: 1, email: 'a@example.com', first_name: null, last_name: 'Old', tags: ['a'], custom: { plan: 'free', seats: 1 } };
    const after = { version: 3, email: 'a@example.com', first_name: 'Ann', last_name: null, tags: ['a', 'b'], custom: { plan: 'pro', team: { id: 7 } } };
    assert.deepEqual(diffVersions(before, after), [
      { path: 'custom.plan', kind: 'changed', before: 'free', after: 'pro' },
      { path: 'custom.seats', kind: 'removed', before: 1 },
      { path: 'custom.team.id', kind: 'added', after: 7 },
      { path: 'first_name', kind: 'added', after: 'Ann' },
      { path: 'last_name', kind: 'removed', before: 'Old' },
      { path: 'tags', kind: 'changed', before: ['a'], after: ['a', 'b'] },
    ]);
  });

  it('finds nothing between equal versions (key order ignored) and honours the ignore list', () => {
    assert.deepEqual(diffVersions({ custom: { a: 1, b: [1, { c: 2 }] } }, { custom: { b: [1, { c: 2 }], a: 1 } }), []);
    assert.deepEqual(diffVersions({ updated_at: 'x', email: 'e' }, { updated_at: 'y', email: 'e' }, ['updated_at']), []);
    assert.equal(diffVersions({ version: 1 }, { version: 2 }).length, 0);
  });

  it('keeps an emptied object as a value rather than losing it', () => {
    assert.deepEqual([...flatten({ custom: {} })], [['custom', {}]]);
    assert.deepEqual(diffVersions({ custom: { a: 1 } }, { custom: {} }), [
      { path: 'custom', kind: 'added', after: {} },
      { path: 'custom.a', kind: 'removed', before: 1 },
    ]);
  });

  it('compares JSON values deeply and shows them on one line', () => {
    assert.equal(sameValue([1, 2], [1, 2]), true);
    assert.equal(sameValue([1, 2], [2, 1]), false);
    assert.equal(sameValue({ a: 1 }, { a: 1, b: undefined }), false);
    assert.equal(sameValue(null, {}), false);
    assert.equal(showValue('text'), 'text');
    assert.equal(showValue(['a', 'b']), '["a","b"]');
    assert.equal(showValue(false), 'false');
    assert.equal(showValue(null), '');
  });
});

describe('user form checks', () => {
  it('accepts a JSON object (or nothing) as custom data and says why anything else is refused', () => {
    assert.deepEqual(checkCustom('  '), { ok: true, value: {} });
    assert.deepEqual(checkCustom('{"plan":"pro"}'), { ok: true, value: { plan: 'pro' } });
    const broken = checkCustom('{"plan":');
    assert.equal(broken.ok, false);
    assert.equal(!broken.ok && broken.reason, 'syntax');
    assert.deepEqual(checkCustom('[1]'), { ok: false, reason: 'not_object' });
    assert.deepEqual(checkCustom('null'), { ok: false, reason: 'not_object' });
    assert.deepEqual(checkCustom(JSON.stringify({ big: 'x'.repeat(17000) })), { ok: false, reason: 'too_large' });
  });

  it('reads tags separated by commas or lines, without blanks or duplicates', () => {
    assert.deepEqual(parseTags(' vip, beta ,\nvip,, '), ['vip', 'beta']);
    assert.deepEqual(parseTags(''), []);
  });

  it('sends only the changed fields, an emptied one as null', () => {
    const original = { email: 'a@example.com', first_name: 'Ann', last_name: null };
    assert.deepEqual(changedFields(original, { email: 'a@example.com', first_name: '', last_name: ' Lee ' }), { first_name: null, last_name: 'Lee' });
    assert.deepEqual(changedFields(original, { email: 'a@example.com', first_name: 'Ann', last_name: '' }), {});
  });

  it('picks the API complaint for a field (or one of its children)', () => {
    const details = [{ field: 'password', issue: 'is too short' }, { field: 'custom.plan', issue: 'is too long' }];
    assert.equal(fieldError(details, 'password'), 'is too short');
    assert.equal(fieldError(details, 'custom'), 'is too long');
    assert.equal(fieldError(details, 'email'), undefined);
    assert.equal(fieldError(undefined, 'email'), undefined);
  });
});
