/**
 * PBKDF2-HMAC with SHA-256 or SHA-512, in two common forms:
 * - passlib: `$pbkdf2-sha256$<rounds>$<salt>$<hash>` (and `$pbkdf2-sha512$`), salt and hash in
 *   passlib's "ab64" (base64 with `.` for `+`, no padding); the salt is used as its decoded bytes.
 * - Django: `pbkdf2_sha256$<iterations>$<salt>$<hash>`; the salt is used as its text (UTF-8) and
 *   the hash is standard padded base64.
 * Node's pbkdf2 runs on a hashing worker thread.
 */
import { deriveOffThread } from '../hashing-workers.ts';
import { decimal, decodeBase64, keyIssue, refuse, sameBytes, type HashAlgorithm, type HashLimits, type Recognition } from './recognised-hash.ts';

type Digest = 'sha256' | 'sha512';
const BLOCK_BYTES: Record<Digest, number> = { sha256: 32, sha512: 64 };

function derivePbkdf2(password: string, salt: Buffer | string, iterations: number, length: number, digest: Digest): Promise<Buffer> {
  return deriveOffThread({ algorithm: 'pbkdf2', password, salt, iterations, keyLength: length, digest });
}

function recognised(limits: HashLimits, digest: Digest, iterationsText: string, salt: Buffer | string | undefined, key: Buffer | undefined): Recognition {
  const iterations = decimal(iterationsText) ?? -1;
  const maxIterations = digest === 'sha256' ? limits.maxPbkdf2Sha256Iterations : limits.maxPbkdf2Sha512Iterations;
  if (iterations < 1 || iterations > maxIterations) {
    return refuse(`has ${iterationsText} iterations; 1 to ${maxIterations} are accepted for ${digest.toUpperCase()}`);
  }
  if (salt === undefined || !key) return refuse('has a salt or hash that is not base64');
  const keyProblem = keyIssue(salt, key);
  if (keyProblem) return refuse(keyProblem);
  const blocks = Math.ceil(key.length / BLOCK_BYTES[digest]);
  const maxWork = maxIterations * limits.maxPbkdf2Blocks;
  if (iterations * blocks > maxWork) {
    return refuse(`has ${iterationsText} iterations for a ${key.length}-byte key, ${blocks} blocks of ${BLOCK_BYTES[digest]} bytes each done again: at most ${maxWork} iterations × blocks are accepted for ${digest.toUpperCase()}`);
  }
  return {
    ok: true,
    hash: {
      algorithm: `pbkdf2-${digest}` satisfies HashAlgorithm,
      async matches(password) {
        return sameBytes(await derivePbkdf2(password, salt, iterations, key.length, digest), key);
      },
    },
  };
}

const PASSLIB = /^\$pbkdf2-(sha256|sha512)\$([^$]+)\$([^$]+)\$([^$]+)$/;

export function recognisePasslibPbkdf2(text: string, limits: HashLimits): Recognition {
  const match = PASSLIB.exec(text);
  if (!match) return refuse('is not a passlib PBKDF2 hash ($pbkdf2-sha256$rounds$salt$hash)');
  const [, digest, rounds, saltText, keyText] = match;
  return recognised(limits, digest as Digest, rounds, decodeBase64(saltText, { ab64: true }), decodeBase64(keyText, { ab64: true }));
}

const DJANGO = /^pbkdf2_sha256\$([^$]+)\$([^$]+)\$([^$]+)$/;

export function recogniseDjangoPbkdf2(text: string, limits: HashLimits): Recognition {
  const match = DJANGO.exec(text);
  if (!match) return refuse('is not a Django PBKDF2 hash (pbkdf2_sha256$iterations$salt$hash)');
  const [, iterations, salt, keyText] = match;
  return recognised(limits, 'sha256', iterations, salt, decodeBase64(keyText));
}
