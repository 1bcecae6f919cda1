/**
 * argon2 in the PHC string format: `$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>`
 * (also `$argon2i$` and `$argon2d$`), salt and hash in unpadded standard base64. Node's built-in
 * argon2 computes all three variants, on a hashing worker thread. Only version 19 (0x13) is accepted.
 */
import { deriveOffThread } from '../hashing-workers.ts';
import { decimal, decodeBase64, keyIssue, refuse, sameBytes, type HashLimits, type Recognition, type RecognisedHash } from './recognised-hash.ts';

export type Argon2Variant = 'argon2id' | 'argon2i' | 'argon2d';

export interface Argon2Parameters {
  memoryKib: number;
  passes: number;
  parallelism: number;
}

export interface Argon2Hash extends RecognisedHash {
  readonly algorithm: Argon2Variant;
  readonly params: Argon2Parameters;
}

/** argon2 itself needs a salt of at least 8 bytes. */
const MIN_SALT_BYTES = 8;

export function deriveArgon2(variant: Argon2Variant, message: string, salt: Buffer, params: Argon2Parameters, length: number): Promise<Buffer> {
  return deriveOffThread({ algorithm: variant, message, nonce: salt, memory: params.memoryKib, passes: params.passes, parallelism: params.parallelism, tagLength: length });
}

const b64 = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');

export function formatArgon2(variant: Argon2Variant, params: Argon2Parameters, salt: Buffer, key: Buffer): string {
  return `$${variant}$v=19$m=${params.memoryKib},t=${params.passes},p=${params.parallelism}$${b64(salt)}$${b64(key)}`;
}

function parametersIssue({ memoryKib, passes, parallelism }: Argon2Parameters, limits: HashLimits): string | undefined {
  const { maxParallelism, maxArgon2Passes, maxArgon2MemoryKib, maxArgon2MemoryPassesKib } = limits;
  if (parallelism < 1 || parallelism > maxParallelism) return `has p=${parallelism}; 1 to ${maxParallelism} lanes are accepted`;
  if (passes < 1 || passes > maxArgon2Passes) return `has t=${passes}; 1 to ${maxArgon2Passes} passes are accepted`;
  if (memoryKib < 8 * parallelism || memoryKib > maxArgon2MemoryKib) return `has m=${memoryKib}; ${8 * parallelism} to ${maxArgon2MemoryKib} KiB are accepted`;
  if (memoryKib * passes > maxArgon2MemoryPassesKib) {
    return `has m=${memoryKib},t=${passes}; memory times passes (m·t) may be at most ${maxArgon2MemoryPassesKib} KiB`;
  }
  return undefined;
}

const PHC = /^\$(argon2id|argon2i|argon2d)\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$([^$]+)\$([^$]+)$/;

export function recogniseArgon2(text: string, limits: HashLimits): Recognition {
  const match = PHC.exec(text);
  if (!match) return refuse('is not an argon2 PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash)');
  const [, variant, version, m, t, p, saltText, keyText] = match;
  if (version !== '19') return refuse(`has argon2 version ${version}; only v=19 is supported`);
  const params = { memoryKib: decimal(m) ?? -1, passes: decimal(t) ?? -1, parallelism: decimal(p) ?? -1 };
  const issue = parametersIssue(params, limits);
  if (issue) return refuse(issue);
  const salt = decodeBase64(saltText);
  const key = decodeBase64(keyText);
  if (!salt || !key) return refuse('has a salt or hash that is not base64');
  if (salt.length < MIN_SALT_BYTES) return refuse(`has a ${salt.length}-byte salt; argon2 needs at least ${MIN_SALT_BYTES}`);
  const keyProblem = keyIssue(salt, key);
  if (keyProblem) return refuse(keyProblem);
  const hash: Argon2Hash = {
    algorithm: variant as Argon2Variant,
    params,
    async matches(password) {
      return sameBytes(await deriveArgon2(variant as Argon2Variant, password, salt, params, key.length), key);
    },
  };
  return { ok: true, hash };
}
