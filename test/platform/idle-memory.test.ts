import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { getHeapStatistics } from 'node:v8';
import { trimMemoryWhenIdle } from '../../src/platform/idle-memory.ts';

/** Short-lived garbage, enough to grow the young generation to its largest. */
function churn(megabytes: number): number {
  let kept = 0;
  for (let i = 0; i < megabytes * 16; i++) kept += new Array(8192).fill(i).length;
  return kept;
}

function busyFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) churn(1);
}

describe('giving memory back when idle', () => {
  it('collects once the process is idle and the heap grew, and gives the memory back', async () => {
    const trim = trimMemoryWhenIdle({ checkEveryMs: 100, idleBelow: 0.2, growthBytes: 1024 * 1024, minIntervalMs: 0 });
    try {
      churn(256);
      const grown = getHeapStatistics().total_physical_size;
      await sleep(450);
      assert.ok(trim.collections >= 1, 'an idle period after growth collected');
      const after = getHeapStatistics().total_physical_size;
      assert.ok(after < grown, `the heap shrank (${grown} → ${after} bytes)`);
      const collections = trim.collections;
      await sleep(350);
      assert.equal(trim.collections, collections, 'idle without growth: nothing more to collect');
    } finally {
      trim.stop();
    }
  });

  it('waits minIntervalMs between two collections however idle the process is', async () => {
    const trim = trimMemoryWhenIdle({ checkEveryMs: 50, idleBelow: 0.2, growthBytes: 1024 * 1024, minIntervalMs: 60_000 });
    try {
      churn(128);
      await sleep(200);
      assert.equal(trim.collections, 1);
      churn(256);
      await sleep(300);
      assert.equal(trim.collections, 1, 'grown again and idle, but within the minute');
    } finally {
      trim.stop();
    }
  });

  it('never collects while the event loop is busy', async () => {
    const trim = trimMemoryWhenIdle({ checkEveryMs: 50, idleBelow: 0.2, growthBytes: 1024 * 1024, minIntervalMs: 0 });
    try {
      // Busy spells with short yields between them: every check period is mostly work.
      for (let i = 0; i < 8; i++) {
        busyFor(60);
        await sleep(1);
      }
      assert.equal(trim.collections, 0);
    } finally {
      trim.stop();
    }
  });
});
