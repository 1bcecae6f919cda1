/**
 * The OpenID Connect provider under load: client-credentials tokens/s beside `oidc-provider` alone
 * (bench/bare-oidc-provider.ts, same processes, token format and algorithm, no database), and
 * introspection/s of one of those JWT access tokens.
 */
import { randomBytes } from 'node:crypto';
import type { GeneratorSummary, Scenario } from './generator.ts';
import { freePort, startProcess, stop, waitForHttp } from './process-tools.ts';

export interface OidcResults {
  client_credentials: GeneratorSummary;
  bare_client_credentials: GeneratorSummary;
  introspection: GeneratorSummary;
}

type Load = (scenario: Partial<Scenario> & Pick<Scenario, 'url' | 'method'>) => Promise<GeneratorSummary>;

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const FORM = 'application/x-www-form-urlencoded';

export async function measureOidc(base: string, operatorToken: string, realmId: string, workers: number, load: Load): Promise<OidcResults> {
  const created = await fetch(`${base}/admin/v1/realms/${realmId}/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${operatorToken}` },
    body: JSON.stringify({ kind: 'machine', name: 'Bench service' }),
  });
  if (!created.ok) throw new Error(`creating the application: ${created.status} ${await created.text()}`);
  const app = (await created.json()) as { client_id: string; client_secret: string };
  const auth = basic(app.client_id, app.client_secret);
  const tokenUrl = `${base}/realms/${realmId}/oidc/token`;
  const grant = 'grant_type=client_credentials';
  const clientCredentials = await load({ url: tokenUrl, method: 'POST', body: grant, headers: { authorization: auth, 'content-type': FORM } });

  const issued = await fetch(tokenUrl, { method: 'POST', headers: { authorization: auth, 'content-type': FORM }, body: grant });
  const { access_token: token } = (await issued.json()) as { access_token: string };
  const introspection = await load({ url: `${tokenUrl}/introspection`, method: 'POST', body: `token=${token}`, headers: { authorization: auth, 'content-type': FORM } });

  const port = await freePort();
  const secret = randomBytes(32).toString('base64url');
  const bare = startProcess(['bench/bare-oidc-provider.ts', String(port), String(workers), 'bench', secret]);
  try {
    await waitForHttp(`http://127.0.0.1:${port}/.well-known/openid-configuration`);
    const bareClientCredentials = await load({ url: `http://127.0.0.1:${port}/token`, method: 'POST', body: grant, headers: { authorization: basic('bench', secret), 'content-type': FORM } });
    return { client_credentials: clientCredentials, bare_client_credentials: bareClientCredentials, introspection };
  } finally {
    await stop(bare);
  }
}
