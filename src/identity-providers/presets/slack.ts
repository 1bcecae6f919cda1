import { clientIdField, clientSecretField } from './fields.ts';
import { oidcPreset } from './oidc-preset.ts';

/** Slack ("Sign in with Slack", OpenID Connect); its ID tokens carry email_verified. */
export const slack = oidcPreset({
  name: 'slack',
  displayName: 'Slack',
  consoleUrl: 'https://api.slack.com/apps',
  fields: [clientIdField, clientSecretField],
  scopes: ['openid', 'profile', 'email'],
  issuerFor: () => 'https://slack.com',
  tokenEndpointAuthMethod: 'client_secret_post',
  // Slack does not document PKCE for Sign in with Slack; state and nonce bind the flow.
  pkce: false,
});
