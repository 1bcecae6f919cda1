/**
 * Tenants (organisations) of a realm and users' memberships of them, as the domain sees them, with
 * the rules their fields keep. A membership's roles are role slugs: their form is checked here;
 * whether the realm defines them is the roles module's part.
 */
import { AppError, invalidField } from '../errors.ts';
import { limits } from '../realms/realm.ts';
import { isRoleSlug, roleLimits } from './role.ts';

export interface Tenant {
  id: string;
  realmId: string;
  slug: string;
  name: string;
  active: boolean;
  custom: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export interface Membership {
  tenantId: string;
  userId: string;
  roles: string[];
  createdAt: number;
  updatedAt: number;
}

/** What an operator sets on a tenant. */
export interface TenantFields {
  slug: string;
  name: string;
  active: boolean;
  custom: Record<string, unknown>;
}

export const tenantLimits = {
  slugPattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$',
  slugMaxLength: 64,
  nameLength: limits.nameLength,
  /** The same bound as a user's and a realm's `custom`. */
  customBytes: limits.customBytes,
  rolesPerMembership: 50,
  /** A role slug's (src/authorization/role.ts). */
  roleMaxLength: roleLimits.slugLength,
} as const;

const slugExpression = new RegExp(tenantLimits.slugPattern);

export const tenantNotFound = () => new AppError('tenant.not_found', 'No such tenant in this realm.');

/** A token's or session's tenant no longer has the user as a member, or is no longer active (validate, refresh). */
export const tenantAccessEnded = () =>
  new AppError('auth.tenant_access_ended', 'Your membership of the tenant this token or session is in has ended, or the tenant is no longer active: sign in again, or refresh naming another tenant.');

/** Settles an operator's fields (trimmed name, lower-case slug) or refuses the first that is wrong. */
export function settleTenantFields(fields: TenantFields): TenantFields {
  const slug = fields.slug.trim().toLowerCase();
  if (!slugExpression.test(slug)) throw invalidField('tenant.invalid', 'slug', 'must be 1 to 64 lower-case letters, digits or hyphens, not starting or ending with a hyphen');
  const name = fields.name.trim();
  if (name.length === 0 || [...name].length > tenantLimits.nameLength) throw invalidField('tenant.invalid', 'name', `must be 1 to ${tenantLimits.nameLength} characters`);
  if (Buffer.byteLength(JSON.stringify(fields.custom)) > tenantLimits.customBytes) {
    throw invalidField('tenant.invalid', 'custom', `must be at most ${tenantLimits.customBytes / 1024} KB as JSON`);
  }
  return { slug, name, active: fields.active, custom: fields.custom };
}

/** A membership's roles: unique role slugs of the allowed form, in the order given. */
export function settleRoles(roles: string[]): string[] {
  const unique = [...new Set(roles)];
  if (unique.length > tenantLimits.rolesPerMembership) throw invalidField('tenant.invalid_roles', 'roles', `must hold at most ${tenantLimits.rolesPerMembership} roles`);
  for (const role of unique) {
    if (!isRoleSlug(role)) throw invalidField('tenant.invalid_roles', 'roles', `each role must be a role slug: 1 to ${tenantLimits.roleMaxLength} lower-case letters, digits and '-', not starting with '-'`);
  }
  return unique;
}

/** The tenant a user signed in to, as tokens and validate carry it. */
export interface TokenTenant {
  id: string;
  slug: string;
  roles: string[];
}
