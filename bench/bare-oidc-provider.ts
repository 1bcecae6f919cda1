/**
 * The baseline for Keyrealm's token endpoint: `oidc-provider` alone, with the same token format
 * (JWT access tokens through resource indicators, ES256) and one confidential client, run with the
 * same number of processes as the server under test and its in-memory adapter (no database).
 * Arguments: port, processes, client id, client secret.
 */
import cluster from 'node:cluster';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const [port, workers, clientId, clientSecret] = [Number(process.argv[2]), Number(process.argv[3] ?? 1), process.argv[4], process.argv[5]];

if (workers > 1 && cluster.isPrimary) {
  // One signing key for every process, as a realm has.
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  for (let i = 0; i < workers; i += 1) cluster.fork({ BARE_OIDC_JWK: JSON.stringify(jwk) });
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const jwk = process.env.BARE_OIDC_JWK ? JSON.parse(process.env.BARE_OIDC_JWK) : generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, grant_types: ['client_credentials'], redirect_uris: [], response_types: [], token_endpoint_auth_method: 'client_secret_basic', id_token_signed_response_alg: 'ES256' }],
    // Only the realm's algorithm, as Keyrealm configures each realm's provider.
    enabledJWA: { idTokenSigningAlgValues: ['ES256'] },
    jwks: { keys: [{ ...jwk, kid: 'bench', alg: 'ES256', use: 'sig' }] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => issuer,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: '', audience: issuer, accessTokenTTL: 3600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } }),
      },
    },
  });
  const server = createServer(provider.callback()).listen(port, '127.0.0.1');
  // A cluster worker just ends: closing its server would message a primary that may be gone (EPIPE).
  process.on('SIGTERM', () => (cluster.isWorker ? process.exit(0) : server.close(() => process.exit(0))));
}
