import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { dialects } from '../support/databases.ts';
import { serverPerSuite, startTestServer } from '../support/server.ts';

type Body = Record<string, any>;

for (const dialect of dialects) {
  describe(`admin realm API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });

    async function call(method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}) {
      const response = await server.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers: { ...server.adminHeaders, ...headers } });
      return { status: response.statusCode, body: (response.body ? response.json() : null) as Body, headers: response.headers };
    }

    async function expectError(result: { status: number; body: Body }, status: number, code: string): Promise<Body> {
      assert.equal(result.status, status, JSON.stringify(result.body));
      assert.equal(result.body.error.code, code);
      assert.equal(typeof result.body.error.message, 'string');
      return result.body.error;
    }

    it('creates a realm (201) with every setting returned and ISO times', async () => {
      const { status, body } = await call('POST', '/admin/v1/realms', {
        name: 'Acme',
        reference: 'acme-1',
        custom: { plan: { tier: 'gold', seats: [1, 2] } },
        public_info: { display_name: 'Acme Inc', logo_url: 'https://acme.example/logo.png' },
        tokens: { algorithm: 'RS256', default_access: { type: 'acl', acl: [{ uri: 'gw/devices/*', methods: ['GET', 'POST'] }] } },
        tenant_policy: { type: 'auto_created' },
        resource_links: [{ resource: 'user', title: 'Open', url: 'https://acme.example/u/{{id}}' }],
      });
      assert.equal(status, 201, JSON.stringify(body));
      assert.match(body.id, /^rl_/);
      assert.equal(body.slug, 'acme');
      assert.deepEqual(body.custom, { plan: { tier: 'gold', seats: [1, 2] } });
      assert.deepEqual(body.public_info, { display_name: 'Acme Inc', description: null, logo_url: 'https://acme.example/logo.png' });
      assert.deepEqual(body.tokens.default_access, { type: 'acl', acl: [{ uri: 'gw/devices/*', methods: ['GET', 'POST'] }] });
      assert.equal(body.tokens.algorithm, 'RS256');
      assert.deepEqual(body.tenant_policy, { type: 'auto_created' });
      assert.deepEqual(body.warnings, []);
      assert.equal(body.created_at, new Date(server.clock.now()).toISOString());
      assert.equal(body.version, 1);
      assert.equal(body.is_system, false);
    });

    it('refuses malformed JSON, wrong types, unknown fields and blank names (400)', async () => {
      const malformed = await server.app.inject({ method: 'POST', url: '/admin/v1/realms', payload: '{"name":', headers: { ...server.adminHeaders, 'content-type': 'application/json' } });
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.json().error.code, 'request.malformed_json');

      const wrongType = await expectError(await call('POST', '/admin/v1/realms', { name: 5 }), 400, 'request.validation_failed');
      assert.deepEqual(wrongType.details, [{ field: 'name', issue: 'must be string' }]);
      const unknown = await expectError(await call('POST', '/admin/v1/realms', { name: 'x', colour: 'red' }), 400, 'request.validation_failed');
      assert.deepEqual(unknown.details, [{ field: 'colour', issue: 'is not a known field' }]);
      const nested = await expectError(await call('POST', '/admin/v1/realms', { name: 'x', tokens: { lifetime: 5 } }), 400, 'request.validation_failed');
      assert.deepEqual(nested.details, [{ field: 'tokens.lifetime', issue: 'is not a known field' }]);
      const coerced = await expectError(await call('POST', '/admin/v1/realms', { name: 'x', tokens: { access_token_minutes: '30' } }), 400, 'request.validation_failed');
      assert.equal(coerced.details[0].field, 'tokens.access_token_minutes');
      const missing = await expectError(await call('POST', '/admin/v1/realms', {}), 400, 'request.validation_failed');
      assert.deepEqual(missing.details, [{ field: 'name', issue: 'is required' }]);
      const blank = await expectError(await call('POST', '/admin/v1/realms', { name: '  ' }), 400, 'realm.invalid_settings');
      assert.deepEqual(blank.details, [{ field: 'name', issue: "can't be blank" }]);
      const badEnum = await expectError(await call('POST', '/admin/v1/realms', { name: 'x', tokens: { algorithm: 'none' } }), 400, 'request.validation_failed');
      assert.deepEqual(badEnum.details, [{ field: 'tokens.algorithm', issue: 'must be equal to one of the allowed values' }]);
      const range = await expectError(await call('POST', '/admin/v1/realms', { name: 'x', password_policy: { min_length: 5 } }), 400, 'request.validation_failed');
      assert.equal(range.details[0].field, 'password_policy.min_length');
      const link = await expectError(
        await call('POST', '/admin/v1/realms', { name: 'x', resource_links: [{ resource: 'user', title: 't', url: 'https://a.example/{{secret}}' }] }),
        400,
        'realm.invalid_settings',
      );
      assert.equal(link.details[0].field, 'resource_links.0.url');
      const nul = await expectError(await call('POST', '/admin/v1/realms', { name: 'nul\u0000', custom: { note: '\u0000' } }), 400, 'request.validation_failed');
      assert.deepEqual(nul.details.map((d: Body) => d.field), ['name', 'custom.note']);
      const form = await server.app.inject({ method: 'POST', url: '/admin/v1/realms', payload: 'name=x', headers: { ...server.adminHeaders, 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(form.statusCode, 415);
    });

    it('requires an operator token (401)', async () => {
      for (const [method, url] of [['GET', '/admin/v1/realms'], ['POST', '/admin/v1/realms'], ['GET', '/admin/v1/realms/acme'], ['POST', '/admin/v1/realms/acme/keys/rotate']] as const) {
        const response = await server.app.inject({ method, url, payload: method === 'POST' ? { name: 'x' } : undefined });
        assert.equal(response.statusCode, 401, `${method} ${url}`);
        assert.equal(response.json().error.code, 'auth.unauthenticated');
      }
      const forged = await call('GET', '/admin/v1/realms', undefined, { authorization: 'Bearer not-a-token' });
      assert.equal(forged.status, 401);
    });

    it('gets a realm by id or slug, 404 for unknown ones', async () => {
      const created = (await call('POST', '/admin/v1/realms', { name: 'Fetch me' })).body;
      assert.deepEqual((await call('GET', `/admin/v1/realms/${created.id}`)).body, created);
      assert.deepEqual((await call('GET', '/admin/v1/realms/fetch-me')).body, created);
      await expectError(await call('GET', '/admin/v1/realms/rl_unknown0000000000000000'), 404, 'realm.not_found');
      await expectError(await call('GET', '/admin/v1/realms/no-such-realm'), 404, 'realm.not_found');
      await expectError(await call('GET', '/admin/v1/realms/a%00b'), 400, 'request.validation_failed');
      await expectError(await call('PATCH', '/admin/v1/realms/%00', { name: 'x' }), 400, 'request.validation_failed');
      await expectError(await call('PATCH', '/admin/v1/realms/no-such-realm', { name: 'x' }), 404, 'realm.not_found');
      await expectError(await call('DELETE', '/admin/v1/realms/no-such-realm'), 404, 'realm.not_found');
      await expectError(await call('POST', '/admin/v1/realms/no-such-realm/reset'), 404, 'realm.not_found');
      await expectError(await call('POST', '/admin/v1/realms/no-such-realm/keys/rotate'), 404, 'realm.not_found');
      await expectError(await call('GET', '/admin/v1/realms/no-such-realm/keys'), 404, 'realm.not_found');
    });

    it('refuses a taken slug (409) on create and on patch', async () => {
      await call('POST', '/admin/v1/realms', { name: 'Slugged', slug: 'taken-slug' });
      const error = await expectError(await call('POST', '/admin/v1/realms', { name: 'Other', slug: 'taken-slug' }), 409, 'realm.slug_taken');
      assert.deepEqual(error.details, [{ field: 'slug', issue: 'is taken' }]);
      await call('POST', '/admin/v1/realms', { name: 'Mover' });
      await expectError(await call('PATCH', '/admin/v1/realms/mover', { slug: 'taken-slug' }), 409, 'realm.slug_taken');
      await expectError(await call('PATCH', '/admin/v1/realms/mover', { slug: 'Bad Slug' }), 400, 'request.validation_failed');
    });

    it('patches only the given fields, with warnings for never-expiring tokens', async () => {
      const created = (await call('POST', '/admin/v1/realms', { name: 'Patch API', public_info: { display_name: 'Shown', description: 'About' } })).body;
      server.clock.advance(60_000);
      const { status, body } = await call('PATCH', `/admin/v1/realms/${created.id}`, {
        public_info: { description: null },
        tokens: { session_type: 'unmanaged', unmanaged_token_minutes: 0 },
      });
      assert.equal(status, 200, JSON.stringify(body));
      assert.deepEqual(body.public_info, { display_name: 'Shown', description: null, logo_url: null });
      assert.equal(body.tokens.session_type, 'unmanaged');
      assert.equal(body.tokens.access_token_minutes, 15);
      assert.deepEqual(body.warnings, ['tokens.unmanaged_token_minutes is 0: tokens never expire']);
      assert.equal(body.version, 2);
      assert.equal(body.updated_at, new Date(server.clock.now()).toISOString());
      assert.equal(body.created_at, created.created_at);
      assert.deepEqual((await call('GET', `/admin/v1/realms/${created.id}`)).body.warnings, body.warnings);

      await expectError(await call('PATCH', `/admin/v1/realms/${created.id}`, { public_info: { motto: 'x' } }), 400, 'request.validation_failed');
      await expectError(await call('PATCH', `/admin/v1/realms/${created.id}`, { state: 'sleeping' }), 400, 'request.validation_failed');
      await expectError(await call('PATCH', `/admin/v1/realms/${created.id}`, { name: '' }), 400, 'realm.invalid_settings');
      await expectError(await call('PATCH', `/admin/v1/realms/${created.id}`, { custom: { big: 'x'.repeat(17_000) } }), 400, 'realm.invalid_settings');
      assert.equal((await call('GET', `/admin/v1/realms/${created.id}`)).body.version, 2, 'refused patches change nothing');
    });

    it('protects the admin realm (422)', async () => {
      await expectError(await call('DELETE', '/admin/v1/realms/admin'), 422, 'realm.protected');
      await expectError(await call('POST', '/admin/v1/realms/admin/reset', {}), 422, 'realm.protected');
      await expectError(await call('PATCH', '/admin/v1/realms/admin', { state: 'inactive' }), 422, 'realm.protected');
      await expectError(await call('PATCH', '/admin/v1/realms/admin', { slug: 'root' }), 422, 'realm.protected');
    });

    it('lists realms in keyset pages, with custom only when expanded', async () => {
      for (const name of ['page c', 'page a', 'page b']) {
        server.clock.advance(1000);
        await call('POST', '/admin/v1/realms', { name, reference: 'paged', custom: { n: name } });
      }
      const first = await call('GET', '/admin/v1/realms?reference=paged&limit=2');
      assert.equal(first.status, 200);
      assert.deepEqual(first.body.items.map((r: Body) => r.name), ['page a', 'page b']);
      assert.equal(first.body.items[0].custom, undefined);
      assert.equal(typeof first.body.next_cursor, 'string');
      const second = await call('GET', `/admin/v1/realms?reference=paged&limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`);
      assert.deepEqual(second.body.items.map((r: Body) => r.name), ['page c']);
      assert.equal(second.body.next_cursor, null);

      const expanded = await call('GET', '/admin/v1/realms?reference=paged&expand=custom&sort=created_at&direction=desc');
      assert.deepEqual(expanded.body.items.map((r: Body) => r.custom), [{ n: 'page b' }, { n: 'page a' }, { n: 'page c' }]);
      const inactive = await call('GET', '/admin/v1/realms?state=inactive');
      assert.ok(inactive.body.items.every((r: Body) => r.state === 'inactive'));

      for (const query of ['limit=0', 'limit=1001', 'sort=slug', 'direction=up', 'expand=everything', 'state=gone', 'colour=red']) {
        await expectError(await call('GET', `/admin/v1/realms?${query}`), 400, 'request.validation_failed');
      }
      await expectError(await call('GET', '/admin/v1/realms?cursor=garbage'), 400, 'request.invalid_cursor');
      assert.equal((await call('GET', '/admin/v1/realms?reference=%00')).status, 400);
      await expectError(await call('GET', `/admin/v1/realms?sort=id&cursor=${encodeURIComponent(first.body.next_cursor)}`), 400, 'request.invalid_cursor');
    });

    it('deletes a realm (204), after which it is gone', async () => {
      const created = (await call('POST', '/admin/v1/realms', { name: 'Delete API' })).body;
      const deleted = await call('DELETE', '/admin/v1/realms/delete-api');
      assert.equal(deleted.status, 204);
      assert.equal(deleted.body, null);
      await expectError(await call('GET', `/admin/v1/realms/${created.id}`), 404, 'realm.not_found');
      await expectError(await server.app.inject({ method: 'GET', url: '/realms/delete-api' }).then((r) => ({ status: r.statusCode, body: r.json() })), 404, 'realm.not_found');
    });

    it('resets a realm in the background (202), with an optional body', async () => {
      const created = (await call('POST', '/admin/v1/realms', { name: 'Reset API' })).body;
      const bare = await call('POST', '/admin/v1/realms/reset-api/reset');
      assert.equal(bare.status, 202, JSON.stringify(bare.body));
      assert.equal(bare.body.id, created.id);
      const chosen = await call('POST', '/admin/v1/realms/reset-api/reset', { users: false, events: true });
      assert.equal(chosen.status, 202);
      await expectError(await call('POST', '/admin/v1/realms/reset-api/reset', { users: 'yes' }), 400, 'request.validation_failed');
      await expectError(await call('POST', '/admin/v1/realms/reset-api/reset', { orgs: true }), 400, 'request.validation_failed');
    });

    it('rotates keys and lists key metadata without key material', async () => {
      const created = (await call('POST', '/admin/v1/realms', { name: 'Keys API', tokens: { algorithm: 'EdDSA' } })).body;
      const before = await call('GET', `/admin/v1/realms/${created.id}/keys`);
      assert.equal(before.status, 200);
      assert.equal(before.body.items.length, 1);
      assert.deepEqual(Object.keys(before.body.items[0]).sort(), ['algorithm', 'created_at', 'kid', 'retired_at', 'state', 'verify_until']);
      server.clock.advance(1000);
      const rotated = await call('POST', `/admin/v1/realms/${created.id}/keys/rotate`);
      assert.equal(rotated.status, 200);
      assert.deepEqual(rotated.body.items.map((k: Body) => [k.state, k.algorithm]), [['active', 'EdDSA'], ['retired', 'EdDSA']]);
      assert.equal(rotated.body.items[1].kid, before.body.items[0].kid);
      assert.equal(rotated.body.items[1].verify_until, new Date(server.clock.now() + 24 * 3600_000 + 60_000).toISOString());
      const paged = await call('GET', `/admin/v1/realms/${created.id}/keys?limit=1`);
      assert.equal(paged.body.items.length, 1);
      assert.equal((await call('GET', `/admin/v1/realms/${created.id}/keys?limit=1&cursor=${encodeURIComponent(paged.body.next_cursor)}`)).body.items[0].state, 'retired');
      const jwks = await server.app.inject({ method: 'GET', url: '/realms/keys-api/.well-known/jwks.json' });
      assert.deepEqual(jwks.json().keys.map((k: Body) => k.kid), rotated.body.items.map((k: Body) => k.kid));
    });
  });

  describe(`realm limit over the API on ${dialect}`, () => {
    it('refuses one realm more than KEYREALM_MAX_REALMS (422)', async () => {
      const server = await startTestServer({ dialect, config: { maxRealms: 1 } });
      try {
        const headers = server.adminHeaders;
        assert.equal((await server.app.inject({ method: 'POST', url: '/admin/v1/realms', headers, payload: { name: 'Only' } })).statusCode, 201);
        const refused = await server.app.inject({ method: 'POST', url: '/admin/v1/realms', headers, payload: { name: 'One too many' } });
        assert.equal(refused.statusCode, 422);
        assert.equal(refused.json().error.code, 'realm.limit_reached');
        assert.match(refused.json().error.message, /at most 1 realm: delete one or raise KEYREALM_MAX_REALMS/);
      } finally {
        await server.dispose();
      }
    });
  });
}
