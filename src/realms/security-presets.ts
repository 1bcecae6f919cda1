import type { RealmSettings } from './realm.ts';

/**
 * One-field shortcuts (FLXBL's security recommendations) for the settings that decide how hard an
 * account is to take over: password length, token lifetimes and email verification. Applying a
 * preset writes those settings; fields given in the same request win, and later changes are free.
 * `high` asks for 15 characters, as NIST SP 800-63B-4 does for passwords used as a single factor.
 */
export const SECURITY_PRESETS = ['high', 'balanced', 'convenience'] as const;
export type SecurityPreset = (typeof SECURITY_PRESETS)[number];

export interface PresetSettings {
  users: { registration: Pick<RealmSettings['users']['registration'], 'require_email_verification'> };
  password_policy: Pick<RealmSettings['password_policy'], 'min_length' | 'block_common' | 'block_context'>;
  tokens: Pick<RealmSettings['tokens'], 'access_token_minutes' | 'refresh_token_days' | 'reset_token_minutes'>;
}

const presets: Record<SecurityPreset, PresetSettings> = {
  high: {
    users: { registration: { require_email_verification: true } },
    password_policy: { min_length: 15, block_common: true, block_context: true },
    tokens: { access_token_minutes: 15, refresh_token_days: 1, reset_token_minutes: 15 },
  },
  balanced: {
    users: { registration: { require_email_verification: true } },
    password_policy: { min_length: 10, block_common: true, block_context: true },
    tokens: { access_token_minutes: 30, refresh_token_days: 7, reset_token_minutes: 60 },
  },
  convenience: {
    users: { registration: { require_email_verification: false } },
    password_policy: { min_length: 8, block_common: true, block_context: true },
    tokens: { access_token_minutes: 60, refresh_token_days: 30, reset_token_minutes: 60 },
  },
};

export function presetSettings(preset: SecurityPreset): PresetSettings {
  return structuredClone(presets[preset]);
}
