/**
 * A second, independent OpenID Connect provider for the identity-provider tests: oidc-provider on
 * a random loopback port with its own signing key and its own accounts. `signInAs` names the
 * account its (scripted) login page signs in; `tamper` rewrites the ID token its token endpoint
 * answers (re-signed with its own key, or another one), to play a provider — or someone in its
 * place — answering what it should not.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { CookieJar } from '../support/cookie-jar.ts';

export interface UpstreamAccount {
  email?: string;
  email_verified?: boolean;
  given_name?: string;
  family_name?: string;
  name?: string;
  department?: string;
  groups?: string[];
}

export interface UpstreamOidc {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, UpstreamAccount>;
  /** The account the next login signs in (its `sub`). */
  signInAs: string;
  /** Rewrites the next ID tokens' claims; `otherKey` signs with a key the provider never published. */
  tamper: ((claims: Record<string, unknown>) => Record<string, unknown>) | undefined;
  otherKey: boolean;
  /** Follows the browser through the provider (login, consent) to where it sends it back: the callback URL. */
  authorize(url: string): Promise<string>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

export async function startUpstreamOidc(redirectUris: string[]): Promise<UpstreamOidc> {
  const { default: Provider } = await import('oidc-provider');
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const keys = await generateKeyPair('RS256', { extractable: true });
  const stray = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(keys.privateKey)), kid: 'upstream-1', alg: 'RS256', use: 'sig' };
  const accounts = new Map<string, UpstreamAccount>();
  const clientId = 'keyrealm';
  const clientSecret = 'upstream-client-secret-0123456789';

  const provider = new Provider(issuer, {
    clients: [
      { client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_basic' },
    ],
    jwks: { keys: [jwk] },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: async () => ({ sub, ...account }) } : undefined;
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name', 'department', 'groups'] },
    features: { devInteractions: { enabled: false } },
    // Listed (OpenID Connect Prompt Create), as some providers do: a fresh sign-in then asks prompt=login too.
    discovery: { prompt_values_supported: ['none', 'login', 'consent'] },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    cookies: { keys: ['upstream-cookie-key-for-tests'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 3600 },
  });

  const fixture: UpstreamOidc = {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signInAs: '',
    tamper: undefined,
    otherKey: false,
    async authorize(start: string) {
      const jar = new CookieJar();
      let url = start;
      for (let hop = 0; hop < 20; hop++) {
        if (!url.startsWith(issuer)) return url;
        const path = new URL(url).pathname;
        const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.cookieHeader(path) } });
        for (const line of response.headers.getSetCookie()) jar.keep(line);
        const location = response.headers.get('location');
        if (!location) throw new Error(`the upstream answered ${response.status} without a redirect: ${await response.text()}`);
        url = new URL(location, url).href;
      }
      throw new Error('too many redirects at the upstream');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  /** The scripted login and consent: sign in `signInAs`, grant what was asked. */
  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    let to: string;
    if (details.prompt.name === 'login') {
      to = await provider.interactionResult(req, res, { login: { accountId: fixture.signInAs } }, { mergeWithLastSubmission: false });
    } else {
      const grant = new provider.Grant({ accountId: String(details.session?.accountId), clientId: details.params.client_id as string });
      grant.addOIDCScope(String(details.params.scope));
      to = await provider.interactionResult(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    }
    res.writeHead(303, { location: to }).end();
  }

  /** The token endpoint's answer with its ID token rewritten (and re-signed). */
  async function tamperedToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const upstream = await fetch(`${issuer}/token`, { method: 'POST', body, headers: { 'content-type': String(req.headers['content-type']), authorization: String(req.headers.authorization ?? ''), 'x-untampered': '1' } });
    const answer = (await upstream.json()) as Record<string, unknown>;
    if (typeof answer.id_token === 'string') {
      const header = decodeProtectedHeader(answer.id_token);
      const claims = fixture.tamper!({ ...decodeJwt(answer.id_token) });
      answer.id_token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: header.kid }).sign(fixture.otherKey ? stray.privateKey : keys.privateKey);
    }
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  const callback = provider.callback();
  handler = (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    let work: Promise<void> | void;
    if (path.startsWith('/interaction/')) work = interaction(req, res);
    else if (path === '/token' && req.method === 'POST' && fixture.tamper && !req.headers['x-untampered']) work = tamperedToken(req, res);
    else work = callback(req, res);
    void Promise.resolve(work).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  };
  return fixture;
}
