import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, hotp, newSeed, totp } from '../../src/mfa/otp.ts';
import { dialects } from '../support/databases.ts';
import { serverPerSuite } from '../support/server.ts';
import { call, enrol, isValid, newRealm, oathtool, signedInUser } from './mfa-fixtures.ts';

/**
 * Interoperability with authenticator apps, proven against an independent implementation: Debian's
 * oathtool (`.ci/run` installs it). Its codes must be ours, and ours accepted where it says so.
 */
const at = (ms: number) => `@${Math.floor(ms / 1000)}`;

describe('our codes equal oathtool’s', () => {
  it('TOTP with SHA-1, SHA-256 and SHA-512, 6 to 8 digits, at many times', () => {
    for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
      for (const digits of [6, 7, 8]) {
        const secret = newSeed();
        for (const ms of [0, 59_000, 1_111_111_109_000, Date.UTC(2026, 0, 1), Date.UTC(2033, 4, 18, 3, 33, 20)]) {
          const [theirs] = oathtool([`--totp=${algorithm.toLowerCase()}`, '-b', '-d', String(digits), '--now', at(ms), secret]);
          assert.equal(totp(base32Decode(secret), ms, { algorithm, digits }), theirs, `${algorithm} ${digits} digits at ${ms}`);
        }
      }
    }
  });

  it('HOTP over a run of counters', () => {
    const secret = newSeed();
    const theirs = oathtool(['--hotp', '-b', '-c', '0', '-w', '49', secret]);
    assert.equal(theirs.length, 50);
    theirs.forEach((code, counter) => assert.equal(hotp(base32Decode(secret), counter, { algorithm: 'SHA1', digits: 6 }), code, `counter ${counter}`));
    const [eightDigits] = oathtool(['--hotp', '-b', '-d', '8', '-c', '123456', secret]);
    assert.equal(hotp(base32Decode(secret), 123456, { algorithm: 'SHA1', digits: 8 }), eightDigits);
  });
});

for (const dialect of dialects) {
  describe(`oathtool's codes accepted by the server on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });

    it('confirms and checks a TOTP factor with codes from oathtool --totp', async () => {
      const user = await signedInUser(server, await newRealm(server, 'Oath'));
      for (const [algorithm, digits] of [['SHA1', 6], ['SHA256', 8]] as const) {
        const factor = await enrol(server, user, 'totp', { name: `App ${algorithm}`, algorithm, digits });
        const code = () => oathtool([`--totp=${algorithm.toLowerCase()}`, '-b', '-d', String(digits), '--now', at(server.clock.now()), factor.secret])[0];
        const confirmed = await call(server, user, 'POST', `/${factor.id}/confirm`, { code: code() });
        assert.equal(confirmed.statusCode, 200, confirmed.body);
        server.clock.advance(30_000);
        assert.equal(await isValid(server, user, 'totp', code()), true);
        assert.equal(await isValid(server, user, 'totp', code()), false, 'replayed');
        server.clock.advance(30_000);
        // The code of a phone whose clock runs one step behind.
        const behind = oathtool([`--totp=${algorithm.toLowerCase()}`, '-b', '-d', String(digits), '--now', at(server.clock.now() - 30_000), factor.secret])[0];
        assert.equal(await isValid(server, user, 'totp', behind), false, 'that step was used just now');
        server.clock.advance(30_000);
        assert.equal(await isValid(server, user, 'totp', code()), true);
      }
    });

    it('confirms and checks an HOTP factor with codes from oathtool --hotp, counters moving on', async () => {
      const user = await signedInUser(server, await newRealm(server, 'Oath'));
      const factor = await enrol(server, user, 'hotp', { name: 'Token' });
      const codes = oathtool(['--hotp', '-b', '-c', '0', '-w', '5', factor.secret]);
      const confirmed = await call(server, user, 'POST', `/${factor.id}/confirm`, { code: codes[0] });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      assert.equal(await isValid(server, user, 'hotp', codes[1]), true);
      assert.equal(await isValid(server, user, 'hotp', codes[4]), true, 'pressed twice without signing in');
      assert.equal(await isValid(server, user, 'hotp', codes[3]), false);
      assert.equal(await isValid(server, user, 'hotp', codes[5]), true);
    });
  });
}
