import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../src/errors.ts';
import {
  applyPatch,
  changedFields,
  initialEditable,
  realmWarnings,
  settingsWithDefaults,
  slugBase,
  uniqueSlug,
  validateEditable,
  UNMANAGED_FOREVER_WARNING,
  type RealmEditable,
} from '../../src/realms/realm-settings.ts';
import { defaultSettings } from '../../src/realms/realm.ts';

const valid = (): RealmEditable => ({ ...initialEditable({ name: 'Acme' }), slug: 'acme' });

function issuesOf(editable: RealmEditable): { field: string; issue: string }[] {
  try {
    validateEditable(editable);
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'realm.invalid_settings');
    return error.details;
  }
  return [];
}

describe('realm settings', () => {
  it('fills defaults for a new realm and trims the name', () => {
    const editable = initialEditable({ name: '  Acme  ', tokens: { algorithm: 'RS256' } });
    assert.equal(editable.name, 'Acme');
    assert.equal(editable.state, 'active');
    assert.equal(editable.tokens.algorithm, 'RS256');
    assert.equal(editable.tokens.access_token_minutes, 15);
    assert.deepEqual(editable.users, defaultSettings().users);
    assert.deepEqual(editable.public_info, { display_name: null, description: null, logo_url: null });
  });

  it('derives slugs from names', () => {
    assert.equal(slugBase('Acme App SSO'), 'acme-app-sso');
    assert.equal(slugBase('  --Café   Crème!! '), 'cafe-creme');
    assert.equal(slugBase('A'), 'a-realm');
    assert.equal(slugBase('東京'), 'realm');
    const long = slugBase('x'.repeat(100));
    assert.equal(long.length, 59);
    assert.equal(slugBase(`${'a'.repeat(58)} b`), 'a'.repeat(58), 'a trailing hyphen left by the cut is dropped');
  });

  it('makes slugs unique with -2, -3 suffixes', () => {
    assert.equal(uniqueSlug('acme', new Set()), 'acme');
    assert.equal(uniqueSlug('acme', new Set(['acme'])), 'acme-2');
    assert.equal(uniqueSlug('acme', new Set(['acme', 'acme-2', 'acme-3'])), 'acme-4');
  });

  it('deep-merges patches but replaces arrays, custom, default_access and tenant_policy whole', () => {
    const base: RealmEditable = {
      ...valid(),
      custom: { a: 1, b: { c: 2 } },
      public_info: { display_name: 'Acme', description: 'd', logo_url: null },
      resource_links: [{ resource: 'user', title: 'One', url: 'https://a.example/{{id}}' }],
      tokens: { ...valid().tokens, claims: ['custom', 'roles'], default_access: { type: 'acl', acl: [{ uri: 'gw/*', methods: ['GET'] }] } },
    };
    const merged = applyPatch(base, {
      custom: { b: { d: 3 } },
      public_info: { description: null },
      users: { registration: { enabled: true } },
      tokens: { claims: ['tenants'], default_access: { type: 'master' } },
      resource_links: [],
    });
    assert.deepEqual(merged.custom, { b: { d: 3 } });
    assert.deepEqual(merged.public_info, { display_name: 'Acme', description: null, logo_url: null });
    assert.equal(merged.users.registration.enabled, true);
    assert.equal(merged.password_policy.min_length, 8);
    assert.deepEqual(merged.tokens.claims, ['tenants']);
    assert.deepEqual(merged.tokens.default_access, { type: 'master' });
    assert.equal(merged.tokens.access_token_minutes, 15);
    assert.deepEqual(merged.resource_links, []);
    assert.deepEqual(base.custom, { a: 1, b: { c: 2 } }, 'the base is not changed');
  });

  it('accepts the defaults and refuses blank names', () => {
    assert.deepEqual(issuesOf(valid()), []);
    assert.deepEqual(issuesOf({ ...valid(), name: '   ' }), [{ field: 'name', issue: "can't be blank" }]);
    assert.deepEqual(issuesOf({ ...valid(), name: '' }), [{ field: 'name', issue: "can't be blank" }]);
    assert.equal(issuesOf({ ...valid(), name: 'n'.repeat(201) })[0].field, 'name');
    assert.deepEqual(issuesOf({ ...valid(), name: 'n'.repeat(200) }), []);
  });

  it('checks slugs, references and the size of custom', () => {
    for (const slug of ['ab', 'Acme', 'a_b', 'a'.repeat(64), 'acme!']) assert.equal(issuesOf({ ...valid(), slug })[0]?.field, 'slug', slug);
    for (const slug of ['abc', 'a-b', '123', 'a'.repeat(63)]) assert.deepEqual(issuesOf({ ...valid(), slug }), [], slug);
    assert.equal(issuesOf({ ...valid(), reference: 'r'.repeat(256) })[0].field, 'reference');
    assert.deepEqual(issuesOf({ ...valid(), custom: { blob: 'x'.repeat(16_000) } }), []);
    assert.equal(issuesOf({ ...valid(), custom: { blob: 'x'.repeat(16_400) } })[0].field, 'custom');
  });

  it('checks every range at the edges and reports all issues at once', () => {
    const v = valid();
    assert.deepEqual(
      issuesOf({
        ...v,
        password_policy: { ...v.password_policy, min_length: 5 },
        tokens: { ...v.tokens, access_token_minutes: 1441, refresh_token_days: 0, unmanaged_token_minutes: 1_052_641 },
        api_keys: { ...v.api_keys, token_minutes: -1 },
      }).map((d) => d.field),
      ['password_policy.min_length', 'tokens.access_token_minutes', 'tokens.refresh_token_days', 'tokens.unmanaged_token_minutes', 'api_keys.token_minutes'],
    );
    assert.deepEqual(
      issuesOf({
        ...v,
        password_policy: { ...v.password_policy, min_length: 128 },
        tokens: { ...v.tokens, access_token_minutes: 1440, refresh_token_days: 365, unmanaged_token_minutes: 0 },
        api_keys: { ...v.api_keys, token_minutes: 1_052_640 },
      }),
      [],
    );
    assert.equal(issuesOf({ ...v, tokens: { ...v.tokens, access_token_minutes: 1.5 } })[0].field, 'tokens.access_token_minutes');
  });

  it('checks resource links: http(s) only, known placeholders only', () => {
    const link = (url: string) => ({ ...valid(), resource_links: [{ resource: 'user' as const, title: 'Open', url }] });
    assert.deepEqual(issuesOf(link('https://app.example/users/{{id}}?ref={{reference}}&realm={{realm_id}}')), []);
    assert.deepEqual(issuesOf(link('https://{{realm_id}}.app.example/')), []);
    assert.equal(issuesOf(link('javascript:alert(1)'))[0].issue, 'must be an http(s) URL');
    assert.equal(issuesOf(link('ftp://app.example/'))[0].issue, 'must be an http(s) URL');
    assert.match(issuesOf(link('https://app.example/{{email}}'))[0].issue, /not \{\{email\}\}/);
    const blankTitle = { ...valid(), resource_links: [{ resource: 'tenant' as const, title: ' ', url: 'https://a.example' }] };
    assert.deepEqual(issuesOf(blankTitle), [{ field: 'resource_links.0.title', issue: "can't be blank" }]);
  });

  it('checks logo URLs, api key prefixes, ACL rules and tenant policies', () => {
    const v = valid();
    assert.equal(issuesOf({ ...v, public_info: { ...v.public_info, logo_url: 'data:image/png;base64,AA' } })[0].field, 'public_info.logo_url');
    assert.equal(issuesOf({ ...v, api_keys: { ...v.api_keys, prefix: 'has space' } })[0].field, 'api_keys.prefix');
    assert.deepEqual(issuesOf({ ...v, api_keys: { ...v.api_keys, prefix: 'pk-' } }), []);
    assert.equal(issuesOf({ ...v, tokens: { ...v.tokens, default_access: { type: 'acl', acl: [] } } })[0].field, 'tokens.default_access.acl');
    assert.equal(issuesOf({ ...v, tokens: { ...v.tokens, claims: ['custom', 'custom'] } })[0].field, 'tokens.claims');
    assert.equal(issuesOf({ ...v, tenant_policy: { type: 'selected', tenant: ' ' } })[0].field, 'tenant_policy.tenant');
  });

  it('warns when unmanaged tokens never expire', () => {
    const v = valid();
    assert.deepEqual(realmWarnings(v), []);
    assert.deepEqual(realmWarnings({ tokens: { ...v.tokens, session_type: 'unmanaged', unmanaged_token_minutes: 0 } }), [UNMANAGED_FOREVER_WARNING]);
    assert.deepEqual(realmWarnings({ tokens: { ...v.tokens, session_type: 'managed', unmanaged_token_minutes: 0 } }), []);
  });

  it('lists changed fields as dotted paths, ignoring key order', () => {
    const before = { ...valid(), custom: { a: 1, b: 2 } };
    assert.deepEqual(changedFields(before, applyPatch(before, { custom: { b: 2, a: 1 } })), []);
    assert.deepEqual(
      changedFields(before, applyPatch(before, { name: 'New', tokens: { algorithm: 'EdDSA', default_access: { type: 'master' } }, users: { registration: { enabled: true } } })),
      ['name', 'users.registration.enabled', 'tokens.algorithm', 'tokens.default_access'],
    );
  });

  it('reads stored settings over the current defaults', () => {
    assert.deepEqual(settingsWithDefaults({}), defaultSettings());
    assert.deepEqual(settingsWithDefaults(null), defaultSettings());
    const stored = settingsWithDefaults({ tokens: { algorithm: 'HS256' }, users: { registration: {} } });
    assert.equal(stored.tokens.algorithm, 'HS256');
    assert.equal(stored.tokens.refresh_token_days, 7);
    assert.equal(stored.users.registration.enabled, false);
  });
});
