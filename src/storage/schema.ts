import type { ColumnType } from 'kysely';

/**
 * Row shapes as stored. Times are epoch milliseconds (bigint columns), JSON columns hold objects
 * (jsonb on PostgreSQL, text on SQLite; src/storage/codec.ts reads both), booleans come back as
 * 0/1 from SQLite and true/false from PostgreSQL.
 */
export type Json = string | unknown;
export type Bool = boolean | number;

export interface RealmRow {
  id: string;
  slug: string;
  name: string;
  /** The name lower-cased (JavaScript's rules) for case-insensitive prefix search; the realm store always writes it. */
  name_search?: string | null;
  state: string;
  reference: string | null;
  custom: Json;
  public_info: Json;
  settings: Json;
  is_system: Bool;
  created_at: number;
  created_by: string | null;
  updated_at: number;
  updated_by: string | null;
  version: number;
}

export interface SigningKeyRow {
  id: string;
  realm_id: string;
  algorithm: string;
  public_jwk: Json | null;
  private_material: string;
  state: string;
  created_at: number;
  retired_at: number | null;
  verify_until: number | null;
}

export interface UserRow {
  id: string;
  realm_id: string;
  username: string | null;
  username_key: string | null;
  email: string | null;
  email_key: string | null;
  email_search: string | null;
  email_verified: Bool;
  mobile: string | null;
  mobile_key: string | null;
  mobile_verified: Bool;
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  display_name: string | null;
  state: string;
  locked: Bool;
  locked_reason: string | null;
  user_type: string;
  custom: Json;
  access: Json | null;
  access_token_minutes: number | null;
  password_hash: string | null;
  last_login_at: number | null;
  created_at: number;
  created_by: string | null;
  updated_at: number;
  updated_by: string | null;
  version: number;
  deleted_at: number | null;
  deleted_by: string | null;
  /** Created through self sign-up rather than by an operator. */
  signed_up: Bool;
}

export interface UserTagRow {
  realm_id: string;
  user_id: string;
  tag: string;
}

export interface UserVersionRow {
  realm_id: string;
  user_id: string;
  version: number;
  snapshot: Json;
  recorded_at: number;
  recorded_by: string | null;
}

export interface OperatorRow {
  user_id: string;
  grants: Json;
}

/** An admin-realm application acting as an operator (src/operators/operator-applications.ts). */
export interface OperatorApplicationRow {
  realm_id: string;
  client_id: string;
  grants: Json;
  created_at: number;
  created_by: string | null;
  updated_at: number;
  updated_by: string | null;
}

export interface SessionRow {
  id: string;
  realm_id: string;
  user_id: string;
  created_at: number;
  last_used_at: number;
  expires_at: number;
  revoked_at: number | null;
  revoked_reason: string | null;
  ip: string | null;
  user_agent: string | null;
  /** Which refresh token of the session is current: 0 for the first, one more on every rotation. */
  refresh_generation: number;
  /** SHA-256 of the current refresh token; null when the session has none. */
  refresh_hash: string | null;
  /** When the current refresh token replaced the one before (epoch ms); null before the first refresh. */
  refresh_rotated_at: number | null;
  /** Keyed hash (HMAC) of the IP and User-Agent of the request that made that rotation; null with it. */
  refresh_origin_hash: string | null;
  /** When the user last proved who they are in this session (epoch ms): sign-in or step-up. */
  auth_time: number | null;
  /** JSON array of RFC 8176 method references. */
  amr: string | null;
  acr: string | null;
  /** JSON array of the sign-in methods proven in the session (`password`, `totp`, …); null for older sessions. */
  factors: string | null;
  /** The tenant the session signed in to (src/authorization/tenant-*.ts); null: none. */
  tenant_id: string | null;
  /** When the session last moved to another tenant (epoch ms); null: it never moved. */
  tenant_since: number | null;
  /** The identity provider the session signed in through (src/identity-providers); null: none. */
  identity_provider_id: string | null;
}

export interface SignInFlowRow {
  id: string;
  realm_id: string;
  kind: string;
  state: string;
  user_id: string | null;
  session_id: string | null;
  first_factors: Json;
  second_factors: Json;
  completed: Json;
  /** The current method's challenge (code hash, attempts, WebAuthn challenge…), sealed with the master key. */
  challenge: string | null;
  failures: number;
  ip: string | null;
  user_agent: string | null;
  created_at: number;
  updated_at: number;
  expires_at: number;
  version: number;
  /** The tenant (id or slug) the login asked to sign in to; null: none asked. */
  tenant: string | null;
}

/** A TOTP or HOTP authenticator of a user (src/mfa). */
export interface UserFactorRow {
  id: string;
  realm_id: string;
  user_id: string;
  type: string;
  name: string;
  state: string;
  /** The base32 seed, sealed with the master key. */
  secret_sealed: string;
  digits: number;
  period: number | null;
  algorithm: string;
  counter: number | null;
  last_used_step: number | null;
  resync_counter: number | null;
  resync_until: number | null;
  created_at: number;
  confirmed_at: number | null;
  last_used_at: number | null;
}

/** A passkey: a user's WebAuthn credential (src/passkeys). Public data only. */
export interface WebauthnCredentialRow {
  id: string;
  realm_id: string;
  user_id: string;
  /** base64url. */
  credential_id: string;
  /** The COSE public key, base64url. */
  public_key: string;
  sign_count: number;
  /** JSON array of transports (`internal`, `usb`, `hybrid`…). */
  transports: Json;
  aaguid: string;
  backed_up: Bool;
  /** `singleDevice` or `multiDevice` (synced). */
  device_type: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
}

export interface RecoveryCodeRow {
  realm_id: string;
  user_id: string;
  /** HMAC-SHA256 of the code under a key derived from the master key. */
  code_hash: string;
  created_at: number;
  used_at: number | null;
}

export interface OneTimeTokenRow {
  token_hash: string;
  realm_id: string;
  type: string;
  subject: string;
  payload: Json | null;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
}

export interface CounterRow {
  key: string;
  count: number;
  expires_at: number;
}

/** Consecutive failed sign-ins of one subject (`user:<id>` or `identifier:<hash>`) in one realm; src/auth/login-guard.ts. */
export interface LoginFailureRow {
  realm_id: string;
  subject: string;
  failures: number;
  /** Temporary locks so far in this run of failures; each lasts twice the one before. */
  locks: number;
  last_failure_at: number;
  locked_until: number | null;
  expires_at: number;
}

export interface EventRow {
  id: string;
  realm_id: string;
  type: string;
  code: number | null;
  at: number;
  actor_type: string;
  actor_id: string | null;
  user_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Json;
}

export type MessageStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** How a message goes out: email (src/mail) or SMS (src/sms). */
export type MessageChannel = 'email' | 'sms';

/** An outgoing message of the mail queue (src/mail). */
export interface MessageRow {
  id: string;
  realm_id: string;
  type: string;
  channel: MessageChannel;
  /** An email address, or an E.164 phone number for SMS. */
  recipient: string;
  user_id: string | null;
  status: MessageStatus;
  /** Sending attempts started so far; also fences a worker's claim (see src/mail/message-store.ts). */
  attempts: number;
  next_attempt_at: number;
  /** While `sending`: when the claim lapses and another worker may take the message. */
  lease_until: number | null;
  last_error: string | null;
  /** The template variables as JSON, sealed with the master key; wiped once delivered or given up. */
  sealed_variables: string;
  created_at: number;
  sent_at: number | null;
  updated_at: number;
}

/** A realm's own template for one message type; absent means the built-in default. */
export interface MessageTemplateRow {
  realm_id: string;
  type: string;
  subject: string;
  html: string;
  text: string;
  updated_at: number;
  updated_by: string | null;
}

/** An OAuth client of a realm (src/applications); its API id is its client_id. */
export interface ApplicationRow {
  realm_id: string;
  client_id: string;
  kind: string;
  name: string;
  name_search: string;
  logo_url: string | null;
  enabled: Bool;
  redirect_uris: Json;
  post_logout_redirect_uris: Json;
  /** As listed by the operator (an SPA's redirect origins are added when read). */
  cors_origins: Json;
  grant_types: Json;
  scopes: Json;
  consent: string;
  access_token_audience: string | null;
  access_token_minutes: number | null;
  refresh_token_days: number | null;
  token_endpoint_auth_method: string;
  jwks: Json | null;
  jwks_uri: string | null;
  backchannel_logout_uri: string | null;
  frame_origins: Json;
  /** SHA-256 (base64url) of the current client secret; null for public and private_key_jwt clients. */
  secret_hash: string | null;
  /** The secret replaced by the last rotation, verifying until previous_secret_until (epoch ms). */
  previous_secret_hash: string | null;
  previous_secret_until: number | null;
  created_at: number;
  created_by: string | null;
  updated_at: number;
  updated_by: string | null;
  version: number;
}

/** A user's remembered consent to one application of the same realm. */
export interface ApplicationConsentRow {
  realm_id: string;
  application_id: string;
  user_id: string;
  /** JSON array of the scopes granted. */
  scopes: Json;
  granted_at: number;
  updated_at: number;
}

/** A role of a realm (src/authorization); `slug` is unique within the realm. */
export interface RoleRow {
  realm_id: string;
  id: string;
  slug: string;
  display_name: string | null;
  description: string | null;
  active: Bool;
  /** JSON array of permission strings. */
  permissions: Json;
  created_at: number;
  created_by: string | null;
  updated_at: number;
  updated_by: string | null;
  version: number;
}

/** A composite role's edge: `role_id` includes `included_id` (same realm). */
export interface RoleIncludeRow {
  realm_id: string;
  role_id: string;
  included_id: string;
}

/** A user's role, counting from `starts_at` until `ends_at` (epoch ms; null: no end). */
export interface RoleAssignmentRow {
  realm_id: string;
  user_id: string;
  role_id: string;
  starts_at: number;
  ends_at: number | null;
  created_at: number;
  created_by: string | null;
}

/** An API key (src/api-keys); user_id null: a service key owned by the realm. */
export interface ApiKeyRow {
  realm_id: string;
  id: string;
  user_id: string | null;
  name: string;
  service: string | null;
  capabilities: Json;
  storage: string;
  secret_hash: string | null;
  secret_sealed: string | null;
  expires_at: number | null;
  created_at: number;
  created_by: string | null;
  last_used_at: number | null;
  last_used_ip: string | null;
}

/** An identity provider of a realm (src/identity-providers); the secret sealed with the master key. */
export interface IdentityProviderRow {
  realm_id: string;
  id: string;
  slug: string;
  kind: string;
  preset: string | null;
  display_name: string;
  icon_url: string | null;
  position: number;
  enabled: Bool;
  protocol: Json;
  rules: Json;
  secret_sealed: string | null;
  created_at: number;
  created_by: string | null;
  updated_at: number;
  updated_by: string | null;
  version: number;
}

/** A user's account at one of the realm's identity providers. */
export interface UserIdentityRow {
  realm_id: string;
  id: string;
  user_id: string;
  provider_id: string;
  subject: string;
  email: string | null;
  created_at: number;
  last_used_at: number | null;
}

/** A tenant (organisation) of a realm; `custom` is free-form JSON like a user's. */
export interface TenantRow {
  realm_id: string;
  id: string;
  slug: string;
  name: string;
  active: Bool;
  custom: Json;
  created_at: number;
  created_by: string | null;
  updated_at: number;
  updated_by: string | null;
  version: number;
}

/** A user's membership of a tenant of the same realm, with their roles there (JSON array of role slugs). */
export interface TenantMembershipRow {
  realm_id: string;
  tenant_id: string;
  user_id: string;
  roles: Json;
  created_at: number;
  updated_at: number;
}

export interface Schema {
  realms: RealmRow;
  signing_keys: SigningKeyRow;
  users: UserRow;
  user_tags: UserTagRow;
  user_versions: UserVersionRow;
  operators: OperatorRow;
  operator_applications: OperatorApplicationRow;
  sessions: SessionRow;
  one_time_tokens: OneTimeTokenRow;
  counters: CounterRow;
  login_failures: LoginFailureRow;
  events: EventRow;
  messages: MessageRow;
  message_templates: MessageTemplateRow;
  sign_in_flows: SignInFlowRow;
  user_factors: UserFactorRow;
  recovery_codes: RecoveryCodeRow;
  webauthn_credentials: WebauthnCredentialRow;
  applications: ApplicationRow;
  application_consents: ApplicationConsentRow;
  oidc_models: OidcModelRow;
  roles: RoleRow;
  role_includes: RoleIncludeRow;
  role_assignments: RoleAssignmentRow;
  api_keys: ApiKeyRow;
  tenants: TenantRow;
  tenant_memberships: TenantMembershipRow;
  policy_modules: PolicyModuleRow;
  identity_providers: IdentityProviderRow;
  user_identities: UserIdentityRow;
  webhooks: WebhookRow;
  webhook_deliveries: WebhookDeliveryRow;
}

/** One Cedar policy module of a realm (src/authorization/policy-store.ts). */
export interface PolicyModuleRow {
  realm_id: string;
  module: string;
  text: string;
  policy_count: number;
  /** 1 when created, one more at every save. */
  version: number;
  created_at: number;
  updated_at: number;
  updated_by: string | null;
}

/** One model instance oidc-provider stores for a realm (src/oidc/oidc-store.ts); its payload as JSON. */
export interface OidcModelRow {
  realm_id: string;
  /** The provider's model name: Session, Interaction, Grant, AuthorizationCode, RefreshToken, AccessToken… */
  model: string;
  id: string;
  payload: Json;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  /** The user (accountId) the instance belongs to, for ending a user's grants. */
  account_id: string | null;
  client_id: string | null;
  /** The application behind client_id, for ending what one application (or one user's consent to it) holds. */
  application_id: string | null;
  /** The realm session a provider session (and what it issued) is bound to; null in unmanaged realms. */
  realm_session_id: string | null;
  /** Epoch ms by the system clock (oidc-provider's own time); null: no expiry. */
  expires_at: number | null;
  consumed_at: number | null;
  /** Who used a refresh token: a keyed hash of the request's origin, for telling a retry from reuse. */
  consumed_by: string | null;
}

/** A realm's webhook (src/webhooks): its secrets sealed with the master key. */
export interface WebhookRow {
  realm_id: string;
  id: string;
  url: string;
  /** JSON array of event types and wildcards (`user.*`, `*`). */
  event_types: Json;
  enabled: Bool;
  description: string | null;
  secret_sealed: string;
  /** The secret before the last rotation, still signing until `previous_secret_expires_at`. */
  previous_secret_sealed: string | null;
  previous_secret_expires_at: number | null;
  /** When the current run of failed attempts began; null once one succeeds. */
  failing_since: number | null;
  /** Why the server switched it off (`gone`, `failing`); null when an operator did, or while enabled. */
  disabled_reason: string | null;
  created_at: number;
  created_by: string | null;
  updated_at: number;
  updated_by: string | null;
  version: number;
}

export type WebhookDeliveryStatus = 'pending' | 'sending' | 'succeeded' | 'failed';

/** One message to one webhook: the outbox row the delivery worker sends (src/webhooks/delivery-store.ts). */
export interface WebhookDeliveryRow {
  /** Written by the database (insertion order): deliveries of one webhook and user go out in it. */
  seq: ColumnType<number, never, never>;
  id: string;
  realm_id: string;
  webhook_id: string;
  /** The `webhook-id` header: the event's id, so a receiver can drop a message it already has. */
  message_id: string;
  event_type: string;
  /** Deliveries with the same key (the event's user) go out one at a time, in order; null: no order. */
  order_key: string | null;
  /** The JSON body, exactly as signed. */
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  last_attempt_at: number | null;
  response_status: number | null;
  response_excerpt: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}
