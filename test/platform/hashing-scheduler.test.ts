import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../src/errors.ts';
import { createHashingScheduler, defaultHashingLimits, type HashingScheduler } from '../../src/platform/hashing-scheduler.ts';
import { deriveArgon2 } from '../../src/platform/password-formats/argon2.ts';
import { createPasswordHasher } from '../../src/platform/passwords.ts';
import { cheapArgon2 } from '../support/fixtures.ts';

/** A job the test finishes by hand, recording when it started. */
function gate(log: string[], label: string) {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    open = () => resolve(label);
    fail = reject;
  });
  return { job: () => (log.push(label), done), open, fail };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the hashing scheduler', () => {
  it('runs at most maxRunning jobs, a key at most maxRunningPerKey, so another key always finds a slot', async () => {
    const scheduler = createHashingScheduler({ maxRunning: 3, maxRunningPerKey: 2, maxQueuedPerKey: 100 });
    const log: string[] = [];
    const a = Array.from({ length: 5 }, (_, i) => gate(log, `a${i}`));
    const results = a.map((g) => scheduler.run('realm-a', g.job));
    await settle();
    assert.deepEqual(log, ['a0', 'a1'], 'a busy key takes its share, not every slot');
    assert.deepEqual(scheduler.stats(), { running: 2, queued: 3 });
    const b = gate(log, 'b0');
    const bResult = scheduler.run('realm-b', b.job);
    await settle();
    assert.deepEqual(log, ['a0', 'a1', 'b0'], 'the other key starts at once');
    b.open();
    assert.equal(await bResult, 'b0');
    for (const g of a) g.open();
    assert.deepEqual(await Promise.all(results), ['a0', 'a1', 'a2', 'a3', 'a4']);
    assert.deepEqual(scheduler.stats(), { running: 0, queued: 0 });
  });

  it('gives a freed slot to the key served least recently: round-robin, a newcomer first', async () => {
    const scheduler = createHashingScheduler({ maxRunning: 1, maxRunningPerKey: 1, maxQueuedPerKey: 100 });
    const log: string[] = [];
    const jobs = [...['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((l) => ['realm-a', l]), ['realm-b', 'b1'], ['realm-b', 'b2'], ['realm-c', 'c1']];
    const gates = new Map<string, ReturnType<typeof gate>>();
    const runs = jobs.map(([key, label]) => {
      const g = gate(log, label);
      gates.set(label, g);
      return scheduler.run(key, g.job);
    });
    for (let i = 0; i < jobs.length; i++) {
      await settle();
      gates.get(log.at(-1) ?? '')?.open();
    }
    await Promise.all(runs);
    assert.deepEqual(log, ['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4', 'a5', 'a6']);
  });

  it("refuses at once, with 503's code and a retry hint, a key whose queue is full; other keys still queue", async () => {
    const scheduler = createHashingScheduler({ maxRunning: 1, maxRunningPerKey: 1, maxQueuedPerKey: 2 });
    const log: string[] = [];
    const gates = ['a0', 'a1', 'a2'].map((label) => gate(log, label));
    const accepted = gates.map((g) => scheduler.run('realm-a', g.job));
    await settle();
    await assert.rejects(scheduler.run('realm-a', async () => 'never'), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'service.unavailable');
      assert.equal(error.kind, 'unavailable');
      assert.equal(error.retryAfterSeconds, 1);
      return true;
    });
    const other = scheduler.run('realm-b', async () => 'b ran');
    for (const g of gates) g.open();
    assert.deepEqual(await Promise.all(accepted), ['a0', 'a1', 'a2']);
    assert.equal(await other, 'b ran');
    assert.equal(await scheduler.run('realm-a', async () => 'room again'), 'room again');
    assert.deepEqual(log, ['a0', 'a1', 'a2'], 'the refused job never ran');
  });

  it('a failing job rejects only its caller and frees its slot, thrown or rejected', async () => {
    const scheduler: HashingScheduler = createHashingScheduler({ maxRunning: 1, maxRunningPerKey: 1, maxQueuedPerKey: 10 });
    const thrown = scheduler.run('realm-a', () => {
      throw new Error('thrown at once');
    });
    const rejected = scheduler.run('realm-a', () => Promise.reject(new Error('rejected later')));
    const fine = scheduler.run('realm-a', async () => 'still runs');
    await assert.rejects(thrown, /thrown at once/);
    await assert.rejects(rejected, /rejected later/);
    assert.equal(await fine, 'still runs');
    assert.deepEqual(scheduler.stats(), { running: 0, queued: 0 });
  });
});

describe('defaultHashingLimits', () => {
  it('leaves a core to the event loop, and runs one more than a realm may take', () => {
    const limits = (cores: number) => defaultHashingLimits(64, cores);
    assert.deepEqual(limits(2), { maxRunning: 2, maxRunningPerKey: 1, maxQueuedPerKey: 64 });
    assert.deepEqual(limits(1), { maxRunning: 2, maxRunningPerKey: 1, maxQueuedPerKey: 64 });
    assert.deepEqual(limits(8), { maxRunning: 8, maxRunningPerKey: 7, maxQueuedPerKey: 64 });
    assert.equal(defaultHashingLimits().maxQueuedPerKey, 64);
  });
});

describe('the password hasher and the scheduler', () => {
  it('every hash and check, the dummy and a damaged row too, is queued under the realm it is for', async () => {
    const inner = createHashingScheduler({ maxRunning: 2, maxRunningPerKey: 1, maxQueuedPerKey: 10 });
    const keys: string[] = [];
    const recording: HashingScheduler = { run: (key, job) => (keys.push(key), inner.run(key, job)), stats: inner.stats };
    const hasher = createPasswordHasher(cheapArgon2, recording);
    const hash = await hasher.hash('rlm_one', 'a password');
    assert.equal(await hasher.verify('rlm_two', 'a password', hash), true);
    await hasher.verifyDummy('rlm_three', 'a password');
    assert.equal(await hasher.verify('rlm_four', 'a password', 'not a hash at all'), false);
    assert.deepEqual(keys, ['rlm_one', 'rlm_two', 'rlm_three', 'rlm_four']);
  });

  it('a failure to make the dummy hash is not kept: the next unknown-user check makes it again', async () => {
    let calls = 0;
    const flaky: typeof deriveArgon2 = (...args) => (++calls === 1 ? Promise.reject(new Error('argon2 failed: worker died')) : deriveArgon2(...args));
    const hasher = createPasswordHasher(cheapArgon2, createHashingScheduler(defaultHashingLimits()), flaky);
    await assert.rejects(hasher.verifyDummy('rlm_one', 'a password'), /worker died/);
    await hasher.verifyDummy('rlm_one', 'a password');
    await hasher.verifyDummy('rlm_one', 'another password');
    // Made once more after the failure, then kept; the checks themselves verify, never derive here.
    assert.equal(calls, 2);
  });
});
