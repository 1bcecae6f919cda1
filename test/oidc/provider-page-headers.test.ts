import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import { BrowserAgent } from './browser-agent.ts';
import { oidcServerPerSuite } from './oidc-fixtures.ts';

/**
 * Found by review: the two HTML pages oidc-provider writes itself (the auto-submitting forms of
 * `response_mode=form_post` and of a logout without a provider session) went out without any
 * Content-Security-Policy or Referrer-Policy. They now carry the provider's baseline policy, which
 * allows their one inline script by its hash and nothing else.
 */
describe("the provider's own pages carry a strict policy that still lets them submit", () => {
  const server = oidcServerPerSuite('sqlite');
  let realm: Realm;
  let clientId: string;
  before(async () => {
    realm = await server.services.realms.create({ name: 'Posting', slug: 'posting' }, operator);
    clientId = (await server.apps.add(realm)).app.clientId;
  });

  /** The page's headers hold, and its one inline script is exactly what the policy's hash allows. */
  async function assertSelfSubmittingPage(response: Response): Promise<void> {
    const html = await response.text();
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    assert.match(html, /<form method="post"/);
    const policy = response.headers.get('content-security-policy') ?? '';
    assert.match(policy, /^default-src 'none';/);
    assert.match(policy, /base-uri 'none'/);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(script).digest('base64');
    const sources = /script-src ([^;]+)/.exec(policy)?.[1]?.split(' ') ?? [];
    assert.deepEqual(sources, ["'self'", `'sha256-${hash}'`], policy);
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  }

  it('a logout without a provider session', async () => {
    const response = await new BrowserAgent(server.baseUrl).get(`/realms/${realm.id}/oidc/session/end`);
    assert.equal(response.status, 200);
    await assertSelfSubmittingPage(response);
  });

  it('an authorization answer by form_post', async () => {
    const query = new URLSearchParams({ client_id: clientId, redirect_uri: 'https://app.example/callback', response_type: 'code', scope: 'openid', response_mode: 'form_post', state: 's' });
    // No PKCE: refused, and the refusal is posted back to the application.
    const response = await new BrowserAgent(server.baseUrl).get(`/realms/${realm.id}/oidc/auth?${query}`);
    assert.equal(response.status, 400);
    await assertSelfSubmittingPage(response);
  });

  it('leaves the hosted pages their own policy', async () => {
    const response = await new BrowserAgent(server.baseUrl).get(`/realms/${realm.id}/oidc/device`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-security-policy') ?? '', /style-src 'nonce-/);
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors/);
  });
});
