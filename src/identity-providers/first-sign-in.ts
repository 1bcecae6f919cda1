import { firstCharacters, oneLine, storable } from '../platform/display-text.ts';
import type { UserChanges } from '../users/user-fields.ts';
import { spellsAnotherAddress } from '../users/identifiers.ts';
import type { User } from '../users/user.ts';
import type { IdentityProvider } from './provider.ts';
import type { UpstreamProfile } from './upstream.ts';

/**
 * What a sign-in through a provider may do with an upstream account that is not linked yet, and
 * what its claims write into the user: pure functions of the provider's rules, the profile and the
 * local account with the same email (if any). No storage, no clock.
 */

/**
 * Printable ASCII only: addresses are compared and stored lower-cased, and lower-casing turns some
 * other characters into ASCII letters (the Kelvin sign K into k), so an address the provider
 * verified could become another one nobody verified.
 */
const plainAddress = (email: string): boolean => /^[\x21-\x7e]+$/.test(email);

/** The provider's "verified" counts only when the realm's operator trusts it to verify addresses (and the address is plain ASCII). */
export const trustedEmail = (provider: Pick<IdentityProvider, 'trustEmail'>, profile: UpstreamProfile): boolean =>
  provider.trustEmail && profile.emailVerified && profile.email !== undefined && plainAddress(profile.email);

/** Whether the profile's address is in the provider's allowed domains (any, when none are set). */
export function emailDomainAllowed(provider: Pick<IdentityProvider, 'allowedEmailDomains' | 'trustEmail'>, profile: UpstreamProfile): boolean {
  if (provider.allowedEmailDomains.length === 0) return true;
  // A domain rule on an address nobody verified would be a rule anyone passes by typing one.
  if (!trustedEmail(provider, profile)) return false;
  const domain = profile.email!.slice(profile.email!.lastIndexOf('@') + 1).toLowerCase();
  return provider.allowedEmailDomains.includes(domain);
}

export type FirstSignInDecision =
  | { action: 'create' }
  | { action: 'link'; user: User }
  /** An account exists that this sign-in may not take by itself: its owner must prove it, then link. */
  | { action: 'prove_existing'; user: User }
  | { action: 'refuse'; reason: string };

/**
 * An upstream account signs in for the first time. It links to an existing account by itself only
 * when the provider may link by email (which needs `trust_email`), the provider says it verified
 * the address, and the local account verified the same address too; otherwise a matching account
 * must be proven by its owner (signed in) before the link. Without a matching account, the
 * provider's `first_sign_in` policy decides.
 */
export function decideFirstSignIn(provider: Pick<IdentityProvider, 'trustEmail' | 'linkByEmail' | 'firstSignIn'>, profile: UpstreamProfile, existing: User | undefined): FirstSignInDecision {
  if (existing) {
    if (provider.firstSignIn === 'refuse') return { action: 'refuse', reason: 'first_sign_in_refused' };
    const automatic = provider.linkByEmail && trustedEmail(provider, profile) && existing.email_verified && existing.email !== null && existing.email.toLowerCase() === profile.email!.toLowerCase();
    return automatic ? { action: 'link', user: existing } : { action: 'prove_existing', user: existing };
  }
  if (provider.firstSignIn === 'create') return { action: 'create' };
  return { action: 'refuse', reason: provider.firstSignIn === 'link' ? 'no_account_to_link' : 'first_sign_in_refused' };
}

/** A claim by name, or by a dotted path into nested objects. */
function claim(raw: Record<string, unknown>, path: string): unknown {
  if (path in raw) return raw[path];
  return path.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), raw);
}

/** A claim as a one-line name of at most 200 characters, storable (user fields refuse the rest). */
const text = (value: unknown): string | undefined => {
  const line = typeof value === 'string' ? oneLine(storable(value)) : '';
  return line === '' ? undefined : firstCharacters(line, 200);
};
const USER_FIELDS = ['first_name', 'last_name', 'display_name', 'username'] as const;

/**
 * The user fields the provider's mapping writes: names from the standard claims unless mapped
 * otherwise, mapped `custom` keys (and `locale`, `picture`, which users keep in `custom`), and the
 * provider's tags added to those the user has.
 */
export function mappedAttributes(provider: Pick<IdentityProvider, 'mapping'>, profile: UpstreamProfile, current?: Pick<User, 'tags' | 'custom' | 'email'>): UserChanges {
  const { fields, custom, tags } = provider.mapping;
  const standard: Record<string, string | undefined> = { first_name: text(profile.givenName), last_name: text(profile.familyName), display_name: text(profile.name) };
  const changes: UserChanges = {};
  for (const field of USER_FIELDS) {
    const value = fields[field] === undefined ? standard[field] : text(claim(profile.raw, fields[field]!));
    if (value !== undefined) changes[field] = value;
  }
  const extra: Record<string, unknown> = {};
  for (const key of ['locale', 'picture'] as const) {
    const value = fields[key] === undefined ? undefined : text(claim(profile.raw, fields[key]!));
    if (value !== undefined) extra[key] = value;
  }
  for (const [key, path] of Object.entries(custom)) {
    const value = claim(profile.raw, path);
    if (value !== undefined && value !== null && typeof value !== 'object') extra[key] = typeof value === 'string' ? storable(value) : value;
  }
  // A mapped username (often chosen upstream) that spells another address than the account's is left out.
  if (typeof changes.username === 'string' && spellsAnotherAddress(changes.username, current ? current.email : profile.email)) delete changes.username;
  if (Object.keys(extra).length > 0) changes.custom = { ...(current?.custom ?? {}), ...extra };
  const nextTags = [...new Set([...(current?.tags ?? []), ...tags])];
  if (tags.length > 0 && nextTags.length !== (current?.tags ?? []).length) changes.tags = nextTags;
  return changes;
}

/** The roles (slugs) the provider's rules give this profile: each rule without a claim, and each whose claim equals its value or lists it. */
export function mappedRoles(provider: Pick<IdentityProvider, 'mapping'>, profile: UpstreamProfile): string[] {
  const holds = (rule: { claim?: string; value?: string }) => {
    if (rule.claim === undefined) return true;
    const found = claim(profile.raw, rule.claim);
    return Array.isArray(found) ? found.some((item) => String(item) === rule.value) : found !== undefined && found !== null && String(found) === rule.value;
  };
  return [...new Set(provider.mapping.roles.filter(holds).map((rule) => rule.role))];
}
