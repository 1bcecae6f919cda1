/**
 * What each security preset of POST /admin/v1/realms sets (src/realms/security-presets.ts), and what
 * a realm gets without one (the server's defaults), to explain the choice in words before it is
 * made. A unit test keeps these figures equal to the server's.
 */
export const PRESET_CHOICES = ['none', 'high', 'balanced', 'convenience'] as const;
export type PresetChoice = (typeof PRESET_CHOICES)[number];

export interface PresetSummary {
  min_length: number;
  access_token_minutes: number;
  refresh_token_days: number;
  reset_token_minutes: number;
  require_email_verification: boolean;
}

export const PRESET_SUMMARIES: Record<PresetChoice, PresetSummary> = {
  none: { min_length: 8, access_token_minutes: 15, refresh_token_days: 7, reset_token_minutes: 60, require_email_verification: true },
  high: { min_length: 15, access_token_minutes: 15, refresh_token_days: 1, reset_token_minutes: 15, require_email_verification: true },
  balanced: { min_length: 10, access_token_minutes: 30, refresh_token_days: 7, reset_token_minutes: 60, require_email_verification: true },
  convenience: { min_length: 8, access_token_minutes: 60, refresh_token_days: 30, reset_token_minutes: 60, require_email_verification: false },
};
