import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createVerifiedTokenCache, VERIFIED_TOKEN_MAX_AGE_MS } from '../../src/tokens/verified-token-cache.ts';
import type { AccessTokenClaims } from '../../src/contracts.ts';

const claims = (exp: number) => ({ sub: 'usr_1', exp }) as unknown as AccessTokenClaims;
const token = (payload: string, signature: string) => `eyJhbGciOiJFUzI1NiJ9.${payload}.${signature}`;
const SIGNATURE = 'q'.repeat(40) + 'Zx3_kP9-aLm2Vn8Rt5YwQe7Uo1Ii4Hs6G';

describe('the verified-token cache', () => {
  it('answers only for the exact token, in the realm that verified it, until it expires', () => {
    const cache = createVerifiedTokenCache(100);
    const genuine = token('eyJzdWIiOiJ1c3JfMSJ9', SIGNATURE);
    cache.remember('rl_a', genuine, claims(2_000), 1_000_000, cache.generation);
    assert.equal(cache.get('rl_a', genuine, 1_000_000)?.sub, 'usr_1');
    assert.equal(cache.get('rl_a', `${genuine}`.slice(0), 1_000_000)?.sub, 'usr_1', 'the same text, another string');
    assert.equal(cache.get('rl_b', genuine, 1_000_000), undefined, 'another realm verifies for itself');
    // A changed payload keeps the signature's characters the lookup goes by: still not the token.
    assert.equal(cache.get('rl_a', token('eyJzdWIiOiJ1c3JfMiJ9', SIGNATURE), 1_000_000), undefined);
    assert.equal(cache.get('rl_a', genuine.slice(1), 1_000_000), undefined);
    assert.equal(cache.get('rl_a', genuine, 2_000_000), undefined, 'expired');
    assert.equal(cache.size, 0, 'an expired entry is dropped');
  });

  it('keeps the claims it hands out from being changed, and stays within its capacity', () => {
    const cache = createVerifiedTokenCache(32);
    for (let i = 0; i < 100; i++) cache.remember('rl_a', token('p', `${SIGNATURE}${i}`), claims(9_999_999_999), 0, cache.generation);
    assert.ok(cache.size <= 32);
    const kept = cache.get('rl_a', token('p', `${SIGNATURE}99`), 0)!;
    assert.throws(() => Object.assign(kept, { sub: 'usr_other' }), TypeError);
  });

  it('forgets a realm at once, remembers nothing a forget overtook, and nothing for longer than its maximum age', () => {
    const cache = createVerifiedTokenCache(100);
    const [a, b] = [token('a', `${SIGNATURE}a`), token('b', `${SIGNATURE}b`)];
    cache.remember('rl_a', a, claims(9_999_999_999), 0, cache.generation);
    cache.remember('rl_b', b, claims(9_999_999_999), 0, cache.generation);
    const started = cache.generation;
    cache.forget('rl_a');
    assert.equal(cache.get('rl_a', a, 0), undefined, 'the realm whose keys changed');
    assert.equal(cache.get('rl_b', b, 0)?.sub, 'usr_1', 'another realm is kept');
    // A verification that began before the forget (its key may be the one revoked) is not kept.
    cache.remember('rl_a', a, claims(9_999_999_999), 0, started);
    assert.equal(cache.get('rl_a', a, 0), undefined);
    assert.equal(cache.get('rl_b', b, VERIFIED_TOKEN_MAX_AGE_MS + 1), undefined, 'verified again after the maximum age');
    cache.forget();
    assert.equal(cache.size, 0);
  });
});
