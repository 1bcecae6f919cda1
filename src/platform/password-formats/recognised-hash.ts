/**
 * What every password-hash family shares: the shape of a recognised hash, the answer when a string
 * is refused, and the decoding helpers the formats need. Families live beside this file, one each.
 */
import { timingSafeEqual } from 'node:crypto';

export type HashAlgorithm = 'argon2id' | 'argon2i' | 'argon2d' | 'bcrypt' | 'scrypt' | 'pbkdf2-sha256' | 'pbkdf2-sha512';

/** A stored hash whose format and parameters are understood, ready to check passwords against. */
export interface RecognisedHash {
  readonly algorithm: HashAlgorithm;
  /**
   * Derives from `password` exactly as given (UTF-8) and compares in constant time. The work runs
   * off the event loop (libuv's pool, or bcryptjs's chunked async mode).
   */
  matches(password: string): Promise<boolean>;
}

/** A string either recognised, or refused with an `issue` that says why (shown to operators). */
export type Recognition = { ok: true; hash: RecognisedHash } | { ok: false; issue: string };

export const refuse = (issue: string): Recognition => ({ ok: false, issue });

/**
 * Bounds on what an imported hash may ask of the server. A sign-in verifies against the stored hash
 * even when the password is wrong, so one absurd hash could otherwise tie up memory or CPU.
 */
export const hashLimits = {
  /** Memory of one argon2 or scrypt derivation: 1 GiB. */
  maxMemoryBytes: 1024 ** 3,
  maxArgon2Passes: 20,
  maxParallelism: 16,
  maxPbkdf2Iterations: 5_000_000,
  /** bcrypt doubles its work per step: 18 is already about a minute of CPU in JavaScript. */
  maxBcryptCost: 18,
  /** Shorter derived keys would make random guesses match too often. */
  minKeyBytes: 16,
  maxKeyBytes: 512,
} as const;

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
  if (salt.length === 0) return 'has an empty salt';
  if (key.length < hashLimits.minKeyBytes || key.length > hashLimits.maxKeyBytes) {
    return `has a ${key.length}-byte hash; ${hashLimits.minKeyBytes} to ${hashLimits.maxKeyBytes} bytes are accepted`;
  }
  return undefined;
}
