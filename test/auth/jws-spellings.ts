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

/** The order of P-256's base point. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** Whether an ES256 token's signature has s in the lower half of the order. */
export function hasLowS(token: string): boolean {
  const signature = Buffer.from(token.split('.')[2], 'base64url');
  return BigInt(`0x${signature.subarray(32).toString('hex')}`) <= P256_ORDER >> 1n;
}

/** An ES256 token's other valid signature, (r, n − s): the same signed bytes, a second spelling. */
export function withOtherS(token: string): string {
  const parts = token.split('.');
  const signature = Buffer.from(parts[2], 'base64url');
  const s = BigInt(`0x${signature.subarray(32).toString('hex')}`);
  const other = Buffer.from((P256_ORDER - s).toString(16).padStart(64, '0'), 'hex');
  parts[2] = Buffer.concat([signature.subarray(0, 32), other]).toString('base64url');
  return parts.join('.');
}
