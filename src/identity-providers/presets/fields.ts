import { AppError } from '../../errors.ts';
import { isTrue } from '../oauth2-profile.ts';
import type { UpstreamProfile } from '../upstream.ts';
import type { PresetField, PresetSecrets, PresetSettings } from './types.ts';

/** The two fields nearly every preset asks for. */
export const clientIdField: PresetField = {
  key: 'clientId',
  label: 'Client ID',
  secret: false,
  required: true,
  help: 'The application (client) id the provider gave when you registered the redirect URI.',
};

export const clientSecretField: PresetField = {
  key: 'clientSecret',
  label: 'Client secret',
  secret: true,
  required: true,
  help: 'The client secret the provider gave; sealed at rest and never shown again.',
};

/**
 * The preset's fields checked against what the admin gave: required ones present, shaped ones
 * matching; secret fields only when `secrets` is given (at creation and when a secret is replaced).
 * Returns the non-secret settings trimmed of anything the preset does not know.
 */
export function checkedSettings(fields: PresetField[], settings: PresetSettings, secrets?: PresetSecrets): Record<string, string> {
  const known: Record<string, string> = {};
  for (const field of fields) {
    if (field.secret && secrets === undefined) continue;
    const value = (field.secret ? (secrets ?? {}) : settings)[field.key];
    if (value === undefined || value === '') {
      if (field.required) throw fieldError(field.key, 'is required');
      continue;
    }
    if (field.pattern !== undefined && !new RegExp(field.pattern).test(value)) throw fieldError(field.key, `does not match ${field.pattern}`);
    if (!field.secret) known[field.key] = value;
  }
  return known;
}

function fieldError(field: string, issue: string): AppError {
  return new AppError('request.validation_failed', `${field} ${issue}`, { details: [{ field, issue }] });
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The profile from standard OpenID Connect claims (`email_verified` as true or "true"). */
export function standardOidcProfile(claims: Readonly<Record<string, unknown>>): UpstreamProfile {
  const email = text(claims.email);
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((value): value is string => typeof value === 'string') : undefined;
  return {
    subject: String(claims.sub),
    email,
    emailVerified: email !== undefined && isTrue(claims.email_verified),
    name: text(claims.name),
    givenName: text(claims.given_name),
    familyName: text(claims.family_name),
    picture: text(claims.picture),
    amr,
    raw: { ...claims },
  };
}
