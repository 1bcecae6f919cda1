import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldsWithNul } from '../../src/http/nul-characters.ts';

describe('NUL characters in request bodies', () => {
  it('finds them in strings, arrays and object keys, with their paths', () => {
    const body = { name: 'a\u0000b', reference: '\u0000', fine: 'ok', custom: { list: ['ok', 'x\u0000'], ['k\u0000ey']: 1 } };
    assert.deepEqual(fieldsWithNul(body, '', []), ['name', 'reference', 'custom.list.1', 'custom.key']);
  });

  it('finds nothing in clean bodies, and names a bare string body', () => {
    assert.deepEqual(fieldsWithNul({ a: [1, true, null, { b: 'c' }] }, '', []), []);
    assert.deepEqual(fieldsWithNul('\u0000', '', []), ['(body)']);
  });
});
