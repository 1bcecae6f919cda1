import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { KeyMetadata } from '../../realms/key-ring.ts';
import { limits, type Realm } from '../../realms/realm.ts';
import { fieldLimits, realmWarnings } from '../../realms/realm-settings.ts';
import { JsonObject, Nullable, Timestamp } from '../schemas.ts';

/** The realm as the admin API shows it, and the bodies that create and patch it. */

const closed = { additionalProperties: false } as const;
/** One of some strings, as a plain enum: a wrong value gets one clear error (a union of literals gets one per branch). */
export const oneOf = <T extends string>(values: readonly T[], description?: string, defaultValue?: T) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}), ...(defaultValue ? { default: defaultValue } : {}) });
const between = (range: { min: number; max: number }, description?: string) =>
  Type.Integer({ minimum: range.min, maximum: range.max, description });

const RealmState = oneOf(['active', 'inactive'] as const, 'An inactive realm refuses sign-in; its sessions end and its tokens stop validating.');
const Algorithm = oneOf(['ES256', 'EdDSA', 'RS256', 'HS256'] as const, 'Signing algorithm; changing it rotates the keys.');
const Url = Type.String({ maxLength: fieldLimits.urlLength });

/** flespi's token access levels. Literal `type`s let the response serializer pick the right shape. */
function accessSchema<M extends TSchema>(method: M) {
  const rule = Type.Object({ uri: Type.String({ minLength: 1, maxLength: 500 }), methods: Type.Array(method, { minItems: 1, uniqueItems: true }) }, closed);
  return Type.Union([
    Type.Object({ type: Type.Literal('standard') }, closed),
    Type.Object({ type: Type.Literal('master') }, closed),
    Type.Object({ type: Type.Literal('acl'), acl: Type.Array(rule, { maxItems: fieldLimits.aclRules }) }, closed),
  ]);
}

export const AccessBody = accessSchema(oneOf(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const));
export const AccessResponse = accessSchema(Type.String());

const TenantPolicy = Type.Union(
  [
    Type.Object({ type: Type.Literal('current') }, closed),
    Type.Object({ type: Type.Literal('selected'), tenant: Type.String({ minLength: 1, maxLength: fieldLimits.tenantLength }) }, closed),
    Type.Object({ type: Type.Literal('auto_created') }, closed),
  ],
  { description: 'Where users\u2019 tokens live (flespi subaccount policy). Cannot change while the realm has users.' },
);

const ResourceLink = Type.Object(
  {
    resource: oneOf(['user', 'tenant'] as const),
    title: Type.String({ minLength: 1, maxLength: fieldLimits.resourceLinkTitleLength }),
    url: Type.String({ minLength: 1, maxLength: fieldLimits.urlLength, description: 'http(s); may use {{id}}, {{reference}}, {{realm_id}}.' }),
  },
  closed,
);

const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);

const Name = Type.String({ maxLength: limits.nameLength, description: '1-200 characters, not blank.' });

/** Every editable field but the name; `closed` at every level so unknown fields are refused, not dropped. */
const editableFields = {
  slug: opt(Type.String({ pattern: fieldLimits.slugPattern, description: 'Public id used in URLs; derived from the name when absent.' })),
  state: opt(RealmState),
  reference: opt(Nullable(Type.String({ maxLength: fieldLimits.referenceLength, description: 'Your own id for this realm.' }))),
  custom: opt(JsonObject(`Free-form attributes, at most ${limits.customBytes / 1024} KB as JSON.`)),
  public_info: opt(
    Type.Object(
      {
        display_name: opt(Nullable(Type.String({ maxLength: fieldLimits.displayNameLength }))),
        description: opt(Nullable(Type.String({ maxLength: fieldLimits.descriptionLength }))),
        logo_url: opt(Nullable(Url)),
      },
      closed,
    ),
  ),
  users: opt(
    Type.Object(
      {
        username_validation: opt(oneOf(['standard', 'email'] as const)),
        require_unique_emails: opt(Type.Boolean()),
        registration: opt(Type.Object({ enabled: opt(Type.Boolean()) }, closed)),
        password_min_length: opt(between(limits.passwordMinLength)),
      },
      closed,
    ),
  ),
  tokens: opt(
    Type.Object(
      {
        algorithm: opt(Algorithm),
        access_token_minutes: opt(between(limits.accessTokenMinutes)),
        refresh_token_days: opt(between(limits.refreshTokenDays, 'Absolute lifetime of a sign-in session.')),
        session_type: opt(oneOf(['managed', 'unmanaged'] as const)),
        unmanaged_token_minutes: opt(between(limits.unmanagedTokenMinutes, '0 means unmanaged tokens never expire.')),
        claims: opt(Type.Array(oneOf(['custom', 'roles', 'tenants', 'memberships'] as const), { uniqueItems: true })),
        default_access: opt(AccessBody),
      },
      closed,
    ),
  ),
  tenant_policy: opt(TenantPolicy),
  api_keys: opt(
    Type.Object(
      {
        policy: opt(oneOf(['hash', 'encrypt'] as const)),
        prefix: opt(Nullable(Type.String({ pattern: fieldLimits.apiKeyPrefixPattern }))),
        token_minutes: opt(between(limits.apiKeyTokenMinutes)),
      },
      closed,
    ),
  ),
  resource_links: opt(Type.Array(ResourceLink, { maxItems: fieldLimits.resourceLinks })),
};

export const RealmCreateBody = Type.Object({ name: Name, ...editableFields }, closed);
export const RealmPatchBody = Type.Object({ name: opt(Name), ...editableFields }, closed);
export type RealmCreateBody = Static<typeof RealmCreateBody>;
export type RealmPatchBody = Static<typeof RealmPatchBody>;

export const ResetBody = Type.Object(
  {
    users: Type.Optional(Type.Boolean({ description: 'Delete the users (default true).' })),
    events: Type.Optional(Type.Boolean({ description: 'Delete the event log (default true).' })),
  },
  closed,
);

export const RealmResponse = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  state: RealmState,
  reference: Nullable(Type.String()),
  custom: Type.Optional(JsonObject('Present unless a list was asked for without expand=custom.')),
  public_info: Type.Object({ display_name: Nullable(Type.String()), description: Nullable(Type.String()), logo_url: Nullable(Type.String()) }),
  users: Type.Object({
    username_validation: oneOf(['standard', 'email'] as const),
    require_unique_emails: Type.Boolean(),
    registration: Type.Object({ enabled: Type.Boolean() }),
    password_min_length: Type.Integer(),
  }),
  tokens: Type.Object({
    algorithm: Algorithm,
    access_token_minutes: Type.Integer(),
    refresh_token_days: Type.Integer(),
    session_type: oneOf(['managed', 'unmanaged'] as const),
    unmanaged_token_minutes: Type.Integer(),
    claims: Type.Array(Type.String()),
    default_access: AccessResponse,
  }),
  tenant_policy: TenantPolicy,
  api_keys: Type.Object({ policy: oneOf(['hash', 'encrypt'] as const), prefix: Nullable(Type.String()), token_minutes: Type.Integer() }),
  resource_links: Type.Array(ResourceLink),
  is_system: Type.Boolean({ description: 'The built-in admin realm of operators.' }),
  warnings: Type.Array(Type.String(), { description: 'Allowed settings an operator should know about.' }),
  created_at: Timestamp,
  created_by: Nullable(Type.String()),
  updated_at: Timestamp,
  updated_by: Nullable(Type.String()),
  version: Type.Integer(),
});

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function toRealmResponse(realm: Realm, { withCustom = true } = {}): Static<typeof RealmResponse> {
  const { custom, created_at, updated_at, ...rest } = realm;
  return {
    ...rest,
    ...(withCustom ? { custom } : {}),
    warnings: realmWarnings(realm),
    created_at: iso(created_at),
    updated_at: iso(updated_at),
  };
}

export const KeyResponse = Type.Object({
  kid: Type.String(),
  algorithm: Algorithm,
  state: oneOf(['active', 'retired'] as const),
  created_at: Timestamp,
  retired_at: Nullable(Timestamp),
  verify_until: Nullable(Timestamp),
});

export function toKeyResponse(key: KeyMetadata): Static<typeof KeyResponse> {
  return { ...key, created_at: iso(key.created_at), retired_at: isoOrNull(key.retired_at), verify_until: isoOrNull(key.verify_until) };
}
