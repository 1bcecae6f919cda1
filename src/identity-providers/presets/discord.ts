import type { UpstreamProfile } from '../upstream.ts';
import { clientIdNeed, clientSecretNeed, defaultsOf } from './common.ts';
import type { OAuth2PresetEntry } from './types.ts';

/**
 * Discord (OAuth 2.0). /users/@me says `verified` for the address; the display name is
 * `global_name` (falling back to the username), and the picture is a hash the CDN URL is built from.
 */
const CDN = 'https://cdn.discordapp.com';

export async function discordProfile(profile: UpstreamProfile): Promise<UpstreamProfile> {
  const { id, avatar, username } = profile.raw;
  const picture = typeof avatar === 'string' && /^(a_)?[0-9a-f]{32}$/.test(avatar) ? `${CDN}/avatars/${String(id)}/${avatar}.png` : undefined;
  return { ...profile, name: profile.name ?? (typeof username === 'string' ? username : undefined), picture };
}

export const discord = {
  name: 'discord',
  displayName: 'Discord',
  kind: 'oauth2',
  consoleUrl: 'https://discord.com/developers/applications',
  needs: [clientIdNeed("The application's Client ID (OAuth2)."), clientSecretNeed("The application's Client Secret (OAuth2).")],
  defaults: defaultsOf('discord'),
  quirks: { profileFrom: discordProfile },
} satisfies OAuth2PresetEntry;
