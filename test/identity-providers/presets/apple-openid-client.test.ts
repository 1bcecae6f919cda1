import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportJWK, exportPKCS8, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import * as client from 'openid-client';
import type { OidcProtocol } from '../../../src/identity-providers/presets.ts';
import { oidcClientAuth, presetTable } from '../../../src/identity-providers/presets/index.ts';
import { FakeClock } from '../../../src/platform/clock.ts';

const ISSUER = 'https://appleid.apple.com';
const CALLBACK = 'https://id.example/realms/r-shop/auth/idp/apple/callback';

/**
 * The integration the core performs for Sign in with Apple, against answers made here (nothing
 * leaves the process): openid-client's discovery from the preset's discoveryServer, a code
 * exchange whose client secret oidcClientAuth mints per request, the ID token verified, then the
 * preset's profileFrom with the form POST's `user`.
 */
describe('Apple preset through openid-client', () => {
  it('each token request carries a fresh ES256 client secret; the form_post callback gives the profile with its name', async () => {
    const clock = new FakeClock(Date.now());
    const apple = await generateKeyPair('RS256');
    const team = await generateKeyPair('ES256', { extractable: true });
    const protocol = presetTable.apple.defaults({ client_id: 'com.example.signin', team_id: 'TEAM123456', key_id: 'KEY9876543' }).protocol as OidcProtocol;
    const nonce = client.randomNonce();
    const state = client.randomState();
    const idToken = await new SignJWT({ nonce, email: 'ada@privaterelay.appleid.com', email_verified: 'true', is_private_email: 'true' })
      .setProtectedHeader({ alg: 'RS256', kid: 'apple-1' })
      .setIssuer(ISSUER)
      .setSubject('001234.abcdef')
      .setAudience(protocol.client_id)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(apple.privateKey);
    const tokenForms: URLSearchParams[] = [];
    const answers: Record<string, unknown> = {
      [`${ISSUER}/.well-known/openid-configuration`]: {
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/auth/authorize`,
        token_endpoint: `${ISSUER}/auth/token`,
        jwks_uri: `${ISSUER}/auth/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      },
      [`${ISSUER}/auth/keys`]: { keys: [{ ...(await exportJWK(apple.publicKey)), kid: 'apple-1', alg: 'RS256', use: 'sig' }] },
      [`${ISSUER}/auth/token`]: { access_token: 'at', token_type: 'Bearer', expires_in: 3600, id_token: idToken },
    };
    const fake: client.CustomFetch = async (url, options) => {
      if (url === `${ISSUER}/auth/token`) tokenForms.push(new URLSearchParams(String(options.body)));
      const body = answers[url];
      return new Response(JSON.stringify(body ?? { error: 'not_found' }), { status: body ? 200 : 404, headers: { 'content-type': 'application/json' } });
    };
    const pem = await exportPKCS8(team.privateKey);
    const auth = oidcClientAuth('apple', protocol, pem, () => clock.now());
    const configuration = await client.discovery(new URL(presetTable.apple.quirks.discoveryServer(protocol)), protocol.client_id, undefined, auth, { [client.customFetch]: fake });
    configuration[client.customFetch] = fake;

    // Apple posts the form; the core hands its fields to openid-client as the callback's parameters.
    const form = { code: 'c1', state, user: JSON.stringify({ name: { firstName: 'Ada', lastName: 'Lovelace' } }) };
    const tokens = await client.authorizationCodeGrant(configuration, new URL(`${CALLBACK}?${new URLSearchParams(form)}`), { expectedState: state, expectedNonce: nonce });
    const profile = presetTable.apple.quirks.profileFrom(tokens.claims() as Record<string, unknown>, form);
    assert.deepEqual(
      { subject: profile.subject, email: profile.email, emailVerified: profile.emailVerified, name: profile.name },
      { subject: '001234.abcdef', email: 'ada@privaterelay.appleid.com', emailVerified: true, name: 'Ada Lovelace' },
    );

    const sent = tokenForms[0];
    assert.equal(sent.get('client_id'), 'com.example.signin');
    const { payload } = await jwtVerify(sent.get('client_secret') ?? '', team.publicKey, { issuer: 'TEAM123456', subject: 'com.example.signin', audience: ISSUER });
    assert.equal(payload.iat, Math.floor(clock.now() / 1000), 'minted now, for this request');
  });

  it('a confidential provider without its secret cannot authenticate', () => {
    const protocol = presetTable.google.defaults({ client_id: 'g' }).protocol as OidcProtocol;
    assert.throws(() => oidcClientAuth('google', protocol, undefined, Date.now), /no secret/);
    assert.equal(typeof oidcClientAuth('google', protocol, 'shh', Date.now), 'function');
  });
});
