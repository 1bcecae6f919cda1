import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatKey, newKeyId } from '../../src/api-keys/key-format.ts';
import { redactSecrets } from '../../src/platform/logger.ts';

/** A key never reaches a log: neither as the bearer header nor as the field that shows it once. */
describe('API keys in logs', () => {
  it('redacts the authorization header and the api_key field', () => {
    const key = formatKey(null, newKeyId());
    const logged = redactSecrets({ req: { headers: { authorization: `Bearer ${key}` } }, res: { api_key: key }, api_key: key });
    assert.equal(JSON.stringify(logged).includes(key), false);
    assert.equal(JSON.stringify(logged).includes(key.slice(20)), false);
  });
});
