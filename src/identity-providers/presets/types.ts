import type { OAuth2Config, OAuth2Quirks } from '../oauth2-adapter.ts';
import type { UpstreamProfile } from '../upstream.ts';

/**
 * A preset is what an administrator would otherwise have to look up for a well-known provider:
 * its endpoints, scopes and quirks. The admin fills in only the fields the preset names; the preset
 * turns them into the config of kind `oidc` (consumed by the core's OIDC adapter, which calls the
 * hooks below) or `oauth2` (consumed by createOAuth2Adapter with the preset's quirks).
 */

/** What the admin supplies for a preset, by field key (see PresetField). Non-secret: stored in clear. */
export type PresetSettings = Readonly<Record<string, string | undefined>>;
/** Secret fields (client secret, Apple's private key): sealed at rest, never returned. */
export type PresetSecrets = Readonly<Record<string, string | undefined>>;

export interface PresetField {
  key: string;
  label: string;
  /** Sealed with the master key and never returned after creation. */
  secret: boolean;
  required: boolean;
  /** Anchored pattern the value must match, when the field has a shape. */
  pattern?: string;
  help: string;
}

/** What the core's `oidc` adapter needs to know, with discovery doing the rest. */
export interface OidcPresetConfig {
  /** The issuer identifier expected in the discovery document and ID tokens (for Entra ID multi-tenant: the `{tenantid}` template). */
  issuer: string;
  /**
   * The URL to hand to openid-client's `discovery()`: it reads `{discoveryServer}/.well-known/openid-configuration`
   * and checks that the document's issuer is this URL (for login.microsoftonline.com it accepts the
   * `{tenantid}` template and later fills it from each ID token's `tid`). Not the .well-known URL
   * itself: given that, openid-client skips the issuer check.
   */
  discoveryServer: string;
  clientId: string;
  scopes: string[];
  tokenEndpointAuthMethod: 'client_secret_basic' | 'client_secret_post';
  /** Added to every authorization request (e.g. Apple's response_mode=form_post). */
  authorizeParams: Record<string, string>;
  /** The callback arrives as a POST form (Apple): the core's callback route must accept it. */
  formPost: boolean;
  /** Send a PKCE challenge (every preset here accepts one). */
  pkce: boolean;
}

/**
 * Hooks the core's OIDC adapter calls, each optional; when absent, the standard behaviour holds
 * (iss equals `issuer`, the client secret is the stored one, the profile is read from standard claims
 * by standardOidcProfile).
 */
export interface OidcQuirks {
  /** The expected issuer (or template) for these settings. */
  issuerFor(settings: PresetSettings): string;
  /**
   * Whether an ID token's `iss` is this provider's, given the token's verified claims. Called after
   * openid-client verified signature, audience, expiry and nonce; a false answer refuses the sign-in
   * with idp.issuer_mismatch. Absent: iss must equal issuerFor(settings).
   */
  issuerMatches?(iss: string, claims: Readonly<Record<string, unknown>>, settings: PresetSettings): boolean;
  /** The client secret for one token request (Apple: a fresh ES256 JWT). Absent: secrets.clientSecret. */
  clientSecretFor?(settings: PresetSettings, secrets: PresetSecrets, now: number): Promise<string>;
  /**
   * The profile from the verified ID token's claims (merged with userinfo when the core reads it)
   * and the callback's parameters (Apple's `user`). Absent: standardOidcProfile(claims).
   */
  profileFrom?(claims: Readonly<Record<string, unknown>>, params: Readonly<Record<string, string>>): UpstreamProfile;
}

interface PresetBase {
  name: string;
  displayName: string;
  /** Where the admin registers the application upstream. */
  consoleUrl: string;
  fields: PresetField[];
  /** The scopes asked for unless the admin changes them. */
  scopes: string[];
}

export interface OidcPreset extends PresetBase {
  kind: 'oidc';
  /** Throws AppError request.validation_failed when a field is missing or malformed. */
  configFor(settings: PresetSettings): OidcPresetConfig;
  quirks: OidcQuirks;
}

export interface OAuth2Preset extends PresetBase {
  kind: 'oauth2';
  /** Throws AppError request.validation_failed when a field is missing or malformed. */
  configFor(settings: PresetSettings): OAuth2Config;
  quirks: OAuth2Quirks;
}

export type Preset = OidcPreset | OAuth2Preset;
