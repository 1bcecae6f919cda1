/**
 * The well-known providers an operator can add by name: what each fills in (kind, issuer or
 * endpoints, scopes, how the client authenticates) from the few values the operator gives, and
 * which of those values it needs. The sign-in applies each preset's quirks (Apple's signed client
 * secret and form_post, GitHub's emails API) on top of the protocol settings made here.
 */
import { invalidField } from '../errors.ts';

export const PRESETS = ['google', 'microsoft', 'apple', 'github', 'gitlab', 'facebook', 'linkedin', 'discord', 'slack'] as const;
export type Preset = (typeof PRESETS)[number];

/** What an operator gives for a preset besides the client id (and the secret, sealed apart). */
export interface PresetInput {
  client_id: string;
  /** Microsoft: `common`, `organizations`, `consumers` or the directory (tenant) id. */
  tenant?: string;
  /** GitLab: the instance, for a self-hosted one; https://gitlab.com otherwise. */
  base_url?: string;
  /** Apple: the team that owns the key, and the key's id (its private key is the secret). */
  team_id?: string;
  key_id?: string;
}

export interface OidcProtocol {
  issuer: string;
  client_id: string;
  token_auth: 'client_secret_basic' | 'client_secret_post' | 'none';
  response_mode: 'query' | 'form_post';
  /** Microsoft multi-tenant: the issuer names the signing-in user's directory, `{tenantid}` in the template. */
  issuer_template?: string;
  team_id?: string;
  key_id?: string;
}

export interface OAuth2Protocol {
  authorization_url: string;
  token_url: string;
  profile_url: string;
  client_id: string;
  token_auth: 'client_secret_basic' | 'client_secret_post';
  pkce: boolean;
  /** Where in the profile JSON each field is (dotted paths). */
  claims: { subject: string; email?: string; email_verified?: string; name?: string; given_name?: string; family_name?: string; picture?: string };
  /** RFC 9207: the provider's issuer identifier, when it has one (an `iss` in the callback must equal it). */
  issuer?: string;
  iss_parameter_required?: boolean;
}

export interface PresetDefaults {
  kind: 'oidc' | 'oauth2';
  protocol: OidcProtocol | OAuth2Protocol;
  scopes: string[];
  /** The secret the preset needs: a client secret, or (Apple) the private key that signs one. */
  secret: 'client_secret' | 'private_key';
}

const MICROSOFT_MULTI = ['common', 'organizations', 'consumers'];
/** The Graph API version the Facebook preset calls (v23.0: May 2025, supported until about mid-2027). */
const FACEBOOK_GRAPH = 'v23.0';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function need<K extends keyof PresetInput>(input: PresetInput, key: K, preset: Preset, what: string): NonNullable<PresetInput[K]> {
  const value = input[key];
  if (value === undefined || value === '') throw invalidField('identity_provider.invalid', `preset_settings.${key}`, `${preset} needs ${what}`);
  return value as NonNullable<PresetInput[K]>;
}

const oidc = (issuer: string, clientId: string, more: Partial<OidcProtocol> = {}): OidcProtocol => ({
  issuer,
  client_id: clientId,
  token_auth: 'client_secret_basic',
  response_mode: 'query',
  ...more,
});

/** The protocol settings, scopes and kind of secret a preset makes from the operator's values. */
export function presetDefaults(preset: Preset, input: PresetInput): PresetDefaults {
  const id = input.client_id;
  const standard = ['openid', 'email', 'profile'];
  switch (preset) {
    case 'google':
      return { kind: 'oidc', protocol: oidc('https://accounts.google.com', id), scopes: standard, secret: 'client_secret' };
    case 'microsoft': {
      const tenant = need(input, 'tenant', preset, 'the directory: common, organizations, consumers or a tenant id');
      if (!MICROSOFT_MULTI.includes(tenant) && !GUID.test(tenant)) throw invalidField('identity_provider.invalid', 'preset_settings.tenant', 'must be common, organizations, consumers or a directory (tenant) id');
      // Multi-tenant endpoints issue tokens whose `iss` names the user's own directory.
      const multi = MICROSOFT_MULTI.includes(tenant);
      const issuer = `https://login.microsoftonline.com/${tenant}/v2.0`;
      return {
        kind: 'oidc',
        protocol: oidc(issuer, id, multi ? { issuer_template: 'https://login.microsoftonline.com/{tenantid}/v2.0' } : {}),
        scopes: standard,
        secret: 'client_secret',
      };
    }
    case 'apple': {
      const more = { team_id: need(input, 'team_id', preset, 'the Apple team id'), key_id: need(input, 'key_id', preset, 'the id of the Sign in with Apple key') };
      // Apple answers by form_post when asked for the name or email, and its client secret is a JWT the key signs.
      return { kind: 'oidc', protocol: oidc('https://appleid.apple.com', id, { token_auth: 'client_secret_post', response_mode: 'form_post', ...more }), scopes: ['openid', 'email', 'name'], secret: 'private_key' };
    }
    case 'gitlab': {
      const base = (input.base_url ?? 'https://gitlab.com').replace(/\/+$/, '');
      return { kind: 'oidc', protocol: oidc(base, id), scopes: standard, secret: 'client_secret' };
    }
    case 'linkedin':
      return { kind: 'oidc', protocol: oidc('https://www.linkedin.com/oauth', id, { token_auth: 'client_secret_post' }), scopes: standard, secret: 'client_secret' };
    case 'slack':
      return { kind: 'oidc', protocol: oidc('https://slack.com', id, { token_auth: 'client_secret_post' }), scopes: standard, secret: 'client_secret' };
    case 'github':
      return {
        kind: 'oauth2',
        // The primary verified address comes from /user/emails (the sign-in's GitHub quirk): the profile's is public and unverified.
        protocol: { authorization_url: 'https://github.com/login/oauth/authorize', token_url: 'https://github.com/login/oauth/access_token', profile_url: 'https://api.github.com/user', client_id: id, token_auth: 'client_secret_post', pkce: true, claims: { subject: 'id', name: 'name', picture: 'avatar_url' } },
        scopes: ['read:user', 'user:email'],
        secret: 'client_secret',
      };
    case 'facebook':
      // Graph API versions live about two years: one version for all three URLs, bumped with it.
      return {
        kind: 'oauth2',
        protocol: { authorization_url: `https://www.facebook.com/${FACEBOOK_GRAPH}/dialog/oauth`, token_url: `https://graph.facebook.com/${FACEBOOK_GRAPH}/oauth/access_token`, profile_url: `https://graph.facebook.com/${FACEBOOK_GRAPH}/me?fields=id,name,email,first_name,last_name,picture`, client_id: id, token_auth: 'client_secret_post', pkce: true, claims: { subject: 'id', email: 'email', name: 'name', given_name: 'first_name', family_name: 'last_name', picture: 'picture.data.url' } },
        scopes: ['email', 'public_profile'],
        secret: 'client_secret',
      };
    case 'discord':
      return {
        kind: 'oauth2',
        protocol: { authorization_url: 'https://discord.com/oauth2/authorize', token_url: 'https://discord.com/api/oauth2/token', profile_url: 'https://discord.com/api/users/@me', client_id: id, token_auth: 'client_secret_post', pkce: true, claims: { subject: 'id', email: 'email', email_verified: 'verified', name: 'global_name' } },
        scopes: ['identify', 'email'],
        secret: 'client_secret',
      };
  }
}
