/**
 * `GET /health` and `GET /realms/{realm}/auth/validate` are answered in front of Fastify
 * (src/http/hot-routes.ts). Whatever they answer there must be what Fastify's routes answer — the
 * same status, body and headers — with the same log line and metrics; anything out of the ordinary
 * must reach Fastify.
 */
import assert from 'node:assert/strict';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { AppError } from '../../src/errors.ts';
import { inFront, type FrontHandler } from '../../src/http/front.ts';
import { hotRoutes } from '../../src/http/hot-routes.ts';
import { createMetrics } from '../../src/http/metrics.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { capturedLog, stableFields } from '../support/captured-log.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { startOidcServer, type OidcTestServer } from '../oidc/oidc-fixtures.ts';

/** Headers that differ between any two answers (or that Node, not the route, writes). */
const INCIDENTAL = new Set(['date', 'connection', 'keep-alive', 'x-request-id', 'transfer-encoding']);

const comparableHeaders = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !INCIDENTAL.has(name)).sort(([a], [b]) => a.localeCompare(b)));

for (const dialect of dialects) {
  describe(`health and validate in front of Fastify on ${dialect}`, () => {
    let server: OidcTestServer;
    let realm: Realm;
    let token: string;
    const log = capturedLog();
    const APP = 'https://spa.hot.example';

    before(async () => {
      server = await startOidcServer(dialect, {}, '127.0.0.1', log.logger);
      realm = await server.services.realms.create({ name: 'Hot', slug: `hot-${dialect}` }, operator);
      await server.services.users.create(realm, { email: 'ann@example.com', password: 'hot-routes-password-1' }, operator);
      await server.apps.add(realm, { kind: 'spa', redirectUris: [`${APP}/callback`] });
      const login = await fetch(`${server.baseUrl}/realms/${realm.slug}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: 'ann@example.com', password: 'hot-routes-password-1' }),
      });
      token = ((await login.json()) as { access_token: string }).access_token;
    });
    after(() => server.dispose());

    /** The same request over HTTP (through the front) and through Fastify alone (inject skips the front). */
    async function both(url: string, headers: Record<string, string> = {}) {
      const front = await fetch(`${server.baseUrl}${url}`, { headers });
      const fastify = await server.app.inject({ method: 'GET', url, headers });
      return {
        front: { status: front.status, headers: Object.fromEntries(front.headers), body: await front.text() },
        fastify: { status: fastify.statusCode, headers: fastify.headers as Record<string, unknown>, body: fastify.body },
      };
    }

    async function assertSameAnswer(url: string, headers: Record<string, string> = {}) {
      const { front, fastify } = await both(url, headers);
      assert.equal(front.status, fastify.status, url);
      assert.equal(front.body, fastify.body, url);
      assert.deepEqual(comparableHeaders(front.headers), comparableHeaders(fastify.headers), url);
      assert.match(front.headers['x-request-id'] ?? '', /^[0-9a-f-]{36}$/);
      return front;
    }

    it('answers validate by slug and by id as the route does, with one log line and the metrics', async () => {
      const bearer = { authorization: `Bearer ${token}` };
      const bySlug = await assertSameAnswer(`/realms/${realm.slug}/auth/validate`, bearer);
      assert.equal(bySlug.status, 200);
      assert.equal((JSON.parse(bySlug.body) as { claims: { realm: string } }).claims.realm, realm.id);
      await assertSameAnswer(`/realms/${realm.id}/auth/validate`, bearer);

      const response = await fetch(`${server.baseUrl}/realms/${realm.id}/auth/validate`, { headers: { ...bearer, 'x-request-id': 'hot-validate-1' } });
      assert.equal(response.headers.get('x-request-id'), 'hot-validate-1');
      assert.deepEqual(stableFields(await log.lineFor('hot-validate-1')), {
        level: 30,
        request_id: 'hot-validate-1',
        method: 'GET',
        url: `/realms/${realm.id}/auth/validate`,
        status: 200,
        msg: 'request',
      });
      const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
      assert.match(metrics, /route="\/realms\/:realm\/auth\/validate",method="GET",status="200"} [3-9]/);
    });

    it("answers an API key's validate as the route does", async () => {
      const created = await fetch(`${server.baseUrl}/realms/${realm.slug}/account/api-keys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: 'hot' }),
      });
      const { api_key: key } = (await created.json()) as { api_key: string };
      const answer = await assertSameAnswer(`/realms/${realm.slug}/auth/validate`, { authorization: `Bearer ${key}` });
      assert.equal((JSON.parse(answer.body) as { api_key: { name: string } }).api_key.name, 'hot');
    });

    it('refuses as the route does: no or a malformed header, a forged token, an unknown or inactive realm, a signed-out session', async () => {
      const expectations: [string, Record<string, string>, number, string][] = [
        [`/realms/${realm.slug}/auth/validate`, {}, 401, 'auth.unauthenticated'],
        [`/realms/${realm.slug}/auth/validate`, { authorization: `Basic ${token}` }, 401, 'auth.unauthenticated'],
        [`/realms/${realm.slug}/auth/validate`, { authorization: `Bearer ${token.slice(0, -2)}xx` }, 401, 'auth.invalid_token'],
        // The realm is looked up first: an unknown one answers 404 whatever the header holds.
        ['/realms/rl_nosuchrealm000000000000/auth/validate', {}, 404, 'realm.not_found'],
        ['/realms/no-such-realm/auth/validate', { authorization: `Bearer ${token}` }, 404, 'realm.not_found'],
        // Another realm's token.
        ['/realms/admin/auth/validate', { authorization: `Bearer ${token}` }, 401, 'auth.invalid_token'],
      ];
      for (const [url, headers, status, code] of expectations) {
        const answer = await assertSameAnswer(url, headers);
        assert.equal(answer.status, status, `${url} ${JSON.stringify(headers)}`);
        assert.equal((JSON.parse(answer.body) as { error: { code: string } }).error.code, code);
      }

      const dormant = await server.services.realms.create({ name: 'Dormant', slug: `hot-dormant-${dialect}` }, operator);
      await server.services.realms.update(dormant.id, { state: 'inactive' }, operator);
      assert.equal((await assertSameAnswer(`/realms/${dormant.id}/auth/validate`, { authorization: `Bearer ${token}` })).status, 404);

      const login = await fetch(`${server.baseUrl}/realms/${realm.slug}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: 'ann@example.com', password: 'hot-routes-password-1' }),
      });
      const ended = ((await login.json()) as { access_token: string }).access_token;
      const logout = await fetch(`${server.baseUrl}/realms/${realm.slug}/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${ended}` } });
      assert.equal(logout.status, 204);
      const refused = await assertSameAnswer(`/realms/${realm.slug}/auth/validate`, { authorization: `Bearer ${ended}` });
      assert.equal(refused.status, 401);
    });

    it('hands what is out of the ordinary to Fastify: an Origin (CORS), a query, a trailing slash, percent-encoding, HEAD', async () => {
      const bearer = { authorization: `Bearer ${token}` };
      const cors = await fetch(`${server.baseUrl}/realms/${realm.slug}/auth/validate`, { headers: { ...bearer, origin: APP } });
      assert.equal(cors.status, 200);
      assert.equal(cors.headers.get('access-control-allow-origin'), APP);

      for (const url of [`/realms/${realm.slug}/auth/validate?x=1`, `/realms/${realm.slug}/auth/validate/`, `/realms/${realm.slug.replace('h', '%68')}/auth/validate`]) {
        const response = await fetch(`${server.baseUrl}${url}`, { headers: bearer });
        assert.equal(response.status, 200, url);
        assert.equal(response.headers.get('cache-control'), 'no-store');
      }
      const head = await fetch(`${server.baseUrl}/health`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('x-content-type-options'), 'nosniff');
    });

    it('answers /health as the route does, logged at debug only, and counted', async () => {
      const { front, fastify } = await both('/health');
      assert.equal(front.status, 200);
      assert.deepEqual(comparableHeaders({ ...front.headers, 'content-length': undefined }), comparableHeaders({ ...fastify.headers, 'content-length': undefined }));
      const shape = (body: string) => {
        const { uptime_seconds: _uptime, memory, ...rest } = JSON.parse(body) as { uptime_seconds: number; memory: Record<string, unknown> };
        return { ...rest, memory: Object.keys(memory) };
      };
      assert.deepEqual(shape(front.body), shape(fastify.body));
      assert.equal(await log.lineFor(front.headers['x-request-id'] ?? ''), undefined, 'a probe is not logged at info');
      const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
      assert.match(metrics, /route="\/health",method="GET",status="200"} [1-9]/);
    });
  });
}

describe('the front of Fastify', () => {
  /** A server whose requests go through `front`, then to a "Fastify" that answers `next`. */
  async function serve(front: FrontHandler): Promise<{ url: string; close: () => Promise<void> }> {
    const next = (_request: IncomingMessage, response: ServerResponse) => response.writeHead(200, { 'content-type': 'text/plain', 'x-answered-by': 'next' }).end('next');
    const server = http.createServer((request, response) => front(request, response, next));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  const deps = (validate: () => Promise<unknown>) => ({
    health: { health: () => ({ status: 'ok' as const, version: '1', uptime_seconds: 1, memory: { rss_bytes: 1, heap_used_bytes: 1 } }) },
    validate: validate as never,
    logger: pino({ level: 'silent' }),
    metrics: createMetrics(() => ({ total: 0, idle: 0, waiting: 0 }), () => 0),
    clientIp: () => '127.0.0.1',
  });

  it('serves only the plain GETs of /health and validate itself', async () => {
    const { url, close } = await serve(hotRoutes(deps(async () => ({ claims: {}, access: { type: 'standard' }, user_id: 'usr_1', session_id: null, roles: [], permissions: [], tenant: null }))));
    const answered = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${url}${path}`, { ...init, headers: { authorization: 'Bearer x', ...(init.headers as Record<string, string>) } });
      await response.arrayBuffer();
      return response.headers.get('x-answered-by') === 'next' ? 'fastify' : 'front';
    };
    try {
      assert.equal(await answered('/health'), 'front');
      assert.equal(await answered('/realms/rl_abc/auth/validate'), 'front');
      assert.equal(await answered('/realms/my-realm/auth/validate'), 'front');
      for (const [path, init] of [
        ['/health?verbose=1', {}],
        ['/health', { method: 'POST' }],
        ['/health', { method: 'HEAD' }],
        ['/ready', {}],
        ['/realms/my-realm/auth/validate', { method: 'POST' }],
        ['/realms/my-realm/auth/validate?x=1', {}],
        ['/realms/my-realm/auth/validate/', {}],
        ['/realms/my%2Drealm/auth/validate', {}],
        ['/realms/my-realm/auth/validate', { headers: { origin: 'https://spa.example' } }],
        [`/realms/${'r'.repeat(101)}/auth/validate`, {}],
        ['/realms/my-realm/auth/login', {}],
      ] as [string, RequestInit][]) {
        assert.equal(await answered(path, init), 'fastify', `${init.method ?? 'GET'} ${path} ${JSON.stringify(init.headers ?? {})}`);
      }
    } finally {
      await close();
    }
  });

  it("answers a failure once, as Fastify's error handler does: a refusal, a service out of reach, a fault", async () => {
    const cases: [Error, number, string, string | null][] = [
      [new AppError('request.rate_limited', 'Slow down.', { retryAfterSeconds: 2.5 }), 429, 'request.rate_limited', '3'],
      [new AppError('service.unavailable', 'Busy.', { retryAfterSeconds: 1 }), 503, 'service.unavailable', '1'],
      [Object.assign(new Error('timeout exceeded when trying to connect'), { code: 'ETIMEDOUT' }), 503, 'service.unavailable', '1'],
      [new Error('a fault of ours'), 500, 'internal', null],
    ];
    for (const [failure, status, code, retryAfter] of cases) {
      let calls = 0;
      const { url, close } = await serve(hotRoutes(deps(() => ((calls += 1), Promise.reject(failure)))));
      try {
        const response = await fetch(`${url}/realms/r/auth/validate`, { headers: { authorization: 'Bearer x' } });
        assert.equal(response.status, status, failure.message);
        assert.equal(response.headers.get('retry-after'), retryAfter);
        assert.equal(response.headers.get('cache-control'), 'no-store');
        assert.equal(((await response.json()) as { error: { code: string } }).error.code, code);
        assert.equal(calls, 1, 'the use-case ran once');
      } finally {
        await close();
      }
    }
  });

  it('logs a failure under the request id its answer carries, one generated when none is given', async () => {
    const log = capturedLog('debug');
    const { url, close } = await serve(hotRoutes({ ...deps(() => Promise.reject(new Error('a fault of ours'))), logger: log.logger }));
    try {
      const response = await fetch(`${url}/realms/r/auth/validate`, { headers: { authorization: 'Bearer x' } });
      assert.equal(response.status, 500);
      const id = response.headers.get('x-request-id') ?? '';
      assert.match(id, /^[0-9a-f-]{36}$/);
      await log.lineFor(id);
      assert.deepEqual(
        log.lines.filter((line) => line.request_id === id).map((line) => line.msg),
        ['unhandled error', 'request'],
      );
    } finally {
      await close();
    }
  });

  it('answers /health with a 500, not a crash, when the process cannot read its memory', async () => {
    const failing = { ...deps(() => Promise.resolve({})), health: { health: () => { throw Object.assign(new Error('EMFILE: too many open files, uv_resident_set_memory'), { code: 'EMFILE' }); } } };
    const { url, close } = await serve(hotRoutes(failing));
    try {
      const response = await fetch(`${url}/health`);
      assert.equal(response.status, 500);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'internal');
    } finally {
      await close();
    }
  });

  it('neither logs nor counts a validate whose client left before its answer', async () => {
    const observed: number[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = { ...deps(async () => (await held, { claims: {}, access: { type: 'standard' }, user_id: 'u', session_id: null, roles: [], permissions: [], tenant: null })), metrics: { observeRequest: (_r: string, _m: string, status: number) => observed.push(status) } };
    const { url, close } = await serve(hotRoutes(slow));
    try {
      const aborted = new AbortController();
      const request = fetch(`${url}/realms/r/auth/validate`, { headers: { authorization: 'Bearer x' }, signal: aborted.signal }).catch(() => 'aborted');
      await new Promise((resolve) => setTimeout(resolve, 50));
      aborted.abort();
      assert.equal(await request, 'aborted');
      await new Promise((resolve) => setTimeout(resolve, 50));
      release();
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(observed, []);
      assert.equal((await fetch(`${url}/realms/r/auth/validate`, { headers: { authorization: 'Bearer x' } })).status, 200);
      assert.deepEqual(observed, [200]);
    } finally {
      await close();
    }
  });

  it('sends every request straight to Fastify while the server closes', async () => {
    let closing = false;
    const { url, close } = await serve(inFront([hotRoutes(deps(() => Promise.resolve({})))], () => closing));
    try {
      assert.equal((await fetch(`${url}/health`)).headers.get('content-type'), 'application/json; charset=utf-8');
      closing = true;
      assert.equal(await (await fetch(`${url}/health`)).text(), 'next');
    } finally {
      await close();
    }
  });
});
