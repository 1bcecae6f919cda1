import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { KeyMetadata } from '../../realms/key-ring.ts';
import { COLOUR_PATTERN } from '../../realms/branding-checks.ts';
import { CORNER_RADII, LOGO_POSITIONS, limits, MFA_POLICIES, PAGE_LAYOUTS, SIGN_UP_IDENTIFIER_USES, type Realm } from '../../realms/realm.ts';
import { fieldLimits, realmWarnings } from '../../realms/realm-settings.ts';
import { LOCALES } from '../../pages/messages.ts';
import { JsonObject, Nullable, OneLine, Timestamp } from '../schemas.ts';

/** The realm as the admin API shows it, and the bodies that create and patch it. */

export const closed = { additionalProperties: false } as const;
/** One of some strings, as a plain enum: a wrong value gets one clear error (a union of literals gets one per branch). */
export const oneOf = <T extends string>(values: readonly T[], description?: string, defaultValue?: T) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}), ...(defaultValue ? { default: defaultValue } : {}) });
export const between = (range: { min: number; max: number }, description?: string) =>
  Type.Integer({ minimum: range.min, maximum: range.max, description });

export const RealmState = oneOf(['active', 'inactive'] as const, 'An inactive realm refuses sign-in; its sessions end and its tokens stop validating.');
export const Algorithm = oneOf(['ES256', 'EdDSA', 'RS256', 'HS256'] as const, 'Signing algorithm; changing it rotates the keys.');
export const Url = Type.String({ maxLength: fieldLimits.urlLength });

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

export const TenantPolicy = Type.Union(
  [
    Type.Object({ type: Type.Literal('current') }, closed),
    Type.Object({ type: Type.Literal('selected'), tenant: Type.String({ minLength: 1, maxLength: fieldLimits.tenantLength }) }, closed),
    Type.Object({ type: Type.Literal('auto_created') }, closed),
  ],
  { description: 'Where users\u2019 tokens live (flespi subaccount policy). Cannot change while the realm has users.' },
);

export const ResourceLink = Type.Object(
  {
    resource: oneOf(['user', 'tenant'] as const),
    title: OneLine({ minLength: 1, maxLength: fieldLimits.resourceLinkTitleLength }),
    url: Type.String({ minLength: 1, maxLength: fieldLimits.urlLength, description: 'http(s); may use {{id}}, {{reference}}, {{realm_id}}.' }),
  },
  closed,
);

/** The colours of one colour scheme; text, button labels and links must be readable (4.5:1) on what is behind them. */
const Colour = Type.String({ pattern: COLOUR_PATTERN, description: '#rrggbb' });
export const Palette = Type.Object({ primary: Colour, primary_text: Colour, background: Colour, surface: Colour, text: Colour }, closed);

/** One optional entry per shipped language (src/pages/messages.ts LOCALES); other languages are refused. */
export const perLocale = <T extends TSchema>(schema: T, options: { description?: string } = {}) => {
  const entry = Type.Optional(schema);
  return Type.Object({ en: entry, de: entry, fr: entry, es: entry } satisfies Record<(typeof LOCALES)[number], unknown>, { ...closed, ...options });
};

export const OnUnavailable = oneOf(['allow', 'refuse'] as const, 'What to do with a password when the breach range service cannot be reached.');

export const RegistrationField = Type.Object(
  {
    name: Type.String({ pattern: fieldLimits.registrationFieldNamePattern, description: 'Key in the user\u2019s `custom`.' }),
    type: oneOf(['string', 'number', 'boolean', 'date'] as const, '`date` is an ISO 8601 calendar date, YYYY-MM-DD.'),
    required: Type.Boolean(),
    max_length: Nullable(between(limits.registrationFieldLength, 'Strings only.')),
    label: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: limits.registrationFieldLabelLength, description: 'What the hosted sign-up page calls the field; null: its name, words spaced and capitalised.' }))),
  },
  closed,
);

/** `users.registration.username` and `.mobile`: whether sign-up takes the identifier. */
export const SignUpIdentifier = (what: string) =>
  oneOf(SIGN_UP_IDENTIFIER_USES, `Whether sign-up takes a ${what}: \`off\` refuses one, \`required\` refuses sign-ups without one.`);

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
    registration: Type.Object({
      enabled: Type.Boolean(),
      require_email_verification: Type.Boolean(),
      fields: Type.Array(RegistrationField),
      username: SignUpIdentifier('username'),
      mobile: SignUpIdentifier('mobile number'),
    }),
  }),
  sign_in: Type.Object({
    first_factors: Type.Array(Type.String()),
    second_factors: Type.Array(Type.String()),
    mfa: oneOf(MFA_POLICIES),
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
    refresh_reuse_interval_seconds: Type.Integer(),
    session_type: oneOf(['managed', 'unmanaged'] as const),
    unmanaged_token_minutes: Type.Integer(),
    claims: Type.Array(Type.String()),
    access_claim: Type.Boolean(),
    default_access: AccessResponse,
    verification_token_hours: Type.Integer(),
    reset_token_minutes: Type.Integer(),
  }),
  tenant_policy: TenantPolicy,
  api_keys: Type.Object({ policy: oneOf(['hash', 'encrypt'] as const), prefix: Nullable(Type.String()), token_minutes: Type.Integer() }),
  roles: Type.Object({ default: Type.Array(Type.String()) }),
  resource_links: Type.Array(ResourceLink),
  passkeys: Type.Object({
    rp_id: Nullable(Type.String()),
    rp_name: Nullable(Type.String()),
    allowed_origins: Type.Array(Type.String()),
    user_verification: oneOf(['required', 'preferred'] as const),
    attestation: oneOf(['none', 'direct'] as const),
  }),
  branding: Type.Object({
    colours: Type.Object({ light: Nullable(Palette), dark: Nullable(Palette) }),
    layout: Type.Object({ style: oneOf(PAGE_LAYOUTS), logo_position: oneOf(LOGO_POSITIONS), corner_radius: oneOf(CORNER_RADII) }),
    stylesheet: Nullable(Type.String()),
    frame_ancestors: Type.Array(Type.String()),
  }),
  localisation: Type.Object({
    default_locale: oneOf(LOCALES),
    overrides: perLocale(Type.Record(Type.String(), Type.String())),
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
