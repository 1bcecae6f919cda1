import { AppError } from '../errors.ts';
import { firstCharacters, oneLine, storable } from '../platform/display-text.ts';
import type { UpstreamProfile } from './upstream.ts';

/**
 * Text an upstream identity provider sent, as the server may show and store it. Neither database
 * stores NUL, and PostgreSQL refuses an unpaired UTF-16 surrogate in jsonb (JSON's `\ud800`
 * escapes make them): stored as sent, such text failed a sign-in with a 500.
 */

/** Whether text can be stored exactly as it is. */
const storableAsIs = (value: string): boolean => value.isWellFormed() && !value.includes('\u0000');

/**
 * An upstream's message for answers and events: one line (control characters would forge log
 * lines), storable, at most 200 characters, with `…` when cut.
 */
export const upstreamMessage = (value: string): string => firstCharacters(oneLine(storable(value)), 200, '…');

/** What the authentication methods of one upstream sign-in may hold (OIDC `amr`, SAML's class). */
const AMR_VALUES = 10;
const AMR_LENGTH = 200;

/**
 * The profile as it may be stored. A subject or an email that cannot be stored as sent is refused
 * (`idp.profile_invalid`) rather than changed: changed, two upstream accounts could become one, or
 * an address could become someone else's. The authentication methods keep a few short ones.
 */
export function storableProfile(profile: UpstreamProfile): UpstreamProfile {
  if (!storableAsIs(profile.subject)) throw new AppError('idp.profile_invalid', "The provider's account id holds characters that cannot be stored (NUL or an unpaired surrogate).");
  if (profile.email !== undefined && !storableAsIs(profile.email)) {
    throw new AppError('idp.profile_invalid', "The provider's email address holds characters that cannot be stored (NUL or an unpaired surrogate).");
  }
  if (profile.amr === undefined) return profile;
  const amr = profile.amr.filter((method) => typeof method === 'string' && method.length <= AMR_LENGTH && storableAsIs(method)).slice(0, AMR_VALUES);
  return { ...profile, amr };
}
