/** The realm settings form's pure logic: drafts, the PATCH diff, API details placed at fields, presets, links. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromDraft, placeDetails, planPatch, stable, toDraft } from '../../console/src/screens/realms/realm-settings-model.ts';
import type { FieldSpec } from '../../console/src/screens/realms/realm-settings-schema.ts';
import { PRESET_SUMMARIES } from '../../console/src/screens/realms/realm-presets.ts';
import { loginLink, publicUrlOf, returnAddresses } from '../../console/src/screens/realms/realm-links-model.ts';
import { presetSettings, SECURITY_PRESETS } from '../../src/realms/security-presets.ts';
import { defaultSettings } from '../../src/realms/realm.ts';

const spec = (path: string, kind: FieldSpec['kind'], extra: Partial<FieldSpec> = {}): FieldSpec => ({ path, kind, nullable: false, options: [], ...extra });

describe('realm settings model', () => {
  const specs = [
    spec('brute_force.lock_after', 'integer', { min: 1, max: 10000 }),
    spec('brute_force.enabled', 'boolean'),
    spec('email.from_name', 'text', { nullable: true }),
    spec('roles.default', 'lines'),
    spec('sign_in.first_factors', 'multi', { options: ['password', 'passkey'] }),
    spec('tenant_policy', 'tenant-policy', { options: ['current', 'selected', 'auto_created'] }),
    spec('tokens.default_access', 'json'),
  ];
  const realm = {
    brute_force: { lock_after: 10, enabled: true },
    email: { from_name: null },
    roles: { default: ['member'] },
    sign_in: { first_factors: ['password'] },
    tenant_policy: { type: 'current' },
    tokens: { default_access: { type: 'standard' } },
  };
  const drafts = () => Object.fromEntries(specs.map((s) => [s.path, toDraft(s, path(realm, s.path))]));
  const path = (source: unknown, dotted: string) => dotted.split('.').reduce((node: any, part) => node?.[part], source);

  it('sends nothing when nothing changed, whatever the key order of JSON fields', () => {
    const untouched = drafts();
    untouched['tokens.default_access'] = '{ "type": "standard" }';
    assert.deepEqual(planPatch(specs, untouched, realm), { body: {}, changed: [], issues: {} });
  });

  it('sends only the changed fields, nested', () => {
    const edited = { ...drafts(), 'brute_force.lock_after': '25', 'email.from_name': 'Shop', 'roles.default': 'member\n\n admin ', 'tenant_policy': { type: 'selected', tenant: ' acme ' } };
    const plan = planPatch(specs, edited, realm);
    assert.deepEqual(plan.body, { brute_force: { lock_after: 25 }, email: { from_name: 'Shop' }, roles: { default: ['member', 'admin'] }, tenant_policy: { type: 'selected', tenant: 'acme' } });
    assert.deepEqual(plan.changed.sort(), ['brute_force.lock_after', 'email.from_name', 'roles.default', 'tenant_policy']);
  });

  it('leaves ranges to the API but refuses what is no value at all', () => {
    const edited = { ...drafts(), 'brute_force.lock_after': '0', 'tokens.default_access': '{ nope' };
    const plan = planPatch(specs, edited, realm);
    assert.deepEqual(plan.body, { brute_force: { lock_after: 0 } });
    assert.deepEqual(plan.issues, { 'tokens.default_access': 'realm.settings.invalid_json' });
    assert.deepEqual(fromDraft(specs[0], '1.5'), { ok: false, issue: 'realm.settings.invalid_integer' });
    assert.deepEqual(fromDraft(specs[2], '  '), { ok: true, value: null });
  });

  it('places the API details at their fields', () => {
    const placed = placeDetails(
      [{ field: 'brute_force.lock_after', issue: 'must be >= 1' }, { field: 'roles.default.2', issue: 'must match' }, { field: 'redirect_uris[2]', issue: 'x' }, { field: '(body)', issue: 'bad' }],
      ['brute_force.lock_after', 'roles.default', 'roles'],
    );
    assert.deepEqual(placed.byField, { 'brute_force.lock_after': 'must be >= 1', 'roles.default': 'must match' });
    assert.equal(placed.rest.length, 2);
  });

  it('compares values stably', () => {
    assert.equal(stable({ b: 1, a: [1, { d: 2, c: 3 }] }), stable({ a: [1, { c: 3, d: 2 }], b: 1 }));
  });

  it('explains the presets with the server’s own figures', () => {
    const summary = (settings: ReturnType<typeof presetSettings>) => ({
      min_length: settings.password_policy.min_length,
      access_token_minutes: settings.tokens.access_token_minutes,
      refresh_token_days: settings.tokens.refresh_token_days,
      reset_token_minutes: settings.tokens.reset_token_minutes,
      require_email_verification: settings.users.registration.require_email_verification,
    });
    for (const preset of SECURITY_PRESETS) assert.deepEqual(PRESET_SUMMARIES[preset], summary(presetSettings(preset)), preset);
    assert.deepEqual(PRESET_SUMMARIES.none, summary(defaultSettings()));
  });

  it('builds the login link for a registered return address', () => {
    assert.equal(publicUrlOf('https://id.example.com/realms/rl_admin'), 'https://id.example.com');
    assert.equal(loginLink('https://id.example.com', 'rl_1', 'https://shop.example/cb?x=1'), 'https://id.example.com/realms/rl_1/login?redirect_uri=https%3A%2F%2Fshop.example%2Fcb%3Fx%3D1');
    assert.deepEqual(
      returnAddresses([
        { name: 'Off', enabled: false, redirect_uris: ['https://off.example/cb'] },
        { name: 'Shop', enabled: true, redirect_uris: ['https://shop.example/cb', 'https://shop.example/cb'] },
        { name: 'Api', enabled: true, redirect_uris: [] },
      ]),
      [{ app: 'Shop', uri: 'https://shop.example/cb' }],
    );
  });
});
