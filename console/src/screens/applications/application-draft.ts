/**
 * The application form's state (text as typed) and the API body it becomes: only the settings that
 * mean something for the kind are sent, and on a change only those that differ. Pure: unit-tested.
 */
import { cleanList, fieldsFor, fitScopes, grantTypesFor, kindProfiles, optionalNumber, type AuthMethod, type Kind, type Scope } from './application-kinds.ts';

export interface AppDraft {
  name: string;
  logo_url: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  cors_origins: string[];
  frame_origins: string[];
  backchannel_logout_uri: string;
  refresh: boolean;
  scopes: string[];
  consent: 'required' | 'implicit';
  token_endpoint_auth_method: AuthMethod;
  jwks_uri: string;
  jwks: string;
  access_token_minutes: string;
  refresh_token_days: string;
  access_token_audience: string;
}

/** What the API answers for an application (the fields the form reads). */
export interface AppShape {
  kind: Kind;
  name: string;
  logo_url: string | null;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  cors_origins: string[];
  frame_origins: string[];
  backchannel_logout_uri: string | null;
  grant_types: string[];
  scopes: string[];
  consent: 'required' | 'implicit';
  token_endpoint_auth_method: AuthMethod;
  jwks_uri: string | null;
  jwks: { keys: Record<string, unknown>[] } | null;
  access_token_minutes: number | null;
  refresh_token_days: number | null;
  access_token_audience: string | null;
}

/** A new application's form: the kind's defaults (those of src/applications/application.ts). */
export function newDraft(kind: Kind): AppDraft {
  const profile = kindProfiles[kind];
  return {
    name: '',
    logo_url: '',
    redirect_uris: [],
    post_logout_redirect_uris: [],
    cors_origins: [],
    frame_origins: [],
    backchannel_logout_uri: '',
    refresh: profile.refresh,
    scopes: profile.hasUsers ? ['openid', 'profile', 'email', ...(profile.refresh ? ['offline_access'] : [])] : [],
    consent: 'required',
    token_endpoint_auth_method: profile.public ? 'none' : 'client_secret_basic',
    jwks_uri: '',
    jwks: '',
    access_token_minutes: '',
    refresh_token_days: '',
    access_token_audience: '',
  };
}

export function draftOfApp(app: AppShape): AppDraft {
  return {
    name: app.name,
    logo_url: app.logo_url ?? '',
    redirect_uris: [...app.redirect_uris],
    post_logout_redirect_uris: [...app.post_logout_redirect_uris],
    cors_origins: [...app.cors_origins],
    frame_origins: [...app.frame_origins],
    backchannel_logout_uri: app.backchannel_logout_uri ?? '',
    refresh: app.grant_types.includes('refresh_token'),
    scopes: [...app.scopes],
    consent: app.consent,
    token_endpoint_auth_method: app.token_endpoint_auth_method,
    jwks_uri: app.jwks_uri ?? '',
    jwks: app.jwks ? JSON.stringify(app.jwks, null, 2) : '',
    access_token_minutes: app.access_token_minutes === null ? '' : String(app.access_token_minutes),
    refresh_token_days: app.refresh_token_days === null ? '' : String(app.refresh_token_days),
    access_token_audience: app.access_token_audience ?? '',
  };
}

export type AppBody = Record<string, unknown>;

/** Problems the form can name before asking the API (field → message key). */
export type DraftProblems = Partial<Record<'jwks' | 'access_token_minutes' | 'refresh_token_days', 'jwks' | 'number'>>;

const nullable = (text: string) => (text.trim() === '' ? null : text.trim());

/** The full body for the kind (what POST takes), and the problems found on the way. */
export function bodyOf(kind: Kind, draft: AppDraft): { body: AppBody; problems: DraftProblems } {
  const fields = fieldsFor(kind, draft.refresh ? ['refresh_token'] : []);
  const problems: DraftProblems = {};
  const body: AppBody = { name: draft.name.trim(), logo_url: nullable(draft.logo_url) };
  if (fields.redirectUris) body.redirect_uris = cleanList(draft.redirect_uris);
  if (fields.postLogoutUris) body.post_logout_redirect_uris = cleanList(draft.post_logout_redirect_uris);
  if (fields.corsOrigins) body.cors_origins = cleanList(draft.cors_origins);
  if (fields.frameOrigins) body.frame_origins = cleanList(draft.frame_origins);
  if (fields.backchannelLogout) body.backchannel_logout_uri = nullable(draft.backchannel_logout_uri);
  body.grant_types = grantTypesFor(kind, draft.refresh);
  if (fields.scopes) body.scopes = fitScopes(kind, draft.refresh, draft.scopes) satisfies Scope[];
  if (fields.consent) body.consent = draft.consent;
  if (fields.authMethod) {
    body.token_endpoint_auth_method = draft.token_endpoint_auth_method;
    if (draft.token_endpoint_auth_method === 'private_key_jwt') {
      body.jwks_uri = nullable(draft.jwks_uri);
      body.jwks = null;
      if (draft.jwks.trim() !== '') {
        try {
          const parsed = JSON.parse(draft.jwks) as unknown;
          if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as { keys?: unknown }).keys)) problems.jwks = 'jwks';
          else body.jwks = parsed;
        } catch {
          problems.jwks = 'jwks';
        }
      }
    } else {
      body.jwks_uri = null;
      body.jwks = null;
    }
  }
  const minutes = optionalNumber(draft.access_token_minutes);
  if (Number.isNaN(minutes) || (minutes !== null && !Number.isInteger(minutes))) problems.access_token_minutes = 'number';
  else body.access_token_minutes = minutes;
  if (fields.refreshDays) {
    const days = optionalNumber(draft.refresh_token_days);
    if (Number.isNaN(days) || (days !== null && !Number.isInteger(days))) problems.refresh_token_days = 'number';
    else body.refresh_token_days = days;
  } else body.refresh_token_days = null;
  body.access_token_audience = nullable(draft.access_token_audience);
  return { body, problems };
}

/** Only what differs from the application as saved: a PATCH that changes exactly what was edited. */
export function changesOf(kind: Kind, draft: AppDraft, saved: AppShape): { body: AppBody; problems: DraftProblems } {
  const { body, problems } = bodyOf(kind, draft);
  const current = bodyOf(kind, draftOfApp(saved)).body;
  const changed: AppBody = {};
  for (const [key, value] of Object.entries(body)) {
    if (JSON.stringify(value) !== JSON.stringify(current[key])) changed[key] = value;
  }
  return { body: changed, problems };
}
