import assert from 'node:assert/strict';
import { createPublicKey, createSecretKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import type { SigningAlgorithm } from '../../src/realms/realm.ts';
import { isCanonicalCompact, signCompact, type JwsHeader } from '../../src/tokens/jws.ts';
import { hasLowS, nonCanonicalSpellings, withOtherS, withPaddingBitSet } from './jws-spellings.ts';

interface KeyPair {
  signing: KeyObject;
  verifying: KeyObject;
}

function keyPairFor(alg: SigningAlgorithm): KeyPair {
  if (alg === 'HS256') {
    const secret = createSecretKey(randomBytes(32));
    return { signing: secret, verifying: secret };
  }
  const { privateKey } =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : alg === 'EdDSA'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { signing: privateKey, verifying: createPublicKey(privateKey) };
}

const algorithms: SigningAlgorithm[] = ['ES256', 'EdDSA', 'RS256', 'HS256'];
/** The length of r (and of s) in an ES256 signature. */
const ES256_HALF_BYTES = 32;
const payload = { sub: 'usr_1', iat: 1_700_000_000, jti: 'j1', realm: 'rl_1', access: { type: 'standard' }, name: 'Zoë ✓' };
const verify = (token: string, keys: KeyPair, alg: SigningAlgorithm) =>
  jwtVerify(token, keys.verifying, { algorithms: [alg], typ: 'at+jwt', currentDate: new Date(1_700_000_000_000) });

/** The token with one character in the middle of part `index` (0 header, 1 payload, 2 signature) replaced. */
function changeOneCharacter(token: string, index: number): string {
  const parts = token.split('.');
  const part = parts[index];
  // A middle character carries six full bits, so any other character changes the decoded bytes.
  const at = Math.floor(part.length / 2);
  parts[index] = part.slice(0, at) + (part[at] === 'A' ? 'B' : 'A') + part.slice(at + 1);
  return parts.join('.');
}

describe('compact JWS signing', () => {
  for (const alg of algorithms) {
    const keys = keyPairFor(alg);
    const header: JwsHeader = { alg, kid: `key-${alg}`, typ: 'at+jwt' };

    it(`${alg}: jose verifies the token, and its header and payload come back unchanged`, async () => {
      const token = signCompact(header, payload, keys.signing);
      assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'three base64url parts without padding');
      const verified = await verify(token, keys, alg);
      assert.deepEqual(verified.protectedHeader, header);
      assert.deepEqual(verified.payload, payload);
      assert.deepEqual(decodeProtectedHeader(token), header);
    });

    it(`${alg}: a token changed by one character in any part does not verify`, async () => {
      const token = signCompact(header, payload, keys.signing);
      for (const index of [0, 1, 2]) {
        const changed = changeOneCharacter(token, index);
        assert.notEqual(changed, token);
        await assert.rejects(verify(changed, keys, alg), `part ${index} changed`);
      }
      // A changed payload or signature fails on the signature itself, not on parsing.
      for (const index of [1, 2]) {
        await assert.rejects(verify(changeOneCharacter(token, index), keys, alg), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
      }
    });

    it(`${alg}: another key of the same kind does not verify the token`, async () => {
      const token = signCompact(header, payload, keys.signing);
      await assert.rejects(verify(token, keyPairFor(alg), alg), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    });
  }

  it('tells canonical base64url parts from padded ones and ones with padding bits set', async () => {
    const keys = keyPairFor('ES256');
    const token = signCompact({ alg: 'ES256', kid: 'k', typ: 'at+jwt' }, payload, keys.signing);
    assert.equal(isCanonicalCompact(token), true);
    const spellings = nonCanonicalSpellings(token);
    // ES256 signatures (64 bytes) always leave 4 padding bits; header and payload depend on length.
    assert.ok(withPaddingBitSet(token, 2), 'the signature has padding bits');
    for (const spelling of spellings) {
      assert.notEqual(spelling, token);
      assert.equal(isCanonicalCompact(spelling), false, spelling);
    }
    // Why the check exists: the decoder alone forgives the signature's variants.
    const forgiven = await Promise.allSettled(spellings.map((spelling) => verify(spelling, keys, 'ES256')));
    assert.ok(forgiven.some((result) => result.status === 'fulfilled'), 'jose accepts some non-canonical spelling');
    for (const malformed of ['', 'a.b', 'a.b.c.d', `${token}.`, token.replace('.', '..'), token.replace(/^./, '+'), token.replace(/.$/, '/'), `${token} `]) {
      assert.equal(isCanonicalCompact(malformed), false, JSON.stringify(malformed));
    }
  });

  it('ES256 signatures are always low-S, though their high-S twin verifies too', async () => {
    const keys = keyPairFor('ES256');
    const header: JwsHeader = { alg: 'ES256', kid: 'k', typ: 'at+jwt' };
    // OpenSSL picks either half at random: 200 signatures unnormalised would all be low-S once in 2^200.
    const tokens = Array.from({ length: 200 }, (_, i) => signCompact(header, { ...payload, jti: `j${i}` }, keys.signing));
    for (const token of tokens) {
      assert.equal(hasLowS(token), true, token);
    }
    const twin = withOtherS(tokens[0]);
    assert.equal(hasLowS(twin), false);
    // Why the server normalises: the twin is a valid signature of the same bytes.
    assert.deepEqual((await verify(twin, keys, 'ES256')).payload, (await verify(tokens[0], keys, 'ES256')).payload);
  });

  it('ES256: r and s with leading zero bytes are padded to 32 bytes, and every such signature verifies', async () => {
    const keys = keyPairFor('ES256');
    const header: JwsHeader = { alg: 'ES256', kid: 'k', typ: 'at+jwt' };
    // One r or s in 128 starts with a zero byte (shorter in DER): 2,000 signatures hold about 30.
    const tokens = Array.from({ length: 2000 }, (_, i) => signCompact(header, { ...payload, jti: `z${i}` }, keys.signing));
    const padded = tokens.filter((token) => {
      const signature = Buffer.from(token.split('.')[2], 'base64url');
      return signature[0] === 0 || signature[ES256_HALF_BYTES] === 0;
    });
    assert.ok(padded.length > 0, 'no signature had a short r or s');
    for (const [i, token] of tokens.entries()) assert.equal((await verify(token, keys, 'ES256')).payload.jti, `z${i}`);
  });

  it('ES256 signatures are the 64-byte r||s pair JWS requires, not DER', () => {
    const keys = keyPairFor('ES256');
    const token = signCompact({ alg: 'ES256', kid: 'k', typ: 'at+jwt' }, payload, keys.signing);
    assert.equal(Buffer.from(token.split('.')[2], 'base64url').length, 64);
  });

  for (const alg of ['EdDSA', 'RS256', 'HS256'] as const) {
    it(`${alg}: matches jose's SignJWT byte for byte (the algorithm is deterministic)`, async () => {
      const keys = keyPairFor(alg);
      const header: JwsHeader = { alg, kid: 'k', typ: 'at+jwt' };
      const expected = await new SignJWT(payload).setProtectedHeader({ ...header }).sign(keys.signing);
      assert.equal(signCompact(header, payload, keys.signing), expected);
    });
  }

  it('refuses a key that does not fit the algorithm instead of signing with it', () => {
    const es = keyPairFor('ES256');
    const rsa = keyPairFor('RS256');
    const ed = keyPairFor('EdDSA');
    const misfits: [SigningAlgorithm, KeyObject][] = [
      ['ES256', rsa.signing],
      ['ES256', es.verifying],
      ['ES256', generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey],
      ['EdDSA', es.signing],
      ['RS256', ed.signing],
      ['RS256', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey],
      ['HS256', es.signing],
      ['HS256', createSecretKey(randomBytes(16))],
    ];
    for (const [alg, key] of misfits) {
      assert.throws(() => signCompact({ alg, kid: 'k', typ: 'at+jwt' }, payload, key), /cannot sign/, `${alg} with a ${key.asymmetricKeyType ?? key.type} key`);
    }
    // A key checked for one algorithm is still checked when presented for another.
    signCompact({ alg: 'ES256', kid: 'k', typ: 'at+jwt' }, payload, es.signing);
    assert.throws(() => signCompact({ alg: 'EdDSA', kid: 'k', typ: 'at+jwt' }, payload, es.signing), /cannot sign/);
  });
});
