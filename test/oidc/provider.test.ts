import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { noOrigin } from '../../src/events/event-log.ts';
import { operator } from '../support/fixtures.ts';
import { dialects } from '../support/databases.ts';
import { settle } from '../support/watched-statements.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { basic, decodeJwt, form, oidcServerPerSuite } from './oidc-fixtures.ts';

/** Step 1 and 2: a provider per realm, its discovery and JWKS from the key ring, client credentials with JWT access tokens. */
for (const dialect of dialects) {
  describe(`OpenID Connect provider on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect);
    let realm: Realm;
    let issuer: string;

    before(async () => {
      realm = await server.services.realms.create({ name: 'Shop', slug: 'shop' }, operator);
      issuer = `${server.baseUrl}/realms/${realm.id}`;
    });

    const get = (path: string, init?: RequestInit) => fetch(`${server.baseUrl}${path}`, { redirect: 'manual', ...init });
    const clientCredentials = (clientId: string, secret: string, extra: Record<string, string> = {}, realmId = realm.id) =>
      get(`/realms/${realmId}/oidc/token`, { method: 'POST', headers: { authorization: basic(clientId, secret), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', ...extra }) });

    it('publishes discovery for the realm: issuer, endpoints under /oidc, code flow with S256 only', async () => {
      const response = await get(`/realms/${realm.id}/.well-known/openid-configuration`);
      assert.equal(response.status, 200);
      const metadata = (await response.json()) as Record<string, unknown>;
      assert.equal(metadata.issuer, issuer);
      for (const [field, path] of Object.entries({
        authorization_endpoint: '/oidc/auth',
        token_endpoint: '/oidc/token',
        userinfo_endpoint: '/oidc/userinfo',
        jwks_uri: '/oidc/jwks',
        introspection_endpoint: '/oidc/token/introspection',
        revocation_endpoint: '/oidc/token/revocation',
        end_session_endpoint: '/oidc/session/end',
        device_authorization_endpoint: '/oidc/device/auth',
        pushed_authorization_request_endpoint: '/oidc/request',
      })) {
        assert.equal(metadata[field], `${issuer}${path}`, field);
      }
      assert.deepEqual(metadata.response_types_supported, ['code']);
      assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
      assert.deepEqual(metadata.scopes_supported, ['openid', 'profile', 'email', 'phone', 'offline_access']);
      assert.equal(metadata.authorization_response_iss_parameter_supported, true);
      assert.equal(metadata.backchannel_logout_supported, true);
      assert.ok((metadata.id_token_signing_alg_values_supported as string[]).includes('ES256'));
      assert.ok(!(metadata.token_endpoint_auth_methods_supported as string[]).includes('client_secret_jwt'));
      assert.ok((metadata.grant_types_supported as string[]).includes('urn:ietf:params:oauth:grant-type:device_code'));
    });

    it('publishes the realm key ring as JWKS (public parts only), and a rotation is seen at once', async () => {
      const native = (await (await get(`/realms/${realm.id}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
      const first = (await (await get(`/realms/${realm.id}/oidc/jwks`)).json()) as { keys: Record<string, unknown>[] };
      assert.deepEqual(first.keys.map((k) => k.kid), native.keys.map((k) => k.kid));
      assert.ok(first.keys.every((k) => k.d === undefined && k.use === 'sig' && k.alg === 'ES256'));
      await server.services.realms.rotateKeys(realm.id, operator);
      const rotated = (await (await get(`/realms/${realm.id}/oidc/jwks`)).json()) as { keys: Record<string, unknown>[] };
      assert.equal(rotated.keys.length, 2);
      assert.equal(rotated.keys[1].kid, first.keys[0].kid, 'the retired key keeps being published');
      const active = await server.services.keys.activeKey(realm.id);
      assert.equal(rotated.keys[0].kid, active.kid, 'the new active key first');
    });

    it('follows an algorithm change: the new key signs, the old one stays published while it verifies', async () => {
      const changing = await server.services.realms.create({ name: 'Changing', slug: 'changing' }, operator);
      const discovery = async () => (await (await get(`/realms/${changing.id}/.well-known/openid-configuration`)).json()) as Record<string, string[]>;
      assert.deepEqual((await discovery()).id_token_signing_alg_values_supported, ['ES256']);
      const before = (await (await get(`/realms/${changing.id}/oidc/jwks`)).json()) as { keys: Record<string, unknown>[] };
      await server.services.realms.update(changing.id, { tokens: { algorithm: 'RS256' } } as never, operator);
      assert.deepEqual((await discovery()).id_token_signing_alg_values_supported, ['RS256']);
      const after = (await (await get(`/realms/${changing.id}/oidc/jwks`)).json()) as { keys: Record<string, unknown>[] };
      assert.deepEqual(after.keys.map((k) => k.alg), ['RS256', 'ES256']);
      assert.equal(after.keys[1].kid, before.keys[0].kid);
      const { app, secret } = await server.apps.add(changing, { kind: 'machine' });
      const token = (await (await clientCredentials(app.clientId, secret, {}, changing.id)).json()) as { access_token: string };
      assert.equal(decodeJwt(token.access_token).header.alg, 'RS256');
      await server.services.realms.update(changing.id, { tokens: { algorithm: 'HS256' } } as never, operator);
      assert.equal((await get(`/realms/${changing.id}/oidc/jwks`)).status, 400, 'HS256 turns the provider off');
    });

    it('redirects a slug to the id path (308), hides inactive realms, refuses HS256 realms', async () => {
      const slug = await get(`/realms/shop/.well-known/openid-configuration?x=1`);
      assert.equal(slug.status, 308);
      assert.equal(slug.headers.get('location'), `/realms/${realm.id}/.well-known/openid-configuration?x=1`);
      const slugEndpoint = await get(`/realms/shop/oidc/jwks`);
      assert.equal(slugEndpoint.headers.get('location'), `/realms/${realm.id}/oidc/jwks`);

      const unknown = await get(`/realms/nope/.well-known/openid-configuration`);
      assert.equal(unknown.status, 404);
      assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'realm.not_found');

      const dormant = await server.services.realms.create({ name: 'Dormant', slug: 'dormant' }, operator);
      assert.equal((await get(`/realms/${dormant.id}/oidc/jwks`)).status, 200);
      await server.services.realms.update(dormant.id, { state: 'inactive' }, operator);
      const inactive = await get(`/realms/${dormant.id}/oidc/jwks`);
      assert.equal(inactive.status, 404);

      const hs = await server.services.realms.create({ name: 'Shared', slug: 'shared', tokens: { algorithm: 'HS256' } } as never, operator);
      const refused = await get(`/realms/${hs.id}/.well-known/openid-configuration`);
      assert.equal(refused.status, 400);
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'oidc.unavailable');
      const refusedToken = await get(`/realms/${hs.id}/oidc/token`, { method: 'POST', ...form({ grant_type: 'client_credentials' }) });
      assert.equal(refusedToken.status, 400);
    });

    it('issues a JWT access token (at+jwt, realm key) for client credentials', async () => {
      const { app, secret } = await server.apps.add(realm, { kind: 'machine' });
      const response = await clientCredentials(app.clientId, secret);
      assert.equal(response.status, 200, await response.clone().text());
      const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
      assert.equal(body.token_type, 'Bearer');
      assert.equal(body.expires_in, realm.tokens.access_token_minutes * 60);
      const { header, payload } = decodeJwt(body.access_token);
      assert.equal(header.typ, 'at+jwt');
      assert.equal(header.kid, (await server.services.keys.activeKey(realm.id)).kid);
      assert.equal(payload.iss, issuer);
      assert.equal(payload.aud, issuer);
      assert.equal(payload.client_id, app.clientId);
      assert.equal(payload.sub, app.clientId);
      const jwks = createLocalJWKSet((await (await get(`/realms/${realm.id}/oidc/jwks`)).json()) as never);
      await jwtVerify(body.access_token, jwks, { issuer, typ: 'at+jwt' });
    });

    it('refuses a wrong secret, an unknown or disabled client, and a client of another realm', async () => {
      const { app, secret } = await server.apps.add(realm, { kind: 'machine' });
      const wrong = await clientCredentials(app.clientId, `${secret}x`);
      assert.equal(wrong.status, 401);
      assert.equal(((await wrong.json()) as { error: string }).error, 'invalid_client');
      assert.equal((await clientCredentials('nobody', secret)).status, 401);

      const other = await server.services.realms.create({ name: 'Other', slug: 'other' }, operator);
      assert.equal((await clientCredentials(app.clientId, secret, {}, other.id)).status, 401, "a realm does not know another realm's clients");

      await server.apps.update(realm, app.clientId, { enabled: false });
      assert.equal((await clientCredentials(app.clientId, secret)).status, 401, 'a disabled application is an unknown client');
    });

    it('a rotated secret reaches the provider at once: the new one works, the old one only within its grace', async () => {
      const { app, secret } = await server.apps.add(realm, { kind: 'machine' });
      assert.equal((await clientCredentials(app.clientId, secret)).status, 200, 'the provider has read the secret');
      const graced = await server.services.applications.rotateSecret(realm, app.clientId, 60, operator, noOrigin);
      assert.equal((await clientCredentials(app.clientId, graced.clientSecret!)).status, 200);
      assert.equal((await clientCredentials(app.clientId, secret)).status, 200, 'within the grace period');
      const ended = await server.services.applications.rotateSecret(realm, app.clientId, 0, operator, noOrigin);
      assert.equal((await clientCredentials(app.clientId, ended.clientSecret!)).status, 200);
      assert.equal((await clientCredentials(app.clientId, graced.clientSecret!)).status, 401, 'no grace: the previous secret stops at once');
      assert.equal((await clientCredentials(app.clientId, secret)).status, 401);
    });

    it('reads an application again after a few seconds, should the message that it changed be lost', async () => {
      const { app, secret } = await server.apps.add(realm, { kind: 'machine' });
      assert.equal((await clientCredentials(app.clientId, secret)).status, 200);
      // Switched off behind the services' back: no invalidation message reaches the provider.
      await server.database.db.updateTable('applications').set({ enabled: false }).where('realm_id', '=', realm.id).where('client_id', '=', app.clientId).execute();
      assert.equal((await clientCredentials(app.clientId, secret)).status, 200, 'still the application it read');
      server.clock.advance(11_000);
      assert.equal((await clientCredentials(app.clientId, secret)).status, 401, 'read again: switched off');
    });

    it('reads a busy application again behind its copy in the last quarter of those seconds', async () => {
      const { app, secret } = await server.apps.add(realm, { kind: 'machine' });
      assert.equal((await clientCredentials(app.clientId, secret)).status, 200);
      await server.database.db.updateTable('applications').set({ enabled: false }).where('realm_id', '=', realm.id).where('client_id', '=', app.clientId).execute();
      server.clock.advance(8_000);
      assert.equal((await clientCredentials(app.clientId, secret)).status, 200, 'answered from the copy at once');
      await settle();
      assert.equal((await clientCredentials(app.clientId, secret)).status, 401, 'the read behind it found it switched off before the copy ran out');
    });

    it('introspects and revokes its JWT access tokens; another realm cannot', async () => {
      const { app, secret } = await server.apps.add(realm, { kind: 'machine' });
      const { access_token: token } = (await (await clientCredentials(app.clientId, secret)).json()) as { access_token: string };
      const introspect = async (realmId = realm.id, clientId = app.clientId, clientSecret = secret) =>
        (await (await get(`/realms/${realmId}/oidc/token/introspection`, { method: 'POST', headers: { authorization: basic(clientId, clientSecret), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) })).json()) as Record<string, unknown>;
      const live = await introspect();
      assert.equal(live.active, true);
      assert.equal(live.client_id, app.clientId);

      const other = await server.services.realms.create({ name: 'Elsewhere', slug: 'elsewhere' }, operator);
      const stranger = await server.apps.add(other, { kind: 'machine' });
      assert.equal((await introspect(other.id, stranger.app.clientId, stranger.secret)).active, false, "realm A's token is nothing at realm B");

      const [head, body] = token.split('.');
      const forged = `${head}.${body}.${Buffer.from('forged').toString('base64url')}`;
      const forgedAnswer = (await (await get(`/realms/${realm.id}/oidc/token/introspection`, { method: 'POST', headers: { authorization: basic(app.clientId, secret), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: forged }) })).json()) as Record<string, unknown>;
      assert.equal(forgedAnswer.active, false);

      const huge = await get(`/realms/${realm.id}/oidc/token/introspection`, { method: 'POST', headers: { authorization: basic(app.clientId, secret), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token, padding: 'x'.repeat(60 * 1024) }) });
      assert.equal(huge.status, 400);
      assert.equal(((await huge.json()) as { error: string }).error, 'invalid_request');

      const revoked = await get(`/realms/${realm.id}/oidc/token/revocation`, { method: 'POST', headers: { authorization: basic(app.clientId, secret), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });
      assert.equal(revoked.status, 200);
      assert.equal((await introspect()).active, false);
    });

    it('records nothing for a client-credentials token, yet introspects it, revokes it, and ends it with its application', async () => {
      const { app, secret } = await server.apps.add(realm, { kind: 'machine' });
      const rows = async () => Number((await server.database.db.selectFrom('oidc_models').select((eb) => eb.fn.countAll().as('n')).where('realm_id', '=', realm.id).executeTakeFirstOrThrow()).n);
      const before = await rows();
      const issue = async () => ((await (await clientCredentials(app.clientId, secret)).json()) as { access_token: string }).access_token;
      const [first, second, third] = [await issue(), await issue(), await issue()];
      assert.equal(await rows(), before, 'the token endpoint wrote nothing');
      const introspect = async (token: string, clientId = app.clientId, clientSecret = secret) =>
        (await (await get(`/realms/${realm.id}/oidc/token/introspection`, { method: 'POST', headers: { authorization: basic(clientId, clientSecret), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) })).json()) as Record<string, unknown>;
      const answer = await introspect(first);
      assert.equal(answer.active, true);
      assert.equal(answer.client_id, app.clientId);
      assert.equal(answer.exp, decodeJwt(first).payload.exp);

      // Only the client it was issued to may revoke it; another client's attempt changes nothing.
      const stranger = await server.apps.add(realm, { kind: 'machine' });
      await get(`/realms/${realm.id}/oidc/token/revocation`, { method: 'POST', headers: { authorization: basic(stranger.app.clientId, stranger.secret), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: first }) });
      assert.equal((await introspect(first)).active, true);
      const revoked = await get(`/realms/${realm.id}/oidc/token/revocation`, { method: 'POST', headers: { authorization: basic(app.clientId, secret), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: first }) });
      assert.equal(revoked.status, 200);
      assert.equal((await introspect(first)).active, false, 'revoked');
      assert.equal((await introspect(second)).active, true, 'the others live on');
      assert.equal((await introspect(second, stranger.app.clientId, stranger.secret)).active, true, 'a resource server (confidential client) may ask');

      // Switched off, its tokens die, and stay dead when it is switched on again; new ones work.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await server.apps.update(realm, app.clientId, { enabled: false });
      assert.equal((await introspect(second, stranger.app.clientId, stranger.secret)).active, false, 'its application is off');
      await server.apps.update(realm, app.clientId, { enabled: true });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal((await introspect(third)).active, false, 'issued before it was switched off');
      assert.equal((await introspect(await issue())).active, true, 'issued after');
    });

    it('keeps one provider per realm and drops it when idle', async () => {
      await get(`/realms/${realm.id}/oidc/jwks`);
      const oidc = server.services.oidc!;
      const live = oidc.liveProviders;
      assert.ok(live >= 1);
      server.clock.advance(11 * 60_000);
      const fresh = await server.services.realms.create({ name: 'Fresh', slug: 'fresh' }, operator);
      await get(`/realms/${fresh.id}/oidc/jwks`);
      assert.equal(oidc.liveProviders, 1, 'the idle ones were dropped');
    });
  });
}
