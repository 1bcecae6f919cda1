import { clientIdField, clientSecretField } from './fields.ts';
import { oidcPreset } from './oidc-preset.ts';

/** Google: plain OpenID Connect; its ID tokens carry email_verified. */
export const google = oidcPreset({
  name: 'google',
  displayName: 'Google',
  consoleUrl: 'https://console.cloud.google.com/apis/credentials',
  fields: [clientIdField, clientSecretField],
  scopes: ['openid', 'email', 'profile'],
  issuerFor: () => 'https://accounts.google.com',
  tokenEndpointAuthMethod: 'client_secret_basic',
  pkce: true,
});
