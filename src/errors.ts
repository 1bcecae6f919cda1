/**
 * The one error type of Keyrealm. Every expected failure that reaches a client carries a stable,
 * namespaced code from the catalogue below; the HTTP layer maps the code's kind to a status in
 * exactly one place (src/http/error-handler.ts). Anything thrown that is not an AppError is a fault.
 */

export type ErrorKind =
  | 'invalid' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'timeout' // 408
  | 'conflict' // 409
  | 'too_large' // 413
  | 'uri_too_long' // 414
  | 'unsupported_media' // 415
  | 'unprocessable' // 422
  | 'rate_limited' // 429
  | 'headers_too_large' // 431
  | 'unavailable'; // 503

/** Every code a client can receive, with its kind. Documented in docs/errors.md. */
export const errorCatalogue = {
  'request.validation_failed': 'invalid',
  'request.malformed_json': 'invalid',
  'request.invalid_cursor': 'invalid',
  'request.too_deeply_nested': 'invalid',
  // Refusals of the HTTP layer itself, answered in our error shape too.
  'request.malformed_http': 'invalid',
  'request.timeout': 'timeout',
  'request.headers_too_large': 'headers_too_large',
  'request.forbidden': 'forbidden',
  // Any other 4xx the framework or a plugin raises; its own status is kept (src/http/error-handler.ts).
  'request.refused': 'invalid',
  'request.body_too_large': 'too_large',
  'request.uri_too_long': 'uri_too_long',
  'request.unsupported_media_type': 'unsupported_media',
  'request.not_found': 'not_found',
  'request.conflict': 'conflict',
  'request.rate_limited': 'rate_limited',
  'events.unknown_last_event_id': 'invalid',
  'events.too_many_streams': 'rate_limited',
  'auth.unauthenticated': 'unauthenticated',
  'auth.invalid_credentials': 'unauthenticated',
  'auth.invalid_token': 'unauthenticated',
  'auth.invalid_refresh_token': 'unauthenticated',
  'auth.too_many_attempts': 'rate_limited',
  'auth.email_not_verified': 'forbidden',
  'auth.forbidden': 'forbidden',
  'auth.step_up_required': 'forbidden',
  'auth.invalid_code': 'unauthenticated',
  'auth.method_disabled': 'forbidden',
  'flow.not_found': 'not_found',
  'flow.expired': 'invalid',
  'flow.method_not_allowed': 'invalid',
  'flow.changed_concurrently': 'conflict',
  'flow.invalid_link': 'invalid',
  'account.invalid_password': 'unprocessable',
  'realm.not_found': 'not_found',
  'realm.slug_taken': 'conflict',
  'realm.limit_reached': 'unprocessable',
  'realm.protected': 'unprocessable',
  'realm.has_users': 'unprocessable',
  'realm.key_not_found': 'not_found',
  'realm.key_active': 'conflict',
  'realm.invalid_settings': 'invalid',
  'user.not_found': 'not_found',
  'user.version_not_found': 'not_found',
  'user.email_taken': 'conflict',
  'user.username_taken': 'conflict',
  'user.mobile_taken': 'conflict',
  'user.invalid': 'invalid',
  'user.unsupported_password_hash': 'invalid',
  // A new password the realm's policy refuses (src/passwords/password-policy.ts).
  'password.too_short': 'unprocessable',
  'password.too_long': 'unprocessable',
  'password.common': 'unprocessable',
  'password.contains_identifier': 'unprocessable',
  'password.breached': 'unprocessable',
  // Not the password's fault: the breach corpus did not answer and the realm refuses unchecked passwords.
  'password.breach_check_unavailable': 'unavailable',
  'session.not_found': 'not_found',
  'operator.not_found': 'not_found',
  'operator.invalid_grant': 'invalid',
  'operator.last_superadmin': 'unprocessable',
  'operator.invalid_application': 'invalid',
  'service.unavailable': 'unavailable',
  'console.not_built': 'unavailable',
  'realm.duplicate_emails': 'unprocessable',
  'user.changed_concurrently': 'conflict',
  'registration.disabled': 'forbidden',
  'account.invalid_token': 'invalid',
  'user.no_email': 'unprocessable',
  'user.email_already_verified': 'conflict',
  'template.invalid': 'invalid',
  'template.not_found': 'not_found',
  'message.not_found': 'not_found',
  'message.not_retryable': 'conflict',
  // Second factors (src/mfa).
  'mfa.factor_not_found': 'not_found',
  'mfa.factor_already_active': 'conflict',
  'mfa.invalid_code': 'unprocessable',
  'mfa.too_many_factors': 'unprocessable',
  'mfa.no_active_factor': 'unprocessable',
  // Passkeys (src/passkeys).
  'passkey.not_found': 'not_found',
  'passkey.invalid_challenge': 'invalid',
  'passkey.invalid_response': 'unprocessable',
  'passkey.already_registered': 'conflict',
  'passkey.too_many': 'unprocessable',
  // OpenID Connect (src/oidc): a realm whose keys cannot be published (HS256), an interaction gone.
  'oidc.unavailable': 'invalid',
  'oidc.interaction_not_found': 'not_found',
  'oidc.invalid_state': 'invalid',
  // Applications (OAuth clients, src/applications): each invalid_* names the field group refused.
  'role.not_found': 'not_found',
  'role.invalid': 'invalid',
  'role.slug_taken': 'conflict',
  'role.limit_reached': 'unprocessable',
  'role.included_not_found': 'unprocessable',
  'role.cycle': 'unprocessable',
  'role.is_default': 'conflict',
  'role.invalid_window': 'invalid',
  'role.assignment_not_found': 'not_found',
  'api_key.not_found': 'not_found',
  'api_key.limit_reached': 'unprocessable',
  'api_key.not_retrievable': 'unprocessable',
  'api_key.exchange_disabled': 'forbidden',
  'application.not_found': 'not_found',
  'application.protected': 'unprocessable',
  'application.consent_not_found': 'not_found',
  'application.limit_reached': 'unprocessable',
  'application.no_secret': 'unprocessable',
  'application.invalid_name': 'invalid',
  'application.invalid_logo_url': 'invalid',
  'application.invalid_redirect_uris': 'invalid',
  'application.invalid_post_logout_redirect_uris': 'invalid',
  'application.invalid_cors_origins': 'invalid',
  'application.invalid_frame_origins': 'invalid',
  'application.invalid_grant_types': 'invalid',
  'application.invalid_scopes': 'invalid',
  'application.invalid_token_endpoint_auth_method': 'invalid',
  'application.invalid_jwks': 'invalid',
  'application.invalid_token_lifetimes': 'invalid',
  'application.invalid_access_token_audience': 'invalid',
  'application.invalid_backchannel_logout_uri': 'invalid',
  'application.invalid_secret_grace': 'invalid',
  // Tenants (organisations, src/authorization/tenant-*.ts).
  'tenant.not_found': 'not_found',
  'tenant.invalid': 'invalid',
  'tenant.invalid_roles': 'invalid',
  'tenant.slug_taken': 'conflict',
  'tenant.in_use': 'unprocessable',
  'realm.unknown_tenant': 'unprocessable',
  // Signing in to a tenant: one the user is not a member of (or that does not exist, alike), and one whose membership ended.
  'auth.tenant_not_allowed': 'forbidden',
  'auth.tenant_access_ended': 'unauthenticated',
  // Policies and decisions (src/authorization).
  'policy.invalid': 'invalid',
  'policy.too_large': 'too_large',
  'policy.module_not_found': 'not_found',
  'policy.limit_reached': 'unprocessable',
  'policy.too_complex': 'unprocessable',
  'identity_provider.not_found': 'not_found',
  'identity_provider.invalid': 'invalid',
  'identity_provider.slug_taken': 'conflict',
  'identity_provider.limit_reached': 'unprocessable',
  // Signing in through another identity provider (src/identity-providers): what came back to the callback
  // failed a check, or the provider answered an error (its code and description travel in details, never its tokens).
  'idp.upstream_error': 'unauthenticated',
  'idp.state_mismatch': 'invalid',
  'idp.issuer_mismatch': 'invalid',
  'idp.token_exchange_failed': 'unauthenticated',
  'idp.profile_invalid': 'unprocessable',
  'idp.token_invalid': 'unauthenticated',
  'idp.saml_invalid': 'unauthenticated',
  'idp.replayed': 'invalid',
  'idp.not_found': 'not_found',
  'idp.disabled': 'forbidden',
  // The upstream account may not sign in here: its email's domain, the provider's first-sign-in policy, or an account it may not take.
  'idp.refused': 'forbidden',
  // The upstream account matches an existing account it may not link to by itself: the user must prove that account first.
  'idp.link_required': 'conflict',
  'idp.redirect_uri_not_allowed': 'invalid',
  'idp.identity_not_found': 'not_found',
  // Removing it would leave the account no way to sign in (no password, passkey or other identity).
  'idp.last_sign_in_method': 'conflict',
  // Imports (src/portability): refusals of a whole file, and of one row in an import's report.
  'import.malformed_document': 'invalid',
  'import.invalid_options': 'invalid',
  'import.unreadable_row': 'invalid',
  'import.plain_password': 'invalid',
  'import.hash_parameters_required': 'invalid',
  'import.id_taken': 'conflict',
  'import.duplicate': 'conflict',
  'import.passphrase_required': 'invalid',
  'import.wrong_passphrase': 'invalid',
  'import.conflict': 'conflict',
  'webhook.not_found': 'not_found',
  'webhook.invalid': 'invalid',
  'webhook.disabled': 'conflict',
  'webhook.too_many': 'conflict',
  'webhook.delivery_not_found': 'not_found',
  'webhook.delivery_in_progress': 'conflict',
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface ErrorDetail {
  field: string;
  issue: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  /** Seconds a client should wait before retrying (rate limits). */
  readonly retryAfterSeconds: number | undefined;

  /** `cause`: what failed underneath (a service out of reach), for the log; never shown to the client. */
  constructor(code: ErrorCode, message: string, options: { details?: ErrorDetail[]; retryAfterSeconds?: number; cause?: unknown } = {}) {
    // A refusal the client caused, not a fault to trace: no stack is captured. Capturing one through
    // Fastify's call chain was a sixth of a 404's CPU, which a flood of bad requests would pay.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message, options.cause === undefined ? undefined : { cause: options.cause });
    } finally {
      // Even when super() throws (a stack overflow), no later error in the process may lose its stack.
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.name = 'AppError';
    this.code = code;
    this.details = options.details ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get kind(): ErrorKind {
    return errorCatalogue[this.code];
  }
}

/** Shorthand for a single-field validation failure. */
export function invalidField(code: ErrorCode, field: string, issue: string): AppError {
  return new AppError(code, `${field} ${issue}`, { details: [{ field, issue }] });
}
