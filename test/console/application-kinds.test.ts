/**
 * The application form's pure logic: which settings each kind shows (the server's kindProfiles),
 * the body it sends on creation, and a PATCH of only what changed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kindProfiles as serverProfiles } from '../../src/applications/application.ts';
import { bodyOf, changesOf, draftOfApp, newDraft, type AppShape } from '../../console/src/screens/applications/application-draft.ts';
import { authMethodsFor, cleanList, fieldErrors, invalidLists, fieldsFor, fitScopes, grantTypesFor, isBuiltIn, KINDS, kindProfiles, scopesAllowed } from '../../console/src/screens/applications/application-kinds.ts';

const saved: AppShape = {
  kind: 'web',
  name: 'Shop',
  logo_url: null,
  redirect_uris: ['https://shop.example.com/cb'],
  post_logout_redirect_uris: [],
  cors_origins: [],
  frame_origins: [],
  backchannel_logout_uri: null,
  grant_types: ['authorization_code', 'refresh_token'],
  scopes: ['openid', 'profile', 'email', 'offline_access'],
  consent: 'required',
  token_endpoint_auth_method: 'client_secret_basic',
  jwks_uri: null,
  jwks: null,
  access_token_minutes: null,
  refresh_token_days: null,
  access_token_audience: null,
};

describe('application kinds in the console', () => {
  it('mirrors the server’s kind profiles', () => {
    for (const kind of KINDS) {
      const server = serverProfiles[kind];
      assert.equal(kindProfiles[kind].public, server.public, kind);
      assert.equal(kindProfiles[kind].mainGrant, server.mainGrant, kind);
      assert.equal(kindProfiles[kind].refresh, server.optionalGrants.includes('refresh_token'), kind);
      assert.equal(kindProfiles[kind].redirects, server.redirects, kind);
      assert.equal(kindProfiles[kind].hasUsers, server.hasUsers, kind);
    }
  });

  it('shows only the settings a kind has', () => {
    assert.deepEqual(fieldsFor('machine'), { redirectUris: false, postLogoutUris: false, corsOrigins: false, frameOrigins: false, backchannelLogout: false, scopes: false, consent: false, refreshGrant: false, refreshDays: false, authMethod: true });
    assert.equal(fieldsFor('spa').corsOrigins, true);
    assert.equal(fieldsFor('web').corsOrigins, false);
    assert.equal(fieldsFor('spa').authMethod, false);
    assert.equal(fieldsFor('device').redirectUris, false);
    assert.equal(fieldsFor('device').backchannelLogout, true);
    assert.equal(fieldsFor('web', ['authorization_code']).refreshDays, false);
    assert.equal(fieldsFor('web', ['authorization_code', 'refresh_token']).refreshDays, true);
    assert.deepEqual(authMethodsFor('spa'), ['none']);
    assert.deepEqual(authMethodsFor('machine'), ['client_secret_basic', 'client_secret_post', 'private_key_jwt']);
  });

  it('keeps scopes and grants consistent with refresh tokens', () => {
    assert.deepEqual(grantTypesFor('web', false), ['authorization_code']);
    assert.deepEqual(grantTypesFor('machine', true), ['client_credentials']);
    assert.deepEqual(scopesAllowed('machine', false), []);
    assert.deepEqual(fitScopes('web', false, ['openid', 'offline_access']), ['openid']);
  });

  it('builds a creation body with only the kind’s settings', () => {
    const spa = { ...newDraft('spa'), name: ' App ', redirect_uris: [' https://a.example.com/cb ', ''], cors_origins: ['https://b.example.com'] };
    const { body, problems } = bodyOf('spa', spa);
    assert.deepEqual(problems, {});
    assert.equal(body.name, 'App');
    assert.deepEqual(body.redirect_uris, ['https://a.example.com/cb']);
    assert.deepEqual(body.cors_origins, ['https://b.example.com']);
    assert.equal('token_endpoint_auth_method' in body, false);
    const machine = bodyOf('machine', { ...newDraft('machine'), name: 'Job' }).body;
    assert.equal('redirect_uris' in machine, false);
    assert.equal('scopes' in machine, false);
    assert.deepEqual(machine.grant_types, ['client_credentials']);
    assert.equal(machine.token_endpoint_auth_method, 'client_secret_basic');
  });

  it('names bad numbers and key sets before asking the API', () => {
    const { problems } = bodyOf('web', { ...newDraft('web'), access_token_minutes: '1.5', token_endpoint_auth_method: 'private_key_jwt', jwks: '{"nokeys":1}' });
    assert.deepEqual(problems, { access_token_minutes: 'number', jwks: 'jwks' });
  });

  it('sends only what changed', () => {
    assert.deepEqual(changesOf('web', draftOfApp(saved), saved).body, {});
    const edited = { ...draftOfApp(saved), redirect_uris: [...saved.redirect_uris, 'https://shop.example.com/cb2'] };
    assert.deepEqual(changesOf('web', edited, saved).body, { redirect_uris: ['https://shop.example.com/cb', 'https://shop.example.com/cb2'] });
    const noRefresh = { ...draftOfApp(saved), refresh: false };
    assert.deepEqual(changesOf('web', noRefresh, saved).body, { grant_types: ['authorization_code'], scopes: ['openid', 'profile', 'email'] });
  });

  it('cleans lists, groups the API’s field details, and knows the built-in console', () => {
    assert.deepEqual(cleanList([' a ', '', '  ']), ['a']);
    assert.deepEqual(fieldErrors([{ field: 'redirect_uris.1', issue: 'bad' }, { field: 'name', issue: 'too long' }, { issue: 'no field' }]), { redirect_uris: 'bad', name: 'too long' });
    assert.deepEqual(invalidLists([{ field: 'redirect_uris[2]', issue: 'x' }, { field: 'cors_origins.0', issue: 'y' }, { field: 'name' }]), { redirect_uris: [2], post_logout_redirect_uris: [], cors_origins: [0], frame_origins: [] });
    assert.equal(isBuiltIn({ client_id: 'keyrealm-console' }, { is_system: true }), true);
    assert.equal(isBuiltIn({ client_id: 'keyrealm-console' }, { is_system: false }), false);
  });
});
