/** The realm as the domain sees it: identity, state and every setting, with defaults and ranges. */
import type { Locale } from '../pages/messages.ts';

export type RealmState = 'active' | 'inactive';
export type SigningAlgorithm = 'ES256' | 'EdDSA' | 'RS256' | 'HS256';
export type SessionType = 'managed' | 'unmanaged';
export type TokenClaim = 'custom' | 'roles' | 'tenants' | 'memberships';

/** One ACL rule of flespi's `acl` access level: a resource pattern and the methods it allows. */
export interface AclRule {
  uri: string;
  methods: string[];
}

/** flespi's token access levels, embedded in tokens and returned by validate. */
export type Access = { type: 'standard' } | { type: 'master' } | { type: 'acl'; acl: AclRule[] };

/** An extra profile field a realm asks for at sign-up (FLXBL's identity entity); stored in `custom`. */
export interface RegistrationField {
  name: string;
  type: 'string' | 'number' | 'boolean' | 'date';
  required: boolean;
  /** Strings only: the most characters accepted; null for the general limit. */
  max_length: number | null;
  /** What the hosted sign-up page calls it; absent or null: the name, words spaced and capitalised. */
  label?: string | null;
}

/** Whether sign-up takes an identifier besides the email: `off` refuses it, `required` refuses its absence. */
export const SIGN_UP_IDENTIFIER_USES = ['off', 'optional', 'required'] as const;
export type SignUpIdentifierUse = (typeof SIGN_UP_IDENTIFIER_USES)[number];

export interface PasswordPolicy {
  /** Counted in code points of the NFKC form. */
  min_length: number;
  max_length: number;
  /** Refuse the most common passwords (a shipped list of at least 100,000). */
  block_common: boolean;
  /** Refuse passwords built on the realm's name or the user's email or username. */
  block_context: boolean;
  /** A k-anonymity range lookup (HIBP-compatible); only the first 5 hex digits of the SHA-1 leave the server. */
  breached: { enabled: boolean; range_url: string; on_unavailable: 'allow' | 'refuse' };
}

export interface BruteForcePolicy {
  enabled: boolean;
  /** Consecutive failures after which each further attempt must wait, the wait growing with each failure. */
  delay_after: number;
  /** Consecutive failures after which the account locks for `lock_minutes`, doubling with each further lock. */
  lock_after: number;
  lock_minutes: number;
  /** Consecutive failures after which the account stays locked until an operator unlocks it or the password is reset. */
  permanent_after: number;
}

/** Methods that can start a sign-in (identify the user). */
export const FIRST_FACTORS = ['password', 'email_otp', 'sms_otp', 'magic_link', 'number_match', 'passkey'] as const;
export type FirstFactor = (typeof FIRST_FACTORS)[number];
/** Methods that can complete a sign-in as its second factor, or prove a step-up. */
export const SECOND_FACTORS = ['totp', 'hotp', 'passkey', 'email_otp', 'sms_otp', 'recovery_code'] as const;
export type SecondFactor = (typeof SECOND_FACTORS)[number];
/** `optional`: users who enrolled a factor must use it; `required`: everyone, enrolling at their next sign-in. */
export const MFA_POLICIES = ['off', 'optional', 'required'] as const;

export interface SignInPolicy {
  first_factors: FirstFactor[];
  second_factors: SecondFactor[];
  /** `optional`: users who enrolled a factor must use it; `required`: everyone, enrolling at their next sign-in. */
  mfa: (typeof MFA_POLICIES)[number];
  /** One-time codes by email or SMS. */
  otp: { length: number; ttl_minutes: number; max_attempts: number };
}

export interface RealmSettings {
  users: {
    username_validation: 'standard' | 'email';
    require_unique_emails: boolean;
    registration: {
      enabled: boolean;
      require_email_verification: boolean;
      fields: RegistrationField[];
      username: SignUpIdentifierUse;
      mobile: SignUpIdentifierUse;
    };
  };
  sign_in: SignInPolicy;
  password_policy: PasswordPolicy;
  brute_force: BruteForcePolicy;
  /** The sender and the pages links in messages lead to; null means the server's own. */
  email: {
    from_name: string | null;
    from_address: string | null;
    /** Where a verification link leads; `{{token}}` is replaced by the token. */
    verify_email_url: string | null;
    /** Where a password-reset link leads; `{{token}}` is replaced by the token. */
    reset_password_url: string | null;
  };
  tokens: {
    algorithm: SigningAlgorithm;
    access_token_minutes: number;
    refresh_token_days: number;
    /**
     * How long after a refresh its spent token still gets the same answer (the same successor)
     * instead of ending the session as reuse: a client that double-submits, or two tabs, lose
     * nothing. 0 turns the grace off.
     */
    refresh_reuse_interval_seconds: number;
    session_type: SessionType;
    unmanaged_token_minutes: number;
    claims: TokenClaim[];
    /**
     * Whether native access tokens carry the user's `access` (an ACL can be long): off, only
     * validate answers it (from the user and realm as they are now, as it always does).
     */
    access_claim: boolean;
    default_access: Access;
    verification_token_hours: number;
    reset_token_minutes: number;
  };
  tenant_policy: { type: 'current' } | { type: 'selected'; tenant: string } | { type: 'auto_created' };
  api_keys: { policy: 'hash' | 'encrypt'; prefix: string | null; token_minutes: number };
  /** `default`: slugs of the realm's roles every new user is given (src/authorization). */
  roles: { default: string[] };
  resource_links: { resource: 'user' | 'tenant'; title: string; url: string }[];
  passkeys: PasskeySettings;
  branding: Branding;
  localisation: Localisation;
}

/** The colours of one colour scheme, each `#rrggbb`; the pages' CSS variables come from them. */
export interface Palette {
  /** Buttons, links, focus rings. */
  primary: string;
  /** The label on a primary button. */
  primary_text: string;
  /** Behind the card. */
  background: string;
  /** The card (and the whole page in the full-bleed layout). */
  surface: string;
  text: string;
}
export const PALETTE_COLOURS = ['primary', 'primary_text', 'background', 'surface', 'text'] as const;

export const PAGE_LAYOUTS = ['card', 'full_bleed'] as const;
export const LOGO_POSITIONS = ['start', 'center'] as const;
export const CORNER_RADII = ['small', 'medium', 'large'] as const;

/** How the hosted pages look (docs/pages.md). The realm's name and logo are `public_info`. */
export interface Branding {
  /** Null: Keyrealm's own colours. A light palette without a dark one is used in both schemes. */
  colours: { light: Palette | null; dark: Palette | null };
  layout: { style: (typeof PAGE_LAYOUTS)[number]; logo_position: (typeof LOGO_POSITIONS)[number]; corner_radius: (typeof CORNER_RADII)[number] };
  /** CSS added after the pages' own, inside their nonce'd style element; checked by checkStylesheet. */
  stylesheet: string | null;
  /** Exact origins allowed to frame the pages (CSP frame-ancestors); empty: none may. */
  frame_ancestors: string[];
}

/** The pages' language when neither ui_locales nor Accept-Language names a shipped one, and the realm's own words. */
export interface Localisation {
  default_locale: Locale;
  /** Per shipped language, per message key (src/pages/messages.ts): plain text replacing the shipped string. */
  overrides: { [locale: string]: Record<string, string> | undefined };
}

/** WebAuthn relying-party settings (docs/passkeys.md). */
export interface PasskeySettings {
  /** The relying-party id (a domain); null: the host of the server's public URL. */
  rp_id: string | null;
  /** The name authenticators show; null: the realm's display name (or name). */
  rp_name: string | null;
  /** Origins whose ceremonies are accepted; empty: the public URL's origin. */
  allowed_origins: string[];
  user_verification: 'required' | 'preferred';
  attestation: 'none' | 'direct';
}

export interface PublicInfo {
  display_name: string | null;
  description: string | null;
  logo_url: string | null;
}

export interface Realm extends RealmSettings {
  id: string;
  slug: string;
  name: string;
  state: RealmState;
  reference: string | null;
  custom: Record<string, unknown>;
  public_info: PublicInfo;
  /** The built-in `admin` realm of operators: it cannot be deleted or made inactive. */
  is_system: boolean;
  created_at: number;
  created_by: string | null;
  updated_at: number;
  updated_by: string | null;
  version: number;
}

export const ADMIN_REALM_SLUG = 'admin';

export const defaultSettings = (): RealmSettings => ({
  users: {
    username_validation: 'standard',
    require_unique_emails: true,
    // Both optional: what sign-up took before these settings existed.
    registration: { enabled: false, require_email_verification: true, fields: [], username: 'optional', mobile: 'optional' },
  },
  sign_in: {
    first_factors: ['password'],
    second_factors: ['totp', 'hotp', 'passkey', 'recovery_code'],
    mfa: 'optional',
    otp: { length: 6, ttl_minutes: 10, max_attempts: 5 },
  },
  password_policy: {
    min_length: 8,
    max_length: 1024,
    block_common: true,
    block_context: true,
    breached: { enabled: false, range_url: 'https://api.pwnedpasswords.com/range/', on_unavailable: 'allow' },
  },
  brute_force: { enabled: true, delay_after: 5, lock_after: 10, lock_minutes: 15, permanent_after: 100 },
  email: { from_name: null, from_address: null, verify_email_url: null, reset_password_url: null },
  tokens: {
    algorithm: 'ES256',
    access_token_minutes: 15,
    refresh_token_days: 7,
    refresh_reuse_interval_seconds: 5,
    session_type: 'managed',
    unmanaged_token_minutes: 60,
    claims: [],
    access_claim: true,
    default_access: { type: 'standard' },
    verification_token_hours: 24,
    reset_token_minutes: 60,
  },
  tenant_policy: { type: 'current' },
  api_keys: { policy: 'hash', prefix: null, token_minutes: 0 },
  roles: { default: [] },
  resource_links: [],
  passkeys: { rp_id: null, rp_name: null, allowed_origins: [], user_verification: 'preferred', attestation: 'none' },
  branding: {
    colours: { light: null, dark: null },
    layout: { style: 'card', logo_position: 'start', corner_radius: 'medium' },
    stylesheet: null,
    frame_ancestors: [],
  },
  localisation: { default_locale: 'en', overrides: {} },
});

/** Ranges shared by the request schemas and the domain checks. */
export const limits = {
  nameLength: 200,
  customBytes: 16 * 1024,
  passwordMinLength: { min: 6, max: 128 },
  passwordMaxLength: { min: 6, max: 1024 },
  registrationFields: 50,
  otpLength: { min: 6, max: 8 },
  otpTtlMinutes: { min: 1, max: 10 },
  otpMaxAttempts: { min: 1, max: 10 },
  registrationFieldLength: { min: 1, max: 10_000 },
  registrationFieldLabelLength: 100,
  bruteForceDelayAfter: { min: 1, max: 1000 },
  bruteForceLockAfter: { min: 1, max: 10_000 },
  bruteForceLockMinutes: { min: 1, max: 1440 },
  bruteForcePermanentAfter: { min: 1, max: 100_000 },
  verificationTokenHours: { min: 1, max: 720 },
  resetTokenMinutes: { min: 5, max: 1440 },
  accessTokenMinutes: { min: 1, max: 1440 },
  refreshTokenDays: { min: 1, max: 365 },
  refreshReuseIntervalSeconds: { min: 0, max: 60 },
  unmanagedTokenMinutes: { min: 0, max: 1_052_640 },
  apiKeyTokenMinutes: { min: 0, max: 1_052_640 },
  passkeyAllowedOrigins: 20,
  stylesheetBytes: 16 * 1024,
  frameAncestors: 20,
  overrideLength: 500,
} as const;

/** The access level and token lifetime a user gets: their own override, else the realm's. */
export function effectiveTokenParameters(
  realm: Pick<Realm, 'tokens'>,
  user: { access: Access | null; access_token_minutes: number | null },
): { access: Access; minutes: number } {
  const minutes =
    realm.tokens.session_type === 'unmanaged'
      ? realm.tokens.unmanaged_token_minutes
      : (user.access_token_minutes ?? realm.tokens.access_token_minutes);
  return { access: user.access ?? realm.tokens.default_access, minutes };
}
