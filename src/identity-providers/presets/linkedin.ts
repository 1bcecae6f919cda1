import { clientIdField, clientSecretField } from './fields.ts';
import { oidcPreset } from './oidc-preset.ts';

/** LinkedIn ("Sign In with LinkedIn using OpenID Connect"): the secret goes in the body. */
export const linkedin = oidcPreset({
  name: 'linkedin',
  displayName: 'LinkedIn',
  consoleUrl: 'https://www.linkedin.com/developers/apps',
  fields: [clientIdField, clientSecretField],
  scopes: ['openid', 'profile', 'email'],
  issuerFor: () => 'https://www.linkedin.com/oauth',
  tokenEndpointAuthMethod: 'client_secret_post',
  // LinkedIn offers PKCE to native apps it enables, not to web apps; state and nonce bind the flow.
  pkce: false,
});
