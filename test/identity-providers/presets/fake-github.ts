import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small server imitating GitHub's OAuth endpoints closely enough to catch what the real one would:
 * the authorize redirect (the `login` parameter picks the account, standing in for the person who
 * signs in), the token endpoint (basic or body client auth, redirect_uri and PKCE checked, errors
 * answered with status 200 as GitHub does), /user and /user/emails with bearer tokens.
 */
export const GITHUB_CLIENT_ID = 'Iv1.fakeclient';
export const GITHUB_CLIENT_SECRET = 'fake-github-secret';

export interface FakeGitHubAccount {
  profile: Record<string, unknown>;
  emails: { email: string; primary: boolean; verified: boolean; visibility: string | null }[];
  /** Misbehaviours of the profile endpoint, for the bounded-read tests. */
  emailsForbidden?: boolean;
  hangs?: boolean;
  profileBody?: { contentType: string; text: string; declareLength?: boolean };
}

export const accounts: Record<string, FakeGitHubAccount> = {
  octocat: {
    profile: { login: 'octocat', id: 583231, name: 'The Octocat', email: 'octocat@github.example', avatar_url: 'https://avatars.example/u/583231' },
    emails: [
      { email: 'octocat@github.example', primary: true, verified: true, visibility: 'public' },
      { email: 'old@github.example', primary: false, verified: false, visibility: null },
    ],
  },
  // Public address is the primary, which GitHub has not verified; a verified secondary exists.
  unverified: {
    profile: { login: 'unverified', id: 1001, name: null, email: 'victim@company.example' },
    emails: [
      { email: 'victim@company.example', primary: true, verified: false, visibility: 'public' },
      { email: 'me@elsewhere.example', primary: false, verified: true, visibility: null },
    ],
  },
  // No public address: only the e-mail list has it.
  private: {
    profile: { login: 'private', id: 1002, name: 'Private Person', email: null },
    emails: [{ email: 'private@people.example', primary: true, verified: true, visibility: 'private' }],
  },
  // Signed in without the user:email grant: the e-mail list is refused.
  noscope: {
    profile: { login: 'noscope', id: 1007, name: 'No Scope', email: 'public@people.example' },
    emails: [{ email: 'public@people.example', primary: true, verified: true, visibility: 'public' }],
    emailsForbidden: true,
  },
  // The profile endpoint never answers.
  slow: { profile: { login: 'slow', id: 1008 }, emails: [], hangs: true },
  huge: { profile: { login: 'huge', id: 1003 }, emails: [], profileBody: { contentType: 'application/json', text: JSON.stringify({ id: 1003, bio: 'x'.repeat(100_000) }) } },
  // The same, announced by Content-Length: refused before a byte of the body is read.
  hugedeclared: { profile: { login: 'hugedeclared', id: 1006 }, emails: [], profileBody: { contentType: 'application/json', text: JSON.stringify({ id: 1006, bio: 'x'.repeat(100_000) }), declareLength: true } },
  html: { profile: { login: 'html', id: 1004 }, emails: [], profileBody: { contentType: 'text/html', text: '<html>rate limited</html>' } },
  broken: { profile: { login: 'broken', id: 1005 }, emails: [], profileBody: { contentType: 'application/json', text: '{"id": 1005,' } },
};

interface Grant {
  login: string;
  redirectUri: string;
  challenge?: string;
}

export interface FakeGitHub {
  baseUrl: string;
  /** Every token request's form, as received. */
  tokenRequests: URLSearchParams[];
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

function clientFrom(req: IncomingMessage, form: URLSearchParams): { id?: string; secret?: string } {
  const header = req.headers.authorization;
  if (header?.startsWith('Basic ')) {
    const [id, secret] = Buffer.from(header.slice(6), 'base64').toString().split(':').map(decodeURIComponent);
    return { id, secret };
  }
  return { id: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined };
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  const grants = new Map<string, Grant>();
  const tokens = new Map<string, string>();
  const tokenRequests: URLSearchParams[] = [];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://github.test');
    if (req.method === 'GET' && url.pathname === '/login/oauth/authorize') {
      const redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
      const state = url.searchParams.get('state');
      const login = url.searchParams.get('login') ?? 'octocat';
      if (login === 'denies') {
        redirect.searchParams.set('error', 'access_denied');
        redirect.searchParams.set('error_description', 'The user has denied your application access.');
      } else {
        const code = randomBytes(10).toString('hex');
        grants.set(code, { login, redirectUri: redirect.href, challenge: url.searchParams.get('code_challenge') ?? undefined });
        redirect.searchParams.set('code', code);
      }
      if (state) redirect.searchParams.set('state', state);
      return res.writeHead(302, { location: redirect.href }).end();
    }
    if (req.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      const form = new URLSearchParams(await readBody(req));
      tokenRequests.push(form);
      const client = clientFrom(req, form);
      const grant = grants.get(form.get('code') ?? '');
      grants.delete(form.get('code') ?? '');
      // GitHub answers every error with 200 and an error body.
      if (client.id !== GITHUB_CLIENT_ID || client.secret !== GITHUB_CLIENT_SECRET) return json(res, 200, { error: 'incorrect_client_credentials', error_description: 'The client_id and/or client_secret passed are incorrect.' });
      if (!grant || grant.redirectUri !== form.get('redirect_uri')) return json(res, 200, { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' });
      const verifier = form.get('code_verifier');
      if (grant.challenge && (!verifier || createHash('sha256').update(verifier).digest('base64url') !== grant.challenge)) {
        return json(res, 200, { error: 'invalid_grant', error_description: 'The code_verifier does not match the code_challenge.' });
      }
      if (grant.login === 'tokenless') return json(res, 200, { token_type: 'bearer', scope: '' });
      if (grant.login === 'hugetoken') return json(res, 200, { access_token: 'gho_x', token_type: 'bearer', padding: 'x'.repeat(100_000) });
      const token = `gho_${randomBytes(12).toString('hex')}`;
      tokens.set(token, grant.login);
      return json(res, 200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
    }
    const login = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /i, ''));
    const account = login === undefined ? undefined : accounts[login];
    if (!account) return json(res, 401, { message: 'Bad credentials' });
    if (req.method === 'GET' && url.pathname === '/user') {
      if (account.hangs) return res.writeHead(200, { 'content-type': 'application/json' }).write('{"id":');
      const custom = account.profileBody;
      if (custom) {
        const length = custom.declareLength ? { 'content-length': String(Buffer.byteLength(custom.text)) } : {};
        return res.writeHead(200, { 'content-type': custom.contentType, ...length }).end(custom.text);
      }
      return json(res, 200, account.profile);
    }
    if (req.method === 'GET' && url.pathname === '/user/emails') {
      return account.emailsForbidden ? json(res, 403, { message: 'Resource not accessible by integration' }) : json(res, 200, account.emails);
    }
    return json(res, 404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    tokenRequests,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
