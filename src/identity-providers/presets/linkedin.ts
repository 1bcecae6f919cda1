import { clientIdNeed, clientSecretNeed, defaultsOf, discoveryAtIssuer } from './common.ts';
import type { OidcPresetEntry } from './types.ts';

/** LinkedIn ("Sign In with LinkedIn using OpenID Connect"): the secret goes in the body. */
export const linkedin = {
  name: 'linkedin',
  displayName: 'LinkedIn',
  kind: 'oidc',
  consoleUrl: 'https://www.linkedin.com/developers/apps',
  needs: [clientIdNeed("The app's Client ID (Auth tab)."), clientSecretNeed("The app's Primary Client Secret.")],
  defaults: defaultsOf('linkedin'),
  // LinkedIn offers PKCE to native apps it enables, not to web apps; state and nonce bind the flow.
  quirks: { ...discoveryAtIssuer, pkce: false },
} satisfies OidcPresetEntry;
