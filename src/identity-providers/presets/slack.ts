import { clientIdNeed, clientSecretNeed, defaultsOf, discoveryAtIssuer } from './common.ts';
import type { OidcPresetEntry } from './types.ts';

/** Slack ("Sign in with Slack", OpenID Connect); its ID tokens carry email_verified. */
export const slack = {
  name: 'slack',
  displayName: 'Slack',
  kind: 'oidc',
  consoleUrl: 'https://api.slack.com/apps',
  needs: [clientIdNeed("The app's Client ID (Basic Information)."), clientSecretNeed("The app's Client Secret.")],
  defaults: defaultsOf('slack'),
  // Slack does not document PKCE for Sign in with Slack; state and nonce bind the flow.
  quirks: { ...discoveryAtIssuer, pkce: false },
} satisfies OidcPresetEntry;
