import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * argon2id password hashing with Node's built-in implementation, which runs on libuv's thread
 * pool, so hashing never blocks the event loop. Hashes are stored as PHC strings so parameters can
 * be raised later and old hashes still verify.
 */
export interface Argon2Parameters {
  memoryKib: number;
  passes: number;
  parallelism: number;
}

export const MAX_PASSWORD_LENGTH = 1024;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, phc: string): Promise<boolean>;
  /** Spends the same time as verifying against a real hash; used for unknown users. */
  verifyDummy(password: string): Promise<void>;
}

function derive(password: string, salt: Buffer, params: Argon2Parameters, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    argon2(
      'argon2id',
      { message: password.normalize('NFKC'), nonce: salt, memory: params.memoryKib, passes: params.passes, parallelism: params.parallelism, tagLength: length },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

const b64 = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');

function format(params: Argon2Parameters, salt: Buffer, key: Buffer): string {
  return `$argon2id$v=19$m=${params.memoryKib},t=${params.passes},p=${params.parallelism}$${b64(salt)}$${b64(key)}`;
}

interface ParsedHash {
  params: Argon2Parameters;
  salt: Buffer;
  key: Buffer;
}

function parse(phc: string): ParsedHash | undefined {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc);
  if (!match) return undefined;
  return {
    params: { memoryKib: Number(match[1]), passes: Number(match[2]), parallelism: Number(match[3]) },
    salt: Buffer.from(match[4], 'base64'),
    key: Buffer.from(match[5], 'base64'),
  };
}

export function createPasswordHasher(params: Argon2Parameters): PasswordHasher {
  let dummy: Promise<string> | undefined;
  const hasher: PasswordHasher = {
    async hash(password) {
      const salt = randomBytes(16);
      return format(params, salt, await derive(password, salt, params, 32));
    },
    async verify(password, phc) {
      const parsed = parse(phc);
      if (!parsed) return false;
      const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
      return timingSafeEqual(key, parsed.key);
    },
    async verifyDummy(password) {
      dummy ??= hasher.hash(randomBytes(16).toString('hex'));
      await hasher.verify(password, await dummy);
    },
  };
  return hasher;
}
