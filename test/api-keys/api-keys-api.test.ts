import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { PASSWORD } from '../auth/fixtures.ts';

/** API keys end to end: account and admin routes, both storage policies, validate and exchange. */
for (const dialect of dialects) {
  describe(`API keys API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realmA: Realm;
    let realmB: Realm;
    let counter = 0;

    before(async () => {
      realmA = await server.services.realms.create({ name: 'Keys A', slug: 'keys-a' }, operator);
      realmB = await server.services.realms.create({ name: 'Keys B', slug: 'keys-b' }, operator);
    });

    /** A new user of the realm, signed in. */
    async function signedInUser(slug = 'keys-a') {
      const realm = slug === 'keys-a' ? realmA : realmB;
      const username = `machine-owner-${++counter}`;
      const user = await server.services.users.create(realm, { username, password: PASSWORD }, operator);
      const { access_token } = await server.login(slug, username, PASSWORD);
      return { id: user.id, token: access_token };
    }

    const create = (token: string, body: unknown = { name: 'ci' }, slug = 'keys-a') => send(server, 'POST', `/realms/${slug}/account/api-keys`, body, bearer(token));
    const list = (token: string, slug = 'keys-a') => send(server, 'GET', `/realms/${slug}/account/api-keys`, undefined, bearer(token));
    const validate = (key: string, slug = 'keys-a') => send(server, 'GET', `/realms/${slug}/auth/validate`, undefined, bearer(key));
    const patchRealm = async (slug: string, body: unknown) => {
      const response = await send(server, 'PATCH', `/admin/v1/realms/${slug}`, body, server.adminHeaders);
      assert.equal(response.statusCode, 200, response.body);
    };

    it('creates a key shown once, lists it without the key, answers validate with owner and capabilities', async () => {
      const user = await signedInUser();
      const created = await create(user.token, { name: 'reporting', service: 'billing', capabilities: { read: 'allow', write: 'deny' }, expires_in_days: 30 });
      assert.equal(created.statusCode, 201, created.body);
      const body = created.json();
      assert.match(body.api_key, /^kr_[0-9A-Za-z]{16}_[0-9A-Za-z]{38}$/);
      assert.equal(body.owner, 'user');
      assert.equal(body.user_id, user.id);
      assert.equal(body.policy, 'hash');
      assert.equal(body.expires_at, new Date(server.clock.now() + 30 * 86_400_000).toISOString());
      const listed = (await list(user.token)).json().items;
      assert.equal(listed.length, 1);
      assert.equal(listed[0].id, body.id);
      assert.equal('api_key' in listed[0], false);
      assert.equal(JSON.stringify(listed).includes(body.api_key.slice(20)), false);
      const answer = await validate(body.api_key);
      assert.equal(answer.statusCode, 200, answer.body);
      assert.deepEqual(answer.json(), {
        api_key: { id: body.id, name: 'reporting', owner: 'user', service: 'billing', capabilities: { read: 'allow', write: 'deny' }, expires_at: body.expires_at },
        user_id: user.id,
        access: { type: 'standard' },
      });
      // The stored row holds no key text.
      const row = await server.database.db.selectFrom('api_keys').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
      assert.equal(JSON.stringify(row).includes(body.api_key), false);
      assert.equal(row.secret_sealed, null);
    });

    it('refuses a typo by its checksum and a revoked key at once', async () => {
      const user = await signedInUser();
      const { api_key } = (await create(user.token, { name: 'short' })).json();
      const typo = api_key.slice(0, -8) + (api_key.at(-8) === 'a' ? 'b' : 'a') + api_key.slice(-7);
      assert.equal((await validate(typo)).statusCode, 401);
      assert.equal((await validate(api_key)).statusCode, 200);
      const second = (await create(user.token)).json();
      assert.equal((await validate(second.api_key)).statusCode, 200); // now cached
      const revoked = await send(server, 'DELETE', `/realms/keys-a/account/api-keys/${second.id}`, undefined, bearer(user.token));
      assert.equal(revoked.statusCode, 204, revoked.body);
      const refused = await validate(second.api_key);
      assert.equal(refused.statusCode, 401);
      assert.equal(errorCode(refused), 'auth.invalid_token');
      const again = await send(server, 'DELETE', `/realms/keys-a/account/api-keys/${second.id}`, undefined, bearer(user.token));
      assert.equal(errorCode(again), 'api_key.not_found');
    });

    it('refuses keys of a locked or deleted owner and of an inactive realm', async () => {
      const user = await signedInUser();
      const { api_key } = (await create(user.token)).json();
      assert.equal((await validate(api_key)).statusCode, 200);
      const locked = await send(server, 'POST', `/admin/v1/realms/keys-a/users/${user.id}/lock`, {}, server.adminHeaders);
      assert.equal(locked.statusCode, 200, locked.body);
      assert.equal((await validate(api_key)).statusCode, 401);
      assert.equal((await send(server, 'POST', `/admin/v1/realms/keys-a/users/${user.id}/unlock`, {}, server.adminHeaders)).statusCode, 200);
      assert.equal((await validate(api_key)).statusCode, 200);
      const deleted = await send(server, 'DELETE', `/admin/v1/realms/keys-a/users/${user.id}`, undefined, server.adminHeaders);
      assert.equal(deleted.statusCode, 204, deleted.body);
      assert.equal((await validate(api_key)).statusCode, 401);
      // The user row stays (soft deletion); their keys go with the deletion.
      const kept = await server.database.db.selectFrom('api_keys').select('id').where('user_id', '=', user.id).execute();
      assert.deepEqual(kept, []);

      const other = await signedInUser('keys-b');
      const key = (await create(other.token, { name: 'b' }, 'keys-b')).json().api_key;
      assert.equal((await validate(key, 'keys-b')).statusCode, 200);
      await patchRealm('keys-b', { state: 'inactive' });
      assert.notEqual((await validate(key, 'keys-b')).statusCode, 200);
      await patchRealm('keys-b', { state: 'active' });
    });

    it('keeps each realm and user apart: another realm, user or operator scope never reaches a key', async () => {
      const alice = await signedInUser();
      const bob = await signedInUser();
      const carol = await signedInUser('keys-b');
      const aliceKey = (await create(alice.token)).json();
      // Realm A's key at realm B.
      assert.equal((await validate(aliceKey.api_key, 'keys-b')).statusCode, 401);
      // Bob neither sees nor revokes Alice's key.
      assert.deepEqual((await list(bob.token)).json().items, []);
      const bobDelete = await send(server, 'DELETE', `/realms/keys-a/account/api-keys/${aliceKey.id}`, undefined, bearer(bob.token));
      assert.equal(errorCode(bobDelete), 'api_key.not_found');
      // A user of realm B with realm A's route: refused as a token of another realm.
      assert.equal((await list(carol.token)).statusCode, 401);
      // The admin routes: Alice's key through realm B, or through the service account, is absent.
      const viaB = await send(server, 'DELETE', `/admin/v1/realms/keys-b/users/${alice.id}/api-keys/${aliceKey.id}`, undefined, server.adminHeaders);
      assert.equal(viaB.statusCode, 404);
      // Alice is no user of realm B: her keys are not listed there as an empty list, she is not found.
      assert.equal(errorCode(await send(server, 'GET', `/admin/v1/realms/keys-b/users/${alice.id}/api-keys`, undefined, server.adminHeaders)), 'user.not_found');
      const viaService = await send(server, 'DELETE', `/admin/v1/realms/keys-a/api-keys/${aliceKey.id}`, undefined, server.adminHeaders);
      assert.equal(errorCode(viaService), 'api_key.not_found');
      assert.equal((await validate(aliceKey.api_key)).statusCode, 200);
      // An operator scoped to realm A cannot touch realm B.
      const email = `scoped-${++counter}@example.com`;
      await server.services.operators.create({ email, password: PASSWORD, grants: [{ permission: 'admin_realm', realms: [realmA.id] }] }, operator);
      const scoped = bearer((await server.login('admin', email, PASSWORD)).access_token);
      const own = await send(server, 'POST', '/admin/v1/realms/keys-a/api-keys', { name: 'scoped-own' }, scoped);
      assert.equal(own.statusCode, 201, own.body);
      for (const [method, url] of [
        ['POST', '/admin/v1/realms/keys-b/api-keys'],
        ['GET', '/admin/v1/realms/keys-b/api-keys'],
        ['GET', `/admin/v1/realms/keys-b/users/${carol.id}/api-keys`],
        ['POST', `/admin/v1/realms/keys-b/api-keys/${own.json().id}/retrieve`],
      ] as const) {
        const refused = await send(server, method, url, method === 'POST' ? { name: 'x' } : undefined, scoped);
        assert.equal(refused.statusCode, 403, `${method} ${url}: ${refused.body}`);
      }
    });

    it('lets operators manage user and service keys; encrypt keys are retrievable (with an event), hash keys not', async () => {
      const user = await signedInUser();
      const hashed = await send(server, 'POST', `/admin/v1/realms/keys-a/users/${user.id}/api-keys`, { name: 'by-operator' }, server.adminHeaders);
      assert.equal(hashed.statusCode, 201, hashed.body);
      const notRetrievable = await send(server, 'POST', `/admin/v1/realms/keys-a/users/${user.id}/api-keys/${hashed.json().id}/retrieve`, undefined, server.adminHeaders);
      assert.equal(errorCode(notRetrievable), 'api_key.not_retrievable');

      await patchRealm('keys-a', { api_keys: { policy: 'encrypt', prefix: 'acme_' } });
      const service = await send(server, 'POST', '/admin/v1/realms/keys-a/api-keys', { name: 'deployer', capabilities: { deploy: 'allow' } }, server.adminHeaders);
      assert.equal(service.statusCode, 201, service.body);
      const sealed = service.json();
      assert.equal(sealed.owner, 'service');
      assert.equal(sealed.user_id, null);
      assert.equal(sealed.policy, 'encrypt');
      assert.ok(sealed.api_key.startsWith('acme_'));
      const answer = (await validate(sealed.api_key)).json();
      assert.equal(answer.user_id, null);
      assert.equal(answer.api_key.owner, 'service');
      const listed = (await send(server, 'GET', '/admin/v1/realms/keys-a/api-keys', undefined, server.adminHeaders)).json().items;
      assert.ok(listed.some((k: { id: string }) => k.id === sealed.id));
      assert.ok(listed.every((k: { owner: string; api_key?: string }) => k.owner === 'service' && k.api_key === undefined));
      const retrieved = await send(server, 'POST', `/admin/v1/realms/keys-a/api-keys/${sealed.id}/retrieve`, undefined, server.adminHeaders);
      assert.equal(retrieved.statusCode, 200, retrieved.body);
      assert.equal(retrieved.json().api_key, sealed.api_key);
      const events = await server.database.db.selectFrom('events').select(['type', 'details']).where('realm_id', '=', realmA.id).where('type', 'like', 'api_key.%').execute();
      const types = events.map((e) => e.type);
      assert.ok(types.includes('api_key.created') && types.includes('api_key.retrieved'));
      assert.equal(JSON.stringify(events).includes(sealed.api_key), false);
      // The old hashed key still works after the policy change.
      assert.equal((await validate(hashed.json().api_key)).statusCode, 200);
      const revoked = await send(server, 'DELETE', `/admin/v1/realms/keys-a/api-keys/${sealed.id}`, undefined, server.adminHeaders);
      assert.equal(revoked.statusCode, 204);
      assert.equal((await validate(sealed.api_key)).statusCode, 401);
      await patchRealm('keys-a', { api_keys: { policy: 'hash', prefix: null } });
    });

    it('exchanges a user key for a token only when token_minutes > 0; the token works at validate', async () => {
      const user = await signedInUser();
      const { api_key } = (await create(user.token)).json();
      const exchange = (key: string) => send(server, 'POST', '/realms/keys-a/auth/api-key/token', undefined, bearer(key));
      const disabled = await exchange(api_key);
      assert.equal(disabled.statusCode, 403);
      assert.equal(errorCode(disabled), 'api_key.exchange_disabled');
      await patchRealm('keys-a', { api_keys: { token_minutes: 5 } });
      const issued = await exchange(api_key);
      assert.equal(issued.statusCode, 200, issued.body);
      assert.equal(issued.json().token_type, 'Bearer');
      const checked = await validate(issued.json().access_token);
      assert.equal(checked.statusCode, 200, checked.body);
      assert.equal(checked.json().user_id, user.id);
      assert.equal((await exchange('kr_notakey')).statusCode, 401);
      const service = (await send(server, 'POST', '/admin/v1/realms/keys-a/api-keys', { name: 'svc' }, server.adminHeaders)).json();
      assert.equal(errorCode(await exchange(service.api_key)), 'api_key.exchange_disabled');
      await patchRealm('keys-a', { api_keys: { token_minutes: 0 } });
    });

    it('records last use in batches, not per request', async () => {
      const user = await signedInUser();
      const { api_key, id } = (await create(user.token)).json();
      await validate(api_key);
      const before = await server.database.db.selectFrom('api_keys').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(before.last_used_at, null);
      await server.services.apiKeyLastUse.flush();
      const [item] = (await list(user.token)).json().items;
      assert.equal(item.last_used_at, new Date(server.clock.now()).toISOString());
      assert.ok(item.last_used_ip);
    });

    it('refuses malformed input with 400 and caps keys per owner', async () => {
      const user = await signedInUser();
      for (const body of [{}, { name: '' }, { name: 'x', capabilities: { read: 'maybe' } }, { name: 'x', expires_in_days: 0 }, { name: 'x', extra: 1 }, { name: 'x', capabilities: { 'bad key!': 'allow' } }, { name: 'x', capabilities: { 'in*voices': 'allow' } }]) {
        const response = await create(user.token, body);
        assert.equal(response.statusCode, 400, JSON.stringify(body));
      }
      // The documented wildcards (found by review: the names' pattern refused them).
      const wildcards = await create(user.token, { name: 'wild', capabilities: { '*': 'allow', 'invoices:*': 'deny' } });
      assert.equal(wildcards.statusCode, 201, wildcards.body);
      const decided = await send(server, 'POST', '/realms/keys-a/authorize/batch', { checks: ['invoices:read', 'reports:read'].map((action) => ({ action, resource: { type: 'doc', id: '1' } })) }, bearer(wildcards.json().api_key));
      assert.deepEqual(decided.json().results.map((result: { reasons: string[] }) => result.reasons[0]), ['capability_denied', 'no_permission']);
      await send(server, 'DELETE', `/realms/keys-a/account/api-keys/${wildcards.json().id}`, undefined, bearer(user.token));
      // Concurrent creations past the cap: exactly the cap is made, the rest refused.
      const results = await Promise.all(Array.from({ length: 55 }, (_, i) => create(user.token, { name: `k${i}` })));
      assert.equal(results.filter((r) => r.statusCode === 201).length, 50);
      assert.ok(results.filter((r) => r.statusCode !== 201).every((r) => errorCode(r) === 'api_key.limit_reached'));
      assert.equal((await list(user.token)).json().items.length, 50);
      // An operator cannot create one for a user of another realm, or a deleted one.
      const elsewhere = await send(server, 'POST', `/admin/v1/realms/keys-b/users/${user.id}/api-keys`, { name: 'x' }, server.adminHeaders);
      assert.equal(errorCode(elsewhere), 'user.not_found');
    });

    it('ends a token exchanged for a key when the key is revoked, and holds it to the exchange lifetime in an unmanaged realm too', async () => {
      // Found by review: an unmanaged realm's own lifetime (here: none) replaced the exchange's, and nothing tied the token to its key.
      const unmanaged = await server.services.realms.create({ name: 'Keys U', slug: 'keys-u', tokens: { session_type: 'unmanaged', unmanaged_token_minutes: 0 }, api_keys: { token_minutes: 5 } }, operator);
      await server.services.users.create(unmanaged, { username: 'stateless', password: PASSWORD }, operator);
      const { access_token } = await server.login('keys-u', 'stateless', PASSWORD);
      const exchange = (key: string) => send(server, 'POST', '/realms/keys-u/auth/api-key/token', undefined, bearer(key));
      const { api_key, id } = (await create(access_token, { name: 'worker' }, 'keys-u')).json();
      const exchanged = (await exchange(api_key)).json();
      assert.equal(exchanged.expires_in, 300);
      const claims = JSON.parse(Buffer.from(exchanged.access_token.split('.')[1], 'base64url').toString());
      assert.deepEqual([claims.exp - claims.iat, claims.api_key], [300, id]);
      assert.equal((await validate(exchanged.access_token, 'keys-u')).statusCode, 200);
      server.clock.advance(5 * 60_000);
      assert.equal((await validate(exchanged.access_token, 'keys-u')).statusCode, 401, 'over at the exchange lifetime, though the realm\u2019s tokens never expire');

      const second = (await exchange(api_key)).json().access_token;
      assert.equal((await validate(second, 'keys-u')).statusCode, 200);
      assert.equal((await send(server, 'DELETE', `/realms/keys-u/account/api-keys/${id}`, undefined, bearer((await server.login('keys-u', 'stateless', PASSWORD)).access_token))).statusCode, 204);
      assert.equal((await validate(second, 'keys-u')).statusCode, 401, 'revoking the key ends the token at once');

      // Managed realms too: the token stands only while its key does.
      await patchRealm('keys-a', { api_keys: { token_minutes: 60 } });
      const user = await signedInUser();
      const key = (await create(user.token, { name: 'managed' })).json();
      const managed = (await send(server, 'POST', '/realms/keys-a/auth/api-key/token', undefined, bearer(key.api_key))).json().access_token;
      assert.equal((await validate(managed)).statusCode, 200);
      assert.equal((await send(server, 'DELETE', `/realms/keys-a/account/api-keys/${key.id}`, undefined, bearer(user.token))).statusCode, 204);
      assert.equal((await validate(managed)).statusCode, 401);

      // Found by review: an exchanged token cannot be stepped up into one that no longer needs its key,
      // and a realm that stops exchanging keys (token_minutes 0) ends the tokens already out.
      const other = (await create(user.token, { name: 'later' })).json();
      const again = (await send(server, 'POST', '/realms/keys-a/auth/api-key/token', undefined, bearer(other.api_key))).json().access_token;
      assert.equal(errorCode(await send(server, 'POST', '/realms/keys-a/auth/step-up', undefined, bearer(again))), 'flow.method_not_allowed');
      assert.equal((await validate(again)).statusCode, 200);
      await patchRealm('keys-a', { api_keys: { token_minutes: 0 } });
      assert.equal((await validate(again)).statusCode, 401);
    });

    // Next to last: it moves the clock most of a day (the operator's token expires with it).
    it('exchanges a key for no more than it may do: limited keys are refused, the token ends with its key, and mints no keys', async () => {
      await patchRealm('keys-a', { api_keys: { token_minutes: 60 } });
      const user = await signedInUser();
      const exchange = (key: string) => send(server, 'POST', '/realms/keys-a/auth/api-key/token', undefined, bearer(key));
      // Found by review: a token acts as the user, so a key's capabilities or service would be dropped.
      for (const limits of [{ capabilities: { read: 'allow', delete: 'deny' } }, { service: 'billing' }]) {
        const limited = (await create(user.token, { name: 'limited', ...limits })).json();
        const refused = await exchange(limited.api_key);
        assert.equal(errorCode(refused), 'api_key.exchange_disabled', JSON.stringify(limits));
      }
      const { api_key } = (await create(user.token, { name: 'day', expires_in_days: 1 })).json();
      const exchanged = (await exchange(api_key)).json();
      assert.equal(exchanged.expires_in, 3600);
      // A token that signed no one in makes no keys (they could outlive or outreach the one it came from).
      assert.equal(errorCode(await create(exchanged.access_token, { name: 'forever' })), 'auth.step_up_required');
      server.clock.advance(86_400_000 - 10 * 60_000);
      assert.equal((await exchange(api_key)).json().expires_in, 600, 'no longer than the key has left');
      assert.equal(errorCode(await create(user.token, { name: 'late' })), 'auth.invalid_token', 'the user\u2019s own token has expired meanwhile');
      server.clock.advance(10 * 60_000 - 30_000);
      assert.equal(errorCode(await exchange(api_key)), 'api_key.exchange_disabled');
    });

    // Last: moving the clock a day on expires every token of the suite.
    it('refuses a key from its expiry on, cached or not', async () => {
      const user = await signedInUser();
      const { api_key } = (await create(user.token, { name: 'short', expires_in_days: 1 })).json();
      assert.equal((await validate(api_key)).statusCode, 200);
      server.clock.advance(86_400_000 - 1);
      assert.equal((await validate(api_key)).statusCode, 200);
      server.clock.advance(1);
      assert.equal((await validate(api_key)).statusCode, 401);
    });
  });
}
