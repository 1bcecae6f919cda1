import { createPrivateKey, createSecretKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { SigningAlgorithm } from './realm.ts';

/** Signing key material: made for a new key, and turned back into a key from its stored secret (src/realms/key-ring.ts). */

const generatePair = promisify(generateKeyPair);

/**
 * New key material, already sealed. Made before the transaction that stores it (RSA generation
 * takes tens of milliseconds, which no transaction should hold the database for).
 */
export interface PreparedKey {
  algorithm: SigningAlgorithm;
  /** Sealed PKCS8 PEM, or the sealed HS256 secret as base64url. */
  sealed: string;
  publicJwk: Record<string, unknown> | null;
}

export interface Material {
  secret: string;
  publicJwk: Record<string, unknown> | null;
}

/** The key a stored secret is: HS256's base64url bytes, else a PKCS#8 PEM private key. */
export function signingKeyOf(algorithm: string, secret: string): KeyObject {
  return algorithm === 'HS256' ? createSecretKey(Buffer.from(secret, 'base64url')) : createPrivateKey(secret);
}

export async function generateMaterial(algorithm: SigningAlgorithm): Promise<Material> {
  if (algorithm === 'HS256') return { secret: randomBytes(32).toString('base64url'), publicJwk: null };
  // Asynchronous generation keeps RSA's tens of milliseconds off the event loop.
  const pair =
    algorithm === 'ES256'
      ? await generatePair('ec', { namedCurve: 'P-256' })
      : algorithm === 'EdDSA'
        ? await generatePair('ed25519')
        : await generatePair('rsa', { modulusLength: 2048 });
  return {
    secret: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicJwk: pair.publicKey.export({ format: 'jwk' }) as Record<string, unknown>,
  };
}

