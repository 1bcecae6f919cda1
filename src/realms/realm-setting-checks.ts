import { AppError, type ErrorDetail } from '../errors.ts';
import { isRoleSlug, roleLimits } from '../authorization/role.ts';
import { limits, type RealmSettings } from './realm.ts';
import { normalizeEmail } from '../users/identifiers.ts';

/**
 * The checks of single settings that the request schemas cannot express (ranges that depend on
 * each other, URL shapes, placeholders, field names). Each adds what it finds to `issues`, so a
 * client sees every mistake in one answer; realm-settings.ts runs them all.
 */
/** Sizes of the fields realm.ts leaves open; the request schemas use the same numbers. */
export const fieldLimits = {
  slugPattern: '^[a-z0-9-]{3,63}$',
  slugMaxLength: 63,
  referenceLength: 255,
  displayNameLength: 200,
  descriptionLength: 2000,
  urlLength: 2048,
  apiKeyPrefixPattern: '^[A-Za-z0-9_-]{1,32}$',
  tenantLength: 200,
  aclRules: 100,
  resourceLinks: 20,
  resourceLinkTitleLength: 100,
  registrationFieldNamePattern: '^[a-z][a-z0-9_]{0,63}$',
  fromNameLength: 200,
  fromAddressLength: 254,
} as const;

export const RESOURCE_LINK_PLACEHOLDERS = ['id', 'reference', 'realm_id'] as const;

export function inRange(issues: ErrorDetail[], field: string, value: number, range: { min: number; max: number }): void {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    issues.push({ field, issue: `must be an integer from ${range.min} to ${range.max}` });
  }
}

function httpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function checkUrl(issues: ErrorDetail[], field: string, value: string | null): void {
  if (value === null) return;
  if (value.length > fieldLimits.urlLength || !httpUrl(value)) issues.push({ field, issue: 'must be an http(s) URL' });
}

export function checkResourceLinks(issues: ErrorDetail[], links: RealmSettings['resource_links']): void {
  if (links.length > fieldLimits.resourceLinks) {
    issues.push({ field: 'resource_links', issue: `must have at most ${fieldLimits.resourceLinks} entries` });
  }
  links.forEach((link, i) => {
    const field = `resource_links.${i}`;
    if (link.title.trim() === '') issues.push({ field: `${field}.title`, issue: "can't be blank" });
    const unknown = [...link.url.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)]
      .map((m) => m[1])
      .filter((name) => !(RESOURCE_LINK_PLACEHOLDERS as readonly string[]).includes(name));
    if (unknown.length > 0) {
      issues.push({ field: `${field}.url`, issue: `may use only {{id}}, {{reference}} and {{realm_id}}, not {{${unknown[0]}}}` });
      return;
    }
    // Placeholders are filled with URL-safe ids at use; check the shape with a sample value.
    const sample = link.url.replace(/\{\{\s*(id|reference|realm_id)\s*\}\}/g, 'x');
    if (link.url.length > fieldLimits.urlLength || !httpUrl(sample)) issues.push({ field: `${field}.url`, issue: 'must be an http(s) URL' });
  });
}

/** The shape of the default roles; that each names a role of the realm is checked against the database (src/authorization). */
export function checkDefaultRoles(issues: ErrorDetail[], slugs: string[]): void {
  if (slugs.length > roleLimits.defaultsPerRealm) issues.push({ field: 'roles.default', issue: `must have at most ${roleLimits.defaultsPerRealm} roles` });
  if (new Set(slugs).size !== slugs.length) issues.push({ field: 'roles.default', issue: 'must not repeat a role' });
  slugs.forEach((slug, i) => {
    if (!isRoleSlug(slug)) issues.push({ field: `roles.default.${i}`, issue: `must match ${roleLimits.slugPattern}` });
  });
}

export function checkTokens(issues: ErrorDetail[], tokens: RealmSettings['tokens']): void {
  inRange(issues, 'tokens.access_token_minutes', tokens.access_token_minutes, limits.accessTokenMinutes);
  inRange(issues, 'tokens.refresh_token_days', tokens.refresh_token_days, limits.refreshTokenDays);
  inRange(issues, 'tokens.refresh_reuse_interval_seconds', tokens.refresh_reuse_interval_seconds, limits.refreshReuseIntervalSeconds);
  inRange(issues, 'tokens.unmanaged_token_minutes', tokens.unmanaged_token_minutes, limits.unmanagedTokenMinutes);
  inRange(issues, 'tokens.verification_token_hours', tokens.verification_token_hours, limits.verificationTokenHours);
  inRange(issues, 'tokens.reset_token_minutes', tokens.reset_token_minutes, limits.resetTokenMinutes);
  if (new Set(tokens.claims).size !== tokens.claims.length) issues.push({ field: 'tokens.claims', issue: 'must not repeat a claim' });
  const access = tokens.default_access;
  if (access.type === 'acl') {
    if (access.acl.length === 0 || access.acl.length > fieldLimits.aclRules) {
      issues.push({ field: 'tokens.default_access.acl', issue: `must have 1 to ${fieldLimits.aclRules} rules` });
    }
    access.acl.forEach((rule, i) => {
      if (rule.uri.trim() === '') issues.push({ field: `tokens.default_access.acl.${i}.uri`, issue: "can't be blank" });
      if (rule.methods.length === 0) issues.push({ field: `tokens.default_access.acl.${i}.methods`, issue: 'must name at least one method' });
    });
  }
}

export function checkRegistrationFields(issues: ErrorDetail[], fields: RealmSettings['users']['registration']['fields']): void {
  if (fields.length > limits.registrationFields) {
    issues.push({ field: 'users.registration.fields', issue: `must have at most ${limits.registrationFields} entries` });
  }
  const seen = new Set<string>();
  fields.forEach((field, i) => {
    const path = `users.registration.fields.${i}`;
    if (!new RegExp(fieldLimits.registrationFieldNamePattern).test(field.name)) {
      issues.push({ field: `${path}.name`, issue: 'must be 1-64 characters of a-z, 0-9 and _, starting with a letter' });
    }
    if (seen.has(field.name)) issues.push({ field: `${path}.name`, issue: 'must not repeat another field' });
    seen.add(field.name);
    if (field.label !== undefined && field.label !== null && (field.label.trim() === '' || [...field.label].length > limits.registrationFieldLabelLength)) {
      issues.push({ field: `${path}.label`, issue: `must be 1 to ${limits.registrationFieldLabelLength} characters, not only spaces` });
    }
    if (field.max_length !== null) {
      if (field.type !== 'string') issues.push({ field: `${path}.max_length`, issue: 'applies only to string fields' });
      else inRange(issues, `${path}.max_length`, field.max_length, limits.registrationFieldLength);
    }
  });
}

export function checkPasswordPolicy(issues: ErrorDetail[], policy: RealmSettings['password_policy']): void {
  inRange(issues, 'password_policy.min_length', policy.min_length, limits.passwordMinLength);
  inRange(issues, 'password_policy.max_length', policy.max_length, limits.passwordMaxLength);
  if (policy.max_length < policy.min_length) issues.push({ field: 'password_policy.max_length', issue: 'must not be below min_length' });
  if (!httpUrl(policy.breached.range_url)) issues.push({ field: 'password_policy.breached.range_url', issue: 'must be an http(s) URL' });
}

export function checkBruteForce(issues: ErrorDetail[], policy: RealmSettings['brute_force']): void {
  inRange(issues, 'brute_force.delay_after', policy.delay_after, limits.bruteForceDelayAfter);
  inRange(issues, 'brute_force.lock_after', policy.lock_after, limits.bruteForceLockAfter);
  inRange(issues, 'brute_force.lock_minutes', policy.lock_minutes, limits.bruteForceLockMinutes);
  inRange(issues, 'brute_force.permanent_after', policy.permanent_after, limits.bruteForcePermanentAfter);
  if (policy.lock_after < policy.delay_after) issues.push({ field: 'brute_force.lock_after', issue: 'must not be below delay_after' });
  if (policy.permanent_after < policy.lock_after) issues.push({ field: 'brute_force.permanent_after', issue: 'must not be below lock_after' });
}

export function checkEmail(issues: ErrorDetail[], email: RealmSettings['email']): void {
  // As strict as users' addresses: a looser pattern let `ceo@bank.example(.example.com` through,
  // which mail libraries read as ceo@bank.example, past the server's sender domains (found by review).
  if (email.from_address !== null && normalizeEmail(email.from_address) !== email.from_address.toLowerCase()) {
    issues.push({ field: 'email.from_address', issue: 'must be an email address' });
  }
  if (email.from_name !== null && /[\r\n<>"]/.test(email.from_name)) {
    issues.push({ field: 'email.from_name', issue: 'must not contain line breaks, <, > or "' });
  }
  for (const key of ['verify_email_url', 'reset_password_url'] as const) {
    const url = email[key];
    if (url === null) continue;
    if (!url.includes('{{token}}')) issues.push({ field: `email.${key}`, issue: 'must contain {{token}}' });
    else if (url.length > fieldLimits.urlLength || !httpUrl(url.replaceAll('{{token}}', 'x'))) issues.push({ field: `email.${key}`, issue: 'must be an http(s) URL' });
  }
}

export function checkSignIn(issues: ErrorDetail[], policy: RealmSettings['sign_in']): void {
  if (policy.first_factors.length === 0) issues.push({ field: 'sign_in.first_factors', issue: 'must name at least one method' });
  if (new Set(policy.first_factors).size !== policy.first_factors.length) issues.push({ field: 'sign_in.first_factors', issue: 'must not repeat a method' });
  if (new Set(policy.second_factors).size !== policy.second_factors.length) issues.push({ field: 'sign_in.second_factors', issue: 'must not repeat a method' });
  // Users without a factor enrol one at sign-in, and what they can enrol there is an authenticator.
  if (policy.mfa === 'required' && !policy.second_factors.some((method) => method === 'totp' || method === 'hotp')) {
    issues.push({ field: 'sign_in.second_factors', issue: 'must include totp or hotp when mfa is required (users without a factor enrol one of those)' });
  }
  inRange(issues, 'sign_in.otp.length', policy.otp.length, limits.otpLength);
  inRange(issues, 'sign_in.otp.ttl_minutes', policy.otp.ttl_minutes, limits.otpTtlMinutes);
  inRange(issues, 'sign_in.otp.max_attempts', policy.otp.max_attempts, limits.otpMaxAttempts);
}

/** A DNS name: labels of letters, digits and hyphens (what WebAuthn accepts as an RP ID). */
const RP_ID_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Browsers accept an RP ID only if it is the origin's host or a domain the host belongs to. */
const hostBelongsTo = (host: string, rpId: string) => host === rpId || host.endsWith(`.${rpId}`);

export function checkPasskeys(issues: ErrorDetail[], passkeys: RealmSettings['passkeys']): void {
  const rpIdValid = passkeys.rp_id === null || RP_ID_PATTERN.test(passkeys.rp_id);
  if (!rpIdValid) issues.push({ field: 'passkeys.rp_id', issue: 'must be a lower-case domain name without scheme or port, e.g. example.com' });
  // A top-level domain as RP ID would bind passkeys to every site under it; browsers refuse it, so
  // no passkey could ever be registered (found by review: "com" was accepted).
  else if (passkeys.rp_id !== null && !passkeys.rp_id.includes('.') && passkeys.rp_id !== 'localhost') {
    issues.push({ field: 'passkeys.rp_id', issue: 'must be a domain of your own such as example.com, not a top-level domain (one label only for localhost)' });
  }
  if (passkeys.rp_name !== null && passkeys.rp_name.trim() === '') issues.push({ field: 'passkeys.rp_name', issue: "can't be blank" });
  if (passkeys.allowed_origins.length > limits.passkeyAllowedOrigins) {
    issues.push({ field: 'passkeys.allowed_origins', issue: `must have at most ${limits.passkeyAllowedOrigins} entries` });
  }
  passkeys.allowed_origins.forEach((origin, i) => {
    const field = `passkeys.allowed_origins.${i}`;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      issues.push({ field, issue: 'must be an origin such as https://app.example.com' });
      return;
    }
    // An origin exactly: scheme, host and port, nothing after it (the browser reports it so).
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin) {
      issues.push({ field, issue: 'must be an origin such as https://app.example.com (no path or trailing slash)' });
    } else if (url.protocol === 'http:' && !hostBelongsTo(url.hostname, 'localhost')) {
      // Browsers offer WebAuthn only in secure contexts: https, or http on localhost.
      issues.push({ field, issue: 'must use https (http only on localhost)' });
    } else if (passkeys.rp_id !== null && rpIdValid && !hostBelongsTo(url.hostname, passkeys.rp_id)) {
      issues.push({ field, issue: `must be on passkeys.rp_id (${passkeys.rp_id}) or one of its subdomains` });
    }
  });
  if (new Set(passkeys.allowed_origins).size !== passkeys.allowed_origins.length) issues.push({ field: 'passkeys.allowed_origins', issue: 'must not repeat an origin' });
}

/**
 * The passkey settings with what the server's public URL fills in: an unset rp_id is its host, no
 * allowed_origins its origin. Every origin the realm accepts must be on the RP ID, or no ceremony
 * can succeed (found by review: such realms were accepted). Needs the server's public URL, which
 * validateEditable does not know, so compose runs this where realms are written (checkReferences).
 */
export function requirePasskeysOnPublicUrl(passkeys: RealmSettings['passkeys'], publicUrl: string): void {
  const server = new URL(publicUrl);
  const issues: ErrorDetail[] = [];
  if (passkeys.rp_id === null) {
    passkeys.allowed_origins.forEach((origin, i) => {
      if (!hostBelongsTo(new URL(origin).hostname, server.hostname)) {
        issues.push({ field: `passkeys.allowed_origins.${i}`, issue: `must be on ${server.hostname} (the server's host, the RP ID while passkeys.rp_id is null) or one of its subdomains` });
      }
    });
  } else if (passkeys.allowed_origins.length === 0 && !hostBelongsTo(server.hostname, passkeys.rp_id)) {
    issues.push({ field: 'passkeys.rp_id', issue: `must be ${server.hostname} or a domain it belongs to while passkeys.allowed_origins is empty (the server's origin ${server.origin} is then the only one); else list your pages' origins there` });
  }
  if (issues.length > 0) {
    throw new AppError('realm.invalid_settings', `The realm is invalid: ${issues.map((d) => `${d.field} ${d.issue}`).join('; ')}.`, { details: issues });
  }
}
