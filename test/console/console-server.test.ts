/**
 * What the server does for the console: the page at /console and every address below it (with its
 * CSP and settings), the hashed assets (compressed copies, cached for a year, nothing else served),
 * a clear 503 when the bundle was never built, and the console's application in the admin realm —
 * made on the first start, brought back in line on later ones, on both databases.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { CONSOLE_CLIENT_ID, consoleSettings, ensureConsoleApplication } from '../../src/console/console-application.ts';
import { chooseEncoding, consolePage, loadConsoleBundle } from '../../src/console/console-bundle.ts';
import { dialects } from '../support/databases.ts';
import { serverPerSuite } from '../support/server.ts';

for (const dialect of dialects) {
  describe(`console on the server (${dialect})`, () => {
    const server = serverPerSuite({ dialect });
    const publicUrl = 'http://keyrealm.test';

    it('answers the console page below /console, with a strict CSP and its settings', async () => {
      for (const url of ['/console', '/console/', '/console/realms/rl_x/users/usr_y?q=1']) {
        const response = await server.app.inject({ method: 'GET', url });
        assert.equal(response.statusCode, 200, url);
        assert.match(response.headers['content-type'] as string, /^text\/html/);
        const csp = response.headers['content-security-policy'] as string;
        assert.match(csp, /default-src 'none'/);
        assert.match(csp, /script-src 'self'(;|$)/);
        assert.doesNotMatch(csp, /unsafe/);
        assert.match(csp, /img-src 'self' data:;/, 'no remote images on the console itself');
        assert.equal(response.headers['cache-control'], 'no-store');
        assert.equal(response.headers['x-frame-options'], 'DENY');
        assert.equal(response.headers['cross-origin-opener-policy'], 'same-origin');
        const settings = JSON.parse(/<script type="application\/json" id="console-config">(.*?)<\/script>/s.exec(response.body)![1]);
        const admin = await server.services.lookup.resolve('admin');
        const { authorizationServer, ...rest } = settings;
        assert.deepEqual(rest, { issuer: `${publicUrl}/realms/${admin!.id}`, clientId: CONSOLE_CLIENT_ID, resource: `${publicUrl}/admin/v1`, base: `${publicUrl}/console`, version: settings.version });
        // What the console uses instead of a discovery request is what discovery answers.
        const discovery = (await server.app.inject({ method: 'GET', url: `/realms/${admin!.id}/.well-known/openid-configuration` })).json();
        assert.deepEqual(authorizationServer, {
          issuer: discovery.issuer,
          authorization_endpoint: discovery.authorization_endpoint,
          token_endpoint: discovery.token_endpoint,
          end_session_endpoint: discovery.end_session_endpoint,
          id_token_signing_alg_values_supported: discovery.id_token_signing_alg_values_supported,
        });
      }
    });

    it('gives the console the ID-token algorithm the admin realm signs with, after a change too', async () => {
      const algorithmOfPage = async () => {
        const body = (await server.app.inject({ method: 'GET', url: '/console' })).body;
        return JSON.parse(/id="console-config">(.*?)<\/script>/s.exec(body)![1]).authorizationServer.id_token_signing_alg_values_supported;
      };
      const admin = (await server.services.lookup.resolve('admin'))!;
      const discovered = async () => (await server.app.inject({ method: 'GET', url: `/realms/${admin.id}/.well-known/openid-configuration` })).json().id_token_signing_alg_values_supported;
      assert.deepEqual(await algorithmOfPage(), await discovered());
      const changed = await server.app.inject({ method: 'PATCH', url: `/admin/v1/realms/${admin.id}`, headers: server.adminHeaders, payload: { tokens: { algorithm: 'EdDSA' } } });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.deepEqual(await algorithmOfPage(), ['EdDSA']);
      assert.deepEqual(await discovered(), ['EdDSA']);
    });

    it('serves the built assets compressed and cached for a year, and nothing else', async () => {
      const page = (await server.app.inject({ method: 'GET', url: '/console' })).body;
      const script = /src="(\/console\/assets\/app-[A-Z0-9]+\.js)"/.exec(page)![1];
      const style = /href="(\/console\/assets\/style-[A-Z0-9]+\.css)"/.exec(page)![1];
      const plain = await server.app.inject({ method: 'GET', url: script });
      assert.equal(plain.statusCode, 200);
      assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.match(plain.headers['content-type'] as string, /^text\/javascript/);
      assert.equal(plain.headers['content-encoding'], undefined);
      const brotli = await server.app.inject({ method: 'GET', url: script, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      assert.equal(brotli.headers['content-encoding'], 'br');
      assert.equal(brotliDecompressSync(brotli.rawPayload).toString(), plain.body);
      const gzip = await server.app.inject({ method: 'GET', url: style, headers: { 'accept-encoding': 'gzip' } });
      assert.equal(gzip.headers['content-encoding'], 'gzip');
      assert.match(gunzipSync(gzip.rawPayload).toString(), /--accent/);
      for (const url of ['/console/assets/app-NOPE.js', '/console/assets/..%2F..%2Fpackage.json', '/console/assets/manifest.json']) {
        const refused = await server.app.inject({ method: 'GET', url });
        assert.equal(refused.statusCode, 404, url);
        assert.equal(refused.json().error.code, 'request.not_found');
      }
    });

    it("answers the editor's mail preview as a sandboxed document, to this origin's pages only", async () => {
      const post = (headers: Record<string, string>, body = 'html=%3Cp%20style%3D%22color%3Ared%22%3EHi%3C%2Fp%3E') =>
        server.app.inject({ method: 'POST', url: '/console/mail-preview', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: body });
      const shown = await post({ 'sec-fetch-site': 'same-origin', origin: 'null' });
      assert.equal(shown.statusCode, 200);
      assert.equal(shown.body, '<p style="color:red">Hi</p>');
      assert.match(shown.headers['content-security-policy'] as string, /^sandbox; default-src 'none'; style-src 'unsafe-inline';/);
      assert.equal(shown.headers['x-frame-options'], 'SAMEORIGIN');
      assert.equal((await post({ origin: publicUrl })).statusCode, 200, 'a browser without Sec-Fetch headers, by Origin');
      for (const headers of [{ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, { origin: 'null' }, {}] as Record<string, string>[]) {
        const refused = await post(headers);
        assert.equal(refused.statusCode, 403, JSON.stringify(headers));
        assert.equal(refused.json().error.code, 'request.forbidden');
      }
      const empty = await post({ 'sec-fetch-site': 'same-origin' }, 'other=1');
      assert.equal(empty.statusCode, 400);
      assert.equal(empty.json().error.code, 'request.validation_failed');
    });

    it("makes the console's application once and restores its return addresses", async () => {
      const deps = { realms: server.services.realms, applications: server.services.applications, publicUrl: 'https://keyrealm.example' };
      assert.equal(await ensureConsoleApplication(deps), undefined);
      assert.equal(await ensureConsoleApplication(deps), undefined);
      const admin = await server.services.realms.ensureSystemRealm();
      const app = await server.services.applications.findByClientId(admin.id, CONSOLE_CLIENT_ID);
      assert.ok(app);
      assert.equal(app.kind, 'spa');
      assert.equal(app.tokenEndpointAuthMethod, 'none');
      assert.deepEqual(app.redirectUris, ['https://keyrealm.example/console/callback']);
      // A later start on another public URL (or after an operator edited it) brings it back in line.
      await ensureConsoleApplication({ ...deps, publicUrl: 'https://id.example.com' });
      const moved = await server.services.applications.findByClientId(admin.id, CONSOLE_CLIENT_ID);
      assert.deepEqual(moved!.redirectUris, consoleSettings('https://id.example.com').redirect_uris);
      assert.deepEqual(moved!.postLogoutRedirectUris, ['https://id.example.com/console/signed-out']);
      const created = await server.app.inject({ method: 'GET', url: `/admin/v1/realms/admin/events?type=application.created`, headers: server.adminHeaders });
      assert.equal(created.json().items.filter((event: { details: { client_id: string } }) => event.details.client_id === CONSOLE_CLIENT_ID).length, 1, 'made once');
    });

    it('tells why the console cannot sign in on a plain-http public URL, and the server carries on', async () => {
      const refusal = await ensureConsoleApplication({ realms: server.services.realms, applications: server.services.applications, publicUrl: 'http://keyrealm.internal:8080' });
      assert.match(refusal ?? '', /cannot sign operators in at http:\/\/keyrealm.internal:8080\/console: .*https/);
    });
  });
}

describe('console bundle', () => {
  it('answers 503 console.not_built when there is no bundle, and loads it once built', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'keyrealm-console-'));
    try {
      assert.equal(await loadConsoleBundle(pathToFileURL(`${empty}/`)), undefined);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
    const built = await loadConsoleBundle();
    assert.ok(built, 'npm test builds the console first');
    assert.ok(built.assets.get(built.scriptName)!.brotli.length < built.assets.get(built.scriptName)!.identity.length);
  });

  it('keeps a setting from closing its script element', () => {
    const bundle = { scriptName: 'app-A.js', styleName: 'style-B.css', assets: new Map() };
    const issuer = 'http://x/</script><script>alert(1)</script>';
    const authorizationServer = { issuer, authorization_endpoint: `${issuer}/a`, token_endpoint: `${issuer}/t`, end_session_endpoint: `${issuer}/e`, id_token_signing_alg_values_supported: ['ES256'] };
    const html = consolePage(bundle, { issuer, clientId: 'c', resource: 'r', base: 'b', version: 'v', authorizationServer }, '/console/assets');
    assert.equal(html.match(/<\/script>/g)!.length, 2, 'only the two real script elements close');
    assert.match(html, /\\u003c\/script>/);
  });

  it('chooses brotli, then gzip, honouring q=0', () => {
    assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(chooseEncoding('br;q=0, gzip'), 'gzip');
    assert.equal(chooseEncoding('gzip;q=0'), undefined);
    assert.equal(chooseEncoding(undefined), undefined);
    assert.equal(chooseEncoding('identity'), undefined);
  });

  it('stays within 200 KB of compressed JavaScript (issue #13)', async () => {
    const built = await loadConsoleBundle();
    const script = built!.assets.get(built!.scriptName)!;
    assert.ok(script.gzip.length <= 200 * 1024, `${script.gzip.length} bytes gzipped`);
  });
});
