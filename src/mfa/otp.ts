import { createHmac, randomBytes } from 'node:crypto';
import { constantTimeEqual } from '../platform/opaque-tokens.ts';

/**
 * One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238) over node:crypto, and the base32 seeds
 * (RFC 4648, no padding) that authenticator apps read from an otpauth:// URI.
 */
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export const otpAlgorithms: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
export const MIN_DIGITS = 6;
export const MAX_DIGITS = 8;
/** RFC 4226 §4 asks for at least 128 bits and recommends 160: one SHA-1 block's worth. */
export const SEED_BYTES = 20;
export const TOTP_PERIOD_SECONDS = 30;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Lenient on case, spaces and padding (people type seeds in by hand); throws on any other character. */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('not base32');
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** A new random seed, base32 (160 bits: 32 characters). */
export function newSeed(): string {
  return base32Encode(randomBytes(SEED_BYTES));
}

export interface OtpParameters {
  algorithm: OtpAlgorithm;
  digits: number;
}

/** RFC 4226 §5.3: HMAC of the 8-byte big-endian counter, dynamic truncation, the low `digits` decimal digits. */
export function hotp(seed: Buffer, counter: number, { algorithm, digits }: OtpParameters): string {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new Error('counter out of range');
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm.toLowerCase(), seed).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The RFC 6238 time step of an instant (epoch ms). */
export function timeStep(nowMs: number, periodSeconds = TOTP_PERIOD_SECONDS): number {
  return Math.floor(nowMs / 1000 / periodSeconds);
}

export function totp(seed: Buffer, nowMs: number, parameters: OtpParameters & { period?: number }): string {
  return hotp(seed, timeStep(nowMs, parameters.period), parameters);
}

/**
 * The first counter in [from, to) whose code equals `code`, or undefined. Every candidate is
 * computed and compared (no early exit), so the time taken does not tell where a match was.
 */
export function findCounter(seed: Buffer, code: string, from: number, to: number, parameters: OtpParameters): number | undefined {
  let found: number | undefined;
  for (let counter = Math.max(0, from); counter < to; counter++) {
    if (constantTimeEqual(hotp(seed, counter, parameters), code) && found === undefined) found = counter;
  }
  return found;
}
