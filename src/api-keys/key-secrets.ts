import { createHmac, createSecretKey, hkdfSync, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { SecretBox } from '../platform/secret-box.ts';
import type { ApiKey, StoredSecret } from './api-key.ts';

/**
 * How a key's text is kept and checked. Keys carry ~190 random bits, so a fast keyed hash
 * (HMAC-SHA-256 under a key derived from the master key) is enough: no slow password hash on
 * this hot path. `encrypt` seals the text instead, so an operator can read it back.
 */
export function apiKeyMacKey(masterKey: Buffer): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, '', 'keyrealm api keys', 32)));
}

export interface KeySecrets {
  /** The keyed hash of a key's text (also what the per-process cache is keyed by). */
  digest(text: string): Buffer;
  store(policy: ApiKey['storage'], text: string): StoredSecret;
  /** Constant-time: whether `digest` is the digest of the stored key. */
  matches(stored: StoredSecret, digest: Buffer): boolean;
  /** The text of a sealed key; undefined for a hashed one. */
  reveal(stored: StoredSecret): string | undefined;
}

export function createKeySecrets(macKey: KeyObject, box: SecretBox): KeySecrets {
  const digest = (text: string) => createHmac('sha256', macKey).update(text).digest();
  return {
    digest,
    store(policy, text) {
      return policy === 'hash' ? { hash: digest(text).toString('base64url'), sealed: null } : { hash: null, sealed: box.seal(text) };
    },
    matches(stored, given) {
      // Both sides are 32-byte digests, so the comparison takes the same time whatever they hold.
      const expected = stored.hash !== null ? Buffer.from(stored.hash, 'base64url') : stored.sealed !== null ? digest(box.open(stored.sealed)) : undefined;
      return expected !== undefined && expected.length === given.length && timingSafeEqual(expected, given);
    },
    reveal(stored) {
      return stored.sealed === null ? undefined : box.open(stored.sealed);
    },
  };
}
