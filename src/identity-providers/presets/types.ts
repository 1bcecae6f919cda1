import type { OAuth2Quirks } from '../oauth2-config.ts';
import type { OidcProtocol, Preset, PresetDefaults, PresetInput } from '../presets.ts';
import type { UpstreamProfile } from '../upstream.ts';

/**
 * What each preset adds to the defaults src/identity-providers/presets.ts fills in (endpoints,
 * issuer, scopes, kind of secret): what the admin must supply, explained, and the provider's quirks
 * as functions the sign-in calls — the OIDC adapter for kind `oidc`, createOAuth2Adapter for `oauth2`.
 */

/** A value the admin supplies: a preset_settings key, or the secret. */
export interface PresetNeed {
  field: keyof PresetInput | 'client_secret' | 'private_key';
  required: boolean;
  /** Where to find it at the provider. */
  help: string;
}

/**
 * Hooks the core's `oidc` adapter calls for a preset, each given the provider's stored protocol
 * settings. Absent hooks mean the standard behaviour (see each).
 */
export interface OidcQuirks {
  /**
   * The URL to hand to openid-client's `discovery()` (not the .well-known URL: given that, it skips
   * its issuer check). For login.microsoftonline.com, openid-client accepts the discovered
   * `{tenantid}` template and later expects each ID token's iss to be it filled with the token's `tid`.
   */
  discoveryServer(protocol: OidcProtocol): string;
  /** The issuer ID tokens must carry, or the template they fill in (Entra ID multi-tenant). */
  issuerFor(protocol: OidcProtocol): string;
  /**
   * Called with the ID token's claims after openid-client verified them (signature, audience,
   * expiry, nonce, iss): false refuses the sign-in (idp.issuer_mismatch). Absent: openid-client's
   * check is the whole check.
   */
  issuerMatches?(iss: string, claims: Readonly<Record<string, unknown>>, protocol: OidcProtocol): boolean;
  /** The client secret for one token request (Apple: a fresh ES256 JWT). Absent: the stored client secret. */
  clientSecretFor?(protocol: OidcProtocol, secret: string, now: number): Promise<string>;
  /**
   * The profile from the verified ID token's claims (merged with userinfo when read) and the
   * callback's parameters (Apple's `user`). Absent: standardOidcProfile(claims).
   */
  profileFrom?(claims: Readonly<Record<string, unknown>>, params: Readonly<Record<string, string>>): UpstreamProfile;
  /** False: the provider documents no PKCE, so none is sent (state and nonce bind the flow). Absent: PKCE is sent. */
  pkce?: false;
}

interface PresetEntryBase {
  name: Preset;
  displayName: string;
  /** Where the admin registers the application and the redirect URI. */
  consoleUrl: string;
  needs: PresetNeed[];
  /** The defaults of src/identity-providers/presets.ts for this preset. */
  defaults(input: PresetInput): PresetDefaults;
}

export interface OidcPresetEntry extends PresetEntryBase {
  kind: 'oidc';
  quirks: OidcQuirks;
}

export interface OAuth2PresetEntry extends PresetEntryBase {
  kind: 'oauth2';
  quirks: OAuth2Quirks;
}

export type PresetEntry = OidcPresetEntry | OAuth2PresetEntry;
