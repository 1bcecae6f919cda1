import { Type, type Static } from '@sinclair/typebox';
import { tenantLimits, type Membership, type Tenant } from '../../authorization/tenant.ts';
import { JsonObject, OneLine, Timestamp } from '../schemas.ts';

/**
 * Tenants (organisations) and memberships as the admin API shows them, and the bodies that create
 * and change them. The schemas give shapes and bounds; the slug's form, the name and the size of
 * `custom` are settled in src/authorization/tenant.ts (a 400 naming the field).
 */
const strict = { additionalProperties: false } as const;

/** A tenant named by its id (`tnt_…`) or its slug, in a path, a login or a refresh. */
export const TenantRef = (description: string) => Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$', description });

const settings = {
  slug: Type.String({ minLength: 1, maxLength: tenantLimits.slugMaxLength, description: 'Unique in the realm: lower-case letters, digits and hyphens (stored lower-cased).' }),
  name: OneLine({ minLength: 1, maxLength: tenantLimits.nameLength }),
  active: Type.Boolean({ description: 'An inactive tenant cannot be signed in to; tokens in it stop at validate and refresh.' }),
  custom: JsonObject(`Free-form attributes, at most ${tenantLimits.customBytes / 1024} KB as JSON.`),
};

export const CreateTenantBody = Type.Object({ slug: settings.slug, name: settings.name, active: Type.Optional(settings.active), custom: Type.Optional(settings.custom) }, strict);
export const PatchTenantBody = Type.Object(Type.Partial(Type.Object(settings)).properties, { ...strict, description: 'Only the fields given change.' });

const Roles = Type.Array(Type.String({ minLength: 1, maxLength: tenantLimits.roleMaxLength }), {
  maxItems: tenantLimits.rolesPerMembership,
  description: "The user's roles in this tenant: role slugs.",
});
export const AddMemberBody = Type.Object({ user_id: Type.String({ minLength: 1, maxLength: 100 }), roles: Type.Optional(Roles) }, strict);

export const TenantResponse = Type.Object({
  id: Type.String({ description: 'tnt_… : stable; tokens carry it as `tenant`.' }),
  realm_id: Type.String(),
  ...settings,
  created_at: Timestamp,
  updated_at: Timestamp,
  version: Type.Integer(),
});

export const MemberResponse = Type.Object({ user_id: Type.String(), tenant_id: Type.String(), roles: Type.Array(Type.String()), created_at: Timestamp, updated_at: Timestamp });
export const UserTenantResponse = Type.Composite([TenantResponse, Type.Object({ roles: Type.Array(Type.String({ description: "The user's roles in it." })), member_since: Timestamp })]);

const iso = (ms: number) => new Date(ms).toISOString();

export function toTenantResponse(tenant: Tenant): Static<typeof TenantResponse> {
  return {
    id: tenant.id,
    realm_id: tenant.realmId,
    slug: tenant.slug,
    name: tenant.name,
    active: tenant.active,
    custom: tenant.custom,
    created_at: iso(tenant.createdAt),
    updated_at: iso(tenant.updatedAt),
    version: tenant.version,
  };
}

export function toMemberResponse(membership: Membership): Static<typeof MemberResponse> {
  return { user_id: membership.userId, tenant_id: membership.tenantId, roles: membership.roles, created_at: iso(membership.createdAt), updated_at: iso(membership.updatedAt) };
}

export function toUserTenantResponse({ tenant, membership }: { tenant: Tenant; membership: Membership }): Static<typeof UserTenantResponse> {
  return { ...toTenantResponse(tenant), roles: membership.roles, member_since: iso(membership.createdAt) };
}
