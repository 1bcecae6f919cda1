/**
 * What every password-hash family shares: the shape of a recognised hash, the answer when a string
 * is refused, and the decoding helpers the formats need. Families live beside this file, one each.
 */
import { timingSafeEqual } from 'node:crypto';

export type HashAlgorithm = 'argon2id' | 'argon2i' | 'argon2d' | 'bcrypt' | 'scrypt' | 'pbkdf2-sha256' | 'pbkdf2-sha512' | 'firebase-scrypt';

/** A stored hash whose format and parameters are understood, ready to check passwords against. */
export interface RecognisedHash {
  readonly algorithm: HashAlgorithm;
  /**
   * Derives from `password` exactly as given (UTF-8) and compares in constant time. The work runs
   * on a hashing worker thread (src/platform/hashing-workers.ts), off the event loop.
   */
  matches(password: string): Promise<boolean>;
}

/** A string either recognised, or refused with an `issue` that says why (shown to operators). */
export type Recognition = { ok: true; hash: RecognisedHash } | { ok: false; issue: string };

export const refuse = (issue: string): Recognition => ({ ok: false, issue });

/**
 * Bounds on what an imported hash may ask of the server. A sign-in verifies against the stored hash
 * even when the password is wrong, so every attempt costs what the hash's parameters say; these let
 * through every setting a real exporter or a recommendation uses, with room (see
 * docs/password-hashes.md for the reasoning), and refuse the settings that cost seconds per attempt.
 */
export const importLimits = {
  /** argon2 memory: twice RFC 9106's 64 MiB recommendation (Bitwarden's default). */
  maxArgon2MemoryKib: 128 * 1024,
  maxArgon2Passes: 10,
  /** Memory × passes, what the time of one argon2 follows: 256 MiB·passes (RFC 9106's 64 MiB × 3 is 192). */
  maxArgon2MemoryPassesKib: 256 * 1024,
  /** argon2 lanes and scrypt's p. */
  maxParallelism: 8,
  /** scrypt's memory, 128·N·r: OWASP's N=2^17, r=8. */
  maxScryptMemoryBytes: 128 * 1024 ** 2,
  /** scrypt's work, 128·N·r·p: twice OWASP's N=2^17, r=8, p=1. */
  maxScryptWorkBytes: 256 * 1024 ** 2,
  /** Over three times OWASP's 600,000 for SHA-256, and Django's 1,200,000 (6.0). */
  maxPbkdf2Sha256Iterations: 2_000_000,
  /** Almost five times OWASP's and Keycloak's 210,000 for SHA-512. */
  maxPbkdf2Sha512Iterations: 1_000_000,
  /**
   * PBKDF2 does all its iterations again for each block of key (32 bytes for SHA-256, 64 for
   * SHA-512), so the cost is iterations × blocks: at most this many times the iteration bound
   * (found by review: a 512-byte key at 2,000,000 iterations cost 4.7 s a check). Two: Keycloak's
   * SHA-256 keys are 64 bytes; a longer key at fewer iterations costs no more.
   */
  maxPbkdf2Blocks: 2,
  /** bcrypt doubles its work per step: 14 is four times the common 12, over a second of CPU. */
  maxBcryptCost: 14,
  /** Shorter derived keys would make random guesses match too often. */
  minKeyBytes: 16,
  maxKeyBytes: 512,
};

export type HashLimits = typeof importLimits;

/**
 * What a stored hash may have to be verified at all. Wider than imports: Keyrealm's own argon2id
 * follows KEYREALM_ARGON2_* (up to 4 GiB, 20 passes, 16 lanes), and hashes imported before the
 * bounds above were tightened must keep working. Each verification still waits its realm's turn.
 */
export const storedHashLimits: HashLimits = {
  ...importLimits,
  maxArgon2MemoryKib: 4 * 1024 ** 2,
  maxArgon2Passes: 20,
  maxArgon2MemoryPassesKib: 20 * 4 * 1024 ** 2,
  maxParallelism: 16,
  maxScryptMemoryBytes: 1024 ** 3,
  maxScryptWorkBytes: 16 * 1024 ** 3,
  maxPbkdf2Sha256Iterations: 5_000_000,
  maxPbkdf2Sha512Iterations: 5_000_000,
  maxPbkdf2Blocks: 16,
  maxBcryptCost: 18,
};

export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A decimal number as the formats write them (no sign, no exponent), or undefined. */
export function decimal(text: string): number | undefined {
  return /^\d{1,10}$/.test(text) ? Number(text) : undefined;
}

/**
 * Base64 as hash formats write it: the standard alphabet, optionally padded; with `ab64`, passlib's
 * variant that writes `.` for `+` is accepted too. Undefined for anything else.
 */
export function decodeBase64(text: string, options: { ab64?: boolean } = {}): Buffer | undefined {
  const alphabet = options.ab64 ? /^[A-Za-z0-9+/.]+={0,2}$/ : /^[A-Za-z0-9+/]+={0,2}$/;
  if (!alphabet.test(text)) return undefined;
  const bare = text.replace(/=+$/, '');
  // A length of 1 mod 4 leaves a lone character that encodes no whole byte.
  if (bare.length % 4 === 1) return undefined;
  return Buffer.from(bare.replaceAll('.', '+'), 'base64');
}

/** The derived key's length must be within bounds; the salt must hold something. */
export function keyIssue(salt: Buffer | string, key: Buffer): string | undefined {
  const { minKeyBytes, maxKeyBytes } = importLimits;
  if (salt.length === 0) return 'has an empty salt';
  if (key.length < minKeyBytes || key.length > maxKeyBytes) {
    return `has a ${key.length}-byte hash; ${minKeyBytes} to ${maxKeyBytes} bytes are accepted`;
  }
  return undefined;
}
