import { createHmac, sign, type KeyObject } from 'node:crypto';
import type { SigningAlgorithm } from '../realms/realm.ts';

/**
 * Compact JWS signing (RFC 7515) straight on node:crypto. Signing is synchronous and stays on the
 * calling thread: no WebCrypto import of the key per token and no hop to the thread pool, which
 * made jose's `SignJWT` the slowest step of sign-in and refresh. Verification stays with jose.
 */
export interface JwsHeader {
  alg: SigningAlgorithm;
  kid: string;
  typ: string;
}

/** Keys already found fit for an algorithm; a key ring hands out the same KeyObject many times. */
const checkedKeys = new WeakMap<KeyObject, SigningAlgorithm>();

/**
 * A key of the wrong kind would yield a token whose header lies about its signature (an RSA
 * signature labelled ES256, say), so it is refused before anything is signed.
 */
export function assertKeyFits(alg: SigningAlgorithm, key: KeyObject): void {
  if (checkedKeys.get(key) === alg) return;
  const fits =
    alg === 'HS256'
      ? key.type === 'secret' && (key.symmetricKeySize ?? 0) >= 32
      : key.type === 'private' &&
        (alg === 'ES256'
          ? key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1'
          : alg === 'EdDSA'
            ? key.asymmetricKeyType === 'ed25519'
            : key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048);
  if (!fits) throw new Error(`the key cannot sign ${alg} tokens`);
  checkedKeys.set(key, alg);
}

/** The order of P-256's base point; an ES256 signature (r, s) verifies as (r, n − s) too. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const P256_HALF_ORDER = P256_ORDER >> 1n;
const ES256_HALF = 32;

const scalarOf = (bytes: Buffer) => BigInt(`0x${bytes.toString('hex')}`);

/**
 * The signature with s in the lower half of the order. OpenSSL returns either half at random, and
 * both verify: normalised, each signature the server makes has one form. Validate still accepts the
 * high-S form in this release, since tokens signed by the release before (and, during a rolling
 * upgrade, by instances still running it) are high-S half the time; the next release refuses it.
 */
function lowS(signature: Buffer): Buffer {
  const s = scalarOf(signature.subarray(ES256_HALF));
  if (s <= P256_HALF_ORDER) return signature;
  const low = Buffer.from((P256_ORDER - s).toString(16).padStart(ES256_HALF * 2, '0'), 'hex');
  return Buffer.concat([signature.subarray(0, ES256_HALF), low]);
}

/**
 * The raw r||s pair JWS wants, from the DER sequence node produces by default: asking node for
 * `dsaEncoding: 'ieee-p1363'` instead (an options object) made each signature take about twice as
 * long (Node 24: 25 µs plain against 50–68 µs, on every sign-in and refresh). The sequence holds
 * two INTEGERs, each of at most 33 bytes (a zero byte before a high first bit), fewer when it
 * starts with zero bytes; each becomes 32 bytes, left-padded.
 */
function rawFromDer(der: Buffer): Buffer {
  if (der[0] !== 0x30 || der[1] !== der.length - 2) throw new Error('not a DER ECDSA signature');
  const raw = Buffer.alloc(2 * ES256_HALF);
  let offset = 2;
  for (let part = 1; part <= 2; part += 1) {
    const length = der[offset + 1];
    let start = offset + 2;
    const end = start + length;
    if (der[offset] !== 0x02 || !(length >= 1) || end > der.length) throw new Error('not a DER ECDSA signature');
    while (end - start > ES256_HALF && der[start] === 0) start += 1;
    if (end - start > ES256_HALF) throw new Error('not a DER ECDSA signature');
    der.copy(raw, part * ES256_HALF - (end - start), start, end);
    offset = end;
  }
  if (offset !== der.length) throw new Error('not a DER ECDSA signature');
  return raw;
}

function signatureOf(alg: SigningAlgorithm, data: Buffer, key: KeyObject): Buffer {
  switch (alg) {
    case 'ES256':
      return lowS(rawFromDer(sign('sha256', data, key)));
    case 'EdDSA':
      return sign(null, data, key);
    case 'RS256':
      return sign('sha256', data, key);
    case 'HS256':
      return createHmac('sha256', key).update(data).digest();
  }
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');

/** `header.payload.signature`, each part base64url without padding. */
export function signCompact(header: JwsHeader, payload: object, key: KeyObject): string {
  assertKeyFits(header.alg, key);
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  return `${signingInput}.${signatureOf(header.alg, Buffer.from(signingInput), key).toString('base64url')}`;
}

const BASE64URL_SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * Whether each of the three parts is canonical base64url: no padding, no other characters, and
 * unused low bits of the last character zero (re-encoding the decoded bytes gives the same text).
 * Decoders forgive these variants, so without the check one signed token has several spellings
 * that all verify: a token's text would no longer identify it (the verified-token cache, deny
 * lists and logs key on it), and RFC 7515 §2 allows none of them.
 */
export function isCanonicalCompact(token: string): boolean {
  const parts = token.split('.');
  return parts.length === 3 && parts.every((part) => BASE64URL_SEGMENT.test(part) && Buffer.from(part, 'base64url').toString('base64url') === part);
}

