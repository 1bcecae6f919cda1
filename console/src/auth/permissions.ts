/**
 * What the interface offers the signed-in operator, from the grants GET /admin/v1/me answers. The
 * same rules as the server's (src/operators/permissions.ts): buttons an operator may not use are
 * not shown, and the API refuses them anyway.
 */
export type Grant =
  | { permission: 'read' }
  | { permission: 'admin_realm'; realms: string[] }
  | { permission: 'admin_all_realms' }
  | { permission: 'superadmin' };

export interface Me {
  actor: { type: 'operator' | 'application'; id: string };
  email: string | null;
  display_name: string | null;
  grants: Grant[];
}

export interface Abilities {
  /** May change this realm (its settings, users, templates…). */
  manageRealm(realm: { id: string; is_system?: boolean }): boolean;
  createRealms: boolean;
  deleteRealms: boolean;
  readOperators: boolean;
  manageOperators: boolean;
  /** Sees every realm (else only the realms of its admin_realm grants). */
  seesAllRealms: boolean;
}

export function abilitiesOf(grants: Grant[]): Abilities {
  const has = (permission: Grant['permission']) => grants.some((grant) => grant.permission === permission);
  const superadmin = has('superadmin');
  const allRealms = superadmin || has('admin_all_realms');
  const managed = new Set(grants.flatMap((grant) => (grant.permission === 'admin_realm' ? grant.realms : [])));
  return {
    manageRealm: (realm) => (realm.is_system ? superadmin : allRealms || managed.has(realm.id)),
    createRealms: allRealms,
    deleteRealms: allRealms,
    readOperators: allRealms || has('read'),
    manageOperators: superadmin,
    seesAllRealms: grants.some((grant) => grant.permission !== 'admin_realm'),
  };
}
