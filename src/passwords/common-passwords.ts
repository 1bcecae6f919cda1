/**
 * The list of the 100,000 most common passwords (src/passwords/data/README.md says where it comes
 * from and how it is made), folded to NFKC lower case. It is read on first use, once per process,
 * without blocking the event loop for the read and the decompression: about 0.1 s once, and about
 * 6 MB of heap (18 MB of RSS) for as long as the process lives. A look-up costs about 2 µs.
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
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

let loading: Promise<CommonPasswords> | undefined;

export function loadCommonPasswords(): Promise<CommonPasswords> {
  loading ??= readList().catch((error: unknown) => {
    // A failed read (a broken install) must not stick: the next check tries again.
    loading = undefined;
    throw error;
  });
  return loading;
}

async function readList(): Promise<CommonPasswords> {
  const text = (await promisify(gunzip)(await readFile(LIST_FILE))).toString('utf8');
  const entries = new Set<string>();
  for (const line of text.split('\n')) if (line !== '') entries.add(line);
  return {
    size: entries.size,
    includes: (password) => candidates(foldForComparison(password)).some((candidate) => entries.has(candidate)),
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
