import { isTrue } from '../oauth2-profile.ts';
import type { OidcProtocol, Preset, PresetInput } from '../presets.ts';
import { presetDefaults } from '../presets.ts';
import type { UpstreamProfile } from '../upstream.ts';
import type { OidcQuirks, PresetNeed } from './types.ts';

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

/** Discovery starts at the stored issuer; ID tokens carry it (or fill in its template). */
export const discoveryAtIssuer: Pick<OidcQuirks, 'discoveryServer' | 'issuerFor'> = {
  discoveryServer: (protocol: OidcProtocol) => protocol.issuer,
  issuerFor: (protocol: OidcProtocol) => protocol.issuer_template ?? protocol.issuer,
};

/** The preset's defaults, as src/identity-providers/presets.ts makes them. */
export const defaultsOf = (preset: Preset) => (input: PresetInput) => presetDefaults(preset, input);

export const clientIdNeed = (help: string): PresetNeed => ({ field: 'client_id', required: true, help });
export const clientSecretNeed = (help: string): PresetNeed => ({ field: 'client_secret', required: true, help });
