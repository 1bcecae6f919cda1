import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promises as dns } from 'node:dns';
import { after, before, describe, it, mock } from 'node:test';
import { isPublicAddress } from '../../src/platform/public-address.ts';
import { NoAnswerInTime, publicOnlyFetch, RefusedDestination, safeGet, safePost } from '../../src/platform/safe-post.ts';

/**
 * Outgoing requests to operator-given URLs: addresses inside the network are refused before any
 * connection (IP literals) or at resolution (names), redirects are never followed, answers are read
 * only up to the limit, and a server that never answers is given up on.
 */
describe('safe outgoing POST', () => {
  let server: Server;
  let base: string;
  let hits = 0;
  const options = { headers: { 'content-type': 'application/json' }, body: '{}', timeoutMs: 2_000, maxResponseBytes: 100, allowLoopback: true };

  before(async () => {
    server = createServer((request, response) => {
      hits += 1;
      request.resume();
      if (request.url === '/redirect') return response.writeHead(302, { location: `${base}/elsewhere` }).end();
      if (request.url === '/large') return response.writeHead(200).end('x'.repeat(1_000_000));
      if (request.url === '/silent') return; // never answers
      response.writeHead(200).end('fine');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('refuses private, loopback, link-local, metadata and reserved addresses, v4 and v6', () => {
    const refused = ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00:ec2::254', 'fc00::1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::a00:1', 'ff02::1', '::7f00:1', '::a9fe:a9fe', '64:ff9b:1::a9fe:a9fe'];
    for (const address of refused) assert.equal(isPublicAddress(address, { allowLoopback: false }), false, address);
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) assert.equal(isPublicAddress(address, { allowLoopback: false }), true, address);
    // Loopback allowed means loopback only.
    assert.equal(isPublicAddress('127.0.0.1', { allowLoopback: true }), true);
    assert.equal(isPublicAddress('::1', { allowLoopback: true }), true);
    assert.equal(isPublicAddress('10.0.0.1', { allowLoopback: true }), false);
  });

  it('refuses before connecting: IP literals inside the network, and names that resolve inside it', async () => {
    const before = hits;
    const strict = { ...options, allowLoopback: false };
    const port = new URL(base).port;
    for (const url of [`http://127.0.0.1:${port}/`, `http://[::1]:${port}/`, 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/', `http://localhost:${port}/`]) {
      await assert.rejects(safePost(url, strict), RefusedDestination, url);
    }
    assert.equal(hits, before);
  });

  it('does not follow redirects, reads at most the limit, and gives up on a silent server', async () => {
    const before = hits;
    assert.deepEqual(await safePost(`${base}/redirect`, options), { status: 302, body: '', truncated: false });
    assert.equal(hits, before + 1);
    const large = await safePost(`${base}/large`, options);
    assert.deepEqual([large.body.length, large.truncated], [100, true]);
    const started = performance.now();
    await assert.rejects(safePost(`${base}/silent`, { ...options, timeoutMs: 200 }), NoAnswerInTime);
    assert.ok(performance.now() - started < 2_000);
    assert.deepEqual(await safePost(`${base}/`, options), { status: 200, body: 'fine', truncated: false });
  });

  it('GETs with the same bounds (a breached-password range API)', async () => {
    const { body: _body, ...bounds } = options;
    assert.deepEqual(await safeGet(`${base}/`, bounds), { status: 200, body: 'fine', truncated: false });
    assert.deepEqual(await safeGet(`${base}/redirect`, bounds), { status: 302, body: '', truncated: false });
    assert.equal((await safeGet(`${base}/large`, bounds)).truncated, true);
    await assert.rejects(safeGet(`http://localhost:${new URL(base).port}/`, { ...bounds, allowLoopback: false }), RefusedDestination);
  });

  it('checks the address a library\u2019s fetch connects to, not only the one it looked up first (DNS rebinding)', async (t) => {
    const before = hits;
    // The first lookup answers a public address; the connection's own lookup finds loopback.
    t.mock.method(dns, 'lookup', async () => [{ address: '93.184.216.34', family: 4 }]);
    const strict = publicOnlyFetch(globalThis.fetch, false);
    await assert.rejects(strict(`http://localhost:${new URL(base).port}/`), (error: Error) => error.cause instanceof RefusedDestination);
    assert.equal(hits, before, 'nothing reached the listener');
    mock.restoreAll();
    const development = publicOnlyFetch(globalThis.fetch, true);
    assert.equal(await (await development(`http://localhost:${new URL(base).port}/`)).text(), 'fine');
  });

  it('lets libraries fetch public addresses only (identity providers), loopback where development allows it', async () => {
    const reached: string[] = [];
    const inner = (async (input: string | URL | Request) => {
      reached.push(String(input));
      return new Response('{}');
    }) as typeof fetch;
    const strict = publicOnlyFetch(inner, false);
    for (const url of ['https://10.0.0.1/.well-known/openid-configuration', 'https://169.254.169.254/latest', 'http://localhost:8080/', 'https://[::1]/', 'ftp://example.com/']) {
      await assert.rejects(strict(url), RefusedDestination, url);
    }
    assert.deepEqual(reached, []);
    const development = publicOnlyFetch(inner, true);
    await development(`${base}/`);
    await assert.rejects(development('https://192.168.1.1/'), RefusedDestination);
    assert.deepEqual(reached, [`${base}/`]);
  });
});
