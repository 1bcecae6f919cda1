import { AppError } from '../../errors.ts';
import type { FetchJson } from '../oauth2-adapter.ts';
import type { UpstreamProfile } from '../upstream.ts';
import { checkedSettings, clientIdField, clientSecretField } from './fields.ts';
import type { OAuth2Preset } from './types.ts';

/**
 * GitHub (an OAuth App or GitHub App; OAuth 2.0, no OpenID Connect). /user gives the account, with
 * the public e-mail if the user chose one; only /user/emails says which address is verified. The
 * address used is the PRIMARY one, verified only if GitHub verified it: an unverified primary never
 * becomes verified because another, verified address exists (that address is not the one the user
 * chose to be reached at, and a verified secondary is still in raw for mapping).
 */
export const GITHUB_EMAILS_URL = 'https://api.github.com/user/emails';
const fields = [clientIdField, clientSecretField];

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

function emailsFrom(value: unknown): GitHubEmail[] {
  if (!Array.isArray(value)) throw new AppError('idp.profile_invalid', "the provider's e-mail list is not a JSON array");
  return value.filter(
    (item): item is GitHubEmail => typeof item === 'object' && item !== null && typeof item.email === 'string' && typeof item.primary === 'boolean' && typeof item.verified === 'boolean',
  );
}

/** The profile with GitHub's primary address and whether GitHub verified it, from `emailsUrl`. */
export async function withPrimaryEmail(profile: UpstreamProfile, fetchJson: FetchJson, emailsUrl: string): Promise<UpstreamProfile> {
  let emails: GitHubEmail[];
  try {
    emails = emailsFrom(await fetchJson(emailsUrl));
  } catch (error) {
    // Without the user:email grant the list is refused (403): the public address stays, unverified.
    if (error instanceof AppError && error.code === 'idp.profile_invalid') return { ...profile, emailVerified: false };
    throw error;
  }
  const primary = emails.find((item) => item.primary);
  if (!primary) return { ...profile, email: undefined, emailVerified: false, raw: { ...profile.raw, emails } };
  return { ...profile, email: primary.email, emailVerified: primary.verified, raw: { ...profile.raw, emails } };
}

export const github: OAuth2Preset = {
  name: 'github',
  displayName: 'GitHub',
  kind: 'oauth2',
  consoleUrl: 'https://github.com/settings/developers',
  fields,
  scopes: ['read:user', 'user:email'],
  configFor(settings) {
    const { clientId } = checkedSettings(fields, settings);
    return {
      authorizationUrl: 'https://github.com/login/oauth/authorize',
      tokenUrl: 'https://github.com/login/oauth/access_token',
      profileUrl: 'https://api.github.com/user',
      clientId,
      scopes: this.scopes,
      tokenEndpointAuthMethod: 'client_secret_basic',
      pkce: true,
      loginHintParameter: 'login',
      claims: { subject: 'id', email: 'email', name: 'name', picture: 'avatar_url' },
    };
  },
  quirks: {
    profileFrom: (profile, fetchJson) => withPrimaryEmail(profile, fetchJson, GITHUB_EMAILS_URL),
  },
};
