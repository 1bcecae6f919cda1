import { randomBytes } from 'node:crypto';
import { createHashingScheduler, defaultHashingLimits, type HashingScheduler } from './hashing-scheduler.ts';
import { deriveArgon2, formatArgon2, type Argon2Parameters } from './password-formats/argon2.ts';
import { importLimits, recognisePasswordHash, storedHashLimits, type Argon2Hash, type RecognisedHash } from './password-formats/index.ts';

/**
 * Password hashing. New hashes are argon2id (Node's built-in implementation, on a hashing worker
 * thread, so hashing never blocks the event loop), stored as PHC strings so parameters can be raised
 * later and old hashes still verify. Hashes imported from other systems (bcrypt, scrypt, PBKDF2,
 * other argon2 variants and parameters) verify too, and `needsRehash` says when a stored hash
 * should be replaced by one made with the current parameters.
 *
 * Every hash and verification names the realm it is for and waits for its turn in the hashing
 * scheduler (src/platform/hashing-scheduler.ts), so one realm's load cannot starve another's sign-ins.
 */
export type { Argon2Parameters };
export { MAX_PASSWORD_HASH_LENGTH } from './password-formats/index.ts';

export const MAX_PASSWORD_LENGTH = 1024;

/**
 * `realmId` says whose work it is: the hashing scheduler takes turns between realms. Each method may
 * throw AppError `service.unavailable` when too much of that realm's work is already waiting.
 */
export interface PasswordHasher {
  /** argon2id with the configured parameters, of the password's NFKC form. */
  hash(realmId: string, password: string): Promise<string>;
  /** Any supported format (see docs/password-hashes.md); false for a hash no format accepts. */
  verify(realmId: string, password: string, storedHash: string): Promise<boolean>;
  /** Spends the same time as verifying against a real hash; used for unknown users (the realm asked about pays). */
  verifyDummy(realmId: string, password: string): Promise<void>;
  /** True unless the hash is argon2id with exactly the configured m, t and p. */
  needsRehash(storedHash: string): boolean;
}

/** Why a string cannot be stored as a password hash, or undefined when it is supported. */
export function passwordHashIssue(hash: string): string | undefined {
  const recognition = recognisePasswordHash(hash, importLimits);
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

export function createPasswordHasher(
  params: Argon2Parameters,
  scheduler: HashingScheduler = createHashingScheduler(defaultHashingLimits()),
  /** argon2 itself; tests pass one that fails. */
  derive: typeof deriveArgon2 = deriveArgon2,
): PasswordHasher {
  // The dummy hash is made once, outside any realm's turn: it is the server's, not a realm's, work.
  // A failure to make it is forgotten, not kept: a cached rejection would answer every unknown
  // user's sign-in with a 500 while known users get a 401, telling them apart for good.
  let dummy: Promise<string> | undefined;
  function dummyHash(): Promise<string> {
    if (dummy) return dummy;
    const making = makeHash(randomBytes(16).toString('hex'));
    dummy = making;
    making.catch(() => {
      if (dummy === making) dummy = undefined;
    });
    return making;
  }

  async function makeHash(password: string): Promise<string> {
    const salt = randomBytes(16);
    return formatArgon2('argon2id', params, salt, await derive('argon2id', password.normalize('NFKC'), salt, params, 32));
  }

  /** Both forms of the password are one job: the realm waits its turn once per check, not per form. */
  function check(realmId: string, password: string, hash: RecognisedHash): Promise<boolean> {
    return scheduler.run(realmId, () => matchesEitherForm(hash, password));
  }

  const hasher: PasswordHasher = {
    hash(realmId, password) {
      return scheduler.run(realmId, () => makeHash(password));
    },
    async verify(realmId, password, storedHash) {
      const recognition = recognisePasswordHash(storedHash, storedHashLimits);
      if (!recognition.ok) {
        // Imports are checked, so only a damaged row gets here; it still costs a verification.
        await hasher.verifyDummy(realmId, password);
        return false;
      }
      return check(realmId, password, recognition.hash);
    },
    async verifyDummy(realmId, password) {
      const recognition = recognisePasswordHash(await dummyHash(), storedHashLimits);
      if (recognition.ok) await check(realmId, password, recognition.hash);
    },
    needsRehash(storedHash) {
      const recognition = recognisePasswordHash(storedHash, storedHashLimits);
      if (!recognition.ok || recognition.hash.algorithm !== 'argon2id') return true;
      const current = (recognition.hash as Argon2Hash).params;
      return current.memoryKib !== params.memoryKib || current.passes !== params.passes || current.parallelism !== params.parallelism;
    },
  };
  return hasher;
}
