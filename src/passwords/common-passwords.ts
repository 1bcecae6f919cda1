/**
 * The list of the 100,000 most common passwords (src/passwords/data/README.md says where it comes
 * from and how it is made), folded to NFKC lower case. It is read on first use, once per process,
 * without blocking the event loop for the read and the decompression, and kept packed: the entries
 * sorted, in one UTF-8 buffer with a table of where each starts (about 1.3 MB for as long as the
 * process lives, where a Set of 100,000 strings held about 6 MB of heap and 18 MB of RSS). A
 * look-up is a binary search: about 17 entries decoded and compared per candidate.
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { memoise } from '../platform/lazy.ts';
import { foldForComparison } from './password-text.ts';

const LIST_FILE = new URL('./data/common-passwords.txt.gz', import.meta.url);

/**
 * Trailing decoration people add to a common password to get past a check ("dragon1", "monkey!",
 * "sunshine2024"): up to this many digits, punctuation marks or symbols at the end are also tried
 * removed. Longer tails are left alone: they add real guessing work.
 */
export const MAX_TRAILING_DECORATION = 4;
const DECORATION = /^[\p{N}\p{P}\p{S}]$/u;

export interface CommonPasswords {
  readonly size: number;
  /** Whether the password, or it without a short decorated tail, is on the list (case-insensitive, NFKC). */
  includes(password: string): boolean;
}

/** Once per process; a failed read (a broken install) is not kept: the next check tries again. */
export const loadCommonPasswords: () => Promise<CommonPasswords> = memoise(readList);

async function readList(): Promise<CommonPasswords> {
  const text = (await promisify(gunzip)(await readFile(LIST_FILE))).toString('utf8');
  // Sorted by JavaScript's own string order, the order `<` compares in during the search.
  const sorted = [...new Set(text.split('\n').filter((line) => line !== ''))].sort();
  const packed = Buffer.from(sorted.join(''), 'utf8');
  const starts = new Uint32Array(sorted.length + 1);
  let offset = 0;
  sorted.forEach((entry, index) => {
    starts[index] = offset;
    offset += Buffer.byteLength(entry, 'utf8');
  });
  starts[sorted.length] = offset;
  // Only `packed` and `starts` are kept: the closures below must not hold `sorted` or `text`.
  const count = sorted.length;
  const entryAt = (index: number) => packed.toString('utf8', starts[index], starts[index + 1]);
  const has = (candidate: string) => {
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const entry = entryAt(middle);
      if (entry === candidate) return true;
      if (entry < candidate) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  };
  return {
    size: count,
    includes: (password) => candidates(foldForComparison(password)).some(has),
  };
}

/** The folded password, then it with 1 to MAX_TRAILING_DECORATION decoration characters cut from its end. */
function candidates(folded: string): string[] {
  const points = [...folded];
  const forms = [folded];
  for (let cut = 1; cut <= MAX_TRAILING_DECORATION && cut < points.length; cut++) {
    if (!DECORATION.test(points[points.length - cut])) break;
    forms.push(points.slice(0, points.length - cut).join(''));
  }
  return forms;
}
