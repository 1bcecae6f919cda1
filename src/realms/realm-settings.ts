import { AppError, type ErrorDetail } from '../errors.ts';
import { defaultSettings, limits, type PublicInfo, type Realm, type RealmSettings, type RealmState } from './realm.ts';
import { checkDefaultRoles, checkPasskeys, checkSignIn, checkBruteForce, checkEmail, checkPasswordPolicy, checkRegistrationFields, checkResourceLinks, checkTokens, checkUrl, fieldLimits, inRange } from './realm-setting-checks.ts';
import { checkBranding, checkLocalisation } from './branding-checks.ts';
import { presetSettings, type SecurityPreset } from './security-presets.ts';

export { fieldLimits, RESOURCE_LINK_PLACEHOLDERS } from './realm-setting-checks.ts';

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
  sign_in?: Partial<Omit<RealmSettings['sign_in'], 'otp'>> & { otp?: Partial<RealmSettings['sign_in']['otp']> };
  password_policy?: Partial<Omit<RealmSettings['password_policy'], 'breached'>> & { breached?: Partial<RealmSettings['password_policy']['breached']> };
  brute_force?: Partial<RealmSettings['brute_force']>;
  email?: Partial<RealmSettings['email']>;
  tokens?: Partial<RealmSettings['tokens']>;
  tenant_policy?: RealmSettings['tenant_policy'];
  api_keys?: Partial<RealmSettings['api_keys']>;
  roles?: Partial<RealmSettings['roles']>;
  resource_links?: RealmSettings['resource_links'];
  passkeys?: Partial<RealmSettings['passkeys']>;
  branding?: Partial<Omit<RealmSettings['branding'], 'colours' | 'layout'>> & {
    colours?: Partial<RealmSettings['branding']['colours']>;
    layout?: Partial<RealmSettings['branding']['layout']>;
  };
  localisation?: Partial<RealmSettings['localisation']>;
}

export type NewRealmInput = RealmInput & { name: string };


export const UNMANAGED_FOREVER_WARNING = 'tokens.unmanaged_token_minutes is 0: tokens never expire';

/**
 * Values PATCH replaces whole rather than merging field by field (besides arrays). A palette is
 * given whole (its colours are checked against each other); the overrides are the realm's whole
 * set of words, so a string left out goes back to the shipped one.
 */
const REPLACED_WHOLE = new Set(['custom', 'tokens.default_access', 'tenant_policy', 'branding.colours.light', 'branding.colours.dark', 'localisation.overrides']);

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

/** The realm's settings sections, whichever exist today (every key of the defaults). */
export function settingsOf(realm: RealmSettings): RealmSettings {
  return Object.fromEntries(Object.keys(defaultSettings()).map((key) => [key, realm[key as keyof RealmSettings]])) as unknown as RealmSettings;
}

export function editableOf(realm: Realm): RealmEditable {
  const { name, slug, state, reference, custom, public_info } = realm;
  return { name, slug, state, reference, custom, public_info, ...settingsOf(realm) };
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
  checkSignIn(issues, realm.sign_in);
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
  checkDefaultRoles(issues, realm.roles.default);
  checkPasskeys(issues, realm.passkeys);
  checkBranding(issues, realm.branding);
  checkLocalisation(issues, realm.localisation);
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
