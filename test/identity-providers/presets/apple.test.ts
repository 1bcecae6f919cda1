import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { decodeProtectedHeader, exportPKCS8, generateKeyPair, jwtVerify } from 'jose';
import { AppError } from '../../../src/errors.ts';
import { APPLE_MAX_CLIENT_SECRET_SECONDS } from '../../../src/identity-providers/presets/apple.ts';
import { checkPresetInput, presets } from '../../../src/identity-providers/presets/index.ts';
import { FakeClock } from '../../../src/platform/clock.ts';

const settings = { clientId: 'com.example.signin', teamId: 'TEAM123456', keyId: 'KEY9876543' };

describe('Apple preset', () => {
  const clock = new FakeClock(Date.UTC(2026, 5, 1, 12));
  const { clientSecretFor, profileFrom } = presets.apple.quirks;

  it("makes the client secret an ES256 JWT from the team about the Services ID, verifiable with the key's public half", async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const secret = await clientSecretFor!(settings, { privateKey: await exportPKCS8(privateKey) }, clock.now());
    assert.deepEqual(decodeProtectedHeader(secret), { alg: 'ES256', kid: 'KEY9876543' });
    const { payload } = await jwtVerify(secret, publicKey, {
      issuer: 'TEAM123456',
      subject: 'com.example.signin',
      audience: 'https://appleid.apple.com',
      algorithms: ['ES256'],
      currentDate: new Date(clock.now()),
    });
    assert.equal(payload.iat, Math.floor(clock.now() / 1000));
    const lifetime = (payload.exp as number) - (payload.iat as number);
    assert.ok(lifetime > 0 && lifetime <= APPLE_MAX_CLIENT_SECRET_SECONDS, `lives ${lifetime} s, Apple allows at most six months`);
    // It follows the injected clock, not the process's.
    clock.advance(lifetime * 1000 + 1000);
    await assert.rejects(jwtVerify(secret, publicKey, { currentDate: new Date(clock.now()) }), /"exp" claim timestamp check failed/);
  });

  it('refuses a private key that is not a P-256 PKCS #8 key', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await assert.rejects(clientSecretFor!(settings, { privateKey: rsa }, clock.now()), (error: unknown) => error instanceof AppError && error.code === 'idp.token_exchange_failed');
  });

  it('asks for name and email with response_mode=form_post and no PKCE', () => {
    const config = presets.apple.configFor(settings);
    assert.deepEqual(config.scopes, ['name', 'email']);
    assert.deepEqual(config.authorizeParams, { response_mode: 'form_post' });
    assert.equal(config.formPost, true);
    assert.equal(config.tokenEndpointAuthMethod, 'client_secret_post');
    assert.equal(config.issuer, 'https://appleid.apple.com');
  });

  it('takes the name from the first form_post\'s user parameter, and email_verified "true" as verified', () => {
    const claims = { sub: '001234.abcd', email: 'x7@privaterelay.appleid.com', email_verified: 'true', is_private_email: 'true' };
    const user = JSON.stringify({ name: { firstName: 'Ada', lastName: 'Lovelace' }, email: 'someone-else@example.com' });
    const first = profileFrom!(claims, { user });
    assert.deepEqual(
      { subject: first.subject, email: first.email, emailVerified: first.emailVerified, name: first.name, givenName: first.givenName, familyName: first.familyName },
      { subject: '001234.abcd', email: 'x7@privaterelay.appleid.com', emailVerified: true, name: 'Ada Lovelace', givenName: 'Ada', familyName: 'Lovelace' },
    );
    assert.equal(first.raw.is_private_email, 'true');
    // Later sign-ins carry no user parameter: no name, same account.
    const later = profileFrom!(claims, {});
    assert.equal(later.name, undefined);
    assert.equal(later.subject, first.subject);
    // A malformed user parameter is ignored; "false" is not verified.
    assert.equal(profileFrom!({ ...claims, email_verified: 'false' }, { user: '{not json' }).emailVerified, false);
  });

  it('refuses settings without a well-formed team id, key id or private key', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const pem = await exportPKCS8(privateKey);
    assert.deepEqual(checkPresetInput(presets.apple, settings, { privateKey: pem }), settings);
    const cases: [Record<string, string>, Record<string, string>, string][] = [
      [{ ...settings, teamId: 'team' }, { privateKey: pem }, 'teamId'],
      [{ clientId: settings.clientId, teamId: settings.teamId }, { privateKey: pem }, 'keyId'],
      [settings, { privateKey: 'not a key' }, 'privateKey'],
      [settings, {}, 'privateKey'],
    ];
    for (const [given, secrets, field] of cases) {
      assert.throws(
        () => checkPresetInput(presets.apple, given, secrets),
        (error: unknown) => error instanceof AppError && error.code === 'request.validation_failed' && error.details[0].field === field,
        field,
      );
    }
  });
});
