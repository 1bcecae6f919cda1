import { importPKCS8, SignJWT } from 'jose';
import { AppError } from '../../errors.ts';
import type { OidcProtocol } from '../presets.ts';
import type { UpstreamProfile } from '../upstream.ts';
import { clientIdNeed, defaultsOf, discoveryAtIssuer, standardOidcProfile } from './common.ts';
import type { OidcPresetEntry } from './types.ts';

/**
 * Sign in with Apple. Its quirks: the callback is a form POST (response_mode=form_post, required
 * when name or email is asked for); the client secret is a short-lived ES256 JWT signed with a key
 * of the team; `email_verified` arrives as the string "true"; and the name is never in the ID
 * token — only in the `user` parameter of the very first form POST for that user and app.
 */
/** Apple's client secrets are addressed to it. */
const APPLE_AUDIENCE = 'https://appleid.apple.com';
/** Apple refuses client secrets that live longer than six months; ours live minutes (one is made per token request). */
export const APPLE_CLIENT_SECRET_SECONDS = 5 * 60;
export const APPLE_MAX_CLIENT_SECRET_SECONDS = 15_777_000;

/** The client secret for one token request: an ES256 JWT from the team to Apple about the Services ID. */
export async function appleClientSecret(protocol: OidcProtocol, privateKey: string, now: number): Promise<string> {
  const { client_id: clientId, team_id: teamId, key_id: keyId } = protocol;
  if (!teamId || !keyId) throw new AppError('idp.token_exchange_failed', 'this Apple provider has no team id or key id');
  let key: Awaited<ReturnType<typeof importPKCS8>>;
  try {
    key = await importPKCS8(privateKey, 'ES256');
  } catch {
    throw new AppError('idp.token_exchange_failed', 'the Sign in with Apple private key is not a PKCS #8 P-256 key');
  }
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: keyId })
    .setIssuer(teamId)
    .setSubject(clientId)
    .setAudience(APPLE_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + APPLE_CLIENT_SECRET_SECONDS)
    .sign(key);
}

/** The name Apple sends once, in the form POST's `user` JSON; anything malformed is ignored. */
function firstSignInName(user: string | undefined): { givenName?: string; familyName?: string } {
  if (!user) return {};
  try {
    const parsed = JSON.parse(user) as { name?: { firstName?: unknown; lastName?: unknown } };
    const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 200) : undefined);
    return { givenName: text(parsed?.name?.firstName), familyName: text(parsed?.name?.lastName) };
  } catch {
    return {};
  }
}

/** The name from the first form POST's `user` (never the address: that field is not signed). */
export function appleProfile(claims: Readonly<Record<string, unknown>>, params: Readonly<Record<string, string>>): UpstreamProfile {
  const profile = standardOidcProfile(claims);
  const { givenName, familyName } = firstSignInName(params.user);
  const name = [givenName, familyName].filter(Boolean).join(' ') || undefined;
  return { ...profile, givenName: givenName ?? profile.givenName, familyName: familyName ?? profile.familyName, name: name ?? profile.name };
}

export const apple = {
  name: 'apple',
  displayName: 'Apple',
  kind: 'oidc',
  consoleUrl: 'https://developer.apple.com/account/resources/identifiers/list/serviceId',
  needs: [
    clientIdNeed('The Services ID (e.g. com.example.signin) Sign in with Apple is configured on for the web.'),
    { field: 'team_id', required: true, help: "Your Apple Developer team's 10-character id." },
    { field: 'key_id', required: true, help: 'The 10-character id of the Sign in with Apple key.' },
    { field: 'private_key', required: true, help: 'The whole AuthKey_….p8 file of that key (Apple lets you download it once).' },
  ],
  defaults: defaultsOf('apple'),
  quirks: {
    ...discoveryAtIssuer,
    clientSecretFor: appleClientSecret,
    profileFrom: appleProfile,
    // Apple does not document PKCE; the nonce binds the ID token to this browser's sign-in.
    pkce: false,
  },
} satisfies OidcPresetEntry;
