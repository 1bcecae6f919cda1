import assert from 'node:assert/strict';
import { pbkdf2Sync } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { createHashingPool } from '../../src/platform/hashing-workers.ts';

const request = (password: string) => ({ algorithm: 'pbkdf2' as const, password, salt: 'salt', iterations: 1000, keyLength: 32, digest: 'sha256' as const });
const expected = (password: string) => new Uint8Array(pbkdf2Sync(password, 'salt', 1000, 32, 'sha256'));

describe('the hashing worker pool', () => {
  it('ends a worker left without work for idleMs, and starts a fresh one for the next hash', async () => {
    const pool = createHashingPool({ maxWorkers: 2, idleMs: 150 });
    assert.equal(pool.size, 0, 'no worker before the first hash');
    assert.deepEqual(await pool.compute(request('first')), expected('first'));
    assert.equal(pool.size, 1);
    await sleep(400);
    assert.equal(pool.size, 0, 'the idle worker was ended');
    assert.deepEqual(await pool.compute(request('second')), expected('second'), 'a fresh worker computes the next hash');
    assert.equal(pool.size, 1);
  });

  it('keeps a worker that gets work again before idleMs, and never ends one while it computes', async () => {
    const pool = createHashingPool({ maxWorkers: 1, idleMs: 150 });
    for (let i = 0; i < 5; i++) {
      assert.deepEqual(await pool.compute(request(`again ${i}`)), expected(`again ${i}`));
      await sleep(75);
      assert.equal(pool.size, 1, 'each new hash restarts the idle time');
    }
    // A job longer than idleMs: the timer of the idle spell before it is cleared when the work arrives.
    const slow = { algorithm: 'pbkdf2' as const, password: 'slow', salt: 'salt', iterations: 4_000_000, keyLength: 32, digest: 'sha256' as const };
    const started = Date.now();
    const key = await pool.compute(slow);
    assert.ok(Date.now() - started > 150, 'the job outlasted the idle time');
    assert.deepEqual(key, new Uint8Array(pbkdf2Sync('slow', 'salt', 4_000_000, 32, 'sha256')), 'and was not cut short');
    assert.equal(pool.size, 1);
  });

  it('runs up to maxWorkers hashes at once and queues the rest', async () => {
    const pool = createHashingPool({ maxWorkers: 2, idleMs: 1000 });
    const passwords = ['a', 'b', 'c', 'd', 'e'];
    const keys = await Promise.all(passwords.map((password) => pool.compute(request(password))));
    assert.deepEqual(keys, passwords.map(expected));
    assert.equal(pool.size, 2);
  });

  it('fails only the job of a thread that exits without an error, and carries on with a fresh one', async () => {
    const pool = createHashingPool({ maxWorkers: 1, idleMs: 1000, script: new URL('../support/exiting-hash-worker.ts', import.meta.url) });
    assert.equal(await pool.compute(request('before')), 'hashed before');
    const exiting = pool.compute(request('exit'));
    const queued = pool.compute(request('queued'));
    await assert.rejects(exiting, /exit code 3/);
    assert.equal(await queued, 'hashed queued', 'the job queued behind it went to a fresh thread');
    assert.equal(pool.size, 1);
  });

  it('fails the job of a thread that cannot start, and keeps no worker', async () => {
    const pool = createHashingPool({ maxWorkers: 1, idleMs: 1000, script: new URL('../support/no-such-hash-worker.ts', import.meta.url) });
    await assert.rejects(pool.compute(request('x')));
    assert.equal(pool.size, 0);
  });

  it('fails every queued job, and throws nowhere, when no thread can be started at all', async () => {
    // Node refuses this script synchronously, as it would when out of threads or memory.
    const pool = createHashingPool({ maxWorkers: 2, idleMs: 1000, script: new URL('http://127.0.0.1/hash-worker.js') });
    const results = await Promise.allSettled([pool.compute(request('a')), pool.compute(request('b'))]);
    assert.deepEqual(results.map((result) => result.status), ['rejected', 'rejected']);
    assert.equal(pool.size, 0);
  });
});
