import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { noOrigin } from '../../src/events/event-log.ts';
import { hashToken } from '../../src/platform/opaque-tokens.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, serverPerSuite, type TestServer } from '../support/server.ts';
import { device, machine, native, spa, web } from './application-fixtures.ts';

/** The admin API of applications: CRUD, every kind's rules, redirect URIs, secrets, isolation, events. */
for (const dialect of dialects) {
  describe(`admin applications API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realm: Realm;
    let other: Realm;
    const url = (r: Realm, path = '') => `/admin/v1/realms/${r.slug}/applications${path}`;
    let headers: Record<string, string>;
    /** A fresh operator token: a test that moves the clock outlives the first one. */
    const signInAgain = async () => {
      headers = bearer((await server.login('admin', ADMIN_EMAIL, ADMIN_PASSWORD)).access_token);
    };
    const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: unknown) => send(server, method, path, payload, headers);
    const create = async (body: unknown, r = realm) => {
      const response = await admin('POST', url(r), body);
      assert.equal(response.statusCode, 201, response.body);
      return response.json();
    };
    const refused = async (body: unknown, code: string, field?: string) => {
      const response = await admin('POST', url(realm), body);
      assert.equal(response.statusCode, 400, `${JSON.stringify(body)} → ${response.body}`);
      assert.equal(errorCode(response), code, response.body);
      if (field) assert.equal(response.json().error.details[0].field, field, response.body);
    };

    before(async () => {
      await signInAgain();
      realm = await newRealm(server, 'Apps A');
      other = await newRealm(server, 'Apps B');
    });

    it('creates, reads, lists, changes and deletes an application', async () => {
      const created = await create(spa);
      assert.equal(created.kind, 'spa');
      assert.equal(created.id, created.client_id);
      assert.equal(created.client_secret, undefined);
      assert.deepEqual(created.allowed_cors_origins, ['https://shop.example.com']);
      assert.deepEqual(created.cors_origins, []);
      const got = await admin('GET', url(realm, `/${created.id}`));
      assert.equal(got.statusCode, 200, got.body);
      assert.deepEqual(got.json(), created);

      const changed = await admin('PATCH', url(realm, `/${created.id}`), { name: ' Shop ', cors_origins: ['https://static.example.com'], logo_url: 'https://cdn.example.com/logo.png' });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal(changed.json().name, 'Shop');
      assert.equal(changed.json().version, 2);
      assert.deepEqual(changed.json().allowed_cors_origins, ['https://shop.example.com', 'https://static.example.com']);
      // Nothing changed: no new version.
      assert.equal((await admin('PATCH', url(realm, `/${created.id}`), { name: 'Shop' })).json().version, 2);

      const deleted = await admin('DELETE', url(realm, `/${created.id}`));
      assert.equal(deleted.statusCode, 204);
      const gone = await admin('GET', url(realm, `/${created.id}`));
      assert.equal(gone.statusCode, 404);
      assert.equal(errorCode(gone), 'application.not_found');
      assert.equal((await admin('DELETE', url(realm, `/${created.id}`))).statusCode, 404);

      const types = (await server.services.events.list(server.database.db, realm.id, {}, { limit: 50 })).items.map((e) => e.type);
      for (const type of ['application.created', 'application.updated', 'application.deleted']) assert.ok(types.includes(type), type);
    });

    it('lists oldest first in pages, with a name prefix search', async () => {
      const listed = await newRealm(server, 'Apps list');
      const names = ['Alpha', 'beta', 'Alps', 'Gamma'];
      for (const name of names) {
        await create({ ...machine, name }, listed);
        server.clock.advance(1);
      }
      const first = await admin('GET', `${url(listed)}?limit=3`);
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json().items.map((a: { name: string }) => a.name), ['Alpha', 'beta', 'Alps']);
      const second = await admin('GET', `${url(listed)}?limit=3&cursor=${first.json().next_cursor}`);
      assert.deepEqual(second.json().items.map((a: { name: string }) => a.name), ['Gamma']);
      assert.equal(second.json().next_cursor, null);
      const search = await admin('GET', `${url(listed)}?q=ALP`);
      assert.deepEqual(search.json().items.map((a: { name: string }) => a.name), ['Alpha', 'Alps']);
      await create({ ...web, name: 'Alpine web' }, listed);
      const machines = await admin('GET', `${url(listed)}?q=alp&kind=machine`);
      assert.deepEqual(machines.json().items.map((a: { name: string; kind: string }) => `${a.name} ${a.kind}`), ['Alpha machine', 'Alps machine']);
      assert.deepEqual((await admin('GET', `${url(listed)}?kind=web`)).json().items.map((a: { name: string }) => a.name), ['Alpine web']);
      assert.equal((await admin('GET', `${url(listed)}?kind=robot`)).statusCode, 400);
      assert.equal((await admin('GET', `${url(listed)}?cursor=forged`)).statusCode, 400);
      assert.equal((await admin('GET', `${url(listed)}?q=`)).statusCode, 400);
    });

    it('shows a secret once, stores only its hash, and rotates it with a grace period', async () => {
      const created = await create(web);
      const secret: string = created.client_secret;
      assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(created.has_secret, true);
      const got = await admin('GET', url(realm, `/${created.id}`));
      assert.ok(!got.body.includes(secret));
      assert.equal(got.json().client_secret, undefined);
      const listed = await admin('GET', url(realm));
      assert.ok(!listed.body.includes(secret));
      const row = await server.database.db.selectFrom('applications').selectAll().where('client_id', '=', created.id).executeTakeFirstOrThrow();
      assert.equal(row.secret_hash, hashToken(secret));

      const rotated = await admin('POST', url(realm, `/${created.id}/secret`));
      assert.equal(rotated.statusCode, 200, rotated.body);
      const next: string = rotated.json().client_secret;
      assert.notEqual(next, secret);
      const directory = server.services.applications;
      assert.equal((await directory.secretChecker(realm.id, created.id))(secret), true);
      assert.equal((await directory.secretChecker(realm.id, created.id))(next), true);
      assert.equal(rotated.json().previous_secret_expires_at, new Date(server.clock.now() + 3600_000).toISOString());
      server.clock.advance(3600_000);
      assert.equal((await directory.secretChecker(realm.id, created.id))(secret), false);
      assert.equal((await directory.secretChecker(realm.id, created.id))(next), true);
      await signInAgain();

      const withGrace = await admin('POST', url(realm, `/${created.id}/secret`), { grace_seconds: 10 });
      assert.equal(withGrace.statusCode, 200);
      assert.equal((await admin('POST', url(realm, `/${created.id}/secret`), { grace_seconds: 30 * 86400 + 1 })).statusCode, 400);
      assert.equal((await admin('POST', url(realm, `/${created.id}/secret`), { grace_seconds: '10' })).statusCode, 400);
      const publicApp = await create(native);
      const noSecret = await admin('POST', url(realm, `/${publicApp.id}/secret`), {});
      assert.equal(noSecret.statusCode, 422);
      assert.equal(errorCode(noSecret), 'application.no_secret');

      const events = await server.services.events.list(server.database.db, realm.id, {}, { limit: 200 });
      const rotations = events.items.filter((e) => e.type === 'application.secret_rotated');
      assert.deepEqual(rotations.map((e) => e.details.grace_seconds).sort(), [10, 3600]);
      const logged = JSON.stringify(events.items);
      for (const shown of [secret, next, withGrace.json().client_secret]) assert.ok(!logged.includes(shown));
    });

    it('issues a secret when a change switches to a secret method, and forgets it when switching away', async () => {
      const jwk = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };
      const created = await create({ ...web, token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [jwk] } });
      assert.equal(created.client_secret, undefined);
      assert.equal(created.has_secret, false);
      // The same keys again are no change, on PostgreSQL too (jsonb reorders an object's members).
      const same = await admin('PATCH', url(realm, `/${created.id}`), { jwks: { keys: [jwk] } });
      assert.equal(same.statusCode, 200, same.body);
      assert.equal(same.json().version, 1);
      const switched = await admin('PATCH', url(realm, `/${created.id}`), { token_endpoint_auth_method: 'client_secret_post', jwks: null });
      assert.equal(switched.statusCode, 200, switched.body);
      assert.match(switched.json().client_secret, /^[A-Za-z0-9_-]{43}$/);
      const again = await admin('PATCH', url(realm, `/${created.id}`), { name: 'Renamed' });
      assert.equal(again.json().client_secret, undefined);
      const back = await admin('PATCH', url(realm, `/${created.id}`), { token_endpoint_auth_method: 'private_key_jwt', jwks_uri: 'https://portal.example.com/jwks.json' });
      assert.equal(back.statusCode, 200, back.body);
      assert.equal(back.json().has_secret, false);
      assert.equal((await server.services.applications.secretChecker(realm.id, created.id))(switched.json().client_secret), false);
    });

    it('keeps redirect URIs exactly as registered and refuses unsafe ones', async () => {
      const uris = ['https://app.example.com/cb', 'https://app.example.com/cb/', 'https://App.example.com/CB', 'http://localhost:8080/cb', 'http://127.0.0.1/cb', 'http://[::1]:3000/cb'];
      const created = await create({ ...web, redirect_uris: uris });
      assert.deepEqual(created.redirect_uris, uris);
      for (const uri of uris) assert.equal(await server.services.applications.isRegisteredReturnUri(realm.id, uri, 'redirect'), true, uri);
      assert.equal(await server.services.applications.isRegisteredReturnUri(realm.id, 'https://app.example.com/CB', 'redirect'), false);
      const bad = [
        'https://good@evil.example.com/cb',
        'https://@evil.example.com/cb',
        'https://app.example.com/cb#frag',
        'https://*.example.com/cb',
        'https://app.example.com/*',
        'http://app.example.com/cb',
        'javascript:alert(1)',
        'data:text/html,hi',
        'file:///etc/passwd',
        '/relative/cb',
        'https:///no-host',
        'https://app.example.com/a b',
        'com.example.app:/callback',
        'myapp:/callback',
      ];
      for (const uri of bad) await refused({ ...web, redirect_uris: [uri] }, 'application.invalid_redirect_uris', 'redirect_uris[0]');
      await refused({ ...web, redirect_uris: ['https://a.example.com/cb', 'https://a.example.com/cb'] }, 'application.invalid_redirect_uris');
      await refused({ ...web, post_logout_redirect_uris: ['https://good@evil.example.com/'] }, 'application.invalid_post_logout_redirect_uris', 'post_logout_redirect_uris[0]');
      // Native apps: private-use reverse-domain schemes and loopback, not bare custom schemes.
      const app = await create({ ...native, redirect_uris: ['com.example.app:/callback', 'http://127.0.0.1:51000/cb'] });
      assert.deepEqual(app.redirect_uris, ['com.example.app:/callback', 'http://127.0.0.1:51000/cb']);
      await refused({ ...native, redirect_uris: ['myapp:/callback'] }, 'application.invalid_redirect_uris');
      await refused({ ...native, redirect_uris: ['javascript:alert(1)'] }, 'application.invalid_redirect_uris');
      await refused({ kind: 'spa', name: 'No URIs' }, 'application.invalid_redirect_uris', 'redirect_uris');
      const tooMany = Array.from({ length: 101 }, (_, i) => `https://app.example.com/${i}`);
      assert.equal((await admin('POST', url(realm), { ...web, redirect_uris: tooMany })).statusCode, 400);
      assert.equal((await admin('POST', url(realm), { ...web, redirect_uris: [`https://app.example.com/${'x'.repeat(2000)}`] })).statusCode, 400);
    });

    it('allows http only on loopback as written, not other spellings a URL parser also takes for it', async () => {
      for (const uri of ['http://127.1/cb', 'http://0x7f.0.0.1/cb', 'http://2130706433/cb', 'http://127.0.0.1./cb', 'http://%6c%6fcalhost/cb', 'http://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54/cb', 'http://[0:0:0:0:0:0:0:1]/cb', 'http://localhost\\evil.example.com/cb']) {
        await refused({ ...native, redirect_uris: [uri] }, 'application.invalid_redirect_uris', 'redirect_uris[0]');
      }
      await refused({ ...web, backchannel_logout_uri: 'http://127.1/logout' }, 'application.invalid_backchannel_logout_uri', 'backchannel_logout_uri');
      const loopback = ['http://localhost:8080/cb', 'HTTP://LOCALHOST/cb', 'http://127.0.0.1:51000/cb', 'http://[::1]/cb'];
      assert.deepEqual((await create({ ...native, redirect_uris: loopback })).redirect_uris, loopback);
    });

    it('refuses characters a URI cannot hold, and userinfo in a private-use scheme', async () => {
      for (const uri of ['https://app.example.com/a\u00a0b', 'https://app.example.com/\u2028', 'https://app.example.com/cb\ufeff', 'https://ex\u00e4mple.com/cb', 'https://app.example.com\\cb', 'https://app.example.com/"><x', 'https://app.example.com/{cb}']) {
        await refused({ ...web, redirect_uris: [uri] }, 'application.invalid_redirect_uris', 'redirect_uris[0]');
      }
      await refused({ ...native, redirect_uris: ['com.example.app://user@evil.example.com/cb'] }, 'application.invalid_redirect_uris', 'redirect_uris[0]');
      const fine = ['https://app.example.com/cb?a=1&b=%C3%A4', 'com.example.app://callback', "https://app.example.com/!$'()+,;=~-._:@"];
      assert.deepEqual((await create({ ...native, redirect_uris: fine.slice(1) })).redirect_uris, fine.slice(1));
      assert.deepEqual((await create({ ...web, redirect_uris: [fine[0], fine[2]] })).redirect_uris, [fine[0], fine[2]]);
    });

    it('refuses settings that do not fit the kind, naming the field', async () => {
      await refused({ ...machine, redirect_uris: ['https://m.example.com/cb'] }, 'application.invalid_redirect_uris', 'redirect_uris');
      await refused({ ...device, redirect_uris: ['https://d.example.com/cb'] }, 'application.invalid_redirect_uris', 'redirect_uris');
      await refused({ ...machine, grant_types: ['client_credentials', 'refresh_token'] }, 'application.invalid_grant_types', 'grant_types');
      await refused({ ...web, grant_types: ['client_credentials'] }, 'application.invalid_grant_types', 'grant_types');
      await refused({ ...spa, grant_types: ['refresh_token'] }, 'application.invalid_grant_types', 'grant_types');
      await refused({ ...spa, token_endpoint_auth_method: 'client_secret_basic' }, 'application.invalid_token_endpoint_auth_method', 'token_endpoint_auth_method');
      await refused({ ...device, token_endpoint_auth_method: 'client_secret_post' }, 'application.invalid_token_endpoint_auth_method');
      await refused({ ...web, token_endpoint_auth_method: 'none' }, 'application.invalid_token_endpoint_auth_method');
      await refused({ ...web, token_endpoint_auth_method: 'private_key_jwt' }, 'application.invalid_jwks', 'jwks');
      await refused({ ...web, token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } }, 'application.invalid_jwks', 'jwks.keys[0]');
      await refused({ ...web, token_endpoint_auth_method: 'private_key_jwt', jwks_uri: 'http://keys.example.com/jwks' }, 'application.invalid_jwks', 'jwks_uri');
      await refused({ ...web, jwks_uri: 'https://keys.example.com/jwks' }, 'application.invalid_jwks', 'jwks_uri');
      await refused({ ...machine, scopes: ['openid'] }, 'application.invalid_scopes', 'scopes');
      await refused({ ...web, grant_types: ['authorization_code'], scopes: ['openid', 'offline_access'] }, 'application.invalid_scopes', 'scopes');
      await refused({ ...web, grant_types: ['authorization_code'], scopes: ['openid'], refresh_token_days: 5 }, 'application.invalid_token_lifetimes', 'refresh_token_days');
      await refused({ ...web, cors_origins: ['https://portal.example.com'] }, 'application.invalid_cors_origins', 'cors_origins');
      await refused({ ...spa, cors_origins: ['https://shop.example.com/'] }, 'application.invalid_cors_origins', 'cors_origins[0]');
      await refused({ ...machine, frame_origins: ['https://m.example.com'] }, 'application.invalid_frame_origins', 'frame_origins');
      // They go into frame-ancestors as they are: nothing that would end or widen it (found by review).
      for (const origin of ['https://*', "https://'self'", 'https://a.example;script-src']) {
        await refused({ ...web, frame_origins: [origin] }, 'application.invalid_frame_origins', 'frame_origins[0]');
      }
      await refused({ ...machine, backchannel_logout_uri: 'https://m.example.com/logout' }, 'application.invalid_backchannel_logout_uri');
      await refused({ ...web, backchannel_logout_uri: 'http://portal.example.com/logout' }, 'application.invalid_backchannel_logout_uri');
      await refused({ ...web, logo_url: 'http://cdn.example.com/logo.png' }, 'application.invalid_logo_url', 'logo_url');
      await refused({ ...web, name: '   ' }, 'application.invalid_name', 'name');
      await refused({ ...web, access_token_audience: ' api' }, 'application.invalid_access_token_audience');
      // The schema's own refusals: unknown fields, kinds, scopes, lifetimes out of range, long names.
      for (const body of [{ ...web, extra: 1 }, { ...web, kind: 'robot' }, { ...web, scopes: ['admin'] }, { ...web, access_token_minutes: 0 }, { ...web, name: 'n'.repeat(201) }, { name: 'No kind' }]) {
        const response = await admin('POST', url(realm), body);
        assert.equal(response.statusCode, 400, `${JSON.stringify(body)} → ${response.body}`);
      }
      // A PATCH is checked as a whole, and the kind cannot change.
      const app = await create(machine);
      const patch = await admin('PATCH', url(realm, `/${app.id}`), { redirect_uris: ['https://m.example.com/cb'] });
      assert.equal(errorCode(patch), 'application.invalid_redirect_uris');
      assert.equal((await admin('PATCH', url(realm, `/${app.id}`), { kind: 'web' })).statusCode, 400);
      assert.equal((await admin('GET', url(realm, `/${app.id}`))).json().version, 1);
    });

    it("never reaches another realm's application", async () => {
      const mine = await create(web);
      for (const [method, path, body] of [
        ['GET', '', undefined],
        ['PATCH', '', { name: 'Stolen' }],
        ['DELETE', '', undefined],
        ['POST', '/secret', {}],
      ] as const) {
        const response = await admin(method, url(other, `/${mine.id}${path}`), body);
        assert.equal(response.statusCode, 404, `${method} ${path}: ${response.body}`);
        assert.equal(errorCode(response), 'application.not_found');
      }
      assert.equal((await admin('GET', url(realm, `/${mine.id}`))).json().name, web.name);
      assert.ok(!(await admin('GET', url(other))).body.includes(mine.id));
    });

    it('applies concurrent changes one after the other', async () => {
      const app = await create(web);
      const [a, b] = await Promise.all([
        admin('PATCH', url(realm, `/${app.id}`), { name: 'First' }),
        admin('PATCH', url(realm, `/${app.id}`), { logo_url: 'https://cdn.example.com/x.png' }),
      ]);
      assert.equal(a.statusCode, 200, a.body);
      assert.equal(b.statusCode, 200, b.body);
      const final = (await admin('GET', url(realm, `/${app.id}`))).json();
      assert.equal(final.version, 3);
      assert.equal(final.name, 'First');
      assert.equal(final.logo_url, 'https://cdn.example.com/x.png');
    });

    it("drops a user's consents when the user or the application is deleted", async () => {
      const app = await create(spa);
      const kept = await create({ ...spa, name: 'Kept' });
      const user = await server.services.users.create(realm, { email: 'consenting@example.com' }, operator);
      await server.services.applications.recordConsent(realm.id, user.id, app.id, ['openid'], noOrigin);
      await server.services.applications.recordConsent(realm.id, user.id, kept.id, ['openid'], noOrigin);
      const second = await server.services.users.create(realm, { email: 'second@example.com' }, operator);
      await server.services.applications.recordConsent(realm.id, second.id, kept.id, ['openid'], noOrigin);
      assert.equal((await admin('DELETE', url(realm, `/${app.id}`))).statusCode, 204);
      const consents = () => server.database.db.selectFrom('application_consents').select(['application_id', 'user_id']).where('realm_id', '=', realm.id).execute();
      assert.deepEqual((await consents()).map((c) => c.application_id).sort(), [kept.id, kept.id]);
      assert.equal((await admin('DELETE', `/admin/v1/realms/${realm.slug}/users/${user.id}`)).statusCode, 204);
      assert.deepEqual((await consents()).map((c) => [c.application_id, c.user_id]), [[kept.id, second.id]]);
    });
  });
}

async function newRealm(server: TestServer, name: string): Promise<Realm> {
  const response = await send(server, 'POST', '/admin/v1/realms', { name }, server.adminHeaders);
  assert.equal(response.statusCode, 201, response.body);
  const realm = await server.services.lookup.resolve(response.json().id);
  assert.ok(realm);
  return realm;
}
