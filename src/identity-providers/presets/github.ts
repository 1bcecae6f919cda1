import { AppError } from '../../errors.ts';
import type { FetchJson } from '../oauth2-config.ts';
import type { UpstreamProfile } from '../upstream.ts';
import { clientIdNeed, clientSecretNeed, defaultsOf } from './common.ts';
import type { OAuth2PresetEntry } from './types.ts';

/**
 * GitHub (an OAuth App or GitHub App; OAuth 2.0, no OpenID Connect). /user gives the account, with
 * the public e-mail if the user chose one; only /user/emails says which address is verified. The
 * address used is the PRIMARY one, verified only if GitHub verified it: an unverified primary never
 * becomes verified because another, verified address exists (that is not the address the user chose
 * to be reached at; the whole list stays in raw for mapping).
 */
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

/** The e-mail list lives next to the profile: https://api.github.com/user → /user/emails. */
export const githubEmailsUrl = (profileUrl: string) => `${profileUrl.replace(/\/+$/, '')}/emails`;

/** The profile with GitHub's primary address and whether GitHub verified it. */
export async function withPrimaryEmail(profile: UpstreamProfile, fetchJson: FetchJson, emailsUrl: string): Promise<UpstreamProfile> {
  let emails: GitHubEmail[];
  try {
    emails = emailsFrom(await fetchJson(emailsUrl));
  } catch (error) {
    // Without the user:email grant the list is refused (403): the public address stays, unverified.
    if (error instanceof AppError && error.code === 'idp.profile_invalid') {
      const email = profile.email ?? (typeof profile.raw.email === 'string' && profile.raw.email !== '' ? profile.raw.email : undefined);
      return { ...profile, email, emailVerified: false };
    }
    throw error;
  }
  const primary = emails.find((item) => item.primary);
  const raw = { ...profile.raw, emails };
  if (!primary) return { ...profile, email: undefined, emailVerified: false, raw };
  return { ...profile, email: primary.email, emailVerified: primary.verified, raw };
}

export const github = {
  name: 'github',
  displayName: 'GitHub',
  kind: 'oauth2',
  consoleUrl: 'https://github.com/settings/developers',
  needs: [clientIdNeed("The OAuth App's Client ID."), clientSecretNeed('A client secret generated for that OAuth App.')],
  defaults: defaultsOf('github'),
  quirks: {
    loginHintParameter: 'login',
    profileFrom: (profile, fetchJson, config) => withPrimaryEmail(profile, fetchJson, githubEmailsUrl(config.profile_url)),
  },
} satisfies OAuth2PresetEntry;
