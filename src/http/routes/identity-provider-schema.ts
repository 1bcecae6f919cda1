import { Type, type Static } from '@sinclair/typebox';
import { oauth2ConfigSchema } from '../../identity-providers/oauth2-config.ts';
import { PRESETS } from '../../identity-providers/presets.ts';
import { providerLimits, type IdentityProvider } from '../../identity-providers/provider.ts';
import { Nullable, OneLine, Timestamp } from '../schemas.ts';
import { oneOf } from './realm-schema.ts';

/**
 * Identity providers as the admin API shows them, and the bodies that add and change them. One
 * protocol part per provider: `preset` with `preset_settings`, or `oidc`, `oauth2` or `saml`. The
 * secret (`client_secret`, or `private_key` in PEM) is taken, sealed, and never shown again
 * (`secret_set` says whether one is stored).
 */
const strict = { additionalProperties: false } as const;
const Url = (description: string) => Type.String({ minLength: 1, maxLength: 2000, description });
const Name = (description: string) => OneLine({ minLength: 1, maxLength: 200, description });
const ClientId = Type.String({ minLength: 1, maxLength: 500, description: 'The client (application) id registered at the provider.' });
const Claim = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });

export const ProviderRef = (description: string) => Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$', description });

const PresetSettings = Type.Object(
  {
    client_id: ClientId,
    tenant: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Microsoft: common, organizations, consumers or the directory (tenant) id.' })),
    base_url: Type.Optional(Url('GitLab: a self-hosted instance (default https://gitlab.com).')),
    team_id: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'Apple: the team id.' })),
    key_id: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'Apple: the Sign in with Apple key id (its private key goes in `private_key`).' })),
  },
  strict,
);

const Oidc = Type.Object(
  {
    issuer: Url('The issuer; its discovery document is read from `{issuer}/.well-known/openid-configuration`, and ID tokens must name it exactly.'),
    client_id: ClientId,
    token_auth: Type.Optional(oneOf(['client_secret_basic', 'client_secret_post', 'none'] as const)),
    response_mode: Type.Optional(oneOf(['query', 'form_post'] as const)),
  },
  strict,
);

/** The same schema the OAuth 2.0 adapter reads its settings with: one shape, stored and used. */
const OAuth2 = oauth2ConfigSchema;

const Saml = Type.Object(
  {
    metadata_xml: Type.Optional(Type.String({ minLength: 1, maxLength: providerLimits.metadataBytes, description: 'The IdP metadata document.' })),
    metadata_url: Type.Optional(Url('Where the IdP publishes its metadata.')),
    entity_id: Type.Optional(Name('The IdP entity id (without metadata).')),
    sso_url: Type.Optional(Url('The IdP single sign-on URL, HTTP-Redirect binding (without metadata).')),
    certificates: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 16_384 }), { maxItems: 5, description: 'The IdP signing certificates, PEM or base64 DER (without metadata).' })),
    sign_requests: Type.Optional(Type.Boolean({ description: 'Sign AuthnRequests with `private_key` (default false).' })),
    attributes: Type.Optional(
      Type.Object({ email: Type.Optional(Claim('')), name: Type.Optional(Claim('')), given_name: Type.Optional(Claim('')), family_name: Type.Optional(Claim('')) }, { ...strict, description: 'Attribute names holding these fields.' }),
    ),
  },
  strict,
);

const RoleRule = Type.Object(
  {
    role: Type.String({ minLength: 1, maxLength: 100, description: "A role of the realm, by slug." }),
    claim: Type.Optional(Claim('With `value`: only users whose claim (or SAML attribute) equals `value`, or lists it, get the role.')),
    value: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  strict,
);

const Mapping = Type.Object(
  {
    fields: Type.Optional(
      Type.Object(
        Object.fromEntries(['first_name', 'last_name', 'display_name', 'username', 'locale', 'picture'].map((field) => [field, Type.Optional(Claim(`The claim or attribute that gives the user's ${field}.`))])),
        strict,
      ),
    ),
    custom: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 64 }), Claim(''), { maxProperties: providerLimits.mappingEntries, description: '`custom` key → claim or attribute.' })),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: providerLimits.mappingEntries, description: 'Tags every user of this provider gets.' })),
    roles: Type.Optional(Type.Array(RoleRule, { maxItems: providerLimits.mappingEntries, description: 'Roles of the realm its users get (added, never taken away by a sign-in).' })),
  },
  strict,
);

const common = {
  display_name: Name('Shown on the sign-in page’s button.'),
  icon_url: Type.Optional(Nullable(Url('An icon for the button.'))),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, description: 'Order on the sign-in page, smallest first.' })),
  enabled: Type.Optional(Type.Boolean()),
  client_secret: Type.Optional(Type.String({ minLength: 1, maxLength: providerLimits.secretBytes, description: 'Write-only: sealed, never shown again.' })),
  private_key: Type.Optional(Type.String({ minLength: 1, maxLength: providerLimits.secretBytes, description: 'Write-only PEM private key (Apple; a SAML SP that signs requests).' })),
  scopes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$' }), { maxItems: providerLimits.scopes })),
  prompt: Type.Optional(Nullable(oneOf(['none', 'login', 'consent', 'select_account'] as const))),
  authorize_params: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }), Type.String({ maxLength: 500 }), { maxProperties: providerLimits.authorizeParams })),
  allowed_email_domains: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { maxItems: providerLimits.allowedEmailDomains, description: 'Only addresses of these domains may sign in (empty: any).' })),
  trust_email: Type.Optional(Type.Boolean({ description: 'The provider’s "verified" on an address counts (default false).' })),
  first_sign_in: Type.Optional(oneOf(['create', 'link', 'refuse'] as const)),
  link_by_email: Type.Optional(Type.Boolean({ description: 'A first sign-in may link to an existing account with the same verified address (needs trust_email; default false).' })),
  mapping: Type.Optional(Mapping),
  sync_on_sign_in: Type.Optional(Type.Boolean({ description: 'Write mapped fields at every sign-in, not only at account creation.' })),
  satisfies_mfa: Type.Optional(Type.Boolean({ description: 'A sign-in through this provider counts as multi-factor.' })),
};

export const CreateProviderBody = Type.Object(
  {
    slug: Type.String({ minLength: 1, maxLength: 40, description: 'Unique in the realm: lower-case letters, digits and hyphens; in the sign-in and callback URLs.' }),
    ...common,
    preset: Type.Optional(oneOf(PRESETS)),
    preset_settings: Type.Optional(PresetSettings),
    oidc: Type.Optional(Oidc),
    oauth2: Type.Optional(OAuth2),
    saml: Type.Optional(Saml),
  },
  strict,
);

export const PatchProviderBody = Type.Partial(CreateProviderBody, { ...strict, description: 'Only the fields given change; a protocol part given replaces the stored one whole.' });

export const ProviderResponse = Type.Object({
  id: Type.String({ description: 'idp_…' }),
  realm_id: Type.String(),
  slug: Type.String(),
  display_name: Type.String(),
  icon_url: Nullable(Type.String()),
  position: Type.Integer(),
  enabled: Type.Boolean(),
  kind: oneOf(['oidc', 'oauth2', 'saml'] as const),
  preset: Nullable(Type.String()),
  protocol: Type.Object({}, { additionalProperties: true, description: 'The kind’s settings, as stored (no secret).' }),
  secret_set: Type.Boolean(),
  scopes: Type.Array(Type.String()),
  prompt: Nullable(Type.String()),
  authorize_params: Type.Record(Type.String(), Type.String()),
  allowed_email_domains: Type.Array(Type.String()),
  trust_email: Type.Boolean(),
  first_sign_in: Type.String(),
  link_by_email: Type.Boolean(),
  mapping: Type.Object({ fields: Type.Record(Type.String(), Type.String()), custom: Type.Record(Type.String(), Type.String()), tags: Type.Array(Type.String()), roles: Type.Array(RoleRule) }),
  sync_on_sign_in: Type.Boolean(),
  satisfies_mfa: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
  version: Type.Integer(),
});

const iso = (ms: number) => new Date(ms).toISOString();

export function toProviderResponse(p: IdentityProvider): Static<typeof ProviderResponse> {
  return {
    id: p.id,
    realm_id: p.realmId,
    slug: p.slug,
    display_name: p.displayName,
    icon_url: p.iconUrl,
    position: p.position,
    enabled: p.enabled,
    kind: p.kind,
    preset: p.preset,
    protocol: p.protocol as unknown as Record<string, unknown>,
    secret_set: p.secretSet,
    scopes: p.scopes,
    prompt: p.prompt,
    authorize_params: p.authorizeParams,
    allowed_email_domains: p.allowedEmailDomains,
    trust_email: p.trustEmail,
    first_sign_in: p.firstSignIn,
    link_by_email: p.linkByEmail,
    mapping: p.mapping as Static<typeof ProviderResponse>['mapping'],
    sync_on_sign_in: p.syncOnSignIn,
    satisfies_mfa: p.satisfiesMfa,
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
    version: p.version,
  };
}
