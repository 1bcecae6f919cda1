/**
 * The integrations screens' pure logic: the webhook event-type picker keeping the pattern list
 * right (wildcards kept, expanded only when one of their types is cleared), and the identity
 * provider form's bodies (POST whole, PATCH only what changed, secrets only when given).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addTypes, countTaken, groupTypes, KNOWN_EVENT_TYPES, matches, removeTypes, wildcards } from '../../console/src/screens/webhooks/event-selection.ts';
import { emptyForm, fromProvider, parseParams, secretField, splitCertificates, splitList, toCreateBody, toPatchBody, type Provider } from '../../console/src/screens/identity-providers/idp-model.ts';
import { callbackUrl, publicUrlOf, samlMetadataUrl } from '../../console/src/screens/identity-providers/presets.ts';
import { checkEventTypes, wants } from '../../src/webhooks/webhook.ts';
import { nextAttempt, statusTone } from '../../console/src/screens/webhooks/types.ts';

describe('webhook event-type selection', () => {
  it('matches as the server does', () => {
    for (const patterns of [['*'], ['user.*'], ['user.created'], ['user.login.*', 'webhook.test']]) {
      for (const type of KNOWN_EVENT_TYPES) assert.equal(matches(patterns, type), wants(patterns, type), `${patterns} ${type}`);
    }
  });

  it('offers only types the server accepts', () => {
    assert.doesNotThrow(() => checkEventTypes(KNOWN_EVENT_TYPES));
    assert.ok(KNOWN_EVENT_TYPES.includes('user.created') && KNOWN_EVENT_TYPES.includes('webhook.disabled'));
  });

  it('groups and searches by every word', () => {
    const groups = groupTypes(KNOWN_EVENT_TYPES, 'login fail');
    assert.deepEqual(groups.map((group) => group.group), ['user']);
    assert.ok(groups[0].types.includes('user.login.failed'));
    assert.ok(groups[0].types.every((type) => type.includes('login') && type.includes('fail')));
    assert.deepEqual(groupTypes(KNOWN_EVENT_TYPES, 'nothing-like-this'), []);
  });

  it('adds without duplicates and keeps what a wildcard already takes', () => {
    assert.deepEqual(addTypes(['user.*'], ['user.created', 'role.created']), ['user.*', 'role.created']);
    assert.deepEqual(addTypes([], ['a.b', 'a.b']), ['a.b']);
  });

  it('expands a wildcard only when one of its types is cleared', () => {
    const known = ['user.created', 'user.deleted', 'user.login.failed', 'role.created'];
    assert.deepEqual(removeTypes(['user.*', 'role.created'], ['role.created'], known), ['user.*']);
    assert.deepEqual(removeTypes(['user.*'], ['user.deleted'], known), ['user.created', 'user.login.failed']);
    assert.deepEqual(removeTypes(['*'], ['role.created'], known), ['user.created', 'user.deleted', 'user.login.failed']);
    assert.deepEqual(wildcards(['*', 'user.*', 'role.created']), ['*', 'user.*']);
    assert.equal(countTaken(['user.*'], known), 3);
  });
});

const stored = (overrides: Partial<Provider> = {}): Provider => ({
  id: 'idp_1', realm_id: 'rl_1', slug: 'github', display_name: 'GitHub', icon_url: null, position: 0, enabled: true, kind: 'oauth2', preset: 'github',
  protocol: { client_id: 'abc', authorization_url: 'https://github.com/login/oauth/authorize', token_url: 'https://github.com/login/oauth/access_token', profile_url: 'https://api.github.com/user', token_auth: 'client_secret_post', pkce: true, claims: { subject: 'id' } },
  scopes: ['read:user', 'user:email'], prompt: null, authorize_params: {}, allowed_email_domains: [], trust_email: false, first_sign_in: 'create', link_by_email: false,
  mapping: { fields: {}, custom: {}, tags: [], roles: [] }, sync_on_sign_in: false, satisfies_mfa: false, secret_set: true, version: 1,
  created_at: '2026-12-01T00:00:00.000Z', updated_at: '2026-12-01T00:00:00.000Z', ...overrides,
});

describe('webhook deliveries', () => {
  it('says when a delivery is tried next, and how its status looks', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    assert.equal(nextAttempt({ status: 'pending', next_attempt_at: '2026-12-06T11:59:00Z' }, now), 'Due now');
    assert.equal(nextAttempt({ status: 'pending', next_attempt_at: '2026-12-06T12:05:00Z' }, now), 'in 5 minutes');
    assert.equal(nextAttempt({ status: 'failed', next_attempt_at: '2026-12-06T12:05:00Z' }, now), '—');
    assert.equal(nextAttempt({ status: 'succeeded', next_attempt_at: null }, now), '—');
    assert.deepEqual((['pending', 'sending', 'succeeded', 'failed'] as const).map(statusTone), ['warn', 'accent', 'ok', 'danger']);
  });
});

describe('identity provider form bodies', () => {
  it('makes a preset body with its settings and secret', () => {
    const form = { ...emptyForm('microsoft'), client_id: ' app ', tenant: 'organizations', secret: 's3cret' };
    const body = toCreateBody(form);
    assert.equal(body.preset, 'microsoft');
    assert.deepEqual(body.preset_settings, { client_id: 'app', tenant: 'organizations' });
    assert.equal(body.client_secret, 's3cret');
    assert.equal(body.oidc, undefined);
    assert.equal(body.scopes, undefined, 'empty scopes: the preset default');
  });

  it('makes OIDC, OAuth 2.0 and SAML bodies', () => {
    const oidc = toCreateBody({ ...emptyForm('oidc'), slug: 'p', display_name: 'P', issuer: 'https://id.example.com', client_id: 'c', token_auth: 'none', secret: 'ignored' });
    assert.deepEqual(oidc.oidc, { issuer: 'https://id.example.com', client_id: 'c', token_auth: 'none', response_mode: 'query' });
    assert.equal(oidc.client_secret, undefined, 'a public client sends no secret');
    const oauth = toCreateBody({ ...emptyForm('oauth2'), authorization_url: 'https://a', token_url: 'https://t', profile_url: 'https://p', client_id: 'c', claims: { ...emptyForm('oauth2').claims, email: 'mail' } });
    assert.deepEqual(oauth.oauth2?.claims, { subject: 'id', email: 'mail' });
    const pem = '-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----';
    const saml = toCreateBody({ ...emptyForm('saml'), saml_source: 'manual', entity_id: 'urn:idp', sso_url: 'https://sso', certificates: `${pem}\n${pem}`, attributes: { email: 'mail', name: '', given_name: '', family_name: '' } });
    assert.deepEqual(saml.saml, { entity_id: 'urn:idp', sso_url: 'https://sso', certificates: [pem, pem], sign_requests: false, attributes: { email: 'mail' } });
    assert.equal(secretField({ ...emptyForm('saml'), sign_requests: true }), 'private_key');
    assert.equal(secretField(emptyForm('apple')), 'private_key');
  });

  it('sends only what changed, the protocol part whole, the secret only when given', () => {
    const provider = stored();
    const base = fromProvider(provider);
    assert.equal(base.secret, '', 'a stored secret never comes back');
    assert.deepEqual(toPatchBody(base, fromProvider(provider)), {});
    assert.deepEqual(toPatchBody({ ...base, display_name: 'GitHub staff', allowed_email_domains: 'A.com b.com' }, base), { display_name: 'GitHub staff', allowed_email_domains: ['a.com', 'b.com'] });
    assert.deepEqual(toPatchBody({ ...base, client_id: 'new' }, base), { preset_settings: { client_id: 'new' } });
    assert.deepEqual(toPatchBody({ ...base, secret: 'fresh' }, base), { client_secret: 'fresh' });
    assert.deepEqual(toPatchBody({ ...base, prompt: 'login', roles: [{ role: 'staff', claim: 'groups', value: 'eng' }, { role: ' ', claim: '', value: '' }] }, base), {
      prompt: 'login',
      mapping: { fields: {}, custom: {}, tags: [], roles: [{ role: 'staff', claim: 'groups', value: 'eng' }] },
    });
  });

  it('reads preset settings back from the stored protocol', () => {
    const microsoft = fromProvider(stored({ preset: 'microsoft', kind: 'oidc', protocol: { issuer: 'https://login.microsoftonline.com/organizations/v2.0', client_id: 'm' } }));
    assert.equal(microsoft.tenant, 'organizations');
    assert.deepEqual(toPatchBody(microsoft, microsoft), {});
    const gitlab = fromProvider(stored({ preset: 'gitlab', kind: 'oidc', protocol: { issuer: 'https://git.example.com', client_id: 'g' } }));
    assert.equal(gitlab.base_url, 'https://git.example.com');
  });

  it('parses lists, parameters and certificates', () => {
    assert.deepEqual(splitList(' a, b\nc  d '), ['a', 'b', 'c', 'd']);
    assert.deepEqual(parseParams('hd=example.com\nbad\n a = b=c '), { hd: 'example.com', a: 'b=c' });
    assert.deepEqual(splitCertificates('MIIa\n\n MIIb '), ['MIIa', 'MIIb']);
  });

  it('builds the URLs to register upstream', () => {
    assert.equal(publicUrlOf('https://id.example.com/console'), 'https://id.example.com');
    assert.equal(publicUrlOf('https://example.com/id/console/'), 'https://example.com/id');
    assert.equal(callbackUrl('https://id.example.com/', 'shop', 'google'), 'https://id.example.com/realms/shop/auth/idp/google/callback');
    assert.equal(samlMetadataUrl('https://id.example.com', 'shop', 'corp'), 'https://id.example.com/realms/shop/auth/idp/corp/saml/metadata');
  });
});
