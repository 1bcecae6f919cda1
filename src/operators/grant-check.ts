import { PostgresAdapter, type Kysely } from 'kysely';
import type { RealmLookup } from '../contracts.ts';
import { AppError, type ErrorDetail } from '../errors.ts';
import type { Schema } from '../storage/schema.ts';
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

/**
 * First in the transaction that stores grants normaliseGrants made: every realm they name still
 * exists, and stays until the transaction ends. A realm deleted after normaliseGrants looked took
 * itself out of every stored grant (forget-realm-grants.ts); a grant written after that would come
 * back to life for a realm imported later under the same id. On PostgreSQL the realms' rows are
 * held (`FOR KEY SHARE`, taken before the operator rows, in the order a deletion takes them:
 * realm, then operators, so the two queue instead of deadlocking); SQLite's transactions hold the
 * write lock from their start.
 */
export async function holdGrantedRealms(trx: Kysely<Schema>, grants: Grant[]): Promise<void> {
  const ids = grants.flatMap((grant) => (grant.permission === 'admin_realm' ? grant.realms : []));
  if (ids.length === 0) return;
  const query = trx.selectFrom('realms').select('id').where('id', 'in', ids);
  const held = new Set((await (trx.getExecutor().adapter instanceof PostgresAdapter ? query.forKeyShare() : query).execute()).map((row) => row.id));
  const gone = ids.filter((id) => !held.has(id));
  if (gone.length === 0) return;
  const details = gone.map((id) => ({ field: 'grants', issue: `realm ${id} was deleted meanwhile` }));
  throw new AppError('operator.invalid_grant', `The grants are invalid: ${details.map((d) => `${d.field}: ${d.issue}`).join('; ')}.`, { details });
}
