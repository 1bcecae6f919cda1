/**
 * Context words: what an attacker who targets this user tries first. A password is refused as built
 * on them when the words, found anywhere in it (case-insensitively, NFKC), cover at least half of
 * its characters ("acme2024" in realm "Acme", "jsmith!!" for username "jsmith"). A long passphrase
 * that merely mentions one ("my acme rocket goes to the moon") is accepted: the rest of it carries
 * the strength, and refusing every password that contains a four-letter realm name would refuse
 * many good ones.
 */
import { codePointLength, foldForComparison } from './password-text.ts';

export interface PasswordContext {
  realmName: string;
  email: string | null;
  username: string | null;
  /** Further words to refuse (a user's names, say); treated like the username. */
  extraWords?: string[];
}

/** Shorter words are left out: they occur by chance in too many good passwords. */
export const MIN_CONTEXT_WORD_LENGTH = 4;

// Separators inside names: "Acme App", "ada.lovelace", "j_smith-2".
const SEPARATORS = /[^\p{L}\p{N}\p{M}]+/u;

/** A name as a whole, without its separators, and each of its parts. */
function nameForms(name: string): string[] {
  const folded = foldForComparison(name).trim();
  const parts = folded.split(SEPARATORS).filter((part) => part !== '');
  return [folded, parts.join(''), ...parts];
}

/** The realm's name, the whole email address and its local part, the username, and the extra words. */
export function contextWords(context: PasswordContext): string[] {
  const words: string[] = [...nameForms(context.realmName)];
  if (context.email !== null) {
    const email = foldForComparison(context.email).trim();
    const at = email.lastIndexOf('@');
    words.push(email, ...(at > 0 ? nameForms(email.slice(0, at)) : []));
  }
  if (context.username !== null) words.push(...nameForms(context.username));
  for (const word of context.extraWords ?? []) words.push(...nameForms(word));
  return [...new Set(words)].filter((word) => codePointLength(word) >= MIN_CONTEXT_WORD_LENGTH);
}

/** Whether context words cover at least half of the (NFKC) password's code points. */
export function builtOnContext(password: string, context: PasswordContext): boolean {
  const folded = foldForComparison(password);
  const covered = new Uint8Array(folded.length);
  let found = false;
  for (const word of contextWords(context)) {
    for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + 1)) {
      covered.fill(1, at, at + word.length);
      found = true;
    }
  }
  if (!found) return false;
  // Count in code points: a surrogate pair is one character, covered when its first unit is.
  let total = 0;
  let coveredPoints = 0;
  for (let unit = 0; unit < folded.length; ) {
    const width = (folded.codePointAt(unit) ?? 0) > 0xffff ? 2 : 1;
    total += 1;
    coveredPoints += covered[unit];
    unit += width;
  }
  return coveredPoints * 2 >= total;
}
