import { AppError, invalidField, type ErrorDetail } from '../errors.ts';

/**
 * A role of a realm: a named set of permissions, optionally including other roles (composite).
 * Users hold roles through assignments with a window (src/authorization/role-assignments.ts).
 */
export interface Role {
  id: string;
  realmId: string;
  slug: string;
  displayName: string | null;
  description: string | null;
  /** An inactive role grants nothing (neither its permissions nor those of the roles it includes). */
  active: boolean;
  permissions: string[];
  /** The roles this one includes, in slug order. */
  includes: RoleRef[];
  createdAt: number;
  updatedAt: number;
  version: number;
}

export interface RoleRef {
  id: string;
  slug: string;
}

/** What an operator gives; `includes` names roles of the same realm by id or slug. */
export interface RoleFields {
  slug: string;
  display_name: string | null;
  description: string | null;
  active: boolean;
  permissions: string[];
  includes: string[];
}

export const roleLimits = {
  perRealm: 1000,
  /** Lower-case letters, digits and '-' (never '_': ids are `rol_…`, so a slug never reads as an id). */
  slugPattern: '^[a-z0-9][a-z0-9-]{0,62}$',
  slugLength: 63,
  displayNameLength: 200,
  descriptionLength: 2000,
  /** `resource:action` and the like: letters, digits and `_ - . * :`, such as `invoices:read`. */
  permissionPattern: '^[A-Za-z0-9_.*-]+(:[A-Za-z0-9_.*-]+)*$',
  permissionLength: 100,
  permissionsPerRole: 200,
  includesPerRole: 50,
  /** Default roles a realm gives its new users. */
  defaultsPerRealm: 20,
} as const;

const slugShape = new RegExp(roleLimits.slugPattern);
const permissionShape = new RegExp(roleLimits.permissionPattern);

export const isRoleSlug = (value: string) => slugShape.test(value);

export const roleNotFound = (ref: string) => new AppError('role.not_found', `No role ${ref} in this realm.`);

/**
 * The checks the request schema cannot express, or that services called without HTTP must keep
 * too: shapes, sizes, repeats. Every issue is reported at once.
 */
export function checkRoleFields(fields: RoleFields): RoleFields {
  const issues: ErrorDetail[] = [];
  if (!isRoleSlug(fields.slug)) issues.push({ field: 'slug', issue: `must match ${roleLimits.slugPattern}` });
  if (fields.display_name !== null && fields.display_name.length > roleLimits.displayNameLength) issues.push({ field: 'display_name', issue: `must be at most ${roleLimits.displayNameLength} characters` });
  if (fields.description !== null && fields.description.length > roleLimits.descriptionLength) issues.push({ field: 'description', issue: `must be at most ${roleLimits.descriptionLength} characters` });
  if (fields.permissions.length > roleLimits.permissionsPerRole) issues.push({ field: 'permissions', issue: `must have at most ${roleLimits.permissionsPerRole} entries` });
  fields.permissions.forEach((permission, i) => {
    if (permission.length > roleLimits.permissionLength || !permissionShape.test(permission)) {
      issues.push({ field: `permissions.${i}`, issue: `must match ${roleLimits.permissionPattern}, at most ${roleLimits.permissionLength} characters` });
    }
  });
  if (new Set(fields.permissions).size !== fields.permissions.length) issues.push({ field: 'permissions', issue: 'must not repeat a permission' });
  if (fields.includes.length > roleLimits.includesPerRole) issues.push({ field: 'includes', issue: `must have at most ${roleLimits.includesPerRole} entries` });
  if (new Set(fields.includes).size !== fields.includes.length) issues.push({ field: 'includes', issue: 'must not repeat a role' });
  if (issues.length > 0) throw new AppError('role.invalid', `The role is invalid: ${issues.map((i) => `${i.field} ${i.issue}`).join('; ')}.`, { details: issues });
  const blankToNull = (value: string | null) => (value === null || value.trim() === '' ? null : value.trim());
  return { ...fields, display_name: blankToNull(fields.display_name), description: blankToNull(fields.description), permissions: [...fields.permissions].sort() };
}

/** ISO 8601 with a time and a zone, as the API writes times. */
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function timeOf(field: string, value: string): number {
  const parts = ISO_TIME.exec(value);
  // Date.parse rolls a day that does not exist (2026-02-30) over into the next month: refuse it.
  const day = parts && new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
  const exists = day !== null && day.getUTCMonth() === Number(parts![2]) - 1 && day.getUTCDate() === Number(parts![3]);
  const at = exists ? Date.parse(value) : Number.NaN;
  if (!Number.isSafeInteger(at) || at < 0) throw invalidField('role.invalid_window', field, 'must be an ISO 8601 date-time with a zone');
  return at;
}

/** An assignment's window from the API's times: from `starts_at` (default now) until `ends_at`, which must come later. */
export function windowOf(input: { starts_at?: string; ends_at?: string | null }, now: number): { startsAt: number; endsAt: number | null } {
  const startsAt = input.starts_at === undefined ? now : timeOf('starts_at', input.starts_at);
  const endsAt = input.ends_at === undefined || input.ends_at === null ? null : timeOf('ends_at', input.ends_at);
  if (endsAt !== null && endsAt <= startsAt) throw invalidField('role.invalid_window', 'ends_at', 'must be after starts_at');
  return { startsAt, endsAt };
}

/** Whether an assignment counts at `now`: from its start (inclusive) until its end (exclusive). */
export const inWindow = (window: { startsAt: number; endsAt: number | null }, now: number) => window.startsAt <= now && (window.endsAt === null || now < window.endsAt);
