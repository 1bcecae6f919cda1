import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import * as arctic from 'arctic';
import { AppError } from '../../../src/errors.ts';
import { oauth2ConfigSchema } from '../../../src/identity-providers/oauth2-adapter.ts';
import { presetFor, presetNames, presets, type Preset, type PresetName } from '../../../src/identity-providers/presets/index.ts';

/** What an admin would fill in for each preset (secrets aside). */
const sampleSettings: Record<PresetName, Record<string, string>> = {
  google: { clientId: 'g-client' },
  microsoft: { clientId: 'm-client', tenant: 'organizations' },
  apple: { clientId: 'com.example.signin', teamId: 'TEAM123456', keyId: 'KEY9876543' },
  github: { clientId: 'gh-client' },
  gitlab: { clientId: 'gl-client' },
  facebook: { clientId: 'fb-app' },
  linkedin: { clientId: 'li-client' },
  discord: { clientId: 'dc-client' },
  slack: { clientId: 'sl-client' },
};

const https = (value: string) => new URL(value).protocol === 'https:';
const validOAuth2Config = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false }).compile(oauth2ConfigSchema);

describe('identity provider presets', () => {
  it('the table holds exactly the nine presets, each under its own name', () => {
    assert.deepEqual([...presetNames].sort(), ['apple', 'discord', 'facebook', 'github', 'gitlab', 'google', 'linkedin', 'microsoft', 'slack']);
    for (const name of presetNames) assert.equal(presets[name].name, name);
    assert.throws(() => presetFor('myspace'), (error: unknown) => error instanceof AppError && error.code === 'request.validation_failed');
    assert.throws(() => presetFor('constructor'), (error: unknown) => error instanceof AppError, 'no prototype names');
  });

  for (const name of presetNames) {
    const preset: Preset = presets[name];
    it(`${name}: defaults are complete and consistent`, () => {
      assert.ok(preset.displayName && https(preset.consoleUrl));
      assert.ok(preset.scopes.length > 0);
      assert.ok(preset.fields.some((field) => field.key === 'clientId' && field.required && !field.secret));
      assert.ok(preset.fields.some((field) => field.secret && field.required), 'some secret to authenticate with');
      for (const field of preset.fields) {
        assert.ok(field.label && field.help, `${field.key} is explained`);
        if (field.pattern !== undefined) assert.match(field.pattern, /^\^.*\$$/, `${field.key}'s pattern is anchored`);
      }
      const settings = sampleSettings[name];
      if (preset.kind === 'oidc') {
        const config = preset.configFor(settings);
        assert.ok(https(config.issuer.replace('{tenantid}', 'x')), 'issuer');
        assert.ok(https(config.discoveryServer) && !config.discoveryServer.includes('/.well-known/'), 'discovery starts at a server, so openid-client checks its issuer');
        if (!config.issuer.includes('{tenantid}') && name !== 'microsoft') assert.equal(config.discoveryServer, config.issuer);
        assert.equal(config.clientId, settings.clientId);
        assert.deepEqual(config.scopes, preset.scopes);
        assert.equal(preset.quirks.issuerFor(settings), config.issuer);
        assert.ok(['client_secret_basic', 'client_secret_post'].includes(config.tokenEndpointAuthMethod));
        assert.equal(config.formPost, config.authorizeParams.response_mode === 'form_post');
        assert.equal(typeof config.pkce, 'boolean');
      } else {
        const config = preset.configFor(settings);
        assert.ok(validOAuth2Config(config), JSON.stringify(validOAuth2Config.errors));
        for (const url of [config.authorizationUrl, config.tokenUrl, config.profileUrl]) assert.ok(https(url), url);
        assert.equal(config.clientId, settings.clientId);
        assert.deepEqual(config.scopes, preset.scopes);
        assert.notEqual(config.pkce, false);
        assert.ok(config.claims.subject && config.claims.email, 'subject and e-mail are mapped');
      }
    });

    it(`${name}: every required field is demanded by name`, () => {
      for (const field of preset.fields.filter((each) => each.required && !each.secret)) {
        const { [field.key]: _missing, ...rest } = sampleSettings[name];
        assert.throws(
          () => preset.configFor(rest),
          (error: unknown) => error instanceof AppError && error.code === 'request.validation_failed' && error.details[0].field === field.key,
          `${name} without ${field.key}`,
        );
      }
    });
  }

  it('GitLab points at a self-hosted instance when given its URL', () => {
    const config = presets.gitlab.configFor({ clientId: 'c', baseUrl: 'https://git.example.com/gitlab/' });
    assert.equal(config.issuer, 'https://git.example.com/gitlab');
    assert.equal(config.discoveryServer, 'https://git.example.com/gitlab');
    assert.equal(presets.gitlab.configFor({ clientId: 'c' }).issuer, 'https://gitlab.com');
    assert.throws(() => presets.gitlab.configFor({ clientId: 'c', baseUrl: 'http://git.example.com' }), AppError, 'https only');
  });

  it('the OAuth 2.0 authorization endpoints agree with arctic\'s (Facebook up to its Graph API version)', () => {
    const redirect = 'https://id.example/callback';
    const arcticEndpoint = (url: URL) => `${url.origin}${url.pathname}`.replace(/\/v\d+\.\d+\//, '/vX/');
    const ours = (name: 'github' | 'discord' | 'facebook') => presets[name].configFor({ clientId: 'c' }).authorizationUrl.replace(/\/v\d+\.\d+\//, '/vX/');
    assert.equal(ours('github'), arcticEndpoint(new arctic.GitHub('c', 's', redirect).createAuthorizationURL('st', [])));
    assert.equal(ours('discord'), arcticEndpoint(new arctic.Discord('c', 's', redirect).createAuthorizationURL('st', null, [])));
    assert.equal(ours('facebook'), arcticEndpoint(new arctic.Facebook('c', 's', redirect).createAuthorizationURL('st', [])));
  });

  it('wherever arctic sends a PKCE challenge, the preset does too', () => {
    const arcticPkce: Partial<Record<PresetName, { prototype: { createAuthorizationURL: { length: number } } }>> = {
      google: arctic.Google,
      microsoft: arctic.MicrosoftEntraId,
      discord: arctic.Discord,
    };
    for (const [name, provider] of Object.entries(arcticPkce)) {
      assert.equal(provider.prototype.createAuthorizationURL.length, 3, `${name}: arctic takes a code verifier`);
      assert.equal(presets[name as PresetName].configFor(sampleSettings[name as PresetName]).pkce, true, name);
    }
  });

  it('Discord: the picture is built from the avatar hash; the name falls back to the username', async () => {
    const profileFrom = presets.discord.quirks.profileFrom!;
    const base = { subject: '80351110224678912', emailVerified: true, email: 'nelly@discord.example', raw: { id: '80351110224678912', username: 'nelly', avatar: '8342729096ea3675442027381ff50dfe' } };
    const profile = await profileFrom(base, async () => assert.fail('no extra call'));
    assert.equal(profile.picture, 'https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png');
    assert.equal(profile.name, 'nelly');
    const odd = await profileFrom({ ...base, raw: { ...base.raw, avatar: '../../evil' } }, async () => undefined);
    assert.equal(odd.picture, undefined, 'a hash that is not one builds no URL');
  });

  it('Facebook: nested picture path, and no address counts as verified', () => {
    const config = presets.facebook.configFor({ clientId: 'fb' });
    assert.equal(config.claims.picture, 'picture.data.url');
    assert.equal(config.claims.emailVerified, undefined);
  });
});
