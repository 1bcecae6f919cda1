/**
 * Recognises a stored password hash by its prefix and hands it to its family's parser. The
 * accepted formats are documented in docs/password-hashes.md.
 */
import { recogniseArgon2 } from './argon2.ts';
import { recogniseBcrypt } from './bcrypt.ts';
import { recogniseFirebaseScrypt } from './firebase-scrypt.ts';
import { recogniseDjangoPbkdf2, recognisePasslibPbkdf2 } from './pbkdf2.ts';
import { refuse, type HashLimits, type Recognition } from './recognised-hash.ts';
import { recogniseScrypt } from './scrypt.ts';

export type { Argon2Hash, Argon2Parameters, Argon2Variant } from './argon2.ts';
export type { HashAlgorithm, HashLimits, Recognition, RecognisedHash } from './recognised-hash.ts';
export { importLimits, storedHashLimits } from './recognised-hash.ts';
export { firebaseScryptHash } from './firebase-scrypt.ts';

/** Longer strings are refused before any parsing (the API's limit too). */
export const MAX_PASSWORD_HASH_LENGTH = 1024;

const families: [prefix: string, recognise: (text: string, limits: HashLimits) => Recognition][] = [
  ['$argon2', recogniseArgon2],
  ['$scrypt$', recogniseScrypt],
  ['$firebase-scrypt$', recogniseFirebaseScrypt],
  ['$pbkdf2-', recognisePasslibPbkdf2],
  ['pbkdf2_sha256$', recogniseDjangoPbkdf2],
  ['$2', recogniseBcrypt],
];

/** `limits`: importLimits for a hash being imported, storedHashLimits for one already stored. */
export function recognisePasswordHash(text: string, limits: HashLimits): Recognition {
  if (text.length > MAX_PASSWORD_HASH_LENGTH) return refuse(`is longer than ${MAX_PASSWORD_HASH_LENGTH} characters`);
  const family = families.find(([prefix]) => text.startsWith(prefix));
  if (!family) return refuse('is not a supported hash format (argon2, bcrypt, scrypt, Firebase scrypt or PBKDF2-SHA256/512; see docs/password-hashes.md)');
  return family[1](text, limits);
}
