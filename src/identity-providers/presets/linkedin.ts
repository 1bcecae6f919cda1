import { checkedSettings, clientIdField, clientSecretField } from './fields.ts';
import type { OidcPreset } from './types.ts';

/** LinkedIn ("Sign In with LinkedIn using OpenID Connect"): the secret goes in the body; no PKCE for web apps. */
const ISSUER = 'https://www.linkedin.com/oauth';
const fields = [clientIdField, clientSecretField];

export const linkedin: OidcPreset = {
  name: 'linkedin',
  displayName: 'LinkedIn',
  kind: 'oidc',
  consoleUrl: 'https://www.linkedin.com/developers/apps',
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
      // LinkedIn offers PKCE to native apps it enables, not to web apps; state and nonce bind the flow.
      pkce: false,
    };
  },
  quirks: { issuerFor: () => ISSUER },
};
