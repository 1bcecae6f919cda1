import { Type, type Static } from '@sinclair/typebox';
import { roleLimits, type Role } from '../../authorization/role.ts';
import type { Assignment } from '../../authorization/role-assignment-store.ts';
import { Nullable, OneLine, Timestamp } from '../schemas.ts';

/**
 * Roles and assignments as the admin API shows them, and the bodies that create and change them.
 * The schemas give shapes and bounds; src/authorization/role.ts checks them again (and what
 * a schema cannot: repeats, cycles, roles of the realm).
 */
const strict = { additionalProperties: false } as const;

const RoleRefText = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const RoleRefResponse = Type.Object({ id: Type.String(), slug: Type.String() });

const settings = {
  slug: Type.String({ pattern: roleLimits.slugPattern, maxLength: roleLimits.slugLength, description: 'Unique within the realm: lower-case letters, digits and -. Roles are addressed by id or slug.' }),
  display_name: Nullable(OneLine({ maxLength: roleLimits.displayNameLength })),
  description: Nullable(Type.String({ maxLength: roleLimits.descriptionLength })),
  active: Type.Boolean({ description: 'An inactive role grants nothing: neither its permissions nor the roles it includes.' }),
  permissions: Type.Array(Type.String({ minLength: 1, maxLength: roleLimits.permissionLength, pattern: roleLimits.permissionPattern }), {
    maxItems: roleLimits.permissionsPerRole,
    description: 'Strings such as `invoices:read`: letters, digits and `_ - . *`, in parts joined by `:`.',
  }),
  includes: Type.Array(RoleRefText('A role of this realm, by id or slug.'), {
    maxItems: roleLimits.includesPerRole,
    description: 'Composite: the roles this one includes (their permissions and what they include in turn). A cycle is refused (422 role.cycle).',
  }),
};

const optional = Type.Partial(Type.Object(settings)).properties;

export const CreateRoleBody = Type.Object({ ...optional, slug: settings.slug }, strict);
export const PatchRoleBody = Type.Object(optional, { ...strict, description: 'Only the fields given change; the whole is checked again.' });

export const RoleResponse = Type.Object({
  id: Type.String({ description: '`rol_` and 22 characters.' }),
  realm_id: Type.String(),
  slug: Type.String(),
  display_name: Nullable(Type.String()),
  description: Nullable(Type.String()),
  active: Type.Boolean(),
  permissions: Type.Array(Type.String(), { description: 'Sorted.' }),
  includes: Type.Array(RoleRefResponse, { description: 'The included roles, by slug.' }),
  created_at: Timestamp,
  updated_at: Timestamp,
  version: Type.Integer(),
});

const dateTime = (description: string) => Type.String({ maxLength: 40, description });

export const AssignRoleBody = Type.Object(
  {
    role: RoleRefText('The role, by id or slug.'),
    starts_at: Type.Optional(dateTime('ISO 8601 date-time with a zone; the role counts from then (default now). Tokens issued before it do not carry the role.')),
    ends_at: Type.Optional(Nullable(dateTime('ISO 8601 date-time with a zone, after starts_at; the role stops counting then. null: no end.'))),
  },
  { ...strict, description: 'Assigning a role the user already has gives that assignment this window.' },
);

export const AssignmentResponse = Type.Object({
  user_id: Type.String(),
  role: RoleRefResponse,
  starts_at: Timestamp,
  ends_at: Nullable(Timestamp),
  created_at: Timestamp,
});

const iso = (ms: number) => new Date(ms).toISOString();

export function toRoleResponse(role: Role): Static<typeof RoleResponse> {
  return {
    id: role.id,
    realm_id: role.realmId,
    slug: role.slug,
    display_name: role.displayName,
    description: role.description,
    active: role.active,
    permissions: role.permissions,
    includes: role.includes,
    created_at: iso(role.createdAt),
    updated_at: iso(role.updatedAt),
    version: role.version,
  };
}

export function toAssignmentResponse(assignment: Assignment): Static<typeof AssignmentResponse> {
  return {
    user_id: assignment.userId,
    role: assignment.role,
    starts_at: iso(assignment.startsAt),
    ends_at: assignment.endsAt === null ? null : iso(assignment.endsAt),
    created_at: iso(assignment.createdAt),
  };
}
