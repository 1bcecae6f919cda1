/**
 * The console's sign-in (console/src/auth/session.ts) against a scripted authorization server whose
 * metadata the page gives (no discovery request): the authorization request it sends (PKCE S256,
 * the admin API as resource, state and nonce kept only for the redirect, the page replaced in
 * history), a callback it did not start, and renewal — a refresh the server refuses signs in
 * again, one it cannot answer keeps the page and the token.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { createSession, type BrowserPlace } from '../../console/src/auth/session.ts';

const ISSUER = 'https://id.example.com/realms/rl_admin';
const config = {
  issuer: ISSUER,
  clientId: 'keyrealm-console',
  resource: 'https://id.example.com/admin/v1',
  base: 'https://id.example.com/console',
  version: 'test',
  authorizationServer: { issuer: ISSUER, authorization_endpoint: `${ISSUER}/oidc/auth`, token_endpoint: `${ISSUER}/oidc/token`, end_session_endpoint: `${ISSUER}/oidc/session/end`, id_token_signing_alg_values_supported: ['RS256'] },
};
const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function browserAt(path: string) {
  const storage = new Map<string, string>();
  const left: string[] = [];
  let href = `https://id.example.com${path}`;
  const place: BrowserPlace = {
    location: {
      get href() { return href; },
      get pathname() { return new URL(href).pathname; },
      get search() { return new URL(href).search; },
      get hash() { return new URL(href).hash; },
      origin: 'https://id.example.com',
      assign: (url: string | URL) => void left.push(`assign ${url}`),
      replace: (url: string | URL) => void left.push(`replace ${url}`),
    },
    history: { replaceState: (_state: unknown, _unused: string, url?: string | URL | null) => void (href = `https://id.example.com${url}`) },
    storage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value), removeItem: (key) => void storage.delete(key) },
    now: () => Date.now(),
  };
  return { place, storage, left, goTo: (next: string) => (href = next) };
}

describe('console session', () => {
  let refreshAnswer: () => Response;
  const seen: string[] = [];

  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout'] });
    seen.length = 0;
    mock.method(globalThis, 'fetch', async (input: Request | string | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      // The page gives the provider's metadata: the only requests are to the token endpoint.
      assert.equal(request.url, `${ISSUER}/oidc/token`);
      const form = new URLSearchParams(await request.text());
      seen.push(`${form.get('grant_type')} ${form.get('resource')}`);
      if (form.get('grant_type') === 'refresh_token') return refreshAnswer();
      const now = Math.floor(Date.now() / 1000);
      const nonce = JSON.parse(pendingNonce).nonce;
      const idToken = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({ iss: ISSUER, aud: 'keyrealm-console', sub: 'usr_1', iat: now, exp: now + 300, nonce })}.c2ln`;
      return Response.json({ access_token: 'at-1', token_type: 'Bearer', expires_in: 900, refresh_token: 'rt-1', id_token: idToken, scope: 'openid' });
    });
  });
  afterEach(() => {
    mock.timers.reset();
    mock.restoreAll();
  });
  let pendingNonce = '{}';

  /**
   * Turns the event loop until `done` holds. The deadline is real time, not a count of turns: PKCE
   * and digests run on libuv's thread pool, which a loaded CI machine can keep busy for longer than
   * any fixed number of turns (a thousand once took 15 ms there and failed).
   */
  async function until(done: () => boolean | Promise<boolean>, what: string) {
    const deadline = performance.now() + 10_000;
    while (!(await done())) {
      if (performance.now() > deadline) throw new Error(what);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Until the page has been sent away `count` times (the promise of a departing page never settles). */
  const leaving = (left: string[], count: number) => until(() => left.length >= count, 'the page never left');

  async function signedIn() {
    const browser = browserAt('/console/realms/rl_a?q=x');
    const session = createSession(config, browser.place);
    void session.start();
    await leaving(browser.left, 1);
    const [, authorize] = browser.left[0].split(' ');
    const request = new URL(authorize).searchParams;
    pendingNonce = browser.storage.get('keyrealm-console.sign-in')!;
    browser.goTo(`https://id.example.com/console/callback?code=abc&state=${request.get('state')}&iss=${encodeURIComponent(ISSUER)}`);
    assert.deepEqual(await session.start(), { kind: 'signed-in' });
    return { browser, session, request };
  }

  it('asks for a code with PKCE for the admin API, replacing the page, and lands where it started', async () => {
    const { browser, session, request } = await signedIn();
    assert.match(browser.left[0], /^replace https:\/\/id\.example\.com\/realms\/rl_admin\/oidc\/auth\?/);
    assert.equal(request.get('code_challenge_method'), 'S256');
    assert.match(request.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(request.get('resource'), config.resource);
    assert.equal(request.get('redirect_uri'), 'https://id.example.com/console/callback');
    assert.equal(request.get('scope'), 'openid profile email offline_access');
    assert.deepEqual(seen, [`authorization_code ${config.resource}`]);
    assert.equal(browser.place.location.pathname + browser.place.location.search, '/console/realms/rl_a?q=x');
    assert.equal(browser.storage.size, 0, 'nothing of the sign-in is left in storage');
    assert.equal(await session.accessToken(), 'at-1');
  });

  it('refuses a callback it did not start, or one replayed', async () => {
    const { browser } = await signedIn();
    const replay = createSession(config, browser.place);
    browser.goTo('https://id.example.com/console/callback?code=abc&state=forged');
    assert.equal((await replay.start()).kind, 'failed');
  });

  it('lets nothing send the page elsewhere once it leaves to sign out', async () => {
    const { browser, session } = await signedIn();
    await session.signOut();
    assert.match(browser.left[1], /^assign https:\/\/id\.example\.com\/realms\/rl_admin\/oidc\/session\/end\?/);
    // A request still under way (a search typed just before) asks for a token: none is left, and
    // a sign-in started now would replace the navigation to the provider's sign-out page.
    let answered = false;
    void session.accessToken().then(() => (answered = true));
    for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(browser.left.length, 2, browser.left.join('\n'));
    assert.equal(answered, false, 'the request waits for the page to go');
  });

  it('keeps the page and the token when the server cannot answer a renewal, and signs in again when it refuses', async () => {
    const { browser, session } = await signedIn();
    refreshAnswer = () => {
      throw new TypeError('Failed to fetch');
    };
    assert.equal(await session.renew(), 'at-1', 'the token still valid serves');
    assert.equal(browser.left.length, 1, 'no new sign-in');
    refreshAnswer = () => Response.json({ access_token: 'at-2', token_type: 'Bearer', expires_in: 900, refresh_token: 'rt-2' });
    mock.timers.tick(10_000);
    await until(async () => (await session.accessToken()) === 'at-2', 'never renewed by the retry');
    assert.equal(seen.length, 3, 'one retry, no other request');

    refreshAnswer = () => Response.json({ error: 'invalid_grant', error_description: 'grant ended' }, { status: 400 });
    void session.renew();
    await leaving(browser.left, 2);
    assert.match(browser.left[1], /^replace .*\/oidc\/auth\?/);
  });
});
