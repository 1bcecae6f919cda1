import { importPKCS8, SignJWT } from 'jose';
import { AppError } from '../../errors.ts';
import { checkedSettings, clientIdField, standardOidcProfile } from './fields.ts';
import { oidcPreset } from './oidc-preset.ts';
import type { PresetSecrets, PresetSettings } from './types.ts';

/**
 * Sign in with Apple. Its quirks: the callback is a form POST (response_mode=form_post, required
 * when name or email is asked for); the client secret is a short-lived ES256 JWT signed with a key
 * of the team; `email_verified` arrives as the string "true"; and the name is never in the ID
 * token — only in the `user` parameter of the very first form POST for that user and app.
 */
const ISSUER = 'https://appleid.apple.com';
/** Apple refuses client secrets that live longer than six months; ours live minutes (one is made per token request). */
export const APPLE_CLIENT_SECRET_SECONDS = 5 * 60;
export const APPLE_MAX_CLIENT_SECRET_SECONDS = 15_777_000;

const fields = [
  { ...clientIdField, label: 'Services ID', help: 'The Services ID (e.g. com.example.signin) the web sign-in is configured on.' },
  { key: 'teamId', label: 'Team ID', secret: false, required: true, pattern: '^[A-Z0-9]{10}$', help: "Your Apple Developer team's 10-character id." },
  { key: 'keyId', label: 'Key ID', secret: false, required: true, pattern: '^[A-Z0-9]{10}$', help: 'The 10-character id of the Sign in with Apple key.' },
  {
    key: 'privateKey',
    label: 'Private key (.p8)',
    secret: true,
    required: true,
    pattern: '^\\s*-----BEGIN PRIVATE KEY-----[\\s\\S]+-----END PRIVATE KEY-----\\s*$',
    help: 'The contents of the AuthKey_….p8 file Apple let you download once; sealed at rest and never shown again.',
  },
];

/** The client secret for one token request: an ES256 JWT from the team to Apple about the Services ID. */
export async function appleClientSecret(settings: PresetSettings, secrets: PresetSecrets, now: number): Promise<string> {
  const { clientId, teamId, keyId } = checkedSettings(fields, settings);
  let key: Awaited<ReturnType<typeof importPKCS8>>;
  try {
    key = await importPKCS8(secrets.privateKey ?? '', 'ES256');
  } catch {
    throw new AppError('idp.token_exchange_failed', 'the Sign in with Apple private key is not a PKCS #8 P-256 key');
  }
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: keyId })
    .setIssuer(teamId)
    .setSubject(clientId)
    .setAudience(ISSUER)
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

export const apple = oidcPreset({
  name: 'apple',
  displayName: 'Apple',
  consoleUrl: 'https://developer.apple.com/account/resources/identifiers/list/serviceId',
  fields,
  scopes: ['name', 'email'],
  issuerFor: () => ISSUER,
  tokenEndpointAuthMethod: 'client_secret_post',
  authorizeParams: { response_mode: 'form_post' },
  // Apple does not document PKCE; the nonce binds the ID token to this browser's sign-in.
  pkce: false,
  quirks: {
    clientSecretFor: appleClientSecret,
    profileFrom(claims, params) {
      const profile = standardOidcProfile(claims);
      // The `user` parameter is not signed: it may name the person, never their address.
      const { givenName, familyName } = firstSignInName(params.user);
      const name = [givenName, familyName].filter(Boolean).join(' ') || undefined;
      return { ...profile, givenName: givenName ?? profile.givenName, familyName: familyName ?? profile.familyName, name: name ?? profile.name };
    },
  },
});
