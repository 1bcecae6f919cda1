/**
 * The presets the API knows (docs/identity-providers.md, src/identity-providers/presets.ts) and the
 * generic protocols: what each asks of the operator. The server fills in the rest.
 */
export type PresetId = 'google' | 'microsoft' | 'apple' | 'github' | 'gitlab' | 'facebook' | 'linkedin' | 'discord' | 'slack';
export type ProviderType = PresetId | 'oidc' | 'oauth2' | 'saml';
export type PresetSetting = 'tenant' | 'team_id' | 'key_id' | 'base_url';

export interface ProviderTypeInfo {
  type: ProviderType;
  label: string;
  kind: 'oidc' | 'oauth2' | 'saml';
  preset: boolean;
  /** Settings besides the client id. */
  settings: PresetSetting[];
  /** The secret it takes. */
  secret: 'client_secret' | 'private_key' | 'optional';
  /** Default scopes the server sets (shown as the field's placeholder). */
  scopes: string[];
}

const standard = ['openid', 'email', 'profile'];

export const PROVIDER_TYPES: ProviderTypeInfo[] = [
  { type: 'google', label: 'Google', kind: 'oidc', preset: true, settings: [], secret: 'client_secret', scopes: standard },
  { type: 'microsoft', label: 'Microsoft Entra ID', kind: 'oidc', preset: true, settings: ['tenant'], secret: 'client_secret', scopes: standard },
  { type: 'apple', label: 'Apple', kind: 'oidc', preset: true, settings: ['team_id', 'key_id'], secret: 'private_key', scopes: ['openid', 'email', 'name'] },
  { type: 'github', label: 'GitHub', kind: 'oauth2', preset: true, settings: [], secret: 'client_secret', scopes: ['read:user', 'user:email'] },
  { type: 'gitlab', label: 'GitLab', kind: 'oidc', preset: true, settings: ['base_url'], secret: 'client_secret', scopes: standard },
  { type: 'facebook', label: 'Facebook', kind: 'oauth2', preset: true, settings: [], secret: 'client_secret', scopes: ['email', 'public_profile'] },
  { type: 'linkedin', label: 'LinkedIn', kind: 'oidc', preset: true, settings: [], secret: 'client_secret', scopes: standard },
  { type: 'discord', label: 'Discord', kind: 'oauth2', preset: true, settings: [], secret: 'client_secret', scopes: ['identify', 'email'] },
  { type: 'slack', label: 'Slack', kind: 'oidc', preset: true, settings: [], secret: 'client_secret', scopes: standard },
  { type: 'oidc', label: 'OpenID Connect', kind: 'oidc', preset: false, settings: [], secret: 'client_secret', scopes: standard },
  { type: 'oauth2', label: 'OAuth 2.0', kind: 'oauth2', preset: false, settings: [], secret: 'client_secret', scopes: [] },
  { type: 'saml', label: 'SAML 2.0', kind: 'saml', preset: false, settings: [], secret: 'optional', scopes: [] },
];

export function typeInfo(type: ProviderType): ProviderTypeInfo {
  return PROVIDER_TYPES.find((info) => info.type === type) ?? PROVIDER_TYPES[PROVIDER_TYPES.length - 1];
}

/** Where the provider sends the browser back: register exactly this at the provider. */
export function callbackUrl(publicUrl: string, realmSlug: string, idpSlug: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/realms/${realmSlug}/auth/idp/${idpSlug}/callback`;
}

/** A SAML provider's service-provider metadata, which is also the SP's entity id. */
export function samlMetadataUrl(publicUrl: string, realmSlug: string, idpSlug: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/realms/${realmSlug}/auth/idp/${idpSlug}/saml/metadata`;
}

/** The server's public URL: the console lives at `{public_url}/console`. */
export function publicUrlOf(consoleBase: string): string {
  return consoleBase.replace(/\/+$/, '').replace(/\/console$/, '');
}
