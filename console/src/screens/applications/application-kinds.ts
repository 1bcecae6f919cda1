/**
 * What each kind of application is (the server's kindProfiles in src/applications/application.ts,
 * mirrored): which settings mean something for it, its defaults, and turning the form's text back
 * into what the API takes. Pure: unit-tested.
 */
export const KINDS = ['web', 'spa', 'native', 'machine', 'device'] as const;
export type Kind = (typeof KINDS)[number];

export const SCOPES = ['openid', 'profile', 'email', 'phone', 'offline_access'] as const;
export type Scope = (typeof SCOPES)[number];
export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials' | 'urn:ietf:params:oauth:grant-type:device_code';
export type AuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'none';

interface KindProfile {
  public: boolean;
  mainGrant: GrantType;
  /** May add the refresh_token grant. */
  refresh: boolean;
  redirects: boolean;
  hasUsers: boolean;
}

export const kindProfiles: Record<Kind, KindProfile> = {
  spa: { public: true, mainGrant: 'authorization_code', refresh: true, redirects: true, hasUsers: true },
  web: { public: false, mainGrant: 'authorization_code', refresh: true, redirects: true, hasUsers: true },
  native: { public: true, mainGrant: 'authorization_code', refresh: true, redirects: true, hasUsers: true },
  machine: { public: false, mainGrant: 'client_credentials', refresh: false, redirects: false, hasUsers: false },
  device: { public: true, mainGrant: 'urn:ietf:params:oauth:grant-type:device_code', refresh: true, redirects: false, hasUsers: true },
};

/** The settings the form shows for a kind: only those the API accepts for it. */
export interface KindFields {
  redirectUris: boolean;
  postLogoutUris: boolean;
  corsOrigins: boolean;
  frameOrigins: boolean;
  backchannelLogout: boolean;
  scopes: boolean;
  consent: boolean;
  refreshGrant: boolean;
  refreshDays: boolean;
  authMethod: boolean;
}

export function fieldsFor(kind: Kind, grants: readonly string[] = []): KindFields {
  const profile = kindProfiles[kind];
  return {
    redirectUris: profile.redirects,
    postLogoutUris: profile.redirects,
    corsOrigins: kind === 'spa',
    frameOrigins: profile.redirects,
    backchannelLogout: profile.hasUsers,
    scopes: profile.hasUsers,
    consent: profile.hasUsers,
    refreshGrant: profile.refresh,
    refreshDays: profile.refresh && grants.includes('refresh_token'),
    authMethod: !profile.public,
  };
}

/** Auth methods a confidential kind may use (public kinds: `none` only). */
export function authMethodsFor(kind: Kind): AuthMethod[] {
  return kindProfiles[kind].public ? ['none'] : ['client_secret_basic', 'client_secret_post', 'private_key_jwt'];
}

export const usesSecret = (method: AuthMethod) => method === 'client_secret_basic' || method === 'client_secret_post';

/** The grant types from the refresh switch: the kind's main grant always, refresh_token when on. */
export function grantTypesFor(kind: Kind, refresh: boolean): GrantType[] {
  const profile = kindProfiles[kind];
  return [profile.mainGrant, ...(profile.refresh && refresh ? (['refresh_token'] as GrantType[]) : [])];
}

/** Scopes the kind may hold now: none for a machine; offline_access only with refresh tokens. */
export function scopesAllowed(kind: Kind, refresh: boolean): Scope[] {
  if (!kindProfiles[kind].hasUsers) return [];
  return SCOPES.filter((scope) => scope !== 'offline_access' || (kindProfiles[kind].refresh && refresh));
}

/** Keeps only the scopes still allowed (switching refresh off drops offline_access). */
export function fitScopes(kind: Kind, refresh: boolean, scopes: readonly string[]): Scope[] {
  const allowed = scopesAllowed(kind, refresh);
  return allowed.filter((scope) => scopes.includes(scope));
}

/** An editable list's lines as the API takes them: trimmed, blank lines dropped (order kept, URIs otherwise verbatim). */
export function cleanList(lines: readonly string[]): string[] {
  return lines.map((line) => line.trim()).filter((line) => line.length > 0);
}

/** A number field's text as a nullable lifetime (blank: the realm's). */
export function optionalNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** The per-field complaints of an API error, keyed by the top field they name (`redirect_uris.2` → `redirect_uris`). */
export function fieldErrors(details: readonly { field?: string; issue?: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const detail of details) {
    if (!detail.field || !detail.issue) continue;
    const top = detail.field.split(/[.[]/)[0];
    errors[top] = errors[top] ? `${errors[top]}; ${detail.issue}` : detail.issue;
  }
  return errors;
}

/** The console's own application: the server keeps it in line at every start. */
export const CONSOLE_CLIENT_ID = 'keyrealm-console';
export const isBuiltIn = (app: { client_id: string }, realm: { is_system?: boolean }) => app.client_id === CONSOLE_CLIENT_ID && realm.is_system === true;

/** Which entries of a list the API's details name (`redirect_uris[2]` or `redirect_uris.2`), to mark only those. */
export function invalidEntries(details: readonly { field?: string; issue?: string }[], field: string): number[] {
  const found = new Set<number>();
  for (const detail of details) {
    const match = detail.field?.match(/^(\w+)(?:\[(\d+)\]|\.(\d+))/);
    if (match && match[1] === field) found.add(Number(match[2] ?? match[3]));
  }
  return [...found];
}

/** The refused entries of each editable list, by field. */
export function invalidLists(details: readonly { field?: string; issue?: string }[]): Record<string, number[]> {
  return Object.fromEntries(['redirect_uris', 'post_logout_redirect_uris', 'cors_origins', 'frame_origins'].map((field) => [field, invalidEntries(details, field)]));
}
