import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { fuzzOpenApi } from './openapi-fuzz.ts';

/**
 * The bounded outside-in fuzz run inside `npm test`: about half a minute per dialect, a fresh seed
 * each run (printed, and in fast-check's failure message, for replay with `npm run fuzz -- --seed N`).
 * Long runs: `npm run fuzz` (docs/fuzzing.md).
 */
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const SECONDS_PER_DIALECT = 25;

for (const dialect of dialects) {
  describe(`outside-in fuzzing of every operation on ${dialect}`, () => {
    it(`never answers 5xx, and answers 4xx in the documented shape (seed ${seed})`, async () => {
      const report = await fuzzOpenApi({ dialect, seed, numRuns: 1_000_000, timeLimitMs: SECONDS_PER_DIALECT * 1000 });
      assert.ok(report.operations > 50, `the document lists ${report.operations} operations`);
      assert.ok(report.requests > 100, `only ${report.requests} requests were sent`);
    });
  });
}
