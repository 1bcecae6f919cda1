import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonNestedDeeperThan, unstorableFields } from '../../src/http/unstorable-text.ts';

const fields = (value: unknown) => unstorableFields(value).map((detail) => detail.field);

describe('unstorable text in request values', () => {
  it('finds NUL characters in strings, arrays and object keys, with their paths', () => {
    const body = { name: 'a\u0000b', reference: '\u0000', fine: 'ok', custom: { list: ['ok', 'x\u0000'], ['k\u0000ey']: 1 } };
    assert.deepEqual(fields(body), ['name', 'reference', 'custom.list.1', 'custom.key']);
  });

  it('finds unpaired surrogates, high or low, in values and keys, but accepts paired ones', () => {
    const body = { first_name: '\ud800', last: 'x\udc00', emoji: '😀', custom: { ['k\ud800']: 'v' } };
    assert.deepEqual(unstorableFields(body), [
      { field: 'first_name', issue: 'must not contain unpaired UTF-16 surrogates' },
      { field: 'last', issue: 'must not contain unpaired UTF-16 surrogates' },
      { field: 'custom.k', issue: 'must not contain unpaired UTF-16 surrogates' },
    ]);
  });

  it('finds nothing in clean bodies, and names a bare string body', () => {
    assert.deepEqual(fields({ a: [1, true, null, { b: 'c' }] }), []);
    assert.deepEqual(fields('\u0000'), ['(body)']);
  });
});

describe('JSON nesting depth on the raw text', () => {
  it('counts arrays and objects, and stops counting inside strings (escaped quotes included)', () => {
    assert.equal(jsonNestedDeeperThan('{"a":[{"b":1}]}', 3), false);
    assert.equal(jsonNestedDeeperThan('{"a":[{"b":[1]}]}', 3), true);
    assert.equal(jsonNestedDeeperThan(`{"a":"${'[{'.repeat(100)}"}`, 1), false);
    assert.equal(jsonNestedDeeperThan(`{"a":"\\"${'['.repeat(5)}"}`, 1), false);
    assert.equal(jsonNestedDeeperThan(`{"a":"\\\\"${'['.repeat(5)}}`, 1), true);
  });

  it('handles a 2,000-level body without recursion', () => {
    assert.equal(jsonNestedDeeperThan('{"a":'.repeat(2000) + '1' + '}'.repeat(2000), 32), true);
    assert.equal(jsonNestedDeeperThan('['.repeat(32) + ']'.repeat(32), 32), false);
  });
});
