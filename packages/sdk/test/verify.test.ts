/**
 * Token verification and the middleware, with tokens a real server issued (each database in turn):
 * valid, expired, for another audience, of another realm, after a key rotation, revoked (online
 * only); then Fastify, Express and Hono guarding a route, with 401/403 answered in the API's shape.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { before, describe, it } from 'node:test';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { dialects } from '../../../test/support/databases.ts';
import { operator } from '../../../test/support/fixtures.ts';
import { oidcServerPerSuite } from '../../../test/oidc/oidc-fixtures.ts';
import type { Realm } from '../../../src/realms/realm.ts';
import { KeyrealmError, KeyrealmRealm, verifyAccessToken } from '../src/index.ts';
import { expressGuard, fastifyGuard, honoGuard, requireRole, type Principal } from '../src/middleware.ts';

const PASSWORD = 'correct horse battery staple 9';

for (const dialect of dialects) {
  describe(`access-token verification and middleware on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect);
    let realm: Realm;
    let other: Realm;
    const signIn = async (realmRef: string, username: string) => {
      const client = new KeyrealmRealm({ baseUrl: server.baseUrl, realm: realmRef });
      await client.signIn(username, PASSWORD);
      return client;
    };

    before(async () => {
      realm = await server.services.realms.create({ name: 'Verify', slug: `verify-${dialect}` }, operator);
      other = await server.services.realms.create({ name: 'Other', slug: `other-${dialect}` }, operator);
      for (const r of [realm, other]) await server.services.users.create(r, { username: 'ada', email: 'ada@example.com', password: PASSWORD }, operator);
    });

    const refusedCode = async (token: string, options: Partial<Parameters<typeof verifyAccessToken>[1]> = {}) => {
      const error = await verifyAccessToken(token, { baseUrl: server.baseUrl, realm: realm.id, ...options }).then(
        () => assert.fail('expected a refusal'),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof KeyrealmError);
      return [error.status, error.code, error.message];
    };

    it("verifies the realm's token offline; refuses another audience, another realm, an expired token", async () => {
      const ada = await signIn(realm.slug, 'ada');
      const token = (await ada.accessToken())!;
      const principal = await verifyAccessToken(token, { baseUrl: server.baseUrl, realm: realm.id });
      assert.equal(principal.realm, realm.id);
      assert.deepEqual(principal.amr, ['pwd']);
      assert.match(principal.subject, /^usr_/);
      assert.deepEqual((await refusedCode(token, { audience: 'https://api.example.com' })).slice(0, 2), [401, 'auth.invalid_token']);
      const foreign = (await (await signIn(other.slug, 'ada')).accessToken())!;
      assert.deepEqual((await refusedCode(foreign)).slice(0, 2), [401, 'auth.invalid_token'], "another realm's token (its issuer and keys)");
      assert.deepEqual((await refusedCode(`${token.slice(0, -4)}AAAA`)).slice(0, 2), [401, 'auth.invalid_token'], 'a forged signature');
      server.clock.advance(-2 * 3600_000);
      try {
        const old = (await (await signIn(realm.slug, 'ada')).accessToken())!;
        assert.deepEqual(await refusedCode(old), [401, 'auth.invalid_token', 'The access token has expired.']);
      } finally {
        server.clock.advance(2 * 3600_000);
      }
    });

    it('follows a key rotation, and online refuses a token revoked by sign-out', async () => {
      const before = (await (await signIn(realm.slug, 'ada')).accessToken())!;
      await verifyAccessToken(before, { baseUrl: server.baseUrl, realm: realm.id });
      const rotated = await fetch(`${server.baseUrl}/admin/v1/realms/${realm.id}/keys/rotate`, { method: 'POST', headers: server.adminHeaders });
      assert.equal(rotated.status, 200, await rotated.text());
      const ada = await signIn(realm.slug, 'ada');
      const after = (await ada.accessToken())!;
      // The keys were fetched just now: a new kid fetches them again once the one-second floor has passed.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      assert.notEqual(JSON.parse(Buffer.from(after.split('.')[0], 'base64url').toString()).kid, JSON.parse(Buffer.from(before.split('.')[0], 'base64url').toString()).kid);
      assert.equal((await verifyAccessToken(after, { baseUrl: server.baseUrl, realm: realm.id })).realm, realm.id, 'an unknown kid fetches the keys again');
      await ada.signOut();
      await verifyAccessToken(after, { baseUrl: server.baseUrl, realm: realm.id });
      assert.deepEqual((await refusedCode(after, { online: true })).slice(0, 2), [401, 'auth.invalid_token'], 'signed out: only the online check knows');
    });

    it("refuses an HS256 realm's token and one without exp offline; online, the validate endpoint decides", async () => {
      const realms = {
        hs256: await server.services.realms.create({ name: 'Shared secret', slug: `hs256-${dialect}`, tokens: { algorithm: 'HS256' } } as never, operator),
        forever: await server.services.realms.create({ name: 'Forever', slug: `forever-${dialect}`, tokens: { session_type: 'unmanaged', unmanaged_token_minutes: 0 } } as never, operator),
      };
      for (const [name, r] of Object.entries(realms)) {
        await server.services.users.create(r, { username: 'ada', password: PASSWORD }, operator);
        const ada = await signIn(r.slug, 'ada');
        const token = (await ada.accessToken())!;
        const options = { baseUrl: server.baseUrl, realm: r.id };
        await assert.rejects(verifyAccessToken(token, options), (error) => error instanceof KeyrealmError && error.code === 'auth.invalid_token', `${name}: refused offline`);
        const principal = await verifyAccessToken(token, { ...options, online: true });
        assert.equal(principal.realm, r.id, name);
        assert.match(principal.subject, /^usr_/, name);
        // Online still checks what the realm does not: the audience, the issuer (another realm's id).
        await assert.rejects(verifyAccessToken(token, { ...options, online: true, audience: 'https://api.example.com' }), (error) => error instanceof KeyrealmError && error.code === 'auth.invalid_token', `${name}: another audience`);
        await assert.rejects(verifyAccessToken(token, { ...options, realm: realm.id, audience: r.id, online: true }), (error) => error instanceof KeyrealmError && error.code === 'auth.invalid_token', `${name}: another issuer`);
      }
      const forged = (await (await signIn(realms.hs256.slug, 'ada')).accessToken())!.slice(0, -4) + 'AAAA';
      await assert.rejects(verifyAccessToken(forged, { baseUrl: server.baseUrl, realm: realms.hs256.id, online: true }), (error) => error instanceof KeyrealmError && error.code === 'auth.invalid_token', 'a forged HS256 signature: the realm refuses it');
      const signedOut = await signIn(realms.hs256.slug, 'ada');
      const revoked = (await signedOut.accessToken())!;
      await signedOut.signOut();
      await assert.rejects(verifyAccessToken(revoked, { baseUrl: server.baseUrl, realm: realms.hs256.id, online: true }), (error) => error instanceof KeyrealmError && error.code === 'auth.invalid_token');
    });

    it('guards Fastify, Express and Hono routes: 401 with a challenge, 403 for a missing role, the principal otherwise', async () => {
      const token = (await (await signIn(realm.slug, 'ada')).accessToken())!;
      const guard = { baseUrl: server.baseUrl, realm: realm.id };
      const fastify = Fastify();
      fastify.get('/me', { preHandler: fastifyGuard(guard) }, async (request) => ({ sub: (request as unknown as { principal: Principal }).principal.subject }));
      fastify.get('/admin', { preHandler: fastifyGuard({ ...guard, require: [requireRole('admin')] }) }, async () => ({ ok: true }));
      await fastify.listen({ port: 0, host: '127.0.0.1' });
      const app = express();
      app.get('/me', expressGuard(guard), (req, res) => void res.json({ sub: (req as unknown as { principal: Principal }).principal.subject }));
      app.get('/admin', expressGuard({ ...guard, require: [requireRole('admin')] }), (_req, res) => void res.json({ ok: true }));
      const expressServer = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => expressServer.once('listening', resolve));
      const hono = new Hono<{ Variables: { principal: Principal } }>();
      hono.get('/me', honoGuard(guard), (c) => c.json({ sub: c.get('principal').subject }));
      hono.get('/admin', honoGuard({ ...guard, require: [requireRole('admin')] }), (c) => c.json({ ok: true }));
      try {
        const bases: [string, (path: string, headers: Record<string, string>) => Promise<Response>][] = [
          ['fastify', (path, headers) => fetch(`http://127.0.0.1:${(fastify.server.address() as AddressInfo).port}${path}`, { headers })],
          ['express', (path, headers) => fetch(`http://127.0.0.1:${(expressServer.address() as AddressInfo).port}${path}`, { headers })],
          ['hono', (path, headers) => Promise.resolve(hono.request(path, { headers }))],
        ];
        for (const [name, call] of bases) {
          const none = await call('/me', {});
          assert.equal(none.status, 401, name);
          assert.equal(none.headers.get('www-authenticate'), 'Bearer', name);
          assert.equal(((await none.json()) as { error: { code: string } }).error.code, 'auth.missing_token', name);
          const bad = await call('/me', { authorization: 'Bearer not.a.token' });
          assert.equal(bad.status, 401, name);
          assert.match(String(bad.headers.get('www-authenticate')), /error="invalid_token"/, name);
          const ok = await call('/me', { authorization: `Bearer ${token}` });
          assert.equal(ok.status, 200, name);
          assert.match(((await ok.json()) as { sub: string }).sub, /^usr_/, name);
          const forbidden = await call('/admin', { authorization: `Bearer ${token}` });
          assert.equal(forbidden.status, 403, name);
          assert.equal(((await forbidden.json()) as { error: { code: string } }).error.code, 'auth.forbidden', name);
        }
      } finally {
        await fastify.close();
        await new Promise((resolve) => expressServer.close(resolve));
      }
    });
  });
}
