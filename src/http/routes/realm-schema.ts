import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { KeyMetadata } from '../../realms/key-ring.ts';
import { FIRST_FACTORS, limits, SECOND_FACTORS, type Realm } from '../../realms/realm.ts';
import { fieldLimits, realmWarnings } from '../../realms/realm-settings.ts';
import { SECURITY_PRESETS } from '../../realms/security-presets.ts';
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

const RegistrationField = Type.Object(
  {
    name: Type.String({ pattern: fieldLimits.registrationFieldNamePattern, description: 'Key in the user\u2019s `custom`.' }),
    type: oneOf(['string', 'number', 'boolean', 'date'] as const, '`date` is an ISO 8601 calendar date, YYYY-MM-DD.'),
    required: Type.Boolean(),
    max_length: Nullable(between(limits.registrationFieldLength, 'Strings only.')),
  },
  closed,
);

const OnUnavailable = oneOf(['allow', 'refuse'] as const, 'What to do with a password when the breach range service cannot be reached.');
const FromName = Type.String({ maxLength: fieldLimits.fromNameLength });
const FromAddress = Type.String({ maxLength: fieldLimits.fromAddressLength });
const LinkUrl = (what: string) => Type.String({ maxLength: fieldLimits.urlLength, description: `Where ${what} links lead; must contain {{token}}. Null: the server\u2019s own page.` });

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
        registration: opt(
          Type.Object(
            {
              enabled: opt(Type.Boolean({ description: 'Whether people may sign up themselves.' })),
              require_email_verification: opt(Type.Boolean({ description: 'Whether a self-registered account may sign in before its email is verified.' })),
              fields: opt(Type.Array(RegistrationField, { maxItems: limits.registrationFields, description: 'Extra profile fields asked at sign-up.' })),
            },
            closed,
          ),
        ),
      },
      closed,
    ),
  ),
  sign_in: opt(
    Type.Object(
      {
        first_factors: opt(Type.Array(oneOf(FIRST_FACTORS), { uniqueItems: true, description: 'Methods that can start a sign-in.' })),
        second_factors: opt(Type.Array(oneOf(SECOND_FACTORS), { uniqueItems: true, description: 'Methods that can complete one as its second factor.' })),
        mfa: opt(oneOf(['off', 'optional', 'required'] as const, '`optional`: users who enrolled a factor must use it; `required`: everyone.')),
        otp: opt(
          Type.Object(
            {
              length: opt(between(limits.otpLength)),
              ttl_minutes: opt(between(limits.otpTtlMinutes)),
              max_attempts: opt(between(limits.otpMaxAttempts, 'Wrong codes before the flow ends.')),
            },
            closed,
          ),
        ),
      },
      closed,
    ),
  ),
  password_policy: opt(
    Type.Object(
      {
        min_length: opt(between(limits.passwordMinLength, 'In code points after NFKC normalisation.')),
        max_length: opt(between(limits.passwordMaxLength)),
        block_common: opt(Type.Boolean()),
        block_context: opt(Type.Boolean()),
        breached: opt(
          Type.Object(
            { enabled: opt(Type.Boolean()), range_url: opt(Type.String({ maxLength: fieldLimits.urlLength })), on_unavailable: opt(OnUnavailable) },
            closed,
          ),
        ),
      },
      closed,
    ),
  ),
  brute_force: opt(
    Type.Object(
      {
        enabled: opt(Type.Boolean()),
        delay_after: opt(between(limits.bruteForceDelayAfter)),
        lock_after: opt(between(limits.bruteForceLockAfter)),
        lock_minutes: opt(between(limits.bruteForceLockMinutes, 'First temporary lock; each further lock doubles it.')),
        permanent_after: opt(between(limits.bruteForcePermanentAfter)),
      },
      closed,
    ),
  ),
  email: opt(
    Type.Object(
      {
        from_name: opt(Nullable(FromName)),
        from_address: opt(Nullable(FromAddress)),
        verify_email_url: opt(Nullable(LinkUrl('email verification'))),
        reset_password_url: opt(Nullable(LinkUrl('password reset'))),
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
        verification_token_hours: opt(between(limits.verificationTokenHours)),
        reset_token_minutes: opt(between(limits.resetTokenMinutes)),
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
  passkeys: opt(
    Type.Object(
      {
        rp_id: opt(Nullable(Type.String({ maxLength: 253, description: 'The WebAuthn relying-party id, a domain. Null: the host of the public URL.' }))),
        rp_name: opt(Nullable(Type.String({ maxLength: limits.nameLength, description: 'The name authenticators show. Null: the realm\u2019s display name.' }))),
        allowed_origins: opt(
          Type.Array(Type.String({ maxLength: fieldLimits.urlLength }), {
            maxItems: limits.passkeyAllowedOrigins,
            description: 'Origins (https://host[:port]) whose ceremonies are accepted. Empty: the public URL\u2019s origin.',
          }),
        ),
        user_verification: opt(oneOf(['required', 'preferred'] as const, '`required`: only a passkey unlocked with a PIN or biometrics is accepted.')),
        attestation: opt(oneOf(['none', 'direct'] as const, 'Whether registration asks the authenticator for its attestation statement.')),
      },
      closed,
    ),
  ),
};

const Preset = opt(oneOf(SECURITY_PRESETS, 'Sets password length, token lifetimes and email verification at once; other fields in the request win.'));

export const RealmCreateBody = Type.Object({ name: Name, preset: Preset, ...editableFields }, closed);
export const RealmPatchBody = Type.Object({ name: opt(Name), preset: Preset, ...editableFields }, closed);
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
    registration: Type.Object({ enabled: Type.Boolean(), require_email_verification: Type.Boolean(), fields: Type.Array(RegistrationField) }),
  }),
  sign_in: Type.Object({
    first_factors: Type.Array(Type.String()),
    second_factors: Type.Array(Type.String()),
    mfa: oneOf(['off', 'optional', 'required'] as const),
    otp: Type.Object({ length: Type.Integer(), ttl_minutes: Type.Integer(), max_attempts: Type.Integer() }),
  }),
  password_policy: Type.Object({
    min_length: Type.Integer(),
    max_length: Type.Integer(),
    block_common: Type.Boolean(),
    block_context: Type.Boolean(),
    breached: Type.Object({ enabled: Type.Boolean(), range_url: Type.String(), on_unavailable: OnUnavailable }),
  }),
  brute_force: Type.Object({
    enabled: Type.Boolean(),
    delay_after: Type.Integer(),
    lock_after: Type.Integer(),
    lock_minutes: Type.Integer(),
    permanent_after: Type.Integer(),
  }),
  email: Type.Object({
    from_name: Nullable(Type.String()),
    from_address: Nullable(Type.String()),
    verify_email_url: Nullable(Type.String()),
    reset_password_url: Nullable(Type.String()),
  }),
  tokens: Type.Object({
    algorithm: Algorithm,
    access_token_minutes: Type.Integer(),
    refresh_token_days: Type.Integer(),
    session_type: oneOf(['managed', 'unmanaged'] as const),
    unmanaged_token_minutes: Type.Integer(),
    claims: Type.Array(Type.String()),
    default_access: AccessResponse,
    verification_token_hours: Type.Integer(),
    reset_token_minutes: Type.Integer(),
  }),
  tenant_policy: TenantPolicy,
  api_keys: Type.Object({ policy: oneOf(['hash', 'encrypt'] as const), prefix: Nullable(Type.String()), token_minutes: Type.Integer() }),
  resource_links: Type.Array(ResourceLink),
  passkeys: Type.Object({
    rp_id: Nullable(Type.String()),
    rp_name: Nullable(Type.String()),
    allowed_origins: Type.Array(Type.String()),
    user_verification: oneOf(['required', 'preferred'] as const),
    attestation: oneOf(['none', 'direct'] as const),
  }),
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
