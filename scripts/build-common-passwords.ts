/**
 * Builds src/passwords/data/common-passwords.txt.gz from a most-common-first password list (one
 * per line), as src/passwords/data/README.md describes: each entry folded the way the policy
 * compares (NFKC, lower case), entries shorter than any realm accepts dropped, repeats dropped,
 * the first 100,000 kept in order.
 *
 *   node scripts/build-common-passwords.ts <source list> [output file]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { codePointLength, foldForComparison } from '../src/passwords/password-text.ts';
import { limits } from '../src/realms/realm.ts';

const ENTRIES = 100_000;
const [source, output = new URL('../src/passwords/data/common-passwords.txt.gz', import.meta.url).pathname] = process.argv.slice(2);
if (!source) {
  console.error('usage: node scripts/build-common-passwords.ts <source list> [output file]');
  process.exit(2);
}

const kept = new Set<string>();
for (const line of readFileSync(source, 'utf8').split(/\r?\n/)) {
  const entry = foldForComparison(line.trim());
  if (codePointLength(entry) < limits.passwordMinLength.min) continue;
  kept.add(entry);
  if (kept.size === ENTRIES) break;
}
writeFileSync(output, gzipSync(`${[...kept].join('\n')}\n`, { level: 9 }));
console.log(`${kept.size} entries written to ${output}`);
