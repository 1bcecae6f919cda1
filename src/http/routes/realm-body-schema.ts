import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CORNER_RADII, FIRST_FACTORS, limits, LOGO_POSITIONS, MFA_POLICIES, PAGE_LAYOUTS, SECOND_FACTORS } from '../../realms/realm.ts';
import { LOCALES } from '../../pages/messages.ts';
import { fieldLimits } from '../../realms/realm-settings.ts';
import { roleLimits } from '../../authorization/role.ts';
import { SECURITY_PRESETS } from '../../realms/security-presets.ts';
import { JsonObject, Nullable, OneLine } from '../schemas.ts';
import { AccessBody, Algorithm, OnUnavailable, Palette, perLocale, RealmState, RegistrationField, ResourceLink, SignUpIdentifier, TenantPolicy, Url, between, closed, oneOf } from './realm-schema.ts';

/** The bodies that create and patch a realm: every editable setting, each optional in a patch. */

const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
const FromName = OneLine({ maxLength: fieldLimits.fromNameLength });
const FromAddress = Type.String({ maxLength: fieldLimits.fromAddressLength });
const LinkUrl = (what: string) => Type.String({ maxLength: fieldLimits.urlLength, description: `Where ${what} links lead; must contain {{token}}. Null: the server\u2019s own page.` });

const Name = OneLine({ maxLength: limits.nameLength, description: '1-200 characters, not blank.' });

/** Every editable field but the name; `closed` at every level so unknown fields are refused, not dropped. */
const editableFields = {
  slug: opt(Type.String({ pattern: fieldLimits.slugPattern, description: 'Public id used in URLs; derived from the name when absent.' })),
  state: opt(RealmState),
  reference: opt(Nullable(Type.String({ maxLength: fieldLimits.referenceLength, description: 'Your own id for this realm.' }))),
  custom: opt(JsonObject(`Free-form attributes, at most ${limits.customBytes / 1024} KB as JSON.`)),
  public_info: opt(
    Type.Object(
      {
        display_name: opt(Nullable(OneLine({ maxLength: fieldLimits.displayNameLength }))),
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
              username: opt(SignUpIdentifier('username')),
              mobile: opt(SignUpIdentifier('mobile number')),
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
        mfa: opt(oneOf(MFA_POLICIES, '`optional`: users who enrolled a factor must use it; `required`: everyone.')),
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
        refresh_reuse_interval_seconds: opt(
          between(limits.refreshReuseIntervalSeconds, 'Seconds after a refresh in which its spent token gets the same successor instead of ending the session; 0 turns this off.'),
        ),
        session_type: opt(oneOf(['managed', 'unmanaged'] as const)),
        unmanaged_token_minutes: opt(between(limits.unmanagedTokenMinutes, '0 means unmanaged tokens never expire.')),
        claims: opt(Type.Array(oneOf(['custom', 'roles', 'tenants', 'memberships'] as const), { uniqueItems: true })),
        access_claim: opt(Type.Boolean({ description: 'Whether access tokens carry `access` (default true); validate answers it either way.' })),
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
  roles: opt(
    Type.Object(
      {
        default: opt(
          Type.Array(Type.String({ pattern: roleLimits.slugPattern, maxLength: roleLimits.slugLength }), {
            maxItems: roleLimits.defaultsPerRealm,
            uniqueItems: true,
            description: "Slugs of the realm's roles every new user gets (sign-up, creation by an operator, import); each must name a role of the realm.",
          }),
        ),
      },
      closed,
    ),
  ),
  resource_links: opt(Type.Array(ResourceLink, { maxItems: fieldLimits.resourceLinks })),
  passkeys: opt(
    Type.Object(
      {
        rp_id: opt(Nullable(Type.String({ maxLength: 253, description: 'The WebAuthn relying-party id, a domain. Null: the host of the public URL.' }))),
        rp_name: opt(Nullable(OneLine({ maxLength: limits.nameLength, description: 'The name authenticators show. Null: the realm\u2019s display name.' }))),
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
  branding: opt(
    Type.Object(
      {
        colours: opt(
          Type.Object(
            {
              light: opt(Nullable(Palette)),
              dark: opt(Nullable(Palette)),
            },
            { ...closed, description: 'Each palette is given whole. Null: Keyrealm\u2019s colours. A light palette without a dark one is used in both colour schemes.' },
          ),
        ),
        layout: opt(
          Type.Object(
            {
              style: opt(oneOf(PAGE_LAYOUTS, '`card`: the page on a card over the background; `full_bleed`: the page fills the window in the surface colour.')),
              logo_position: opt(oneOf(LOGO_POSITIONS, 'Logo and name at the start of the line, or centred.')),
              corner_radius: opt(oneOf(CORNER_RADII, 'Rounding of the card, fields and buttons.')),
            },
            closed,
          ),
        ),
        stylesheet: opt(
          Nullable(
            Type.String({
              maxLength: limits.stylesheetBytes,
              description: `CSS added after the pages\u2019 own, at most ${limits.stylesheetBytes / 1024} KB: no <, no backslash escapes, no @import, url() only to https: or data:image/, no expression().`,
            }),
          ),
        ),
        frame_ancestors: opt(
          Type.Array(Type.String({ maxLength: fieldLimits.urlLength }), {
            maxItems: limits.frameAncestors,
            description: 'Exact origins (https, http only on loopback) allowed to show the pages in a frame. Empty: no one may.',
          }),
        ),
      },
      closed,
    ),
  ),
  localisation: opt(
    Type.Object(
      {
        default_locale: opt(oneOf(LOCALES, 'The pages\u2019 language when neither ui_locales nor Accept-Language names a shipped one.')),
        overrides: opt(
          perLocale(Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: limits.overrideLength })), {
            description: 'Per language, per message key (docs/pages.md): plain text replacing the shipped string. Replaced whole.',
          }),
        ),
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

/** What a branding preview takes: the fields that change how the hosted pages look and speak. */
export const BrandingPreviewBody = Type.Object(
  { public_info: editableFields.public_info, branding: editableFields.branding, localisation: editableFields.localisation },
  { ...closed, description: 'Merged over the realm\u2019s saved settings as a PATCH would be; nothing is saved.' },
);
