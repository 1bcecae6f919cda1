import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { dialects } from '../support/databases.ts';
import { serverPerSuite } from '../support/server.ts';

for (const dialect of dialects) {
  describe(`public realm API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });

    const admin = async (method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) => {
      const response = await server.app.inject({ method, url, payload, headers: server.adminHeaders });
      assert.ok(response.statusCode < 300, response.body);
      return response.json();
    };
    const get = (url: string) => server.app.inject({ method: 'GET', url });

    it('shows a realm\u2019s public face by id or slug, and nothing more', async () => {
      const realm = await admin('POST', '/admin/v1/realms', {
        name: 'Public Co',
        reference: 'internal-ref',
        custom: { secret_plan: 'x' },
        public_info: { display_name: 'Public Company', description: 'We sign you in.' },
        users: { registration: { enabled: true } },
        password_policy: { min_length: 12, max_length: 200 },
        sign_in: { first_factors: ['passkey', 'magic_link'], second_factors: ['totp'], mfa: 'required' },
      });
      for (const ref of [realm.id, 'public-co']) {
        const response = await get(`/realms/${ref}`);
        assert.equal(response.statusCode, 200);
        assert.deepEqual(response.json(), {
          id: realm.id,
          slug: 'public-co',
          name: 'Public Co',
          public_info: { display_name: 'Public Company', description: 'We sign you in.', logo_url: null },
          sign_in_methods: ['passkey', 'magic_link'],
          second_factors: ['totp'],
          mfa: 'required',
          registration_enabled: true,
          password_policy: { min_length: 12, max_length: 200 },
        });
      }
    });

    it('answers 404 for unknown and inactive realms', async () => {
      for (const ref of ['nowhere-realm', 'rl_nowhere00000000000000000', '%F0%9F%94%91', "x'%20or%201=1"]) {
        for (const url of [`/realms/${ref}`, `/realms/${ref}/.well-known/jwks.json`]) {
          const unknown = await get(url);
          assert.equal(unknown.statusCode, 404, `${url}: ${unknown.body}`);
          assert.equal(unknown.json().error.code, 'realm.not_found');
        }
      }
      // NUL in a path parameter is refused like NUL anywhere else (src/http/unstorable-text.ts).
      for (const ref of ['%00', 'a%00b']) assert.equal((await get(`/realms/${ref}`)).json().error.code, 'request.validation_failed');
      await admin('POST', '/admin/v1/realms', { name: 'Dormant', state: 'inactive' });
      assert.equal((await get('/realms/dormant')).statusCode, 404);
      assert.equal((await get('/realms/dormant/.well-known/jwks.json')).statusCode, 404);
      await admin('PATCH', '/admin/v1/realms/dormant', { state: 'active' });
      assert.equal((await get('/realms/dormant')).statusCode, 200, 'the change shows at once in this process');
    });

    it('publishes the JWKS with a cache header; tokens verify against it', async () => {
      const realm = await admin('POST', '/admin/v1/realms', { name: 'Jwks Co' });
      await admin('POST', `/admin/v1/realms/${realm.id}/users`, { email: 'jo@jwks.example', password: 'correct horse battery' });
      const { access_token } = await server.login('jwks-co', 'jo@jwks.example', 'correct horse battery');

      const response = await get('/realms/jwks-co/.well-known/jwks.json');
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['cache-control'], 'public, max-age=300');
      const jwks = response.json();
      assert.equal(jwks.keys.length, 1);
      assert.deepEqual(Object.keys(jwks.keys[0]).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
      const { payload, protectedHeader } = await jwtVerify(access_token, createLocalJWKSet(jwks), { currentDate: new Date(server.clock.now()) });
      assert.equal(protectedHeader.kid, jwks.keys[0].kid);
      assert.equal(payload.realm, realm.id);

      // After a rotation the old key stays published, so tokens it signed keep verifying.
      await admin('POST', `/admin/v1/realms/${realm.id}/keys/rotate`, {});
      const rotated = (await get('/realms/jwks-co/.well-known/jwks.json')).json();
      assert.equal(rotated.keys.length, 2);
      await jwtVerify(access_token, createLocalJWKSet(rotated), { currentDate: new Date(server.clock.now()) });
    });

    it('publishes no keys for HS256 realms', async () => {
      await admin('POST', '/admin/v1/realms', { name: 'Shared secret', tokens: { algorithm: 'HS256' } });
      const response = await get('/realms/shared-secret/.well-known/jwks.json');
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { keys: [] });
    });
  });
}
