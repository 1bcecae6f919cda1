import { checkedSettings, clientIdField, clientSecretField } from './fields.ts';
import type { OidcPreset } from './types.ts';

/** Google: plain OpenID Connect; its ID tokens carry email_verified. */
const ISSUER = 'https://accounts.google.com';
const fields = [clientIdField, clientSecretField];

export const google: OidcPreset = {
  name: 'google',
  displayName: 'Google',
  kind: 'oidc',
  consoleUrl: 'https://console.cloud.google.com/apis/credentials',
  fields,
  scopes: ['openid', 'email', 'profile'],
  configFor(settings) {
    const { clientId } = checkedSettings(fields, settings);
    return {
      issuer: ISSUER,
      discoveryUrl: `${ISSUER}/.well-known/openid-configuration`,
      clientId,
      scopes: this.scopes,
      tokenEndpointAuthMethod: 'client_secret_basic',
      authorizeParams: {},
      formPost: false,
      pkce: true,
    };
  },
  quirks: { issuerFor: () => ISSUER },
};
