import { clientIdNeed, clientSecretNeed, defaultsOf } from './common.ts';
import type { OAuth2PresetEntry } from './types.ts';

/**
 * Facebook Login (OAuth 2.0 with the Graph API; its OpenID Connect is for Limited Login on iOS only).
 * The Graph API never says whether an address is verified, so none counts as verified (the
 * defaults map no email_verified). No quirk beyond the claim mapping.
 */
export const facebook = {
  name: 'facebook',
  displayName: 'Facebook',
  kind: 'oauth2',
  consoleUrl: 'https://developers.facebook.com/apps',
  needs: [clientIdNeed("The app's App ID."), clientSecretNeed("The app's App secret (Settings → Basic).")],
  defaults: defaultsOf('facebook'),
  quirks: {},
} satisfies OAuth2PresetEntry;
