import { clientIdNeed, clientSecretNeed, defaultsOf, discoveryAtIssuer } from './common.ts';
import type { OidcPresetEntry } from './types.ts';

/** Google: plain OpenID Connect; its ID tokens carry email_verified. No quirk. */
export const google = {
  name: 'google',
  displayName: 'Google',
  kind: 'oidc',
  consoleUrl: 'https://console.cloud.google.com/apis/credentials',
  needs: [
    clientIdNeed('The OAuth client ID (type Web application), ending in .apps.googleusercontent.com.'),
    clientSecretNeed('The client secret of that OAuth client.'),
  ],
  defaults: defaultsOf('google'),
  quirks: { ...discoveryAtIssuer },
} satisfies OidcPresetEntry;
