import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, base32Encode, findCounter, hotp, newSeed, totp, type OtpAlgorithm } from '../../src/mfa/otp.ts';
import { otpauthUri, qrSvg } from '../../src/mfa/otpauth.ts';
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode, recoveryCodeKey } from '../../src/mfa/recovery-codes.ts';

const ascii = (text: string) => Buffer.from(text, 'ascii');

describe('HOTP (RFC 4226 appendix D)', () => {
  const seed = ascii('12345678901234567890');
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

  it('gives the published codes for counters 0-9', () => {
    expected.forEach((code, counter) => assert.equal(hotp(seed, counter, { algorithm: 'SHA1', digits: 6 }), code, `counter ${counter}`));
  });

  it('finds a code in a window, and nothing outside it', () => {
    const parameters = { algorithm: 'SHA1' as const, digits: 6 };
    assert.equal(findCounter(seed, '162583', 0, 10, parameters), 7);
    assert.equal(findCounter(seed, '162583', 8, 20, parameters), undefined);
    assert.equal(findCounter(seed, '000000', 0, 10, parameters), undefined);
    assert.equal(findCounter(seed, '16258', 0, 10, parameters), undefined);
  });
});

describe('TOTP (RFC 6238 appendix B)', () => {
  const seeds: Record<OtpAlgorithm, Buffer> = {
    SHA1: ascii('12345678901234567890'),
    SHA256: ascii('12345678901234567890123456789012'),
    SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
  };
  const vectors: [number, Record<OtpAlgorithm, string>][] = [
    [59, { SHA1: '94287082', SHA256: '46119246', SHA512: '90693936' }],
    [1111111109, { SHA1: '07081804', SHA256: '68084774', SHA512: '25091201' }],
    [1111111111, { SHA1: '14050471', SHA256: '67062674', SHA512: '99943326' }],
    [1234567890, { SHA1: '89005924', SHA256: '91819424', SHA512: '93441116' }],
    [2000000000, { SHA1: '69279037', SHA256: '90698825', SHA512: '38618901' }],
    [20000000000, { SHA1: '65353130', SHA256: '77737706', SHA512: '47863826' }],
  ];

  for (const [seconds, codes] of vectors) {
    it(`gives the published 8-digit codes at T=${seconds}`, () => {
      for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
        assert.equal(totp(seeds[algorithm], seconds * 1000, { algorithm, digits: 8 }), codes[algorithm], algorithm);
      }
    });
  }
});

describe('base32 seeds (RFC 4648 §10)', () => {
  it('encodes and decodes the published vectors', () => {
    const vectors = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
    for (const [plain, encoded] of vectors) {
      assert.equal(base32Encode(ascii(plain)), encoded);
      assert.equal(base32Decode(encoded).toString('ascii'), plain);
    }
  });

  it('reads seeds typed by hand: lower case, spaces, padding; refuses other characters', () => {
    assert.equal(base32Decode('mzxw 6ytb oi======').toString('ascii'), 'foobar');
    assert.throws(() => base32Decode('MZXW1'));
  });

  it('makes 160-bit seeds, different each time', () => {
    const seed = newSeed();
    assert.match(seed, /^[A-Z2-7]{32}$/);
    assert.equal(base32Decode(seed).length, 20);
    assert.notEqual(newSeed(), seed);
  });
});

describe('otpauth:// URIs and QR codes', () => {
  it('writes the Key URI Format: encoded issuer:account label, issuer repeated, parameters', () => {
    const uri = otpauthUri({ type: 'totp', issuer: 'Acme: Corp', account: 'ada@example.com', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 });
    assert.equal(uri, 'otpauth://totp/Acme%20%20Corp:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20%20Corp&algorithm=SHA1&digits=6&period=30');
    const parsed = new URL(uri);
    assert.equal(parsed.protocol, 'otpauth:');
    assert.equal(parsed.searchParams.get('issuer'), 'Acme  Corp');
    const hotpUri = otpauthUri({ type: 'hotp', issuer: 'Acme', account: 'ada', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA256', digits: 8 });
    assert.match(hotpUri, /^otpauth:\/\/hotp\/Acme:ada\?.*&algorithm=SHA256&digits=8&counter=0$/);
  });

  it('keeps the URI within what a QR code holds, whatever the names (a realm named in 200 Chinese characters was a 500)', async () => {
    const issuer = '名'.repeat(200);
    const account = `${'😀'.repeat(100)}@example.com`;
    const uri = otpauthUri({ type: 'totp', issuer, account, secret: 'A'.repeat(32), algorithm: 'SHA512', digits: 8, period: 30 });
    const parsed = new URL(uri);
    assert.equal(parsed.searchParams.get('issuer'), '名'.repeat(40));
    assert.equal(decodeURIComponent(parsed.pathname.split(':')[1] as string), '😀'.repeat(64));
    assert.match(await qrSvg(uri), /<path/);
  });

  it('draws the URI as an SVG QR code', async () => {
    const svg = await qrSvg('otpauth://totp/Acme:ada?secret=JBSWY3DPEHPK3PXP&issuer=Acme');
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /<path/);
  });
});

describe('recovery codes', () => {
  const key = recoveryCodeKey(Buffer.alloc(32, 7));

  it('makes ten different xxxxx-xxxxx codes of 50 bits, and keyed hashes bound to realm and user', () => {
    const { codes, hashes } = generateRecoveryCodes(key, 'rl_a', 'usr_a');
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const code of codes) assert.match(code, /^[a-z2-7]{5}-[a-z2-7]{5}$/);
    const normalised = normaliseRecoveryCode(codes[0]) as string;
    assert.equal(hashes[0], hashRecoveryCode(key, 'rl_a', 'usr_a', normalised));
    assert.notEqual(hashes[0], hashRecoveryCode(key, 'rl_a', 'usr_b', normalised));
    assert.notEqual(hashes[0], hashRecoveryCode(key, 'rl_b', 'usr_a', normalised));
    assert.notEqual(hashes[0], hashRecoveryCode(recoveryCodeKey(Buffer.alloc(32, 8)), 'rl_a', 'usr_a', normalised));
    for (const hash of hashes) assert.ok(!codes.some((code) => hash.includes(code.replace('-', ''))));
  });

  it('reads codes typed with capitals, spaces or no dash; refuses anything else', () => {
    assert.equal(normaliseRecoveryCode('ABCDE-FGH23'), 'abcdefgh23');
    assert.equal(normaliseRecoveryCode(' abcde fgh23 '), 'abcdefgh23');
    assert.equal(normaliseRecoveryCode('abcdefgh23'), 'abcdefgh23');
    for (const bad of ['abcde-fgh2', 'abcde-fgh234', 'abcde-fgh01', '', '123456']) assert.equal(normaliseRecoveryCode(bad), undefined, bad);
  });
});
