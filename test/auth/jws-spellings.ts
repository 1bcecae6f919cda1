/** Spellings of a compact JWS that decode to the same bytes as the canonical one, for the tests that must refuse them. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Part `index` with its last character's lowest bit flipped: a bit the decoded bytes never use when
 * the part's length leaves a partial group (length % 4 of 2 or 3), so it decodes to the same bytes.
 */
export function withPaddingBitSet(token: string, index: number): string | undefined {
  const parts = token.split('.');
  const part = parts[index];
  if (part.length % 4 === 0) return undefined;
  parts[index] = part.slice(0, -1) + ALPHABET[ALPHABET.indexOf(part.at(-1) ?? '') ^ 1];
  return parts.join('.');
}

/** Every non-canonical spelling of `token` that still decodes to its bytes. */
export function nonCanonicalSpellings(token: string): string[] {
  const spellings: string[] = [];
  for (const index of [0, 1, 2]) {
    for (const padding of ['=', '==']) {
      const parts = token.split('.');
      parts[index] += padding;
      spellings.push(parts.join('.'));
    }
    const paddingBits = withPaddingBitSet(token, index);
    if (paddingBits) spellings.push(paddingBits);
  }
  return spellings;
}
