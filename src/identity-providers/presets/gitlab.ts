import { clientIdNeed, clientSecretNeed, defaultsOf, discoveryAtIssuer } from './common.ts';
import type { OidcPresetEntry } from './types.ts';

/**
 * GitLab, on gitlab.com or self-hosted: the issuer is the instance's external URL (no trailing
 * slash), exactly as its discovery document says.
 */
export const gitlab = {
  name: 'gitlab',
  displayName: 'GitLab',
  kind: 'oidc',
  consoleUrl: 'https://gitlab.com/-/user_settings/applications',
  needs: [
    clientIdNeed("The application's Application ID."),
    clientSecretNeed("The application's Secret."),
    { field: 'base_url', required: false, help: "A self-hosted GitLab's external_url (https); empty for gitlab.com." },
  ],
  defaults: defaultsOf('gitlab'),
  quirks: { ...discoveryAtIssuer },
} satisfies OidcPresetEntry;
