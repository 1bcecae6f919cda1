import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const LOGIN = '/realms/admin/auth/login';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

for (const dialect of dialects) {
  describe(`HTTP conventions on ${dialect}`, () => {
    let server: TestServer;
    before(async () => (server = await startTestServer({ dialect, config: { bodyLimit: 2048 } })));
    after(() => server.dispose());

    const errorOf = (response: { json(): unknown }) => (response.json() as { error: { code: string; message: string; details: unknown[] } }).error;

    it('puts an x-request-id on every response and echoes a well-formed one', async () => {
      const responses = await Promise.all([
        server.app.inject({ method: 'GET', url: '/health' }),
        server.app.inject({ method: 'GET', url: '/nowhere' }),
        server.app.inject({ method: 'GET', url: '/admin/v1/operators' }),
        server.app.inject({ method: 'POST', url: LOGIN, payload: {} }),
      ]);
      for (const response of responses) assert.match(response.headers['x-request-id'] as string, UUID);
      assert.notEqual(responses[0].headers['x-request-id'], responses[1].headers['x-request-id']);

      const echoed = await server.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'trace-42.a:b_c' } });
      assert.equal(echoed.headers['x-request-id'], 'trace-42.a:b_c');
      const refused = await server.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'not allowed <script>' } });
      assert.match(refused.headers['x-request-id'] as string, UUID);
    });

    it('answers malformed JSON with 400 request.malformed_json', async () => {
      for (const payload of ['{"identifier": "a", ', '', 'null x']) {
        const response = await server.app.inject({ method: 'POST', url: LOGIN, headers: { 'content-type': 'application/json' }, payload });
        assert.equal(response.statusCode, 400, payload);
        assert.equal(errorOf(response).code, 'request.malformed_json');
      }
    });

    it('answers unknown fields, wrong types and missing fields with 400 and details', async () => {
      const unknown = await server.app.inject({ method: 'POST', url: LOGIN, payload: { identifier: 'a', password: 'b', remember: true } });
      assert.equal(unknown.statusCode, 400);
      assert.equal(errorOf(unknown).code, 'request.validation_failed');
      assert.deepEqual(errorOf(unknown).details, [{ field: 'remember', issue: 'is not a known field' }]);

      const wrongType = await server.app.inject({ method: 'POST', url: LOGIN, payload: { identifier: 5, password: 'b' } });
      assert.equal(wrongType.statusCode, 400);
      assert.equal((errorOf(wrongType).details as { field: string }[])[0].field, 'identifier');

      const missing = await server.app.inject({ method: 'POST', url: LOGIN, payload: { identifier: 'a' } });
      assert.equal(missing.statusCode, 400);
      assert.deepEqual(errorOf(missing).details, [{ field: 'password', issue: 'is required' }]);
    });

    it('answers a body that is not JSON with 415', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        const response = await server.app.inject({ method: 'POST', url: LOGIN, headers: { 'content-type': type }, payload: 'identifier=a&password=b' });
        assert.equal(response.statusCode, 415, type);
        assert.equal(errorOf(response).code, 'request.unsupported_media_type');
      }
    });

    it('answers a body over the limit with 413', async () => {
      const response = await server.app.inject({ method: 'POST', url: LOGIN, payload: { identifier: 'a'.repeat(4096), password: 'b' } });
      assert.equal(response.statusCode, 413);
      assert.equal(errorOf(response).code, 'request.body_too_large');
    });

    it('answers unknown routes with a 404 JSON error', async () => {
      for (const [method, url] of [['GET', '/nowhere'], ['DELETE', '/health'], ['GET', '/admin/v1/nothing?x=1']] as const) {
        const response = await server.app.inject({ method, url });
        assert.equal(response.statusCode, 404);
        assert.match(response.headers['content-type'] as string, /^application\/json/);
        assert.equal(errorOf(response).code, 'request.not_found');
        assert.ok(!errorOf(response).message.includes('?x=1'));
      }
    });

    it('never answers 500 to odd requests', async () => {
      const odd = [
        { method: 'GET' as const, url: '/admin/v1/realms/admin/events?limit=0' },
        { method: 'GET' as const, url: '/admin/v1/realms/admin/events?cursor=%00%01', headers: server.adminHeaders },
        { method: 'GET' as const, url: '/admin/v1/realms/admin/events?since=yesterday', headers: server.adminHeaders },
        { method: 'POST' as const, url: LOGIN, headers: { 'content-type': 'application/json; charset=latin1' }, payload: '{}' },
        { method: 'GET' as const, url: '/realms/admin/auth/validate', headers: { authorization: 'Bearer a.b.c' } },
      ];
      for (const request of odd) {
        const response = await server.app.inject(request);
        assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${request.url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
        assert.ok(errorOf(response).code, request.url);
      }
    });

    it('answers URLs the router refuses (bad percent-encoding, over-long segments) with 4xx', async () => {
      const badEncoding = await server.app.inject({ method: 'GET', url: '/realms/%E0%A4%A/auth/validate' });
      assert.equal(badEncoding.statusCode, 400);
      assert.equal(badEncoding.json().error.code, 'request.validation_failed');
      assert.ok(badEncoding.headers['x-request-id']);
      const longSegment = await server.app.inject({ method: 'GET', url: `/realms/${'x'.repeat(5000)}` });
      assert.equal(longSegment.statusCode, 414);
      assert.equal(longSegment.json().error.code, 'request.uri_too_long');
    });

    it('serves an OpenAPI 3.1 document listing the admin and auth paths', async () => {
      const response = await server.app.inject({ method: 'GET', url: '/openapi.json' });
      assert.equal(response.statusCode, 200);
      const document = response.json();
      assert.equal(document.openapi, '3.1.0');
      const paths = Object.keys(document.paths);
      for (const path of [
        '/admin/v1/realms',
        '/admin/v1/realms/{realm}',
        '/admin/v1/realms/{realm}/users',
        '/admin/v1/realms/{realm}/users/{user}',
        '/admin/v1/realms/{realm}/events',
        '/admin/v1/operators',
        '/admin/v1/operators/{operator}',
        '/realms/{realm}/auth/login',
        '/realms/{realm}/auth/refresh',
        '/realms/{realm}/auth/validate',
        '/realms/{realm}/account',
        '/health',
        '/ready',
      ]) {
        assert.ok(paths.includes(path), `${path} is documented`);
      }
      const login = document.paths['/realms/{realm}/auth/login'].post;
      assert.ok(login.requestBody && login.responses['200'] && login.responses['401']);
    });

    it('serves the human docs from this server, without any external URL', async () => {
      let response = await server.app.inject({ method: 'GET', url: '/docs' });
      for (let hops = 0; response.statusCode >= 300 && response.statusCode < 400 && hops < 3; hops++) {
        const location = new URL(response.headers.location as string, 'http://keyrealm.test/docs/').pathname;
        response = await server.app.inject({ method: 'GET', url: location });
      }
      assert.equal(response.statusCode, 200);
      assert.match(response.headers['content-type'] as string, /^text\/html/);
      const html = response.body;
      assert.match(html, /swagger/i);
      const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      assert.ok(references.length > 0);
      for (const reference of references) assert.ok(!/^(https?:)?\/\//.test(reference), `external reference ${reference}`);
      assert.ok(!/https?:\/\/(?!localhost|keyrealm\.test)/.test(html.replace(/<!--[\s\S]*?-->/g, '')), 'no external URL in the page');
    });
  });
}
