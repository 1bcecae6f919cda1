import { AppError, type ErrorDetail } from '../errors.ts';
import { defaultSettings, limits, type PublicInfo, type Realm, type RealmSettings, type RealmState } from './realm.ts';
import { presetSettings, type SecurityPreset } from './security-presets.ts';

/**
 * The rules a realm's editable fields keep beyond what the request schemas check: ranges, blank
 * names, slug shape, size of `custom`, resource-link templates. Also PATCH merging, slug
 * derivation, warnings and the list of changed fields that `realm.updated` records.
 */

/** The part of a realm an operator edits. */
export type RealmEditable = Pick<Realm, 'name' | 'slug' | 'state' | 'reference' | 'custom' | 'public_info'> & RealmSettings;

/** Create or PATCH input: every field optional, nested objects partial. */
export interface RealmInput {
  name?: string;
  slug?: string;
  state?: RealmState;
  reference?: string | null;
  custom?: Record<string, unknown>;
  public_info?: Partial<PublicInfo>;
  /** Applied first; the other fields of the same request override it. Not stored as such. */
  preset?: SecurityPreset;
  users?: Partial<Omit<RealmSettings['users'], 'registration'>> & { registration?: Partial<RealmSettings['users']['registration']> };
  password_policy?: Partial<Omit<RealmSettings['password_policy'], 'breached'>> & { breached?: Partial<RealmSettings['password_policy']['breached']> };
  brute_force?: Partial<RealmSettings['brute_force']>;
  email?: Partial<RealmSettings['email']>;
  tokens?: Partial<RealmSettings['tokens']>;
  tenant_policy?: RealmSettings['tenant_policy'];
  api_keys?: Partial<RealmSettings['api_keys']>;
  resource_links?: RealmSettings['resource_links'];
}

export type NewRealmInput = RealmInput & { name: string };

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

export const UNMANAGED_FOREVER_WARNING = 'tokens.unmanaged_token_minutes is 0: tokens never expire';

/** Values PATCH replaces whole rather than merging field by field (besides arrays). */
const REPLACED_WHOLE = new Set(['custom', 'tokens.default_access', 'tenant_policy']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function merge(base: unknown, patch: unknown, path: string): unknown {
  if (patch === undefined) return base;
  if (!isPlainObject(patch) || !isPlainObject(base) || REPLACED_WHOLE.has(path)) return structuredClone(patch);
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) merged[key] = merge(base[key], value, path ? `${path}.${key}` : key);
  return merged;
}

/**
 * PATCH semantics: only the fields given change; nested objects merge, arrays and whole-values
 * replace. A preset is merged first, so fields given beside it win.
 */
export function applyPatch(base: RealmEditable, patch: RealmInput): RealmEditable {
  const { preset, ...fields } = patch;
  const withPreset = preset === undefined ? base : (merge(base, presetSettings(preset), '') as RealmEditable);
  const merged = merge(withPreset, fields, '') as RealmEditable;
  return { ...merged, name: merged.name.trim() };
}

/** A new realm's editable fields: defaults overlaid with the input. The slug is filled in later. */
export function initialEditable(input: NewRealmInput): RealmEditable {
  const base: RealmEditable = {
    name: '',
    slug: '',
    state: 'active',
    reference: null,
    custom: {},
    public_info: { display_name: null, description: null, logo_url: null },
    ...defaultSettings(),
  };
  return applyPatch(base, input);
}

/** Stored settings over today's defaults, so settings added in later versions read with their default. */
export function settingsWithDefaults(stored: unknown): RealmSettings {
  const base: RealmSettings = defaultSettings();
  return isPlainObject(stored) ? (merge(base, stored, '') as RealmSettings) : base;
}

export function editableOf(realm: Realm): RealmEditable {
  const { name, slug, state, reference, custom, public_info, users, password_policy, brute_force, email, tokens, tenant_policy, api_keys, resource_links } =
    realm;
  return { name, slug, state, reference, custom, public_info, users, password_policy, brute_force, email, tokens, tenant_policy, api_keys, resource_links };
}

/** Room a derived slug leaves for a uniqueness suffix (up to `-999`). */
const SLUG_SUFFIX_ROOM = 4;

/**
 * A slug from a name: accents dropped, lower case, runs of anything else become one '-', at most
 * 63 characters less room for a uniqueness suffix, at least 3 characters.
 */
export function slugBase(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, fieldLimits.slugMaxLength - SLUG_SUFFIX_ROOM)
    .replace(/-+$/, '');
  if (base === '') return 'realm';
  return base.length < 3 ? `${base}-realm` : base;
}

/** The first of `base`, `base-2`, `base-3`… not in `taken`. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function inRange(issues: ErrorDetail[], field: string, value: number, range: { min: number; max: number }): void {
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

function checkUrl(issues: ErrorDetail[], field: string, value: string | null): void {
  if (value === null) return;
  if (value.length > fieldLimits.urlLength || !httpUrl(value)) issues.push({ field, issue: 'must be an http(s) URL' });
}

function checkResourceLinks(issues: ErrorDetail[], links: RealmSettings['resource_links']): void {
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

function checkTokens(issues: ErrorDetail[], tokens: RealmSettings['tokens']): void {
  inRange(issues, 'tokens.access_token_minutes', tokens.access_token_minutes, limits.accessTokenMinutes);
  inRange(issues, 'tokens.refresh_token_days', tokens.refresh_token_days, limits.refreshTokenDays);
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

function checkRegistrationFields(issues: ErrorDetail[], fields: RealmSettings['users']['registration']['fields']): void {
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
    if (field.max_length !== null) {
      if (field.type !== 'string') issues.push({ field: `${path}.max_length`, issue: 'applies only to string fields' });
      else inRange(issues, `${path}.max_length`, field.max_length, limits.registrationFieldLength);
    }
  });
}

function checkPasswordPolicy(issues: ErrorDetail[], policy: RealmSettings['password_policy']): void {
  inRange(issues, 'password_policy.min_length', policy.min_length, limits.passwordMinLength);
  inRange(issues, 'password_policy.max_length', policy.max_length, limits.passwordMaxLength);
  if (policy.max_length < policy.min_length) issues.push({ field: 'password_policy.max_length', issue: 'must not be below min_length' });
  if (!httpUrl(policy.breached.range_url)) issues.push({ field: 'password_policy.breached.range_url', issue: 'must be an http(s) URL' });
}

function checkBruteForce(issues: ErrorDetail[], policy: RealmSettings['brute_force']): void {
  inRange(issues, 'brute_force.delay_after', policy.delay_after, limits.bruteForceDelayAfter);
  inRange(issues, 'brute_force.lock_after', policy.lock_after, limits.bruteForceLockAfter);
  inRange(issues, 'brute_force.lock_minutes', policy.lock_minutes, limits.bruteForceLockMinutes);
  inRange(issues, 'brute_force.permanent_after', policy.permanent_after, limits.bruteForcePermanentAfter);
  if (policy.lock_after < policy.delay_after) issues.push({ field: 'brute_force.lock_after', issue: 'must not be below delay_after' });
  if (policy.permanent_after < policy.lock_after) issues.push({ field: 'brute_force.permanent_after', issue: 'must not be below lock_after' });
}

function checkEmail(issues: ErrorDetail[], email: RealmSettings['email']): void {
  if (email.from_address !== null && !/^[^\s@<>",]+@[^\s@<>",]+$/.test(email.from_address)) {
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

/** Every rule at once, so a client sees all its mistakes in one answer. */
export function validateEditable(realm: RealmEditable): void {
  const issues: ErrorDetail[] = [];
  if (realm.name.trim() === '') issues.push({ field: 'name', issue: "can't be blank" });
  else if ([...realm.name].length > limits.nameLength) issues.push({ field: 'name', issue: `must be at most ${limits.nameLength} characters` });
  if (!new RegExp(fieldLimits.slugPattern).test(realm.slug)) {
    issues.push({ field: 'slug', issue: 'must be 3-63 characters of a-z, 0-9 and -' });
  }
  if (realm.reference !== null && realm.reference.length > fieldLimits.referenceLength) {
    issues.push({ field: 'reference', issue: `must be at most ${fieldLimits.referenceLength} characters` });
  }
  if (Buffer.byteLength(JSON.stringify(realm.custom)) > limits.customBytes) {
    issues.push({ field: 'custom', issue: `must be at most ${limits.customBytes / 1024} KB as JSON` });
  }
  checkUrl(issues, 'public_info.logo_url', realm.public_info.logo_url);
  checkRegistrationFields(issues, realm.users.registration.fields);
  checkPasswordPolicy(issues, realm.password_policy);
  checkBruteForce(issues, realm.brute_force);
  checkEmail(issues, realm.email);
  checkTokens(issues, realm.tokens);
  if (realm.tenant_policy.type === 'selected' && realm.tenant_policy.tenant.trim() === '') {
    issues.push({ field: 'tenant_policy.tenant', issue: "can't be blank" });
  }
  inRange(issues, 'api_keys.token_minutes', realm.api_keys.token_minutes, limits.apiKeyTokenMinutes);
  if (realm.api_keys.prefix !== null && !new RegExp(fieldLimits.apiKeyPrefixPattern).test(realm.api_keys.prefix)) {
    issues.push({ field: 'api_keys.prefix', issue: 'must be 1-32 characters of letters, digits, _ and -' });
  }
  checkResourceLinks(issues, realm.resource_links);
  if (issues.length > 0) {
    const summary = issues.map((d) => `${d.field} ${d.issue}`).join('; ');
    throw new AppError('realm.invalid_settings', `The realm is invalid: ${summary}.`, { details: issues });
  }
}

/** Settings that are allowed but an operator should know about, shown with the realm. */
export function realmWarnings(realm: Pick<Realm, 'tokens'>): string[] {
  const { session_type, unmanaged_token_minutes } = realm.tokens;
  return session_type === 'unmanaged' && unmanaged_token_minutes === 0 ? [UNMANAGED_FOREVER_WARNING] : [];
}

/** JSON with object keys sorted: PostgreSQL's jsonb does not keep key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** Dotted paths of the leaves that differ (whole-replaced values and arrays count as leaves). */
export function changedFields(before: RealmEditable, after: RealmEditable): string[] {
  const changed: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (isPlainObject(a) && isPlainObject(b) && !REPLACED_WHOLE.has(path)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[key], b[key], path ? `${path}.${key}` : key);
    } else if (canonical(a) !== canonical(b)) {
      changed.push(path);
    }
  };
  walk(before, after, '');
  return changed;
}
