import { checkedSettings, clientIdField, clientSecretField } from './fields.ts';
import type { OidcPreset, PresetSettings } from './types.ts';

/**
 * GitLab, on gitlab.com or self-hosted: the issuer is the instance's external URL, exactly as its
 * discovery document says (no trailing slash).
 */
const GITLAB_COM = 'https://gitlab.com';
const fields = [
  clientIdField,
  clientSecretField,
  {
    key: 'baseUrl',
    label: 'GitLab URL',
    secret: false,
    required: false,
    pattern: '^https://[^/?#]+(/[^?#]*[^/?#])?/?$',
    help: 'The address of a self-hosted GitLab (its external_url); empty for gitlab.com.',
  },
];

const issuerFor = (settings: PresetSettings) => (settings.baseUrl || GITLAB_COM).replace(/\/$/, '');

export const gitlab: OidcPreset = {
  name: 'gitlab',
  displayName: 'GitLab',
  kind: 'oidc',
  consoleUrl: 'https://gitlab.com/-/user_settings/applications',
  fields,
  scopes: ['openid', 'profile', 'email'],
  configFor(settings) {
    const { clientId } = checkedSettings(fields, settings);
    const issuer = issuerFor(settings);
    return {
      issuer,
      discoveryUrl: `${issuer}/.well-known/openid-configuration`,
      clientId,
      scopes: this.scopes,
      tokenEndpointAuthMethod: 'client_secret_basic',
      authorizeParams: {},
      formPost: false,
      pkce: true,
    };
  },
  quirks: { issuerFor },
};
