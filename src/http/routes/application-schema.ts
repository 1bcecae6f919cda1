import { Type, type Static } from '@sinclair/typebox';
import { applicationLimits, fieldsOf, KNOWN_SCOPES, type ApplicationRecord } from '../../applications/application.ts';
import type { ConsentedApplication } from '../../applications/application-consents.ts';
import { limits } from '../../realms/realm.ts';
import { JsonObject, Nullable, OneLine, Timestamp } from '../schemas.ts';
import { between, oneOf } from './realm-schema.ts';

/**
 * Applications as the admin and account APIs show them, and the bodies that create and change
 * one. The schemas give shapes and bounds; which settings fit which kind is decided in
 * src/applications/application-rules.ts (a 400 naming the field).
 */

const strict = { additionalProperties: false } as const;

export const Kind = oneOf(['spa', 'web', 'native', 'machine', 'device'] as const, 'Fixed at creation; decides the defaults and what is allowed.');
const GrantType = oneOf(['authorization_code', 'refresh_token', 'client_credentials', 'urn:ietf:params:oauth:grant-type:device_code'] as const);
const AuthMethod = oneOf(['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'] as const, 'How the application authenticates at the token endpoint.');
const Scope = oneOf(KNOWN_SCOPES);
const Uri = Type.String({ minLength: 1, maxLength: applicationLimits.uriLength });
const Uris = (description: string) => Type.Array(Uri, { maxItems: applicationLimits.uris, description });
const Origins = (description: string) => Type.Array(Uri, { maxItems: applicationLimits.origins, description });
const Jwks = Type.Object({ keys: Type.Array(JsonObject('A public JWK.'), { maxItems: applicationLimits.jwksKeys }) }, { ...strict, description: 'Public keys for private_key_jwt (or give jwks_uri).' });

/** Every setting an operator may give; a creation adds `kind`, and only `name` is required. */
const settings = {
  name: OneLine({ minLength: 1, maxLength: applicationLimits.nameLength }),
  logo_url: Nullable(Type.String({ maxLength: applicationLimits.uriLength, description: 'https URL of a logo shown on consent and account pages.' })),
  enabled: Type.Boolean({ description: 'A disabled application gets no tokens; disabling ends what it holds.' }),
  redirect_uris: Uris('Matched exactly (no wildcards, no normalisation). https, http only on loopback; native apps may use a private-use scheme (com.example.app:/cb).'),
  post_logout_redirect_uris: Uris('Where the browser may go after signing out; matched exactly.'),
  cors_origins: Origins("Browser origins allowed at the token endpoints (spa only); an SPA's redirect URIs' origins are always allowed."),
  grant_types: Type.Array(GrantType, { maxItems: 4, description: "Must fit the kind; defaults to the kind's." }),
  scopes: Type.Array(Scope, { maxItems: KNOWN_SCOPES.length, description: 'Scopes the application may ask for.' }),
  consent: oneOf(['implicit', 'required'] as const, 'implicit: a first-party application, never asked; required (default): the user agrees once.'),
  access_token_audience: Nullable(Type.String({ maxLength: applicationLimits.audienceLength, description: "aud of access tokens without a resource indicator; null: the realm's issuer." })),
  access_token_minutes: Nullable(between(limits.accessTokenMinutes, "Overrides the realm's access-token lifetime; null keeps the realm's.")),
  refresh_token_days: Nullable(between(limits.refreshTokenDays, "Overrides the realm's refresh-token lifetime; null keeps the realm's.")),
  token_endpoint_auth_method: AuthMethod,
  jwks: Nullable(Jwks),
  jwks_uri: Nullable(Type.String({ maxLength: applicationLimits.uriLength, description: 'https URL of the public keys for private_key_jwt.' })),
  backchannel_logout_uri: Nullable(Type.String({ maxLength: applicationLimits.uriLength, description: 'OIDC Back-Channel Logout; https (http only on loopback).' })),
  frame_origins: Origins('Origins allowed to frame the hosted pages for this application.'),
};

const optional = Type.Partial(Type.Object(settings)).properties;

export const CreateApplicationBody = Type.Object({ kind: Kind, ...optional, name: settings.name }, strict);
export const PatchApplicationBody = Type.Object(optional, { ...strict, description: 'Only the fields given change; the whole is checked again.' });
export const RotateSecretBody = Type.Object(
  {
    grace_seconds: Type.Optional(
      Type.Integer({
        minimum: applicationLimits.secretGraceSeconds.min,
        maximum: applicationLimits.secretGraceSeconds.max,
        default: applicationLimits.secretGraceSeconds.default,
        description: 'How long the replaced secret keeps verifying (default one hour, at most 30 days). Only one previous secret is kept.',
      }),
    ),
  },
  strict,
);

export const ApplicationResponse = Type.Object({
  id: Type.String({ description: 'The client_id: the one identifier of an application.' }),
  client_id: Type.String(),
  realm_id: Type.String(),
  kind: Kind,
  ...settings,
  allowed_cors_origins: Type.Array(Type.String(), { description: "cors_origins plus, for an SPA, its redirect URIs' origins." }),
  has_secret: Type.Boolean(),
  previous_secret_expires_at: Nullable(Timestamp),
  created_at: Timestamp,
  updated_at: Timestamp,
  version: Type.Integer(),
});

export const ApplicationWithSecretResponse = Type.Composite([
  ApplicationResponse,
  Type.Object({ client_secret: Type.Optional(Type.String({ description: 'Shown this once: store it now. Never returned again.' })) }),
]);

const iso = (ms: number) => new Date(ms).toISOString();

export function toApplicationResponse(app: ApplicationRecord): Static<typeof ApplicationResponse> {
  return {
    id: app.clientId,
    client_id: app.clientId,
    realm_id: app.realmId,
    kind: app.kind,
    // The operator's own fields, as a PATCH takes them.
    ...fieldsOf(app),
    scopes: app.scopes as Static<typeof ApplicationResponse>['scopes'],
    allowed_cors_origins: app.corsOrigins,
    has_secret: app.hasSecret,
    previous_secret_expires_at: app.previousSecretUntil === null ? null : iso(app.previousSecretUntil),
    created_at: iso(app.createdAt),
    updated_at: iso(app.updatedAt),
    version: app.version,
  };
}

export function toApplicationWithSecret(result: { application: ApplicationRecord; clientSecret: string | null }): Static<typeof ApplicationWithSecretResponse> {
  return { ...toApplicationResponse(result.application), ...(result.clientSecret === null ? {} : { client_secret: result.clientSecret }) };
}

/** What a user sees of an application they let in. */
export const ConsentedApplicationResponse = Type.Object({
  id: Type.String({ description: 'The client_id.' }),
  client_id: Type.String(),
  name: Type.String(),
  logo_url: Nullable(Type.String()),
  scopes: Type.Array(Type.String(), { description: 'The scopes you granted.' }),
  granted_at: Timestamp,
});

export function toConsentedApplication({ application, consent }: ConsentedApplication): Static<typeof ConsentedApplicationResponse> {
  return { id: application.clientId, client_id: application.clientId, name: application.name, logo_url: application.logoUrl, scopes: consent.scopes, granted_at: iso(consent.grantedAt) };
}
