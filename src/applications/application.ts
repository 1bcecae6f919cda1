import type { Application, ApplicationGrantType, ApplicationKind, TokenEndpointAuthMethod } from '../contracts.ts';
import { AppError } from '../errors.ts';

/**
 * What an application is allowed to be, by kind, and the limits that hold for all of them. The
 * rules themselves (one function per field group) are in application-rules.ts.
 */

/** The scopes an application may be allowed; the one list every check uses. */
export const KNOWN_SCOPES = ['openid', 'profile', 'email', 'phone', 'offline_access'] as const;

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export const applicationLimits = {
  perRealm: 1000,
  nameLength: 200,
  uris: 100,
  uriLength: 2000,
  origins: 20,
  jwksKeys: 20,
  audienceLength: 2000,
  /** A rotated secret keeps verifying this long by default (one hour), at most 30 days. */
  secretGraceSeconds: { min: 0, max: 30 * 24 * 3600, default: 3600 },
} as const;

export const applicationNotFound = () => new AppError('application.not_found', 'No such application in this realm.');

export type SecretAuthMethod = 'client_secret_basic' | 'client_secret_post';

export const usesSecret = (method: TokenEndpointAuthMethod): method is SecretAuthMethod =>
  method === 'client_secret_basic' || method === 'client_secret_post';

interface KindProfile {
  /** Public clients cannot keep a secret: `none` only (the provider enforces PKCE). */
  public: boolean;
  /** The grant every application of the kind has, and those it may add. */
  mainGrant: ApplicationGrantType;
  optionalGrants: ApplicationGrantType[];
  /** Whether a browser comes back to it (redirect and post-logout URIs). */
  redirects: boolean;
  /** Whether it acts for users (user scopes, consent, back-channel logout, framing). */
  hasUsers: boolean;
}

export const kindProfiles: Record<ApplicationKind, KindProfile> = {
  spa: { public: true, mainGrant: 'authorization_code', optionalGrants: ['refresh_token'], redirects: true, hasUsers: true },
  web: { public: false, mainGrant: 'authorization_code', optionalGrants: ['refresh_token'], redirects: true, hasUsers: true },
  native: { public: true, mainGrant: 'authorization_code', optionalGrants: ['refresh_token'], redirects: true, hasUsers: true },
  machine: { public: false, mainGrant: 'client_credentials', optionalGrants: [], redirects: false, hasUsers: false },
  device: { public: true, mainGrant: DEVICE_CODE_GRANT, optionalGrants: ['refresh_token'], redirects: false, hasUsers: true },
};

/** The settings an operator gives (snake_case, as the API names them); kind and client_id are fixed. */
export interface ApplicationFields {
  name: string;
  logo_url: string | null;
  enabled: boolean;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  cors_origins: string[];
  grant_types: ApplicationGrantType[];
  scopes: string[];
  consent: 'implicit' | 'required';
  access_token_audience: string | null;
  access_token_minutes: number | null;
  refresh_token_days: number | null;
  token_endpoint_auth_method: TokenEndpointAuthMethod;
  jwks: { keys: Record<string, unknown>[] } | null;
  jwks_uri: string | null;
  backchannel_logout_uri: string | null;
  frame_origins: string[];
}

export type NewApplicationFields = Partial<ApplicationFields> & { kind: ApplicationKind; name: string };

/** An application as the admin API shows it: the provider's view plus what only operators see. */
export interface ApplicationRecord extends Application {
  /** The CORS origins as listed (`corsOrigins` adds an SPA's redirect URIs' origins). */
  listedCorsOrigins: string[];
  hasSecret: boolean;
  /** While a rotated secret still verifies: until when (epoch ms); else null. */
  previousSecretUntil: number | null;
  createdAt: number;
  updatedAt: number;
}

/** A kind's defaults for what the operator leaves out. */
export function defaultsFor(kind: ApplicationKind): Omit<ApplicationFields, 'name'> {
  const profile = kindProfiles[kind];
  const grants: ApplicationGrantType[] = [profile.mainGrant, ...profile.optionalGrants];
  return {
    logo_url: null,
    enabled: true,
    redirect_uris: [],
    post_logout_redirect_uris: [],
    cors_origins: [],
    grant_types: grants,
    scopes: profile.hasUsers ? ['openid', 'profile', 'email', ...(grants.includes('refresh_token') ? ['offline_access'] : [])] : [],
    consent: 'required',
    access_token_audience: null,
    access_token_minutes: null,
    refresh_token_days: null,
    token_endpoint_auth_method: profile.public ? 'none' : 'client_secret_basic',
    jwks: null,
    jwks_uri: null,
    backchannel_logout_uri: null,
    frame_origins: [],
  };
}

/** The operator's fields of a stored application, to merge a PATCH onto. */
export function fieldsOf(app: ApplicationRecord): ApplicationFields {
  return {
    name: app.name,
    logo_url: app.logoUrl,
    enabled: app.enabled,
    redirect_uris: app.redirectUris,
    post_logout_redirect_uris: app.postLogoutRedirectUris,
    cors_origins: app.listedCorsOrigins,
    grant_types: app.grantTypes,
    scopes: app.scopes,
    consent: app.consent,
    access_token_audience: app.accessTokenAudience,
    access_token_minutes: app.accessTokenMinutes,
    refresh_token_days: app.refreshTokenDays,
    token_endpoint_auth_method: app.tokenEndpointAuthMethod,
    jwks: app.jwks,
    jwks_uri: app.jwksUri,
    backchannel_logout_uri: app.backchannelLogoutUri,
    frame_origins: app.frameOrigins,
  };
}

/** The origin (`scheme://host[:port]`) of an http(s) URI, or undefined for other schemes. */
export function httpOrigin(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Browsers may call the token endpoints from an SPA's own pages: its redirect URIs' origins, plus those listed. */
export function effectiveCorsOrigins(kind: ApplicationKind, redirectUris: string[], listed: string[]): string[] {
  if (kind !== 'spa') return listed;
  const derived = redirectUris.map(httpOrigin).filter((origin): origin is string => origin !== undefined);
  return [...new Set([...derived, ...listed])];
}
