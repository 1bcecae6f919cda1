import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PREFIX, formatKey, looksLikeApiKey, newKeyId, parseKey } from '../../src/api-keys/key-format.ts';

/** The key text: prefix, id, secret and a checksum that refuses typos without a database read. */
describe('API key format', () => {
  it('puts the prefix (or kr_) before the id and secret, and reads the id back', () => {
    const id = newKeyId();
    const key = formatKey(null, id);
    assert.ok(key.startsWith(`${DEFAULT_PREFIX}${id}_`));
    assert.equal(key.length, DEFAULT_PREFIX.length + 16 + 1 + 32 + 6);
    assert.deepEqual(parseKey(key), { id });
    const custom = formatKey('acme-live_', id);
    assert.ok(custom.startsWith('acme-live_'));
    assert.deepEqual(parseKey(custom), { id });
  });

  it('refuses any one-character change by its checksum', () => {
    const key = formatKey('kr_', newKeyId());
    for (let i = 0; i < key.length; i++) {
      const typo = key.slice(0, i) + (key[i] === 'a' ? 'b' : 'a') + key.slice(i + 1);
      assert.equal(parseKey(typo), undefined, `a change at ${i} passed`);
    }
  });

  it('refuses malformed text: empty, no prefix, too long, truncated, a JWT', () => {
    const key = formatKey(null, newKeyId());
    for (const bad of ['', key.slice(3), 'x'.repeat(500) + key, key.slice(0, -1), 'eyJhbGciOi.eyJzdWIi.c2ln', `${key}\n`]) {
      assert.equal(parseKey(bad), undefined, bad);
    }
    assert.equal(looksLikeApiKey('eyJhbGciOi.eyJzdWIi.c2ln'), false);
    assert.equal(looksLikeApiKey(key), true);
  });

  it('makes a new secret every time', () => {
    const id = newKeyId();
    assert.notEqual(formatKey(null, id), formatKey(null, id));
  });
});
