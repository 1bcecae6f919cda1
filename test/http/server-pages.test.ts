import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { before, describe, it } from 'node:test';
import { VERSION } from '../../src/compose.ts';
import { browserPerSuite, cspViolations, screenshots } from '../support/browser.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';

/** The headers every HTML page of the server's own carries. */
function assertStrictPageHeaders(headers: Record<string, unknown>): void {
  assert.match(String(headers['content-type']), /^text\/html/);
  const csp = String(headers['content-security-policy']);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['cache-control'], 'no-store');
}

for (const dialect of dialects) {
  describe(`hosted page errors and the landing page on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });

    it('answers / with a landing page naming the version and where to go', async () => {
      const response = await send(server, 'GET', '/');
      assert.equal(response.statusCode, 200);
      assertStrictPageHeaders(response.headers);
      assert.match(response.body, /<title>Welcome · Keyrealm<\/title>/);
      assert.ok(response.body.includes(`v${VERSION}`));
      for (const href of ['/docs', '/openapi.json', '/health']) assert.ok(response.body.includes(`href="${href}"`), href);
      // A command that works as written: the server's own public URL, not a bare path.
      assert.ok(response.body.includes(`curl -X POST ${server.config.publicUrl}/realms/admin/auth/login`));
      // A public page names no operator's address, the default one included.
      assert.ok(!response.body.includes('admin@localhost'));
      assert.doesNotMatch(response.body, /[\w.-]+@[\w-]+/, 'no email address at all');
      assert.ok(!response.body.includes('<script'));
    });

    it('answers an unknown or inactive realm on a page with an HTML 404, not JSON', async () => {
      const realm = await server.services.realms.create({ name: `Sleepy ${dialect}` }, operator);
      await server.services.realms.update(realm.id, { state: 'inactive' }, operator);
      for (const url of [
        '/realms/no-such-realm/pages/verify-email?token=abc',
        '/realms/no-such-realm/pages/reset-password?token=abc',
        '/realms/no-such-realm/pages/magic-link?token=abc',
        `/realms/${realm.slug}/pages/verify-email?token=abc`,
        `/realms/${realm.slug}/pages/no-such-page`,
      ]) {
        const response = await send(server, 'GET', url);
        assert.equal(response.statusCode, 404, url);
        assertStrictPageHeaders(response.headers);
        assert.match(response.body, /<h1>Page not found<\/h1>/, url);
        // The inactive realm's name is not revealed.
        assert.ok(!response.body.includes('Sleepy'), url);
      }
      const posted = await server.app.inject({
        method: 'POST',
        url: '/realms/no-such-realm/pages/verify-email',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'token=abc',
      });
      assert.equal(posted.statusCode, 404);
      assert.match(posted.body, /Page not found/);
    });

    it('answers every method on an unknown page, and the bare pages prefix, with the HTML 404 whatever the body', async () => {
      const realm = await server.services.realms.create({ name: `Unknown pages ${dialect}` }, operator);
      for (const [method, url, contentType, payload] of [
        ['POST', `/realms/${realm.slug}/pages/no-such-page`, 'application/x-www-form-urlencoded', 'token=abc'],
        ['POST', `/realms/${realm.slug}/pages/no-such-page`, 'application/json', '{not json'],
        ['POST', `/realms/${realm.slug}/pages/no-such-page`, 'text/plain', 'hello'],
        ['PUT', '/realms/no-such-realm/pages/no-such-page', 'application/x-www-form-urlencoded', 'a=b'],
        ['PATCH', `/realms/${realm.slug}/pages/verify-email`, undefined, undefined],
        ['DELETE', `/realms/${realm.slug}/pages/reset-password`, undefined, undefined],
        ['OPTIONS', `/realms/${realm.slug}/pages/a/b`, undefined, undefined],
        ['GET', `/realms/${realm.slug}/pages`, undefined, undefined],
        ['GET', `/realms/${realm.slug}/pages/`, undefined, undefined],
        ['POST', `/realms/${realm.slug}/pages`, 'application/x-www-form-urlencoded', 'token=abc'],
        ['PUT', `/realms/${realm.slug}/pages`, undefined, undefined],
      ] as const) {
        const label = `${method} ${url} ${contentType ?? ''}`;
        const response = await server.app.inject({ method, url, headers: contentType ? { 'content-type': contentType } : {}, payload });
        assert.equal(response.statusCode, 404, label);
        assertStrictPageHeaders(response.headers);
        assert.match(response.body, /<h1>Page not found<\/h1>/, label);
      }
      const head = await server.app.inject({ method: 'HEAD', url: `/realms/${realm.slug}/pages/no-such-page` });
      assert.equal(head.statusCode, 404);
      assert.match(String(head.headers['content-type']), /^text\/html/);
    });

    it('answers a mangled link or a foreign body with an HTML 4xx', async () => {
      const realm = await server.services.realms.create({ name: `Mangled ${dialect}` }, operator);
      const long = await send(server, 'GET', `/realms/${realm.slug}/pages/verify-email?token=${'a'.repeat(201)}`);
      assert.equal(long.statusCode, 400);
      assertStrictPageHeaders(long.headers);
      assert.match(long.body, /<h1>This link does not work<\/h1>/);
      const text = await server.app.inject({ method: 'POST', url: `/realms/${realm.slug}/pages/reset-password`, headers: { 'content-type': 'text/plain' }, payload: 'token=x' });
      assert.equal(text.statusCode, 415);
      assertStrictPageHeaders(text.headers);
      assert.match(text.body, /accepts only its own form/);
      // Form fields no database could store (NUL, encoded or raw, in a value or a name) get the page's 400.
      for (const payload of ['token=abc%00&password=x', 'token=abc\u0000&password=x', 'tok%00en=abc&password=x']) {
        const unstorable = await server.app.inject({
          method: 'POST',
          url: `/realms/${realm.slug}/pages/reset-password`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload,
        });
        assert.equal(unstorable.statusCode, 400, payload);
        assertStrictPageHeaders(unstorable.headers);
        assert.match(unstorable.body, /<h1>This link does not work<\/h1>/, payload);
        assert.match(unstorable.body, /must not contain NUL characters/, payload);
      }
      // The API outside the pages still answers JSON.
      const api = await send(server, 'GET', '/realms/no-such-realm/.well-known/jwks.json');
      assert.equal(api.statusCode, 404);
      assert.match(String(api.headers['content-type']), /^application\/json/);
    });
  });
}

describe('landing page, API docs and error page in Chromium', () => {
  const server = serverPerSuite({ dialect: 'sqlite' });
  const chromium = browserPerSuite();
  let origin: string;

  before(async () => {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  });

  it('shows the landing page, whose links lead on', async () => {
    const page = await chromium.browser.newPage();
    const violations = cspViolations(page);
    try {
      await page.goto(`${origin}/`);
      assert.match((await page.textContent('h1')) ?? '', /Keyrealm is running/);
      await screenshots(page, 'landing');
      await Promise.all([page.waitForURL(`${origin}/health`), page.click('a[href="/health"]')]);
      assert.equal(JSON.parse((await page.textContent('body')) ?? '{}').version, VERSION);
      assert.deepEqual(violations, []);
    } finally {
      await page.close();
    }
  });

  it('shows the API reference in Keyrealm\'s name, under a strict CSP', async () => {
    const response = await send(server, 'GET', '/docs');
    assert.equal(response.statusCode, 200);
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https:/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(response.body), 'no inline script');
    // Every file of the docs, the bundle's own static files and the theme's included.
    for (const path of ['/docs/static/swagger-ui-bundle.js', '/docs/static/index.css', '/docs/static/swagger-initializer.js', '/docs/static/theme/keyrealm.css', '/docs/static/theme/favicon.svg']) {
      const file = await send(server, 'GET', path);
      assert.equal(file.statusCode, 200, path);
      assert.equal(file.headers['x-content-type-options'], 'nosniff', path);
      assert.equal(file.headers['referrer-policy'], 'no-referrer', path);
    }
    const spec = (await send(server, 'GET', '/openapi.json')).json() as { info: { title: string; description: string } };
    assert.equal(spec.info.title, 'Keyrealm API');
    assert.match(spec.info.description, /realms/);

    const page = await chromium.browser.newPage();
    const violations = cspViolations(page);
    try {
      await page.goto(`${origin}/docs`);
      await page.waitForSelector('.swagger-ui .info .title');
      await page.waitForSelector('.swagger-ui .topbar img');
      await page.waitForSelector('.opblock-tag');
      assert.equal(await page.title(), 'Keyrealm API reference');
      assert.match((await page.textContent('.swagger-ui .info .title')) ?? '', /Keyrealm API/);
      assert.match((await page.textContent('.swagger-ui .info .description')) ?? '', /Operators are the users of the built-in admin realm/);
      assert.equal(await page.getAttribute('link[rel=icon]', 'href'), '/docs/static/theme/favicon.svg');
      await screenshots(page, 'api-docs');
      assert.deepEqual(violations, []);
    } finally {
      await page.close();
    }
  });

  it('shows a missing page in the same layout', async () => {
    const page = await chromium.browser.newPage();
    try {
      const response = await page.goto(`${origin}/realms/no-such-realm/pages/verify-email?token=abc`);
      assert.equal(response?.status(), 404);
      assert.equal(await page.textContent('h1'), 'Page not found');
      assert.match((await page.textContent('header')) ?? '', /Keyrealm/);
      await screenshots(page, 'page-not-found');
    } finally {
      await page.close();
    }
  });
});
