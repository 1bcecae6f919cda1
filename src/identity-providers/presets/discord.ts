import { checkedSettings, clientIdField, clientSecretField } from './fields.ts';
import type { OAuth2Preset } from './types.ts';

/**
 * Discord (OAuth 2.0). /users/@me says `verified` for the address; the display name is
 * `global_name` (falling back to the username), and the picture is a hash the CDN URL is built from.
 */
const fields = [clientIdField, clientSecretField];
const CDN = 'https://cdn.discordapp.com';

export const discord: OAuth2Preset = {
  name: 'discord',
  displayName: 'Discord',
  kind: 'oauth2',
  consoleUrl: 'https://discord.com/developers/applications',
  fields,
  scopes: ['identify', 'email'],
  configFor(settings) {
    const { clientId } = checkedSettings(fields, settings);
    return {
      authorizationUrl: 'https://discord.com/oauth2/authorize',
      tokenUrl: 'https://discord.com/api/oauth2/token',
      profileUrl: 'https://discord.com/api/users/@me',
      clientId,
      scopes: this.scopes,
      tokenEndpointAuthMethod: 'client_secret_basic',
      pkce: true,
      claims: { subject: 'id', email: 'email', emailVerified: 'verified', name: 'global_name' },
    };
  },
  quirks: {
    async profileFrom(profile) {
      const { id, avatar, username } = profile.raw;
      const picture = typeof avatar === 'string' && /^(a_)?[0-9a-f]{32}$/.test(avatar) ? `${CDN}/avatars/${String(id)}/${avatar}.png` : undefined;
      return { ...profile, name: profile.name ?? (typeof username === 'string' ? username : undefined), picture };
    },
  },
};
