/**
 * Firebase Authentication's modified scrypt, in a form of our own that carries the project's hash
 * parameters with each user: `$firebase-scrypt$ln=<mem_cost>,r=<rounds>$<signer key>$<salt
 * separator>$<salt>$<hash>`, all four in standard base64. Firebase derives a key with scrypt
 * (salt = the user's salt then the separator, N = 2^mem_cost, r = rounds, p = 1) and stores the
 * project's signer key encrypted under it with AES-256-CTR and a zero IV; a password matches when
 * doing the same gives the stored bytes.
 */
import { createCipheriv } from 'node:crypto';
import { decodeBase64, refuse, sameBytes, type HashLimits, type Recognition } from './recognised-hash.ts';
import { deriveScrypt, scryptParameters } from './scrypt.ts';

const FORM = /^\$firebase-scrypt\$ln=(\d+),r=(\d+)\$([^$]+)\$([^$]*)\$([^$]+)\$([^$]+)$/;

export function firebaseScryptHash(params: { memCost: number; rounds: number; signerKey: string; saltSeparator: string; salt: string; hash: string }): string {
  return `$firebase-scrypt$ln=${params.memCost},r=${params.rounds}$${params.signerKey}$${params.saltSeparator}$${params.salt}$${params.hash}`;
}

export function recogniseFirebaseScrypt(text: string, limits: HashLimits): Recognition {
  const match = FORM.exec(text);
  if (!match) return refuse('is not a Firebase scrypt hash ($firebase-scrypt$ln=…,r=…$signer key$salt separator$salt$hash)');
  const [, ln, r, signerText, separatorText, saltText, hashText] = match;
  // Firebase's scrypt always has p = 1.
  const params = scryptParameters(ln, r, '1', limits);
  if (typeof params === 'string') return refuse(params);
  const signerKey = decodeBase64(signerText);
  const separator = separatorText === '' ? Buffer.alloc(0) : decodeBase64(separatorText);
  const salt = decodeBase64(saltText);
  const expected = decodeBase64(hashText);
  if (!signerKey || !separator || !salt || !expected) return refuse('has a key, separator, salt or hash that is not base64');
  if (signerKey.length < limits.minKeyBytes || expected.length !== signerKey.length) return refuse('has a hash that is not the length of its signer key');
  return {
    ok: true,
    hash: {
      algorithm: 'firebase-scrypt',
      async matches(password) {
        const key = await deriveScrypt(password, Buffer.concat([salt, separator]), params, 32);
        const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
        return sameBytes(Buffer.concat([cipher.update(signerKey), cipher.final()]), expected);
      },
    },
  };
}
