import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { decodeProtectedHeader, exportPKCS8, generateKeyPair, jwtVerify } from 'jose';
import { AppError } from '../../../src/errors.ts';
import type { OidcProtocol } from '../../../src/identity-providers/presets.ts';
import { APPLE_MAX_CLIENT_SECRET_SECONDS } from '../../../src/identity-providers/presets/apple.ts';
import { presetTable } from '../../../src/identity-providers/presets/index.ts';
import { FakeClock } from '../../../src/platform/clock.ts';

const defaults = presetTable.apple.defaults({ client_id: 'com.example.signin', team_id: 'TEAM123456', key_id: 'KEY9876543' });
const protocol = defaults.protocol as OidcProtocol;

describe('Apple preset', () => {
  const clock = new FakeClock(Date.UTC(2026, 5, 1, 12));
  const { clientSecretFor, profileFrom } = presetTable.apple.quirks;

  it("makes the client secret an ES256 JWT from the team about the Services ID, verifiable with the key's public half", async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const secret = await clientSecretFor!(protocol, await exportPKCS8(privateKey), clock.now());
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
    await assert.rejects(clientSecretFor!(protocol, rsa, clock.now()), (error: unknown) => error instanceof AppError && error.code === 'idp.token_exchange_failed');
  });

  it('asks for name and email with response_mode=form_post, the secret in the body, and no PKCE', () => {
    assert.ok(defaults.scopes.includes('name') && defaults.scopes.includes('email'));
    assert.equal(protocol.response_mode, 'form_post');
    assert.equal(protocol.token_auth, 'client_secret_post');
    assert.equal(defaults.secret, 'private_key');
    assert.equal(presetTable.apple.quirks.discoveryServer(protocol), 'https://appleid.apple.com');
    assert.equal(presetTable.apple.quirks.pkce, false);
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

  it('refuses to sign a secret without a team id or key id', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const pem = await exportPKCS8(privateKey);
    for (const missing of ['team_id', 'key_id'] as const) {
      const { [missing]: _gone, ...partial } = protocol;
      await assert.rejects(clientSecretFor!(partial, pem, clock.now()), (error: unknown) => error instanceof AppError && error.code === 'idp.token_exchange_failed', missing);
    }
  });
});
