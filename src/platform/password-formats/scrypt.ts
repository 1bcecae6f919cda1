/**
 * scrypt in passlib's PHC form: `$scrypt$ln=<log2 N>,r=<block size>,p=<parallelism>$<salt>$<hash>`,
 * salt and hash in base64 (standard alphabet, or passlib's ab64 with `.` for `+`; padding optional).
 * The salt is used as its decoded bytes, as passlib does. Node's scrypt runs on a hashing worker thread.
 */
import { deriveOffThread } from '../hashing-workers.ts';
import { decimal, decodeBase64, keyIssue, refuse, sameBytes, type HashLimits, type Recognition } from './recognised-hash.ts';

export interface ScryptParameters {
  cost: number;
  blockSize: number;
  parallelization: number;
}

/** The memory scrypt allocates: the big array V (128·r·N) and the p blocks B (128·r·p), plus slack. */
const memoryOf = ({ cost, blockSize, parallelization }: ScryptParameters) => 128 * blockSize * (cost + parallelization + 2);

export function deriveScrypt(password: string, salt: Buffer, params: ScryptParameters, length: number): Promise<Buffer> {
  const { cost: N, blockSize: r, parallelization: p } = params;
  return deriveOffThread({ algorithm: 'scrypt', password, salt, keyLength: length, N, r, p, maxmem: 2 * memoryOf(params) });
}

const MAX_BLOCK_SIZE = 256;

/** Why scrypt with these parameters would cost more than the limits allow; undefined when it would not. */
function scryptCostIssue(params: ScryptParameters, limits: HashLimits): string | undefined {
  const memory = 128 * params.cost * params.blockSize;
  if (memory > limits.maxScryptMemoryBytes) return `needs ${memory / 1024 ** 2} MiB (128·N·r); at most ${limits.maxScryptMemoryBytes / 1024 ** 2} MiB is accepted`;
  if (memory * params.parallelization > limits.maxScryptWorkBytes) {
    return `has work 128·N·r·p of ${(memory * params.parallelization) / 1024 ** 2} MiB; at most ${limits.maxScryptWorkBytes / 1024 ** 2} MiB is accepted`;
  }
  return undefined;
}

/**
 * A hash's scrypt parameters from its ln, r and p as written: the parameters, or why they are
 * refused (out of range, against scrypt's own rule N < 2^(16·r), or past the cost limits).
 */
export function scryptParameters(ln: string, r: string, p: string, limits: HashLimits): ScryptParameters | string {
  const logCost = decimal(ln) ?? -1;
  const blockSize = decimal(r) ?? -1;
  const parallelization = decimal(p) ?? -1;
  if (logCost < 1 || logCost > 32) return `has ln=${ln}; 1 to 32 are accepted`;
  if (blockSize < 1 || blockSize > MAX_BLOCK_SIZE || parallelization < 1 || parallelization > limits.maxParallelism) {
    return `has r=${r}, p=${p}; r must be 1 to ${MAX_BLOCK_SIZE} and p 1 to ${limits.maxParallelism}`;
  }
  if (logCost >= 16 * blockSize) return `has ln=${ln} with r=${r}; scrypt needs ln below 16·r`;
  const params = { cost: 2 ** logCost, blockSize, parallelization };
  return scryptCostIssue(params, limits) ?? params;
}

const PASSLIB = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([^$]+)\$([^$]+)$/;

export function recogniseScrypt(text: string, limits: HashLimits): Recognition {
  const match = PASSLIB.exec(text);
  if (!match) return refuse('is not a scrypt hash ($scrypt$ln=…,r=…,p=…$salt$hash)');
  const [, ln, r, p, saltText, keyText] = match;
  const params = scryptParameters(ln, r, p, limits);
  if (typeof params === 'string') return refuse(params);
  const salt = decodeBase64(saltText, { ab64: true });
  const key = decodeBase64(keyText, { ab64: true });
  if (!salt || !key) return refuse('has a salt or hash that is not base64');
  const keyProblem = keyIssue(salt, key);
  if (keyProblem) return refuse(keyProblem);
  return {
    ok: true,
    hash: {
      algorithm: 'scrypt',
      async matches(password) {
        return sameBytes(await deriveScrypt(password, salt, params, key.length), key);
      },
    },
  };
}
