/** The realm as the domain sees it: identity, state and every setting, with defaults and ranges. */

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

export interface RealmSettings {
  users: {
    username_validation: 'standard' | 'email';
    require_unique_emails: boolean;
    registration: { enabled: boolean };
    password_min_length: number;
  };
  tokens: {
    algorithm: SigningAlgorithm;
    access_token_minutes: number;
    refresh_token_days: number;
    session_type: SessionType;
    unmanaged_token_minutes: number;
    claims: TokenClaim[];
    default_access: Access;
  };
  tenant_policy: { type: 'current' } | { type: 'selected'; tenant: string } | { type: 'auto_created' };
  api_keys: { policy: 'hash' | 'encrypt'; prefix: string | null; token_minutes: number };
  resource_links: { resource: 'user' | 'tenant'; title: string; url: string }[];
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
    registration: { enabled: false },
    password_min_length: 8,
  },
  tokens: {
    algorithm: 'ES256',
    access_token_minutes: 15,
    refresh_token_days: 7,
    session_type: 'managed',
    unmanaged_token_minutes: 60,
    claims: [],
    default_access: { type: 'standard' },
  },
  tenant_policy: { type: 'current' },
  api_keys: { policy: 'hash', prefix: null, token_minutes: 0 },
  resource_links: [],
});

/** Ranges shared by the request schemas and the domain checks. */
export const limits = {
  nameLength: 200,
  customBytes: 16 * 1024,
  passwordMinLength: { min: 6, max: 128 },
  accessTokenMinutes: { min: 1, max: 1440 },
  refreshTokenDays: { min: 1, max: 365 },
  unmanagedTokenMinutes: { min: 0, max: 1_052_640 },
  apiKeyTokenMinutes: { min: 0, max: 1_052_640 },
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
