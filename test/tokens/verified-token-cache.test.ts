import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createVerifiedTokenCache, VERIFIED_TOKEN_MAX_AGE_MS } from '../../src/tokens/verified-token-cache.ts';
import type { AccessTokenClaims } from '../../src/contracts.ts';
import { settle } from '../support/watched-statements.ts';

const claims = (exp: number) => ({ sub: 'usr_1', exp }) as unknown as AccessTokenClaims;
const token = (payload: string, signature: string) => `eyJhbGciOiJFUzI1NiJ9.${payload}.${signature}`;
const SIGNATURE = 'q'.repeat(40) + 'Zx3_kP9-aLm2Vn8Rt5YwQe7Uo1Ii4Hs6G';
const FOREVER = 9_999_999_999;

/** A signature check that counts its calls and answers `answer` (or fails with it). */
function counted(answer: AccessTokenClaims | Error = claims(FOREVER)) {
  const check = async () => {
    check.calls += 1;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  check.calls = 0;
  return check;
}

describe('the verified-token cache', () => {
  it('answers only for the exact token, in the realm that verified it, until it expires', async () => {
    const cache = createVerifiedTokenCache(100);
    const genuine = token('eyJzdWIiOiJ1c3JfMSJ9', SIGNATURE);
    const check = counted(claims(2_000));
    await cache.verify('rl_a', genuine, 1_000_000, check);
    assert.equal(cache.get('rl_a', genuine, 1_000_000, check)?.sub, 'usr_1');
    assert.equal(cache.get('rl_a', `${genuine}`.slice(0), 1_000_000, check)?.sub, 'usr_1', 'the same text, another string');
    assert.equal(cache.get('rl_b', genuine, 1_000_000, check), undefined, 'another realm verifies for itself');
    // A changed payload keeps the signature's characters the lookup goes by: still not the token.
    assert.equal(cache.get('rl_a', token('eyJzdWIiOiJ1c3JfMiJ9', SIGNATURE), 1_000_000, check), undefined);
    assert.equal(cache.get('rl_a', genuine.slice(1), 1_000_000, check), undefined);
    assert.equal(cache.get('rl_a', genuine, 2_000_000, check), undefined, 'expired');
    assert.equal(cache.size, 0, 'an expired entry is dropped');
    assert.equal(check.calls, 1);
  });

  it('keeps the claims it hands out from being changed, and stays within its capacity', async () => {
    const cache = createVerifiedTokenCache(32);
    for (let i = 0; i < 100; i++) await cache.verify('rl_a', token('p', `${SIGNATURE}${i}`), 0, counted());
    assert.ok(cache.size <= 32);
    const kept = cache.get('rl_a', token('p', `${SIGNATURE}99`), 0, counted())!;
    assert.throws(() => Object.assign(kept, { sub: 'usr_other' }), TypeError);
  });

  it('forgets a realm at once, remembers nothing a forget of its realm overtook, and nothing for longer than its maximum age', async () => {
    const cache = createVerifiedTokenCache(100);
    const [a, b] = [token('a', `${SIGNATURE}a`), token('b', `${SIGNATURE}b`)];
    await cache.verify('rl_a', a, 0, counted());
    await cache.verify('rl_b', b, 0, counted());
    cache.forget('rl_a');
    assert.equal(cache.get('rl_a', a, 0, counted()), undefined, 'the realm whose keys changed');
    assert.equal(cache.get('rl_b', b, 0, counted())?.sub, 'usr_1', 'another realm is kept');

    // A verification that began before the forget (its key may be the one revoked) answers, but is not kept.
    let finish!: () => void;
    const slow = async () => {
      await new Promise<void>((resolve) => (finish = resolve));
      return claims(FOREVER);
    };
    const overtaken = cache.verify('rl_a', a, 0, slow);
    await settle();
    cache.forget('rl_a');
    cache.forget('rl_b');
    finish();
    assert.equal((await overtaken).sub, 'usr_1');
    assert.equal(cache.get('rl_a', a, 0, counted()), undefined);

    await cache.verify('rl_b', b, 0, counted());
    assert.equal(cache.get('rl_b', b, VERIFIED_TOKEN_MAX_AGE_MS, counted()), undefined, 'verified again at the maximum age');
    await cache.verify('rl_b', b, 0, counted());
    cache.forget();
    assert.equal(cache.size, 0);
  });

  it('verifies a token once for every request that holds it meanwhile', async () => {
    const cache = createVerifiedTokenCache(100);
    const check = counted();
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.verify('rl_a', token('a', SIGNATURE), 0, check)));
    assert.ok(answers.every((answer) => answer.sub === 'usr_1'));
    assert.equal(check.calls, 1);
    const refused = counted(new Error('bad signature'));
    const failures = await Promise.allSettled(Array.from({ length: 5 }, () => cache.verify('rl_a', token('b', SIGNATURE), 0, refused)));
    assert.ok(failures.every((failure) => failure.status === 'rejected'));
    assert.equal(refused.calls, 1, 'a refusal is shared too');
  });

  it('takes no room from other tokens when it checks one again', async () => {
    const cache = createVerifiedTokenCache(16);
    const tokens = Array.from({ length: 16 }, (_, i) => token('p', `${SIGNATURE}${i}`));
    for (const each of tokens) await cache.verify('rl_a', each, 0, counted());
    assert.equal(cache.get('rl_a', tokens[0] as string, VERIFIED_TOKEN_MAX_AGE_MS * 0.8, counted())?.sub, 'usr_1');
    await settle();
    assert.ok(tokens.every((each) => cache.get('rl_a', each, 0, counted()) !== undefined), 'a full cache lost none');
    await cache.verify('rl_a', token('p', `${SIGNATURE}new`), 0, counted());
    assert.notEqual(cache.get('rl_a', tokens[0] as string, 0, counted()), undefined, 'the one checked again went to the back: others leave first');
  });

  it('checks a token in use again behind its answer in the last quarter of its age, and drops it if the check fails', async () => {
    const cache = createVerifiedTokenCache(100);
    const busy = token('a', SIGNATURE);
    await cache.verify('rl_a', busy, 0, counted());
    const again = counted();
    const late = VERIFIED_TOKEN_MAX_AGE_MS * 0.8;
    assert.equal(cache.get('rl_a', busy, late, again)?.sub, 'usr_1', 'answered at once');
    await settle();
    assert.equal(again.calls, 1, 'and checked again behind it');
    assert.equal(cache.get('rl_a', busy, VERIFIED_TOKEN_MAX_AGE_MS + 1, again)?.sub, 'usr_1', 'the check gave it a new age');

    const revoked = counted(new Error('its key is gone'));
    assert.equal(cache.get('rl_a', busy, late * 2, revoked)?.sub, 'usr_1');
    await settle();
    assert.equal(revoked.calls, 1);
    assert.equal(cache.get('rl_a', busy, late * 2, revoked), undefined, 'a failed check drops it at once');
  });
});
