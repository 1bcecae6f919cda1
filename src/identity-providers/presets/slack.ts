import { checkedSettings, clientIdField, clientSecretField } from './fields.ts';
import type { OidcPreset } from './types.ts';

/** Slack ("Sign in with Slack", OpenID Connect); its ID tokens carry email_verified. */
const ISSUER = 'https://slack.com';
const fields = [clientIdField, clientSecretField];

export const slack: OidcPreset = {
  name: 'slack',
  displayName: 'Slack',
  kind: 'oidc',
  consoleUrl: 'https://api.slack.com/apps',
  fields,
  scopes: ['openid', 'profile', 'email'],
  configFor(settings) {
    const { clientId } = checkedSettings(fields, settings);
    return {
      issuer: ISSUER,
      discoveryUrl: `${ISSUER}/.well-known/openid-configuration`,
      clientId,
      scopes: this.scopes,
      tokenEndpointAuthMethod: 'client_secret_post',
      authorizeParams: {},
      formPost: false,
      // Slack does not document PKCE for Sign in with Slack; state and nonce bind the flow.
      pkce: false,
    };
  },
  quirks: { issuerFor: () => ISSUER },
};
