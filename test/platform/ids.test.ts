import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isId, newId, newTimeOrderedId, randomBase62 } from '../../src/platform/ids.ts';

/** Ids: 22 base62 characters after the prefix, random, or time-ordered with a random tail. */
describe('ids', () => {
  it('makes random ids of the documented form, all different, the alphabet used evenly', () => {
    const ids = Array.from({ length: 20_000 }, () => newId('evt'));
    assert.ok(ids.every((id) => /^evt_[0-9A-Za-z]{22}$/.test(id)));
    assert.equal(new Set(ids).size, ids.length);
    const counts = new Map<string, number>();
    for (const char of randomBase62(62 * 2000)) counts.set(char, (counts.get(char) ?? 0) + 1);
    assert.equal(counts.size, 62);
    // 2,000 expected each; a biased modulo would skew the first characters by about 12 %.
    assert.ok([...counts.values()].every((n) => n > 1700 && n < 2300), JSON.stringify([...counts]));
  });

  it('makes time-ordered ids that sort by their time (byte order) and still differ within one millisecond', () => {
    const times = [0, 1, 61, 62, 1_764_000_000_000, 1_764_000_000_001, 1_764_000_060_000, 62 ** 8 - 1];
    const ids = times.map((at) => newTimeOrderedId('usr', at));
    assert.ok(ids.every((id) => /^usr_[0-9A-Za-z]{22}$/.test(id)), ids.join());
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(ids[0].slice(4, 12), '00000000');
    const same = Array.from({ length: 10_000 }, () => newTimeOrderedId('usr', 1_764_000_000_000));
    assert.equal(new Set(same).size, same.length);
    assert.equal(new Set(same.map((id) => id.slice(0, 12))).size, 1);
  });

  it('tells ids of a type from anything else', () => {
    assert.ok(isId('usr', newId('usr')) && isId('usr', newTimeOrderedId('usr', Date.now())));
    for (const odd of [newId('evt'), 'usr_', `usr_${'a'.repeat(21)}`, `usr_${'a'.repeat(23)}`, `usr_${'a'.repeat(21)}-`, `xusr_${'a'.repeat(22)}`, `usr_${'a'.repeat(22)}\n`]) assert.equal(isId('usr', odd), false, odd);
  });
});
