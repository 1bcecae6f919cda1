/**
 * The SDK's build in real Chromium, as a single-page app on its own origin loads it (ES modules
 * and an import map, no bundler): the example app (examples/browser-passkey) signs a user in with a
 * passkey (a virtual authenticator), reads the account through the realm's CORS-enabled API, and
 * signs out. runtimes.test.ts runs the same build under Deno, Bun and Node 20.
 */
import assert from 'node:assert/strict';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { addVirtualAuthenticator } from '../../../test/passkeys/browser-webauthn.ts';
import { PASSWORD } from '../../../test/pages/passkey-page-fixtures.ts';
import { browserPerSuite } from '../../../test/support/browser.ts';
import { operator } from '../../../test/support/fixtures.ts';
import { oidcServerPerSuite } from '../../../test/oidc/oidc-fixtures.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** What the app's origin serves: its page, the SDK's build and the SDK's two dependencies. */
const MOUNTS: Record<string, string> = {
  '/example/': join(root, 'examples/browser-passkey/'),
  '/sdk/': join(root, 'packages/sdk/dist/'),
  '/openapi-fetch/': join(root, 'node_modules/openapi-fetch/dist/'),
  '/jose/': join(root, 'node_modules/jose/dist/webapi/'),
};
function staticApp(): Server {
  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/' || path === '/callback') return void response.writeHead(200, { 'content-type': 'text/html' }).end(readFileSync(join(MOUNTS['/example/'], 'index.html')).toString().replace('src="app.js"', 'src="/example/app.js"'));
    const mount = Object.keys(MOUNTS).find((prefix) => path.startsWith(prefix));
    const file = mount ? normalize(join(MOUNTS[mount], path.slice(mount.length))) : '';
    if (!mount || !file.startsWith(MOUNTS[mount]) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': { '.map': 'application/json', '.html': 'text/html' }[extname(file)] ?? 'text/javascript' });
    createReadStream(file).pipe(response);
  });
}

describe('the SDK in a browser app', () => {
  const server = oidcServerPerSuite('sqlite', () => ({}), 'localhost');
  const chromium = browserPerSuite();
  const app = staticApp();
  let origin = '';

  before(async () => {
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    origin = `http://localhost:${(app.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => app.close(() => resolve())));

  it('adds a passkey, signs in with it from its own origin, reads the account, signs out', async () => {
    const realm = await server.services.realms.create({ name: 'Browser app', slug: 'browser-app', sign_in: { first_factors: ['password', 'passkey'] }, passkeys: { rp_id: 'localhost', allowed_origins: [origin] } } as never, operator);
    await server.apps.add(realm, { name: 'App', kind: 'spa', redirectUris: [`${origin}/callback`], postLogoutRedirectUris: [] });
    const context = await chromium.browser.newContext();
    const page = await context.newPage();
    await addVirtualAuthenticator(page);
    await page.goto(`${origin}/`);
    // The user adds a passkey with the SDK in this browser: signed in with the password, then the ceremony.
    await server.services.users.create(realm, { username: 'ada', password: PASSWORD }, operator);
    const registered = await page.evaluate(
      async ({ baseUrl, slug, password }) => {
        const { KeyrealmRealm } = await import('@keyrealm/sdk' as string);
        const realm = new KeyrealmRealm({ baseUrl, realm: slug });
        await realm.signIn('ada', password);
        const passkey = await realm.registerPasskey('Laptop');
        await realm.signOut();
        return passkey.name;
      },
      { baseUrl: server.baseUrl, slug: realm.slug, password: PASSWORD },
    );
    assert.equal(registered, 'Laptop');
    // The example app, as its user sees it: a button, a passkey, who they are.
    await page.goto(`${origin}/?${new URLSearchParams({ keyrealm: server.baseUrl, realm: realm.slug })}`);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByText('Signed in as ada.').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('Signed out.').waitFor();
    // The same build driven directly: the token ended with the sign-out is refused, as a KeyrealmError.
    const outcome = await page.evaluate(
      async ({ baseUrl, slug }) => {
        const { KeyrealmRealm, KeyrealmError } = await import('@keyrealm/sdk' as string);
        const realm = new KeyrealmRealm({ baseUrl, realm: slug });
        const signedIn = await realm.signInWithPasskey();
        const token = await realm.accessToken();
        await realm.signOut();
        realm.useTokens({ access_token: token, expires_in: null, session_id: null });
        const after = await realm.account().catch((error: unknown) => error);
        return { signedIn: signedIn.signedIn, afterCode: after instanceof KeyrealmError ? after.code : String(after) };
      },
      { baseUrl: server.baseUrl, slug: realm.slug },
    );
    assert.deepEqual(outcome, { signedIn: true, afterCode: 'auth.invalid_token' });
    await context.close();
  });
});
