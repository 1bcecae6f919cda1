import { randomBytes } from 'node:crypto';
import { constantTimeEqual, hashToken } from '../platform/opaque-tokens.ts';
import type { SecretHashes } from './application-store.ts';

/**
 * Client secrets: 256 random bits, base64url, shown once. Stored as their SHA-256 only: a secret
 * that random needs no salt nor slow hash. Checks compare in constant time against the current
 * hash and the previous one, always both, so the timing says nothing about which matched.
 */
export function newClientSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashToken(secret) };
}

/** Stands in for a missing hash, so an application without one costs the same comparison. */
const NO_HASH = hashToken('');

export function secretMatches(hashes: SecretHashes | undefined, presented: string, now: number): boolean {
  const presentedHash = hashToken(presented);
  const current = constantTimeEqual(presentedHash, hashes?.current ?? NO_HASH) && hashes?.current != null;
  const previousLive = hashes?.previous != null && hashes.previousUntil !== null && now < hashes.previousUntil;
  const previous = constantTimeEqual(presentedHash, hashes?.previous ?? NO_HASH) && previousLive;
  return current || previous;
}
