import { AppError } from '../../errors.ts';
import { createOAuth2Adapter, type OAuth2Context } from '../oauth2-adapter.ts';
import type { UpstreamAdapter } from '../upstream.ts';
import { apple } from './apple.ts';
import { discord } from './discord.ts';
import { facebook } from './facebook.ts';
import { checkedSettings } from './fields.ts';
import { github } from './github.ts';
import { gitlab } from './gitlab.ts';
import { google } from './google.ts';
import { linkedin } from './linkedin.ts';
import { microsoft } from './microsoft.ts';
import { slack } from './slack.ts';
import type { OAuth2Preset, Preset, PresetSecrets, PresetSettings } from './types.ts';

export { standardOidcProfile } from './fields.ts';
export type { OAuth2Preset, OidcPreset, OidcPresetConfig, OidcQuirks, Preset, PresetField, PresetSecrets, PresetSettings } from './types.ts';

/** Every preset by name: what kind of provider it is, its defaults, what the admin supplies, its quirks. */
export const presets = {
  google,
  microsoft,
  apple,
  github,
  gitlab,
  facebook,
  linkedin,
  discord,
  slack,
} as const satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;
export const presetNames = Object.keys(presets) as PresetName[];

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(presets, name);
}

export function presetFor(name: string): Preset {
  if (!isPresetName(name)) throw new AppError('request.validation_failed', `unknown preset ${name}`, { details: [{ field: 'preset', issue: `must be one of ${presetNames.join(', ')}` }] });
  return presets[name];
}

/**
 * What an admin gave for a preset, checked at creation (and whenever a secret is replaced): every
 * required field, secret ones included, present and well-shaped. Answers the settings to store in
 * clear; the secrets are the caller's to seal.
 */
export function checkPresetInput(preset: Preset, settings: PresetSettings, secrets: PresetSecrets): Record<string, string> {
  const checked = checkedSettings(preset.fields, settings, secrets);
  preset.configFor(checked);
  return checked;
}

/** The adapter for an OAuth 2.0 preset: its config and quirks, through createOAuth2Adapter. */
export function createPresetOAuth2Adapter(preset: OAuth2Preset, settings: PresetSettings, secrets: PresetSecrets, ctx: OAuth2Context): UpstreamAdapter {
  return createOAuth2Adapter(preset.configFor(settings), { clientSecret: secrets.clientSecret }, ctx, preset.quirks);
}
