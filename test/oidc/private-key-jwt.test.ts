import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { Realm } from '../../src/realms/realm.ts';
import { JWKS_URI_MAX_BYTES } from '../../src/oidc/realm-provider.ts';
import { operator } from '../support/fixtures.ts';
import { form, oidcServerPerSuite } from './oidc-fixtures.ts';

// The key set is served over https by a certificate no CA signed (a test fixture's): this test's
// process alone trusts it. The provider reaches loopback because its public URL is on localhost.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
const FIXTURES = new URL('../identity-providers/saml/fixtures/', import.meta.url);

/**
 * A machine application authenticating with `private_key_jwt` and a `jwks_uri`: the token endpoint
 * fetches the key set, and reads at most JWKS_URI_MAX_BYTES of it, so an endless answer costs the
 * server a bounded read and the client an invalid_client, not the process's memory.
 */
describe('private_key_jwt with a jwks_uri', () => {
  const server = oidcServerPerSuite('sqlite', () => ({}), 'localhost');
  let keySet: Server;
  let publicJwk: Record<string, unknown>;
  let privateKey: CryptoKey;
  let endlessBytes = 0;
  let realm: Realm;
  let clientId: string;
  let endlessClientId: string;

  before(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', use: 'sig', alg: 'ES256' };
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    keySet = createServer({ key: readFileSync(new URL('sp.key', FIXTURES)), cert: readFileSync(new URL('sp.crt', FIXTURES)) }, (request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      if (request.url === '/jwks') return response.end(JSON.stringify({ keys: [publicJwk] }));
      response.write('{"keys":[],"padding":"');
      // As fast as it is read, until the reader hangs up.
      const pump = () => {
        let room = true;
        while (room && !response.destroyed) {
          room = response.write(chunk);
          endlessBytes += chunk.length;
        }
      };
      response.on('drain', pump);
      pump();
    });
    await new Promise<void>((resolve) => keySet.listen(0, '127.0.0.1', resolve));
    realm = await server.services.realms.create({ name: 'Machines', slug: 'machines' }, operator);
    const { port } = keySet.address() as AddressInfo;
    const keyed = (path: string) => server.apps.add(realm, { kind: 'machine', tokenEndpointAuthMethod: 'private_key_jwt', jwksUri: `https://localhost:${port}${path}` });
    clientId = (await keyed('/jwks')).app.clientId;
    endlessClientId = (await keyed('/endless')).app.clientId;
  });
  after(() => {
    keySet.closeAllConnections();
    keySet.close();
  });

  const tokenUrl = () => `${server.baseUrl}/realms/${realm.id}/oidc/token`;
  const tokenRequest = async (client = clientId) => {
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(client)
      .setSubject(client)
      .setAudience(tokenUrl())
      .setJti(crypto.randomUUID())
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(privateKey);
    const { body, ...headers } = form({ grant_type: 'client_credentials', client_id: client, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion });
    return fetch(tokenUrl(), { method: 'POST', headers, body });
  };

  it('signs the client in with a key from its key set', async () => {
    const response = await tokenRequest();
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(((await response.json()) as { token_type: string }).token_type, 'Bearer');
  });

  it('reads at most the bound of an endless key set, and refuses the client', async () => {
    const response = await tokenRequest(endlessClientId);
    assert.equal(response.status, 401, await response.clone().text());
    assert.equal(((await response.json()) as { error: string }).error, 'invalid_client');
    // What the key server managed to write before the reader hung up: socket buffers beyond the bound, not the stream.
    assert.ok(endlessBytes > JWKS_URI_MAX_BYTES, `the key set was asked for (${endlessBytes} bytes written)`);
    assert.ok(endlessBytes < 16 * 1024 * 1024, `${endlessBytes} bytes written`);
  });
});
