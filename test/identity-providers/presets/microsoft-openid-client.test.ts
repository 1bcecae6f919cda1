import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import * as client from 'openid-client';
import type { OidcProtocol } from '../../../src/identity-providers/presets.ts';
import { presetTable } from '../../../src/identity-providers/presets/index.ts';

const TENANT_A = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TENANT_B = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
const AUTHORITY = 'https://login.microsoftonline.com';
const CALLBACK = 'https://id.example/realms/r-shop/auth/idp/microsoft/callback';

/**
 * The integration the core performs for an Entra ID multi-tenant preset, against answers made here
 * (discovery, keys, token endpoint — nothing leaves the process): openid-client's discovery from
 * the preset's `discoveryServer`, its code exchange verifying the ID token, then the preset's issuerMatches.
 */
describe('Microsoft multi-tenant preset through openid-client', () => {
  async function exchange(claims: { iss: string; tid: string }, tenant = 'common'): Promise<{ accepted: boolean; reason?: string }> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const protocol = presetTable.microsoft.defaults({ client_id: 'app-id', tenant }).protocol as OidcProtocol;
    const { discoveryServer, issuerMatches } = presetTable.microsoft.quirks;
    const nonce = client.randomNonce();
    const state = client.randomState();
    const idToken = await new SignJWT({ tid: claims.tid, nonce, email: 'ada@a.example' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(claims.iss)
      .setSubject('pairwise-sub')
      .setAudience(protocol.client_id)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const answers: Record<string, unknown> = {
      [`${AUTHORITY}/${tenant}/v2.0/.well-known/openid-configuration`]: {
        issuer: `${AUTHORITY}/{tenantid}/v2.0`,
        authorization_endpoint: `${AUTHORITY}/${tenant}/oauth2/v2.0/authorize`,
        token_endpoint: `${AUTHORITY}/${tenant}/oauth2/v2.0/token`,
        jwks_uri: `${AUTHORITY}/${tenant}/discovery/v2.0/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      },
      [`${AUTHORITY}/${tenant}/discovery/v2.0/keys`]: { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] },
      [`${AUTHORITY}/${tenant}/oauth2/v2.0/token`]: { access_token: 'at', token_type: 'Bearer', expires_in: 3600, id_token: idToken },
    };
    const fake: client.CustomFetch = async (url) => {
      const body = answers[url.split('?')[0]];
      return new Response(JSON.stringify(body ?? { error: 'not_found' }), { status: body ? 200 : 404, headers: { 'content-type': 'application/json' } });
    };
    const configuration = await client.discovery(new URL(discoveryServer(protocol)), protocol.client_id, undefined, client.ClientSecretPost('secret'), { [client.customFetch]: fake });
    configuration[client.customFetch] = fake;
    const callback = new URL(`${CALLBACK}?code=c1&state=${state}`);
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callback, { expectedState: state, expectedNonce: nonce });
      const verified = tokens.claims() as Record<string, unknown>;
      const accepted = issuerMatches(String(verified.iss), verified, protocol);
      return { accepted, reason: accepted ? undefined : 'issuerMatches' };
    } catch (error) {
      return { accepted: false, reason: (error as Error).message };
    }
  }

  it("accepts an ID token whose iss is the template filled with the token's own tenant", async () => {
    assert.deepEqual(await exchange({ iss: `${AUTHORITY}/${TENANT_A}/v2.0`, tid: TENANT_A }), { accepted: true, reason: undefined });
  });

  it('refuses an iss of another tenant than tid, and the v1 template', async () => {
    // openid-client itself refuses both (the template filled with tid is the only issuer it accepts).
    const crossed = await exchange({ iss: `${AUTHORITY}/${TENANT_B}/v2.0`, tid: TENANT_A });
    assert.deepEqual(crossed, { accepted: false, reason: 'unexpected JWT claim value encountered' });
    const v1 = await exchange({ iss: `https://sts.windows.net/${TENANT_A}/`, tid: TENANT_A });
    assert.deepEqual(v1, { accepted: false, reason: 'unexpected JWT claim value encountered' });
  });

  it('organizations: openid-client accepts a personal account\'s token, the preset refuses it', async () => {
    const consumers = '9188040d-6c67-4c5b-b112-36a304b66dad';
    assert.deepEqual(await exchange({ iss: `${AUTHORITY}/${consumers}/v2.0`, tid: consumers }, 'organizations'), { accepted: false, reason: 'issuerMatches' });
    assert.deepEqual(await exchange({ iss: `${AUTHORITY}/${TENANT_A}/v2.0`, tid: TENANT_A }, 'organizations'), { accepted: true, reason: undefined });
  });
});
