import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { Writable } from 'node:stream';
import pino from 'pino';
import { dialects } from '../support/databases.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';

/** Regressions of Keyrealm issue #8 §1: inputs an outside probe turned into 500s. */

const forgedAt = (value: unknown) => Buffer.from(JSON.stringify([value, 'evt_x', 'at:desc'])).toString('base64url');
/** JSON text with a lone surrogate escaped, as a client would send it (JSON.stringify would too). */
const LONE = '"\\ud800"';

for (const dialect of dialects) {
  describe(`input hardening on ${dialect}`, () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino(
      { level: 'debug' },
      new Writable({
        write(chunk, _encoding, callback) {
          lines.push(JSON.parse(String(chunk)));
          callback();
        },
      }),
    );
    const server = serverPerSuite({ dialect, logger });

    let realmId: string | undefined;
    async function signedInUser() {
      if (!realmId) {
        const created = await send(server, 'POST', '/admin/v1/realms', { name: 'Shop', users: { registration: { enabled: true, require_email_verification: false } } }, server.adminHeaders);
        assert.equal(created.statusCode, 201, created.body);
        realmId = created.json().id as string;
      }
      const realm = { id: realmId };
      const email = `ann-${Math.random().toString(36).slice(2)}@example.com`;
      const created = await send(server, 'POST', `/admin/v1/realms/${realm.id}/users`, { email, password: 'a long enough password 1' }, server.adminHeaders);
      assert.equal(created.statusCode, 201, created.body);
      const { access_token } = await server.login(realm.id, email, 'a long enough password 1');
      return { realm: realm.id, user: created.json().id as string, token: access_token };
    }

    it('refuses unpaired surrogates in every JSON body, before any database sees them', async () => {
      const { realm, user, token } = await signedInUser();
      const bodies: [string, string, string, Record<string, string>][] = [
        ['POST', `/realms/${realm}/auth/register`, `{"email":"b@example.com","password":"another long password","first_name":${LONE}}`, {}],
        ['PATCH', `/realms/${realm}/account`, `{"first_name":${LONE}}`, bearer(token)],
        ['POST', `/admin/v1/realms/${realm}/users`, `{"email":"c@example.com","last_name":${LONE}}`, server.adminHeaders],
        ['PATCH', `/admin/v1/realms/${realm}/users/${user}`, `{"custom":{"k":${LONE}}}`, server.adminHeaders],
        ['POST', '/admin/v1/realms', `{"name":${LONE}}`, server.adminHeaders],
        ['PATCH', `/admin/v1/realms/${realm}`, `{"custom":{${LONE}:1}}`, server.adminHeaders],
        ['POST', '/admin/v1/operators', `{"email":"o@example.com","password":"operator password 2","first_name":"\\udc00x","grants":[]}`, server.adminHeaders],
      ];
      for (const [method, url, payload, headers] of bodies) {
        const response = await server.app.inject({ method: method as 'POST', url, payload, headers: { 'content-type': 'application/json', ...headers } });
        assert.equal(response.statusCode, 400, `${method} ${url}: ${response.body}`);
        assert.equal(errorCode(response), 'request.validation_failed');
        assert.match(response.json().error.details[0].issue, /unpaired UTF-16 surrogates/);
      }
    });

    it('refuses NUL in query strings and path parameters with 400', async () => {
      for (const url of ['/admin/v1/realms/admin/users?q=a%00b', '/admin/v1/realms/a%00b/users', '/realms/admin%00/auth/validate']) {
        const response = await server.app.inject({ method: 'GET', url, headers: server.adminHeaders });
        assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
        assert.equal(errorCode(response), 'request.validation_failed');
      }
    });

    it('refuses forged cursors holding numbers no column holds, on every list', async () => {
      const { realm, token } = await signedInUser();
      for (const value of ['1.5', '1e20', '1e400', '-1e400']) {
        const cursor = Buffer.from(`[${value},"usr_x","created_at:desc"]`).toString('base64url');
        const atCursor = Buffer.from(`[${value},"evt_x","at:desc"]`).toString('base64url');
        const lists: [string, Record<string, string>][] = [
          [`/admin/v1/realms/${realm}/users?cursor=${cursor}`, server.adminHeaders],
          [`/admin/v1/operators?cursor=${cursor}`, server.adminHeaders],
          [`/admin/v1/realms/${realm}/events?cursor=${atCursor}`, server.adminHeaders],
          [`/realms/${realm}/account/sessions?cursor=${cursor}`, bearer(token)],
        ];
        for (const [url, headers] of lists) {
          const response = await server.app.inject({ method: 'GET', url, headers });
          assert.equal(response.statusCode, 400, `${value} ${url}: ${response.body}`);
          assert.equal(errorCode(response), 'request.invalid_cursor');
        }
      }
      // Strings and numbers a database refuses are forged too; a cursor the list issued still works.
      for (const cursor of [forgedAt('\ud800'), forgedAt(Number.MAX_SAFE_INTEGER + 2)]) {
        const response = await server.app.inject({ method: 'GET', url: `/admin/v1/realms/${realm}/events?cursor=${cursor}`, headers: server.adminHeaders });
        assert.equal(errorCode(response), 'request.invalid_cursor');
      }
      const first = await server.app.inject({ method: 'GET', url: `/admin/v1/realms/${realm}/users?limit=1`, headers: server.adminHeaders });
      const next = await server.app.inject({ method: 'GET', url: `/admin/v1/realms/${realm}/users?limit=1&cursor=${first.json().next_cursor}`, headers: server.adminHeaders });
      assert.equal(next.statusCode, 200, next.body);
    });

    it('refuses a version beyond a 32-bit integer with 400', async () => {
      const { realm, user } = await signedInUser();
      for (const version of ['2147483648', '1e20', '0']) {
        const response = await server.app.inject({ method: 'GET', url: `/admin/v1/realms/${realm}/users/${user}?version=${version}`, headers: server.adminHeaders });
        assert.equal(response.statusCode, 400, `${version}: ${response.body}`);
        assert.equal(errorCode(response), 'request.validation_failed');
      }
      const last = await server.app.inject({ method: 'GET', url: `/admin/v1/realms/${realm}/users/${user}?version=2147483647`, headers: server.adminHeaders });
      assert.equal(errorCode(last), 'user.version_not_found');
    });

    it('refuses JSON nested deeper than 32 levels with 400, on realm and user bodies alike', async () => {
      const { realm, user } = await signedInUser();
      const deep = `{"custom":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`;
      for (const [method, url] of [
        ['POST', '/admin/v1/realms'],
        ['PATCH', `/admin/v1/realms/${realm}`],
        ['PATCH', `/admin/v1/realms/${realm}/users/${user}`],
      ] as const) {
        const response = await server.app.inject({ method, url, payload: deep, headers: { 'content-type': 'application/json', ...server.adminHeaders } });
        assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
        assert.equal(errorCode(response), 'request.too_deeply_nested');
      }
      const shallow = `{"custom":${'{"a":'.repeat(30)}1${'}'.repeat(30)}}`;
      const accepted = await server.app.inject({ method: 'PATCH', url: `/admin/v1/realms/${realm}/users/${user}`, payload: shallow, headers: { 'content-type': 'application/json', ...server.adminHeaders } });
      assert.equal(accepted.statusCode, 200, accepted.body);
    });

    let address: string | undefined;
    /** Sends raw HTTP to the server listening for real (inject() normalises URLs and skips Node's parser). */
    async function rawRequest(text: string): Promise<{ status: number; head: string; body: string }> {
      // Listening once serves the suite's raw requests; dispose() closes the server.
      address ??= await server.app.listen({ port: 0, host: '127.0.0.1' });
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(new URL(address!).port), '127.0.0.1', () => socket.end(text));
        let received = '';
        socket.on('data', (chunk) => (received += chunk));
        socket.on('close', () => resolve(received));
        socket.on('error', (error) => (received ? resolve(received) : reject(error)));
      });
      const split = raw.indexOf('\r\n\r\n');
      return { status: Number(raw.slice(9, 12)), head: raw.slice(0, split), body: raw.slice(split + 4) };
    }

    it('answers headers too large with 431 in our error shape', async () => {
      const response = await rawRequest(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      assert.equal(response.status, 431, response.head);
      assert.match(response.head, /x-content-type-options: nosniff/i);
      const body = JSON.parse(response.body);
      assert.equal(body.error.code, 'request.headers_too_large');
      assert.equal(typeof body.error.message, 'string');
    });

    it('keeps the 403 of a path traversal in the docs, in our shape, without an error log line', async () => {
      lines.length = 0;
      const response = await rawRequest('GET /docs/static/../../package.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      assert.equal(response.status, 403, response.head);
      assert.equal(JSON.parse(response.body).error.code, 'request.forbidden');
      assert.ok(!response.body.includes('keyrealm'));
      assert.deepEqual(lines.filter((line) => (line.level as number) >= 40), []);
    });

    it('sends nosniff everywhere and no-store on everything that may carry tokens or personal data', async () => {
      const { realm, token } = await signedInUser();
      const login = await send(server, 'POST', '/realms/admin/auth/login', { identifier: 'admin@example.com', password: 'operator-password-1' });
      const responses = [
        login,
        await server.app.inject({ method: 'POST', url: '/realms/admin/auth/refresh', payload: { refresh_token: 'x' } }),
        await server.app.inject({ method: 'GET', url: `/realms/${realm}/account`, headers: bearer(token) }),
        await server.app.inject({ method: 'GET', url: '/admin/v1/operators', headers: server.adminHeaders }),
        await send(server, 'POST', `/realms/${realm}/auth/flows`, {}),
        await server.app.inject({ method: 'GET', url: '/nowhere' }),
      ];
      for (const response of responses) {
        assert.equal(response.headers['x-content-type-options'], 'nosniff', response.body);
        assert.equal(response.headers['cache-control'], 'no-store', response.body);
        assert.equal(response.headers.pragma, undefined);
      }
      for (const url of ['/openapi.json', `/realms/${realm}/.well-known/jwks.json`]) {
        const response = await server.app.inject({ method: 'GET', url });
        assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
        assert.notEqual(response.headers['cache-control'], 'no-store', url);
      }
    });
  });
}
