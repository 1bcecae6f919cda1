import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { IDP_CERT, SamlIdp } from './saml/saml-idp.ts';

const APPLE_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

/** The realm's identity providers as operators manage them: presets, the three kinds, sealed secrets, events. */
for (const dialect of dialects) {
  describe(`identity providers admin API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realm: Realm;
    let other: Realm;
    let counter = 0;

    const url = (target: Realm, path = '') => `/admin/v1/realms/${target.slug}/identity-providers${path}`;
    const add = (body: Record<string, unknown>, target = realm) => send(server, 'POST', url(target), { display_name: 'Sign in', ...body }, server.adminHeaders);
    const slug = () => `idp-${++counter}`;
    const eventsOf = async (type: string) => (await server.services.events.list(server.database.db, realm.id, { type }, { limit: 10 })).items;

    before(async () => {
      for (const name of ['A', 'B']) {
        const created = await send(server, 'POST', '/admin/v1/realms', { name: `Upstream ${name} ${dialect}` }, server.adminHeaders);
        assert.equal(created.statusCode, 201, created.body);
      }
      const list = (await send(server, 'GET', '/admin/v1/realms?limit=100', undefined, server.adminHeaders)).json().items as { id: string; name: string }[];
      realm = (await server.services.lookup.resolve(list.find((r) => r.name === `Upstream A ${dialect}`)!.id))!;
      other = (await server.services.lookup.resolve(list.find((r) => r.name === `Upstream B ${dialect}`)!.id))!;
    });

    it('adds a preset with its defaults; the secret is sealed and never shown; the change is an event (1220)', async () => {
      const response = await add({ slug: 'google', preset: 'google', preset_settings: { client_id: 'app.apps.googleusercontent.com' }, client_secret: 'very-secret-value', display_name: 'Google' });
      assert.equal(response.statusCode, 201, response.body);
      const body = response.json();
      assert.deepEqual([body.kind, body.preset, body.protocol.issuer, body.scopes, body.secret_set, body.first_sign_in, body.trust_email], ['oidc', 'google', 'https://accounts.google.com', ['openid', 'email', 'profile'], true, 'create', false]);
      assert.ok(!response.body.includes('very-secret-value'), 'the secret is never answered');
      const row = await server.database.db.selectFrom('identity_providers').select('secret_sealed').where('id', '=', body.id).executeTakeFirstOrThrow();
      assert.ok(row.secret_sealed && !row.secret_sealed.includes('very-secret-value'), 'sealed at rest');
      const [created] = await eventsOf('identity_provider.created');
      assert.deepEqual(created?.details, { provider_id: body.id, slug: 'google', kind: 'oidc', preset: 'google' });
      assert.ok(!JSON.stringify(created).includes('very-secret-value'));
    });

    it('fills each preset’s quirks and asks for what it needs', async () => {
      assert.equal(errorCode(await add({ slug: slug(), preset: 'microsoft', preset_settings: { client_id: 'x' }, client_secret: 's' })), 'identity_provider.invalid');
      assert.equal(errorCode(await add({ slug: slug(), preset: 'microsoft', preset_settings: { client_id: 'x', tenant: 'not a tenant' }, client_secret: 's' })), 'identity_provider.invalid');
      const multi = (await add({ slug: slug(), preset: 'microsoft', preset_settings: { client_id: 'x', tenant: 'organizations' }, client_secret: 's' })).json();
      assert.equal(multi.protocol.issuer_template, 'https://login.microsoftonline.com/{tenantid}/v2.0');
      const single = (await add({ slug: slug(), preset: 'microsoft', preset_settings: { client_id: 'x', tenant: '0b9f2d9e-1f4c-4e0b-9d6a-3c2b1a0f9e8d' }, client_secret: 's' })).json();
      assert.equal(single.protocol.issuer_template, undefined);
      // Apple signs its client secret with the team's key: a private key, not a client secret.
      assert.equal(errorCode(await add({ slug: slug(), preset: 'apple', preset_settings: { client_id: 'com.example', team_id: 'T', key_id: 'K' }, client_secret: 's' })), 'identity_provider.invalid');
      assert.equal(errorCode(await add({ slug: slug(), preset: 'apple', preset_settings: { client_id: 'com.example', team_id: 'T', key_id: 'K' }, private_key: 'not a key' })), 'identity_provider.invalid');
      const apple = (await add({ slug: slug(), preset: 'apple', preset_settings: { client_id: 'com.example', team_id: 'T', key_id: 'K' }, private_key: APPLE_KEY })).json();
      assert.deepEqual([apple.protocol.response_mode, apple.secret_set], ['form_post', true]);
      const github = (await add({ slug: slug(), preset: 'github', preset_settings: { client_id: 'gh' }, client_secret: 's' })).json();
      assert.deepEqual([github.kind, github.scopes], ['oauth2', ['read:user', 'user:email']]);
      const gitlab = (await add({ slug: slug(), preset: 'gitlab', preset_settings: { client_id: 'gl', base_url: 'https://git.example.com/' }, client_secret: 's' })).json();
      assert.equal(gitlab.protocol.issuer, 'https://git.example.com');
    });

    it('takes OpenID Connect, OAuth 2.0 and SAML settings, refusing what cannot work', async () => {
      const oidc = await add({ slug: slug(), oidc: { issuer: 'http://127.0.0.1:9/issuer', client_id: 'c' }, client_secret: 's' });
      assert.equal(oidc.statusCode, 201, oidc.body);
      assert.equal(errorCode(await add({ slug: slug(), oidc: { issuer: 'http://idp.example.com', client_id: 'c' }, client_secret: 's' })), 'identity_provider.invalid', 'https only, but on loopback');
      assert.equal(errorCode(await add({ slug: slug(), oidc: { issuer: 'https://idp.example.com', client_id: 'c' } })), 'identity_provider.invalid', 'a confidential client needs its secret');
      assert.equal((await add({ slug: slug(), oidc: { issuer: 'https://idp.example.com', client_id: 'c', token_auth: 'none' } })).statusCode, 201, 'a public client needs none');
      const oauth2 = await add({ slug: slug(), oauth2: { authorization_url: 'https://o.example/authorize', token_url: 'https://o.example/token', profile_url: 'https://o.example/me', client_id: 'c', claims: { subject: 'id', email: 'email' } }, client_secret: 's' });
      assert.equal(oauth2.statusCode, 201, oauth2.body);
      assert.equal(errorCode(await add({ slug: slug(), saml: {} })), 'identity_provider.invalid');
      const saml = await add({ slug: slug(), saml: { entity_id: 'https://idp.example/saml', sso_url: 'https://idp.example/sso', certificates: [IDP_CERT] } });
      assert.equal(saml.statusCode, 201, saml.body);
      const notACertificate = await add({ slug: slug(), saml: { entity_id: 'https://idp.example/saml', sso_url: 'https://idp.example/sso', certificates: ['MIIB'] } });
      assert.deepEqual([errorCode(notACertificate), notACertificate.json().error.details[0].field], ['identity_provider.invalid', 'saml.certificates.0']);
      const noRedirect = new SamlIdp().metadata().replace(/<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"[^>]*>/, '');
      for (const metadata of ['<not xml', '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>', noRedirect]) {
        const refused = await add({ slug: slug(), saml: { metadata_xml: metadata } });
        assert.equal(refused.json().error.details[0].field, 'saml.metadata_xml', refused.body);
      }
      assert.equal(errorCode(await add({ slug: slug(), saml: { metadata_url: 'https://idp.example/metadata' }, scopes: ['openid'] })), 'identity_provider.invalid', 'SAML has no scopes');
      for (const bad of [
        { slug: slug(), preset: 'google', preset_settings: { client_id: 'x' }, oidc: { issuer: 'https://x.example', client_id: 'c' }, client_secret: 's' },
        { slug: slug() },
        { slug: 'Bad Slug', preset: 'google', preset_settings: { client_id: 'x' }, client_secret: 's' },
        { slug: slug(), preset: 'google', preset_settings: { client_id: 'x' }, client_secret: 's', authorize_params: { state: 'mine' } },
        { slug: slug(), preset: 'google', preset_settings: { client_id: 'x' }, client_secret: 's', link_by_email: true },
        { slug: slug(), preset: 'google', preset_settings: { client_id: 'x' }, client_secret: 's', allowed_email_domains: ['not a domain'] },
        { slug: slug(), preset: 'google', preset_settings: { client_id: 'x' }, client_secret: 's', extra: true },
        { slug: slug(), preset: 'nowhere', preset_settings: { client_id: 'x' }, client_secret: 's' },
      ]) {
        const response = await add(bad);
        assert.equal(response.statusCode, 400, `${JSON.stringify(bad)} → ${response.body}`);
      }
    });

    it('gets by id or slug, lists in page order, changes and deletes, with events (1222, 1221)', async () => {
      const first = (await add({ slug: 'second', position: 20, preset: 'discord', preset_settings: { client_id: 'd' }, client_secret: 's' })).json();
      const shown = (await add({ slug: 'first', position: 1, preset: 'slack', preset_settings: { client_id: 'sl' }, client_secret: 's' })).json();
      assert.equal((await send(server, 'GET', url(realm, '/first'), undefined, server.adminHeaders)).json().id, shown.id);
      assert.equal((await send(server, 'GET', url(realm, `/${first.id}`), undefined, server.adminHeaders)).json().slug, 'second');
      const slugs = ((await send(server, 'GET', url(realm, '?limit=100'), undefined, server.adminHeaders)).json().items as { slug: string; position: number }[]).map((p) => p.slug);
      assert.ok(slugs.indexOf('first') < slugs.indexOf('second'), slugs.join());
      assert.equal((await add({ slug: 'first', preset: 'slack', preset_settings: { client_id: 'again' }, client_secret: 's' })).statusCode, 409);

      const patched = await send(server, 'PATCH', url(realm, '/first'), { display_name: 'Slack', enabled: false, client_secret: 'rotated-secret' }, server.adminHeaders);
      assert.equal(patched.statusCode, 200, patched.body);
      assert.deepEqual([patched.json().display_name, patched.json().enabled, patched.json().version], ['Slack', false, 2]);
      const [updated] = await eventsOf('identity_provider.updated');
      assert.deepEqual(updated?.details, { provider_id: shown.id, slug: 'first', fields: ['display_name', 'enabled'], secret_replaced: true });
      assert.equal(errorCode(await send(server, 'PATCH', url(realm, '/first'), { oidc: { issuer: 'https://x.example', client_id: 'c' } }, server.adminHeaders)), 'identity_provider.invalid', 'the kind stays');
      assert.equal((await send(server, 'PATCH', url(realm, '/first'), { slug: 'second' }, server.adminHeaders)).statusCode, 409);

      assert.equal((await send(server, 'DELETE', url(realm, '/first'), undefined, server.adminHeaders)).statusCode, 204);
      assert.equal((await send(server, 'GET', url(realm, '/first'), undefined, server.adminHeaders)).statusCode, 404);
      assert.deepEqual((await eventsOf('identity_provider.deleted'))[0]?.details, { provider_id: shown.id, slug: 'first' });
    });

    it('of concurrent additions with one slug, exactly one wins', async () => {
      const answers = await Promise.all(Array.from({ length: 6 }, () => add({ slug: 'racing', preset: 'google', preset_settings: { client_id: 'x' }, client_secret: 's' })));
      assert.deepEqual(answers.map((a) => a.statusCode).sort(), [201, 409, 409, 409, 409, 409], answers.map((a) => a.body).join('\n'));
    });

    it('another realm’s provider is not found by any operation, and the slug is free there', async () => {
      const mine = (await add({ slug: 'shared-slug', preset: 'google', preset_settings: { client_id: 'x' }, client_secret: 's' })).json();
      for (const [method, body] of [['GET', undefined], ['PATCH', { display_name: 'x' }], ['DELETE', undefined]] as const) {
        assert.equal((await send(server, method, url(other, `/${mine.id}`), body, server.adminHeaders)).statusCode, 404, method);
      }
      assert.equal((await add({ slug: 'shared-slug', preset: 'google', preset_settings: { client_id: 'x' }, client_secret: 's' }, other)).statusCode, 201);
      assert.equal((await send(server, 'GET', url(realm, `/${mine.id}`), undefined, server.adminHeaders)).json().display_name, 'Sign in', 'untouched');
    });
  });
}
