/**
 * Operator grants as the editor holds them (one switch per permission, the realms of `admin_realm`
 * beside) and back, with the checks worth making before the API is asked. Pure: unit-tested.
 */
import type { Grant } from '../../auth/permissions.ts';

export interface GrantDraft {
  read: boolean;
  adminRealm: boolean;
  /** Realm ids (the API stores `admin_realm` realms by id). */
  realms: string[];
  adminAllRealms: boolean;
  superadmin: boolean;
}

export const emptyDraft = (): GrantDraft => ({ read: false, adminRealm: false, realms: [], adminAllRealms: false, superadmin: false });

export function draftOf(grants: readonly Grant[]): GrantDraft {
  const draft = emptyDraft();
  for (const grant of grants) {
    if (grant.permission === 'read') draft.read = true;
    else if (grant.permission === 'admin_all_realms') draft.adminAllRealms = true;
    else if (grant.permission === 'superadmin') draft.superadmin = true;
    else {
      draft.adminRealm = true;
      for (const realm of grant.realms) if (!draft.realms.includes(realm)) draft.realms.push(realm);
    }
  }
  return draft;
}

/** The grants to send, in the order the API lists them; an `admin_realm` without realms is left out (see draftProblem). */
export function grantsOf(draft: GrantDraft): Grant[] {
  const grants: Grant[] = [];
  if (draft.read) grants.push({ permission: 'read' });
  if (draft.adminRealm && draft.realms.length > 0) grants.push({ permission: 'admin_realm', realms: [...draft.realms] });
  if (draft.adminAllRealms) grants.push({ permission: 'admin_all_realms' });
  if (draft.superadmin) grants.push({ permission: 'superadmin' });
  return grants;
}

/** What stops the draft from being saved as the operator meant it, or null. */
export function draftProblem(draft: GrantDraft): 'no_realms' | null {
  return draft.adminRealm && draft.realms.length === 0 ? 'no_realms' : null;
}

/** Whether saving `after` takes superadmin away from grants that had it (the operator's own: a warning first). */
export function dropsSuperadmin(before: readonly Grant[], after: readonly Grant[]): boolean {
  const had = before.some((grant) => grant.permission === 'superadmin');
  return had && !after.some((grant) => grant.permission === 'superadmin');
}

export function sameGrants(a: readonly Grant[], b: readonly Grant[]): boolean {
  const key = (grants: readonly Grant[]) => JSON.stringify(grantsOf(draftOf(grants)).map((grant) => (grant.permission === 'admin_realm' ? { ...grant, realms: [...grant.realms].sort() } : grant)));
  return key(a) === key(b);
}
