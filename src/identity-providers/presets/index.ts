import * as client from 'openid-client';
import { AppError } from '../../errors.ts';
import { createOAuth2Adapter } from '../oauth2-adapter.ts';
import type { OAuth2Config, OAuth2Context, OAuth2RequestOptions } from '../oauth2-config.ts';
import type { OidcProtocol, Preset } from '../presets.ts';
import type { UpstreamAdapter } from '../upstream.ts';
import { apple } from './apple.ts';
import { discord } from './discord.ts';
import { facebook } from './facebook.ts';
import { github } from './github.ts';
import { gitlab } from './gitlab.ts';
import { google } from './google.ts';
import { linkedin } from './linkedin.ts';
import { microsoft } from './microsoft.ts';
import { slack } from './slack.ts';
import type { OidcQuirks, PresetEntry } from './types.ts';

export { standardOidcProfile } from './common.ts';
export type { OAuth2PresetEntry, OidcPresetEntry, OidcQuirks, PresetEntry, PresetNeed } from './types.ts';

/**
 * Every preset by name (the names of src/identity-providers/presets.ts): its kind, its defaults,
 * what the admin must supply and its quirks.
 */
export const presetTable = {
  google,
  microsoft,
  apple,
  github,
  gitlab,
  facebook,
  linkedin,
  discord,
  slack,
} as const satisfies Record<Preset, PresetEntry>;

/** The OIDC hooks for a provider: its preset's, or the standard ones (no preset, or one of kind oauth2). */
export function oidcQuirksFor(preset: Preset | null): OidcQuirks | undefined {
  const entry: PresetEntry | undefined = preset === null ? undefined : presetTable[preset];
  return entry?.kind === 'oidc' ? entry.quirks : undefined;
}

/**
 * How the OIDC adapter's openid-client Configuration authenticates at the token endpoint, from the
 * stored secret: as it is, or (Apple) a client secret minted from it for each request — openid-client
 * awaits a client authentication function, so one Configuration from discovery serves every sign-in.
 */
export function oidcClientAuth(preset: Preset | null, protocol: OidcProtocol, secret: string | undefined, now: () => number): client.ClientAuth {
  const methodFor = (value: string) => (protocol.token_auth === 'client_secret_post' ? client.ClientSecretPost(value) : client.ClientSecretBasic(value));
  if (protocol.token_auth === 'none') return client.None();
  if (secret === undefined) throw new AppError('idp.token_exchange_failed', 'this provider has no secret');
  const mint = oidcQuirksFor(preset)?.clientSecretFor;
  if (!mint) return methodFor(secret);
  return async (as, metadata, body, headers) => {
    const authenticate = methodFor(await mint(protocol, secret, now())) as (...args: Parameters<client.ClientAuth>) => void | Promise<void>;
    await authenticate(as, metadata, body, headers);
  };
}

/**
 * The adapter of a provider of kind `oauth2`: its stored settings, its sign-in rules and, for a
 * preset, the preset's quirks.
 */
export function createOAuth2ProviderAdapter(
  preset: Preset | null,
  config: OAuth2Config,
  secrets: { clientSecret?: string },
  ctx: OAuth2Context,
  options: Omit<OAuth2RequestOptions, 'quirks'> = {},
): UpstreamAdapter {
  const entry: PresetEntry | undefined = preset === null ? undefined : presetTable[preset];
  const quirks = entry?.kind === 'oauth2' ? entry.quirks : undefined;
  return createOAuth2Adapter(config, secrets, ctx, { ...options, quirks });
}
