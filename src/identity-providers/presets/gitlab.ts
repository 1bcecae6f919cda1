import { clientIdField, clientSecretField } from './fields.ts';
import { oidcPreset } from './oidc-preset.ts';

/**
 * GitLab, on gitlab.com or self-hosted: the issuer is the instance's external URL, exactly as its
 * discovery document says (no trailing slash).
 */
export const gitlab = oidcPreset({
  name: 'gitlab',
  displayName: 'GitLab',
  consoleUrl: 'https://gitlab.com/-/user_settings/applications',
  fields: [
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
  ],
  scopes: ['openid', 'profile', 'email'],
  issuerFor: (settings) => (settings.baseUrl || 'https://gitlab.com').replace(/\/$/, ''),
  tokenEndpointAuthMethod: 'client_secret_basic',
  pkce: true,
});
