/**
 * The realm settings form against the server's real OpenAPI document: every field the layout
 * places is in the PATCH /admin/v1/realms/{realm} body, every field of that body is in the layout
 * (or excluded with a reason), each has its words in the catalogue, and the kinds and ranges read
 * from the schema are the server's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { en } from '../../console/src/i18n/en/index.ts';
import { describeField, EXCLUDED_FIELDS, layoutMismatches, patchBodySchema, schemaLeaves, SETTINGS_LAYOUT, type JsonSchema } from '../../console/src/screens/realms/realm-settings-schema.ts';
import { limits } from '../../src/realms/realm.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

describe('realm settings layout against /openapi.json', () => {
  let server: TestServer;
  let schema: JsonSchema;
  before(async () => {
    server = await startTestServer({ dialect: 'sqlite' });
    const response = await server.app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(response.statusCode, 200);
    schema = patchBodySchema(response.json());
  });
  after(() => server.dispose());

  it('places every field of the PATCH body, and only those', () => {
    const { notInSchema, notInLayout } = layoutMismatches(schema);
    assert.deepEqual(notInSchema, [], 'layout fields the PATCH body does not have');
    assert.deepEqual(notInLayout, [], 'PATCH body fields neither in the layout nor excluded');
    // Each exclusion names a real field and says why.
    for (const [path, reason] of Object.entries(EXCLUDED_FIELDS)) {
      assert.ok(schema.properties?.[path], `${path} is excluded but not in the body`);
      assert.ok(reason.length > 20, `${path} is excluded without a reason`);
    }
    // No field twice.
    const paths = SETTINGS_LAYOUT.flatMap((group) => group.fields.map((field) => field.path));
    assert.equal(new Set(paths).size, paths.length);
    assert.ok(schemaLeaves(schema).length > 60);
  });

  it('has a label and help for every group and field', () => {
    const catalogue = en as Record<string, string>;
    for (const group of SETTINGS_LAYOUT) {
      assert.ok(catalogue[`realm.settings.g.${group.key}`], `legend of ${group.key}`);
      assert.ok(catalogue[`realm.settings.g.${group.key}.help`], `help of ${group.key}`);
      for (const field of group.fields) {
        assert.ok(catalogue[`realm.settings.f.${field.path}`], `label of ${field.path}`);
        assert.ok(catalogue[`realm.settings.f.${field.path}.help`], `help of ${field.path}`);
      }
    }
  });

  it('reads kinds, ranges and choices from the schema', () => {
    const spec = (path: string) => describeField(schema, SETTINGS_LAYOUT.flatMap((group) => group.fields).find((field) => field.path === path)!)!;
    assert.deepEqual({ kind: spec('brute_force.lock_after').kind, min: spec('brute_force.lock_after').min, max: spec('brute_force.lock_after').max }, { kind: 'integer', ...{ min: limits.bruteForceLockAfter.min, max: limits.bruteForceLockAfter.max } });
    assert.equal(spec('tokens.refresh_reuse_interval_seconds').min, 0);
    assert.equal(spec('brute_force.enabled').kind, 'boolean');
    assert.deepEqual(spec('sign_in.mfa'), { path: 'sign_in.mfa', kind: 'enum', nullable: false, options: ['off', 'optional', 'required'], description: spec('sign_in.mfa').description });
    assert.equal(spec('sign_in.first_factors').kind, 'multi');
    assert.ok(spec('sign_in.first_factors').options.includes('passkey'));
    assert.equal(spec('roles.default').kind, 'lines');
    assert.equal(spec('email.from_name').kind, 'text');
    assert.equal(spec('email.from_name').nullable, true);
    assert.equal(spec('public_info.description').kind, 'longtext');
    assert.equal(spec('tokens.default_access').kind, 'json');
    assert.equal(spec('branding.colours.light').nullable, true);
    assert.deepEqual(spec('tenant_policy').options, ['current', 'selected', 'auto_created']);
    assert.equal(spec('localisation.overrides').kind, 'json');
    // Every field gets a kind the form can draw.
    for (const group of SETTINGS_LAYOUT) for (const field of group.fields) assert.ok(describeField(schema, field), field.path);
  });
});
