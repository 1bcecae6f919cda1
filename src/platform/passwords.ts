import { randomBytes } from 'node:crypto';
import { deriveArgon2, formatArgon2, type Argon2Parameters } from './password-formats/argon2.ts';
import { recognisePasswordHash, type Argon2Hash, type RecognisedHash } from './password-formats/index.ts';

/**
 * Password hashing. New hashes are argon2id (Node's built-in implementation, on libuv's thread
 * pool, so hashing never blocks the event loop), stored as PHC strings so parameters can be raised
 * later and old hashes still verify. Hashes imported from other systems (bcrypt, scrypt, PBKDF2,
 * other argon2 variants and parameters) verify too, and `needsRehash` says when a stored hash
 * should be replaced by one made with the current parameters.
 */
export type { Argon2Parameters };
export { MAX_PASSWORD_HASH_LENGTH } from './password-formats/index.ts';

export const MAX_PASSWORD_LENGTH = 1024;

export interface PasswordHasher {
  /** argon2id with the configured parameters, of the password's NFKC form. */
  hash(password: string): Promise<string>;
  /** Any supported format (see docs/password-hashes.md); false for a hash no format accepts. */
  verify(password: string, storedHash: string): Promise<boolean>;
  /** Spends the same time as verifying against a real hash; used for unknown users. */
  verifyDummy(password: string): Promise<void>;
  /** True unless the hash is argon2id with exactly the configured m, t and p. */
  needsRehash(storedHash: string): boolean;
}

/** Why a string cannot be stored as a password hash, or undefined when it is supported. */
export function passwordHashIssue(hash: string): string | undefined {
  const recognition = recognisePasswordHash(hash);
  return recognition.ok ? undefined : recognition.issue;
}

export const isSupportedPasswordHash = (hash: string): boolean => passwordHashIssue(hash) === undefined;

const isArgon2 = (hash: RecognisedHash): hash is Argon2Hash => hash.algorithm.startsWith('argon2');

/**
 * Hashes made here are of the NFKC form of the password; a system a hash was imported from may or
 * may not have normalised. Both forms are tried, the likelier first; a password that NFKC leaves
 * unchanged is tried once. Either order accepts exactly the same passwords.
 */
async function matchesEitherForm(hash: RecognisedHash, password: string): Promise<boolean> {
  const normalised = password.normalize('NFKC');
  const [first, second] = isArgon2(hash) ? [normalised, password] : [password, normalised];
  if (await hash.matches(first)) return true;
  return first !== second && hash.matches(second);
}

export function createPasswordHasher(params: Argon2Parameters): PasswordHasher {
  let dummy: Promise<string> | undefined;
  const dummyHash = () => (dummy ??= hasher.hash(randomBytes(16).toString('hex')));

  const hasher: PasswordHasher = {
    async hash(password) {
      const salt = randomBytes(16);
      return formatArgon2('argon2id', params, salt, await deriveArgon2('argon2id', password.normalize('NFKC'), salt, params, 32));
    },
    async verify(password, storedHash) {
      const recognition = recognisePasswordHash(storedHash);
      if (!recognition.ok) {
        // Imports are checked, so only a damaged row gets here; it still costs a verification.
        await hasher.verifyDummy(password);
        return false;
      }
      return matchesEitherForm(recognition.hash, password);
    },
    async verifyDummy(password) {
      await hasher.verify(password, await dummyHash());
    },
    needsRehash(storedHash) {
      const recognition = recognisePasswordHash(storedHash);
      if (!recognition.ok || recognition.hash.algorithm !== 'argon2id') return true;
      const current = (recognition.hash as Argon2Hash).params;
      return current.memoryKib !== params.memoryKib || current.passes !== params.passes || current.parallelism !== params.parallelism;
    },
  };
  return hasher;
}
