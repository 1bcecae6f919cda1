import { checkedSettings, clientIdField, clientSecretField } from './fields.ts';
import type { OAuth2Preset } from './types.ts';

/**
 * Facebook Login (OAuth 2.0 with the Graph API; its OpenID Connect is for Limited Login on iOS only).
 * The Graph API never says whether an address is verified, so none counts as verified unless the
 * realm marks the provider as trusted to verify e-mails.
 */
export const FACEBOOK_GRAPH_VERSION = 'v23.0';
const fields = [{ ...clientIdField, label: 'App ID' }, { ...clientSecretField, label: 'App secret' }];

export const facebook: OAuth2Preset = {
  name: 'facebook',
  displayName: 'Facebook',
  kind: 'oauth2',
  consoleUrl: 'https://developers.facebook.com/apps',
  fields,
  scopes: ['public_profile', 'email'],
  configFor(settings) {
    const { clientId } = checkedSettings(fields, settings);
    return {
      authorizationUrl: `https://www.facebook.com/${FACEBOOK_GRAPH_VERSION}/dialog/oauth`,
      tokenUrl: `https://graph.facebook.com/${FACEBOOK_GRAPH_VERSION}/oauth/access_token`,
      profileUrl: `https://graph.facebook.com/${FACEBOOK_GRAPH_VERSION}/me?fields=id,name,first_name,last_name,email,picture`,
      clientId,
      scopes: this.scopes,
      tokenEndpointAuthMethod: 'client_secret_post',
      pkce: true,
      claims: { subject: 'id', email: 'email', name: 'name', givenName: 'first_name', familyName: 'last_name', picture: 'picture.data.url' },
    };
  },
  quirks: {},
};
