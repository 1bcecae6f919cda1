import type { ApplicationKind } from '../contracts.ts';
import { invalidField, type ErrorCode } from '../errors.ts';
import { limits } from '../realms/realm.ts';
import { applicationLimits, KNOWN_SCOPES, kindProfiles, type ApplicationFields } from './application.ts';
import { frameOriginProblem, httpsUrlProblem, originProblem, redirectUriProblem } from './redirect-uris.ts';

/**
 * Checks a whole set of an application's settings (a new one with its kind's defaults filled in,
 * or the current one with a PATCH merged in) and answers them tidied (the name trimmed). Anything
 * that makes no sense for the kind is refused with a 400 naming the field, before any write.
 */

function refuse(code: ErrorCode, field: string, issue: string): never {
  throw invalidField(code, field, issue);
}

/** Lists of URIs or origins: bounded, no duplicates, each checked by `problem`. */
function checkList(values: string[], field: string, code: ErrorCode, max: number, problem: (value: string) => string | undefined): void {
  if (values.length > max) refuse(code, field, `must have at most ${max} entries`);
  if (new Set(values).size !== values.length) refuse(code, field, 'must not repeat an entry');
  values.forEach((value, index) => {
    const issue = problem(value);
    if (issue) refuse(code, `${field}[${index}]`, issue);
  });
}

function checkGrants(kind: ApplicationKind, fields: ApplicationFields): void {
  const { mainGrant, optionalGrants } = kindProfiles[kind];
  const grants = fields.grant_types;
  if (new Set(grants).size !== grants.length) refuse('application.invalid_grant_types', 'grant_types', 'must not repeat a grant type');
  if (!grants.includes(mainGrant)) refuse('application.invalid_grant_types', 'grant_types', `must include ${mainGrant} for a ${kind} application`);
  const unfit = grants.find((grant) => grant !== mainGrant && !optionalGrants.includes(grant));
  if (unfit) refuse('application.invalid_grant_types', 'grant_types', `${unfit} does not fit a ${kind} application`);
}

function checkScopes(kind: ApplicationKind, fields: ApplicationFields): void {
  const scopes = fields.scopes;
  if (new Set(scopes).size !== scopes.length) refuse('application.invalid_scopes', 'scopes', 'must not repeat a scope');
  const unknown = scopes.find((scope) => !(KNOWN_SCOPES as readonly string[]).includes(scope));
  if (unknown !== undefined) refuse('application.invalid_scopes', 'scopes', `${unknown} is not a known scope (${KNOWN_SCOPES.join(' ')})`);
  if (!kindProfiles[kind].hasUsers && scopes.length > 0) refuse('application.invalid_scopes', 'scopes', `a ${kind} application acts for no user: no user scopes`);
  if (scopes.includes('offline_access') && !fields.grant_types.includes('refresh_token')) {
    refuse('application.invalid_scopes', 'scopes', 'offline_access needs the refresh_token grant');
  }
}

function checkRedirects(kind: ApplicationKind, fields: ApplicationFields): void {
  const { redirects } = kindProfiles[kind];
  const uriProblem = (uri: string) => redirectUriProblem(uri, kind, applicationLimits.uriLength);
  for (const field of ['redirect_uris', 'post_logout_redirect_uris'] as const) {
    const code = field === 'redirect_uris' ? 'application.invalid_redirect_uris' : 'application.invalid_post_logout_redirect_uris';
    if (!redirects && fields[field].length > 0) refuse(code, field, `a ${kind} application has no browser redirects: must be empty`);
    checkList(fields[field], field, code, applicationLimits.uris, uriProblem);
  }
  if (fields.grant_types.includes('authorization_code') && fields.redirect_uris.length === 0) {
    refuse('application.invalid_redirect_uris', 'redirect_uris', 'must have at least one URI for the authorization_code grant');
  }
}

function checkOrigins(kind: ApplicationKind, fields: ApplicationFields): void {
  // Only an SPA calls the token endpoint from a browser: a confidential client would expose its secret there.
  if (kind !== 'spa' && fields.cors_origins.length > 0) refuse('application.invalid_cors_origins', 'cors_origins', 'only an spa application calls from a browser: must be empty');
  checkList(fields.cors_origins, 'cors_origins', 'application.invalid_cors_origins', applicationLimits.origins, originProblem);
  if (!kindProfiles[kind].redirects && fields.frame_origins.length > 0) refuse('application.invalid_frame_origins', 'frame_origins', `a ${kind} application shows no pages: must be empty`);
  // They go into the pages' frame-ancestors: the realm's own rule (found by review: `https://*` was taken).
  checkList(fields.frame_origins, 'frame_origins', 'application.invalid_frame_origins', applicationLimits.origins, frameOriginProblem);
}

/** Keys with these members are private or symmetric: an application registers public keys only. */
const SECRET_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];

function checkClientAuthentication(kind: ApplicationKind, fields: ApplicationFields): void {
  const method = fields.token_endpoint_auth_method;
  const field = 'token_endpoint_auth_method';
  if (kindProfiles[kind].public && method !== 'none') refuse('application.invalid_token_endpoint_auth_method', field, `a ${kind} application is public: must be none`);
  if (!kindProfiles[kind].public && method === 'none') refuse('application.invalid_token_endpoint_auth_method', field, `a ${kind} application is confidential: use a secret or private_key_jwt`);
  const { jwks, jwks_uri: jwksUri } = fields;
  if (method !== 'private_key_jwt') {
    if (jwks !== null || jwksUri !== null) refuse('application.invalid_jwks', jwks !== null ? 'jwks' : 'jwks_uri', 'is only for private_key_jwt');
    return;
  }
  if ((jwks === null) === (jwksUri === null)) refuse('application.invalid_jwks', 'jwks', 'private_key_jwt needs exactly one of jwks and jwks_uri');
  if (jwksUri !== null) {
    const issue = httpsUrlProblem(jwksUri, applicationLimits.uriLength);
    if (issue) refuse('application.invalid_jwks', 'jwks_uri', issue);
  }
  if (jwks !== null) {
    if (jwks.keys.length === 0 || jwks.keys.length > applicationLimits.jwksKeys) refuse('application.invalid_jwks', 'jwks.keys', `must have 1 to ${applicationLimits.jwksKeys} keys`);
    jwks.keys.forEach((key, index) => {
      if (typeof key.kty !== 'string') refuse('application.invalid_jwks', `jwks.keys[${index}]`, 'must be a JWK with kty');
      if (SECRET_JWK_MEMBERS.some((member) => member in key)) refuse('application.invalid_jwks', `jwks.keys[${index}]`, 'must be a public key (no private or symmetric members)');
    });
  }
}

function checkLifetimes(fields: ApplicationFields): void {
  const { access_token_minutes: minutes, refresh_token_days: days } = fields;
  const range = (value: number, bounds: { min: number; max: number }) => Number.isInteger(value) && value >= bounds.min && value <= bounds.max;
  if (minutes !== null && !range(minutes, limits.accessTokenMinutes)) {
    refuse('application.invalid_token_lifetimes', 'access_token_minutes', `must be ${limits.accessTokenMinutes.min} to ${limits.accessTokenMinutes.max}`);
  }
  if (days !== null && !range(days, limits.refreshTokenDays)) {
    refuse('application.invalid_token_lifetimes', 'refresh_token_days', `must be ${limits.refreshTokenDays.min} to ${limits.refreshTokenDays.max}`);
  }
  if (days !== null && !fields.grant_types.includes('refresh_token')) refuse('application.invalid_token_lifetimes', 'refresh_token_days', 'needs the refresh_token grant');
}

function checkDescriptive(kind: ApplicationKind, fields: ApplicationFields): string {
  const name = fields.name.trim();
  if (name.length === 0 || name.length > applicationLimits.nameLength) refuse('application.invalid_name', 'name', `must be 1 to ${applicationLimits.nameLength} characters`);
  if (fields.logo_url !== null) {
    const issue = httpsUrlProblem(fields.logo_url, applicationLimits.uriLength);
    if (issue) refuse('application.invalid_logo_url', 'logo_url', issue);
  }
  const audience = fields.access_token_audience;
  if (audience !== null && (audience.trim() !== audience || audience.length === 0 || audience.length > applicationLimits.audienceLength)) {
    refuse('application.invalid_access_token_audience', 'access_token_audience', `must be 1 to ${applicationLimits.audienceLength} characters without surrounding spaces`);
  }
  if (fields.backchannel_logout_uri !== null) {
    if (!kindProfiles[kind].hasUsers) refuse('application.invalid_backchannel_logout_uri', 'backchannel_logout_uri', `a ${kind} application has no user sessions to end`);
    const issue = httpsUrlProblem(fields.backchannel_logout_uri, applicationLimits.uriLength, true);
    if (issue) refuse('application.invalid_backchannel_logout_uri', 'backchannel_logout_uri', issue);
  }
  return name;
}

export function settleFields(kind: ApplicationKind, fields: ApplicationFields): ApplicationFields {
  const name = checkDescriptive(kind, fields);
  checkGrants(kind, fields);
  checkScopes(kind, fields);
  checkRedirects(kind, fields);
  checkOrigins(kind, fields);
  checkClientAuthentication(kind, fields);
  checkLifetimes(fields);
  return { ...fields, name };
}
