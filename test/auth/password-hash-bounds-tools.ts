/**
 * Real hashes at the import bounds (docs/password-hashes.md): the most expensive hash of each family
 * Keyrealm accepts. Made with node:crypto and bcryptjs (format correctness against independent tools
 * is checked in password-hash-formats.test.ts; these exist for the bounds and the cost they allow).
 */
import { argon2, pbkdf2, randomBytes, scrypt } from 'node:crypto';
import { promisify } from 'node:util';
import bcrypt from 'bcryptjs';

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
const ab64 = (bytes: Buffer) => b64(bytes).replaceAll('+', '.');

/** The parameters at the bounds, as the strings write them. */
export const AT_BOUNDS = {
  argon2: { m: 131_072, t: 2, p: 8 },
  scrypt: { ln: 17, r: 8, p: 2 },
  pbkdf2Sha256: 2_000_000,
  pbkdf2Sha512: 1_000_000,
  bcryptCost: 14,
};

export type BoundHashes = Record<'argon2id' | 'scrypt' | 'pbkdf2-sha256' | 'pbkdf2-sha512' | 'bcrypt', string>;

export async function hashesAtTheBounds(password: string): Promise<BoundHashes> {
  const salt = randomBytes(16);
  const { m, t, p } = AT_BOUNDS.argon2;
  const argon2Key = await promisify(argon2)('argon2id', { message: password, nonce: salt, memory: m, passes: t, parallelism: p, tagLength: 32 });
  const s = AT_BOUNDS.scrypt;
  const scryptKey = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, 32, { N: 2 ** s.ln, r: s.r, p: s.p, maxmem: 512 * 1024 ** 2 }, (error, derived) => (error ? reject(error) : resolve(derived))),
  );
  const sha256 = await promisify(pbkdf2)(password, salt, AT_BOUNDS.pbkdf2Sha256, 32, 'sha256');
  const sha512 = await promisify(pbkdf2)(password, salt, AT_BOUNDS.pbkdf2Sha512, 64, 'sha512');
  return {
    argon2id: `$argon2id$v=19$m=${m},t=${t},p=${p}$${b64(salt)}$${b64(argon2Key)}`,
    scrypt: `$scrypt$ln=${s.ln},r=${s.r},p=${s.p}$${b64(salt)}$${b64(scryptKey)}`,
    'pbkdf2-sha256': `$pbkdf2-sha256$${AT_BOUNDS.pbkdf2Sha256}$${ab64(salt)}$${ab64(sha256)}`,
    'pbkdf2-sha512': `$pbkdf2-sha512$${AT_BOUNDS.pbkdf2Sha512}$${ab64(salt)}$${ab64(sha512)}`,
    bcrypt: await bcrypt.hash(password, AT_BOUNDS.bcryptCost),
  };
}
