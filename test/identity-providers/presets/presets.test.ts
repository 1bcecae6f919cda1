import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import * as arctic from 'arctic';
import { AppError } from '../../../src/errors.ts';
import { oauth2ConfigSchema } from '../../../src/identity-providers/oauth2-config.ts';
import { PRESETS, type OAuth2Protocol, type OidcProtocol, type Preset, type PresetInput } from '../../../src/identity-providers/presets.ts';
import { oidcQuirksFor, presetTable, type PresetEntry } from '../../../src/identity-providers/presets/index.ts';

/** What an admin would fill in for each preset (the secret aside). */
const sampleInput: Record<Preset, PresetInput> = {
  google: { client_id: 'g-client' },
  microsoft: { client_id: 'm-client', tenant: 'organizations' },
  apple: { client_id: 'com.example.signin', team_id: 'TEAM123456', key_id: 'KEY9876543' },
  github: { client_id: 'gh-client' },
  gitlab: { client_id: 'gl-client' },
  facebook: { client_id: 'fb-app' },
  linkedin: { client_id: 'li-client' },
  discord: { client_id: 'dc-client' },
  slack: { client_id: 'sl-client' },
};

const https = (value: string) => new URL(value).protocol === 'https:';
const validOAuth2Config = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false }).compile(oauth2ConfigSchema);

describe('identity provider presets', () => {
  it('the table holds exactly the presets the admin API knows, each under its own name', () => {
    assert.deepEqual(Object.keys(presetTable).sort(), [...PRESETS].sort());
    for (const name of PRESETS) assert.equal(presetTable[name].name, name);
  });

  for (const name of PRESETS) {
    const entry: PresetEntry = presetTable[name];
    const input = sampleInput[name];

    it(`${name}: the entry, the defaults and the admin's needs agree`, () => {
      assert.ok(entry.displayName && https(entry.consoleUrl));
      const defaults = entry.defaults(input);
      assert.equal(defaults.kind, entry.kind);
      assert.ok(defaults.scopes.length > 0);
      for (const need of entry.needs) assert.ok(need.help.length > 10, `${need.field} is explained`);
      // The secret the preset takes is the one the admin is told to supply.
      assert.deepEqual(entry.needs.filter((need) => need.field === 'client_secret' || need.field === 'private_key').map((need) => need.field), [defaults.secret]);
      assert.ok(entry.needs.some((need) => need.field === 'client_id' && need.required));
    });

    it(`${name}: every required setting is demanded by the defaults`, () => {
      const required = entry.needs.filter((need) => need.required && need.field !== 'client_secret' && need.field !== 'private_key' && need.field !== 'client_id');
      for (const need of required) {
        const { [need.field as keyof PresetInput]: _missing, ...rest } = input;
        assert.throws(
          () => entry.defaults(rest as PresetInput),
          (error: unknown) => error instanceof AppError && error.code === 'identity_provider.invalid' && error.details[0].field === `preset_settings.${need.field}`,
          `${name} without ${need.field}`,
        );
      }
      // And nothing the entry calls optional is demanded.
      const minimal = Object.fromEntries(Object.entries(input).filter(([key]) => key === 'client_id' || required.some((need) => need.field === key)));
      assert.doesNotThrow(() => entry.defaults(minimal as PresetInput));
    });

    it(`${name}: the adapter can run on the defaults`, () => {
      const defaults = entry.defaults(input);
      if (entry.kind === 'oidc') {
        const protocol = defaults.protocol as OidcProtocol;
        const server = entry.quirks.discoveryServer(protocol);
        assert.ok(https(server) && !server.includes('/.well-known/'), 'discovery starts at a server, so openid-client checks its issuer');
        assert.ok(https(entry.quirks.issuerFor(protocol).replace('{tenantid}', 'x')));
        assert.equal(oidcQuirksFor(name), entry.quirks);
      } else {
        const protocol = defaults.protocol as OAuth2Protocol;
        assert.ok(validOAuth2Config(protocol), JSON.stringify(validOAuth2Config.errors));
        for (const url of [protocol.authorization_url, protocol.token_url, protocol.profile_url]) assert.ok(https(url), url);
        assert.equal(protocol.pkce, true);
        assert.equal(oidcQuirksFor(name), undefined);
      }
    });
  }

  it('a provider without a preset has no OIDC quirks', () => {
    assert.equal(oidcQuirksFor(null), undefined);
  });

  it("the OAuth 2.0 authorization endpoints agree with arctic's (Facebook up to its Graph API version)", () => {
    const redirect = 'https://id.example/callback';
    const endpoint = (url: string | URL) => {
      const parsed = new URL(url);
      return `${parsed.origin}${parsed.pathname}`.replace(/\/v\d+\.\d+\//, '/vX/');
    };
    const ours = (name: 'github' | 'discord' | 'facebook') => endpoint((presetTable[name].defaults({ client_id: 'c' }).protocol as OAuth2Protocol).authorization_url);
    assert.equal(ours('github'), endpoint(new arctic.GitHub('c', 's', redirect).createAuthorizationURL('st', [])));
    assert.equal(ours('discord'), endpoint(new arctic.Discord('c', 's', redirect).createAuthorizationURL('st', null, [])));
    assert.equal(ours('facebook'), endpoint(new arctic.Facebook('c', 's', redirect).createAuthorizationURL('st', [])));
  });

  it('wherever arctic sends a PKCE challenge, the preset does too', () => {
    const arcticPkce: Partial<Record<Preset, { prototype: { createAuthorizationURL: { length: number } } }>> = {
      google: arctic.Google,
      microsoft: arctic.MicrosoftEntraId,
      discord: arctic.Discord,
    };
    for (const [name, provider] of Object.entries(arcticPkce) as [Preset, { prototype: { createAuthorizationURL: { length: number } } }][]) {
      assert.equal(provider.prototype.createAuthorizationURL.length, 3, `${name}: arctic takes a code verifier`);
      const entry: PresetEntry = presetTable[name];
      if (entry.kind === 'oidc') assert.notEqual(entry.quirks.pkce, false, name);
      else assert.equal((entry.defaults(sampleInput[name]).protocol as OAuth2Protocol).pkce, true, name);
    }
  });

  it('Discord: the picture is built from the avatar hash; the name falls back to the username', async () => {
    const profileFrom = presetTable.discord.quirks.profileFrom;
    const base = { subject: '80351110224678912', emailVerified: true, email: 'nelly@discord.example', raw: { id: '80351110224678912', username: 'nelly', avatar: '8342729096ea3675442027381ff50dfe' } };
    const profile = await profileFrom(base);
    assert.equal(profile.picture, 'https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png');
    assert.equal(profile.name, 'nelly');
    const odd = await profileFrom({ ...base, raw: { ...base.raw, avatar: '../../evil' } });
    assert.equal(odd.picture, undefined, 'a hash that is not one builds no URL');
  });

  it('Facebook: no address counts as verified (the Graph API never says)', () => {
    const protocol = presetTable.facebook.defaults({ client_id: 'fb' }).protocol as OAuth2Protocol;
    assert.equal(protocol.claims.email_verified, undefined);
  });
});
