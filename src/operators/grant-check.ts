import type { RealmLookup } from '../contracts.ts';
import { AppError, type ErrorDetail } from '../errors.ts';
import type { Grant } from './permissions.ts';

/**
 * Grants as given (to an operator or an operator application) made ready to store: every realm an
 * `admin_realm` grant names must exist and not be the admin realm, and is stored by id; grants are
 * merged and de-duplicated. Refused as a whole, with a detail per bad entry.
 */
export async function normaliseGrants(lookup: RealmLookup, grants: Grant[]): Promise<Grant[]> {
  const normalised: Grant[] = [];
  const managed = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const [index, grant] of grants.entries()) {
    if (grant.permission !== 'admin_realm') {
      if (!normalised.some((g) => g.permission === grant.permission)) normalised.push({ permission: grant.permission });
      continue;
    }
    if (grant.realms.length === 0) details.push({ field: `grants.${index}.realms`, issue: 'must name at least one realm' });
    for (const [position, ref] of grant.realms.entries()) {
      const realm = await lookup.resolve(ref);
      const field = `grants.${index}.realms.${position}`;
      if (!realm) details.push({ field, issue: `names no realm (${ref})` });
      else if (realm.is_system) details.push({ field, issue: 'is the admin realm, which only superadmins manage' });
      else managed.add(realm.id);
    }
  }
  if (details.length > 0) {
    throw new AppError('operator.invalid_grant', `The grants are invalid: ${details.map((d) => `${d.field} ${d.issue}`).join('; ')}.`, { details });
  }
  if (managed.size > 0) normalised.push({ permission: 'admin_realm', realms: [...managed] });
  return normalised;
}
