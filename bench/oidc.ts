/**
 * The OpenID Connect provider under load: client-credentials tokens/s beside `oidc-provider` alone
 * (bench/bare-oidc-provider.ts, same processes, token format and algorithm, no database),
 * introspection/s of one of those JWT access tokens, and full authorization-code sign-ins/s through
 * the hosted pages (bench/sign-in-client.ts).
 */
import { randomBytes } from 'node:crypto';
import type { GeneratorSummary, Scenario } from './generator.ts';
import type { SignInScenario } from './sign-in-client.ts';
import { freePort, startProcess, stop, waitForHttp } from './process-tools.ts';

export interface OidcResults {
  client_credentials: GeneratorSummary;
  bare_client_credentials: GeneratorSummary;
  introspection: GeneratorSummary;
  sign_ins: GeneratorSummary;
}

type Load = (scenario: Partial<Scenario> & Pick<Scenario, 'url' | 'method'>) => Promise<GeneratorSummary>;
type SignIns = (scenario: Omit<SignInScenario, 'connections' | 'seconds'>) => Promise<GeneratorSummary>;

export interface OidcBench {
  base: string;
  operatorToken: string;
  realmId: string;
  /** A user of the realm who signs in with a password alone. */
  user: { identifier: string; password: string };
  /** Server processes, which the baseline runs as many of. */
  workers: number;
  load: Load;
  signIns: SignIns;
}

/** The application's redirect URI: the scripted browser reads the code off the redirect and never goes there. */
const CALLBACK = 'https://app.example/callback';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const FORM = 'application/x-www-form-urlencoded';
/** Unmeasured load before each side of the client-credentials comparison. */
const WARMUP_SECONDS = 5;

/** The comparison holds only if both sides issue the same thing: a JWT access token signed with ES256. */
async function assertEs256AccessToken(tokenUrl: string, auth: string, who: string): Promise<string> {
  const issued = await fetch(tokenUrl, { method: 'POST', headers: { authorization: auth, 'content-type': FORM }, body: 'grant_type=client_credentials' });
  const { access_token: token } = (await issued.json()) as { access_token?: string };
  const header = token?.split('.').length === 3 ? (JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as { alg?: string; typ?: string }) : {};
  if (!token || header.alg !== 'ES256' || header.typ !== 'at+jwt') throw new Error(`${who} did not issue an ES256 JWT access token: ${issued.status} ${JSON.stringify(header)}`);
  return token;
}

async function createApplication(bench: OidcBench, fields: Record<string, unknown>): Promise<{ client_id: string; client_secret: string }> {
  const created = await fetch(`${bench.base}/admin/v1/realms/${bench.realmId}/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bench.operatorToken}` },
    body: JSON.stringify(fields),
  });
  if (!created.ok) throw new Error(`creating the application: ${created.status} ${await created.text()}`);
  return (await created.json()) as { client_id: string; client_secret: string };
}

export async function measureOidc(bench: OidcBench): Promise<OidcResults> {
  const { base, realmId, workers, load } = bench;
  const app = await createApplication(bench, { kind: 'machine', name: 'Bench service' });
  const auth = basic(app.client_id, app.client_secret);
  const tokenUrl = `${base}/realms/${realmId}/oidc/token`;
  const grant = 'grant_type=client_credentials';
  // Both sides warmed up alike first: the comparison is of servers in steady state, not of how
  // long each one's token endpoint takes to get its code compiled (Keyrealm's, with every grant
  // and feature configured, takes a few seconds longer than the minimal baseline's).
  const clientCredentials = await load({ url: tokenUrl, method: 'POST', body: grant, headers: { authorization: auth, 'content-type': FORM }, warmupSeconds: WARMUP_SECONDS });

  const token = await assertEs256AccessToken(tokenUrl, auth, 'Keyrealm');
  const introspection = await load({ url: `${tokenUrl}/introspection`, method: 'POST', body: `token=${token}`, headers: { authorization: auth, 'content-type': FORM } });

  const port = await freePort();
  const secret = randomBytes(32).toString('base64url');
  const bare = startProcess(['bench/bare-oidc-provider.ts', String(port), String(workers), 'bench', secret]);
  let bareClientCredentials: GeneratorSummary;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/.well-known/openid-configuration`);
    await assertEs256AccessToken(`http://127.0.0.1:${port}/token`, basic('bench', secret), 'oidc-provider alone');
    bareClientCredentials = await load({ url: `http://127.0.0.1:${port}/token`, method: 'POST', body: grant, headers: { authorization: basic('bench', secret), 'content-type': FORM }, warmupSeconds: WARMUP_SECONDS });
  } finally {
    await stop(bare);
  }

  // A first-party web application (no consent step), as a site signing its own users in would be.
  const web = await createApplication(bench, { kind: 'web', name: 'Bench site', consent: 'implicit', redirect_uris: [CALLBACK] });
  const signIns = await bench.signIns({ issuer: `${base}/realms/${realmId}/oidc`, clientId: web.client_id, clientSecret: web.client_secret, redirectUri: CALLBACK, ...bench.user });
  return { client_credentials: clientCredentials, bare_client_credentials: bareClientCredentials, introspection, sign_ins: signIns };
}
