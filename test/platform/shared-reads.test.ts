import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueForRefresh, SharedReads } from '../../src/platform/shared-reads.ts';

/** A read whose answer the test gives, counting how many were started. */
function reads() {
  const pending: ((value: string) => void)[] = [];
  const kept: string[] = [];
  return {
    pending,
    kept,
    plan: (key: string) => ({
      read: () => new Promise<string>((resolve) => pending.push(resolve)),
      stale: (_value: string, notices: readonly string[]) => notices.includes(key),
      keep: (value: string) => void kept.push(value),
    }),
  };
}

describe('shared reads', () => {
  it('gives every caller of a key the one read under way, and keeps what it found once', async () => {
    const shared = new SharedReads<string, string>(1000);
    const r = reads();
    const answers = Promise.all([shared.run('a', 0, r.plan('a')), shared.run('a', 10, r.plan('a')), shared.run('a', 20, r.plan('a'))]);
    assert.equal(r.pending.length, 1);
    r.pending[0]('one');
    assert.deepEqual(await answers, ['one', 'one', 'one']);
    assert.deepEqual(r.kept, ['one']);
    assert.equal(shared.size, 0, 'nothing left under way');
  });

  it('keeps a read through notices about other keys, but not through one about its own, and reads again for a caller who came after it', async () => {
    const shared = new SharedReads<string, string>(1000);
    const r = reads();
    const first = shared.run('a', 0, r.plan('a'));
    shared.heard('b');
    const second = shared.run('a', 0, r.plan('a'));
    shared.heard('a');
    const third = shared.run('a', 0, r.plan('a'));
    r.pending[0]('before the change');
    assert.equal(await first, 'before the change', 'there before the change: as concurrent with it as the read');
    assert.equal(await second, 'before the change', 'joined before the change too');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(r.pending.length, 2, 'the caller who came after the change read again');
    r.pending[1]('after the change');
    assert.equal(await third, 'after the change');
    assert.deepEqual(r.kept, ['after the change'], 'the read that heard of its own change was not kept');
  });

  it('reads again for a caller who joined a failed read after a change, and fails those who were there before', async () => {
    const shared = new SharedReads<string, string>(1000);
    let failures = 0;
    const pending: { resolve: (value: string) => void; reject: (error: Error) => void }[] = [];
    const plan = { read: () => new Promise<string>((resolve, reject) => pending.push({ resolve, reject })), stale: () => false, keep: () => {} };
    const before = shared.run('a', 0, plan).catch(() => (failures += 1));
    shared.heard('a');
    const after = shared.run('a', 0, plan);
    pending[0].reject(new Error('no active key yet'));
    await before;
    assert.equal(failures, 1, 'there before the change: the read\'s failure is its own');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(pending.length, 2, 'the caller who came after the change read again');
    pending[1].resolve('repaired');
    assert.equal(await after, 'repaired');
  });

  it('keeps nothing from a read that heard more notices than it records', async () => {
    const shared = new SharedReads<string, string>(1000);
    const r = reads();
    const read = shared.run('a', 0, r.plan('a'));
    for (let i = 0; i < 65; i++) shared.heard(`other-${i}`);
    r.pending[0]('found');
    assert.equal(await read, 'found');
    assert.deepEqual(r.kept, []);
  });

  it('joins no read older than its bound, and a late answer does not end the newer read', async () => {
    const shared = new SharedReads<string, string>(1000);
    const r = reads();
    const stuck = shared.run('a', 0, r.plan('a'));
    const fresh = shared.run('a', 1000, r.plan('a'));
    assert.equal(r.pending.length, 2);
    r.pending[0]('old');
    await stuck;
    const joined = shared.run('a', 1001, r.plan('a'));
    assert.equal(r.pending.length, 2, 'the newer read is still the one under way');
    r.pending[1]('new');
    assert.deepEqual([await fresh, await joined], ['new', 'new']);
  });

  it('tells a change to a read a newer one has replaced, too', async () => {
    const shared = new SharedReads<string, string>(1000);
    const r = reads();
    const replaced = shared.run('a', 0, r.plan('a'));
    const newer = shared.run('a', 1000, r.plan('a'));
    shared.heard('a');
    r.pending[0]('old');
    r.pending[1]('new');
    await Promise.all([replaced, newer]);
    assert.deepEqual(r.kept, [], 'both heard the change: neither is kept');
  });

  it('calls an entry due in the last quarter of its time', () => {
    assert.equal(dueForRefresh(10_000, 10_000, 7_499), false);
    assert.equal(dueForRefresh(10_000, 10_000, 7_500), true);
  });
});
