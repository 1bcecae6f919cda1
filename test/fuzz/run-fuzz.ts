/**
 * `npm run fuzz`: a long outside-in fuzz run (docs/fuzzing.md).
 *
 *   npm run fuzz -- [--seed N] [--runs N] [--dialect sqlite|postgres]
 *   FUZZ_SEED=N FUZZ_RUNS=N npm run fuzz
 *
 * Prints the seed first, so any run can be replayed; a failure prints the request and fast-check's
 * counterexample path.
 */
import { parseArgs } from 'node:util';
import type { DialectName } from '../../src/storage/database.ts';
import { dialects } from '../support/databases.ts';
import { fuzzOpenApi } from './openapi-fuzz.ts';

const { values } = parseArgs({ options: { seed: { type: 'string' }, runs: { type: 'string' }, dialect: { type: 'string' } } });
const seed = Number(values.seed ?? process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const numRuns = Number(values.runs ?? process.env.FUZZ_RUNS ?? 20_000);
const chosen = (values.dialect ? [values.dialect] : dialects) as DialectName[];
if (!Number.isInteger(seed) || !Number.isInteger(numRuns) || numRuns < 1 || chosen.some((d) => !dialects.includes(d))) {
  console.error('usage: npm run fuzz -- [--seed N] [--runs N] [--dialect sqlite|postgres]');
  process.exit(2);
}

console.log(`fuzz seed ${seed}, ${numRuns} requests per dialect (replay: npm run fuzz -- --seed ${seed})`);
for (const dialect of chosen) {
  const started = Date.now();
  const report = await fuzzOpenApi({ dialect, seed, numRuns, progress: (n) => console.log(`  ${dialect}: ${n} requests`) });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`${dialect}: ${report.requests} requests over ${report.operations} operations in ${seconds}s, no 5xx; statuses ${JSON.stringify(report.statuses)}`);
}
