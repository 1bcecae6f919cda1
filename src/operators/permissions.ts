/**
 * Operator permissions, after AuthRocket: `read` lists and gets everything; `admin_realm` manages
 * the realms named in the grant; `admin_all_realms` also creates and deletes realms and manages
 * every realm; `superadmin` also manages operators and the built-in admin realm. Pure functions.
 */

export type Grant =
  | { permission: 'read' }
  | { permission: 'admin_realm'; realms: string[] }
  | { permission: 'admin_all_realms' }
  | { permission: 'superadmin' };

export type Permission = Grant['permission'];

export interface OperatorPrincipal {
  /**
   * Who acts, as events record it: an operator (its user in the admin realm) or an operator
   * application (its client id; it signs in with client credentials and has no session).
   */
  actor: { type: 'operator' | 'application'; id: string };
  sessionId: string | null;
  grants: Grant[];
  /**
   * When the access token the operator signed in with expires (ms since the epoch; null: never).
   * Set by the authenticator, absent on principals not built from a token; a live stream ends then.
   */
  tokenExpiresAt?: number | null;
}

export type Action =
  | { kind: 'realm.read'; realmId: string; isSystem: boolean }
  | { kind: 'realm.list' }
  | { kind: 'realm.manage'; realmId: string; isSystem: boolean }
  | { kind: 'realm.create' }
  | { kind: 'realm.delete' }
  /** A realm's private signing keys, second-factor seeds and identity providers' secrets, taken out in an export. */
  | { kind: 'realm.export_secrets' }
  | { kind: 'operators.read' }
  | { kind: 'operators.manage' };

const has = (p: OperatorPrincipal, permission: Permission) => p.grants.some((g) => g.permission === permission);

function managesRealm(p: OperatorPrincipal, realmId: string): boolean {
  return p.grants.some((g) => g.permission === 'admin_realm' && g.realms.includes(realmId));
}

export function allows(p: OperatorPrincipal, action: Action): boolean {
  const superadmin = has(p, 'superadmin');
  const allRealms = superadmin || has(p, 'admin_all_realms');
  switch (action.kind) {
    case 'realm.list':
      // An operator who manages some realms lists those (visibleRealmIds narrows the list).
      return allRealms || has(p, 'read') || has(p, 'admin_realm');
    case 'operators.read':
      return allRealms || has(p, 'read');
    case 'realm.read':
      return allRealms || has(p, 'read') || managesRealm(p, action.realmId);
    case 'realm.manage':
      // The admin realm holds the operators themselves: only a superadmin may change it.
      if (action.isSystem) return superadmin;
      return allRealms || managesRealm(p, action.realmId);
    case 'realm.create':
    case 'realm.delete':
    // Secrets the admin API never shows: an operator of one realm could mint its tokens with them after losing the grant.
    case 'realm.export_secrets':
      return allRealms;
    case 'operators.manage':
      return superadmin;
  }
}

/** Realms an operator without global read may see in lists; undefined means every realm. */
export function visibleRealmIds(p: OperatorPrincipal): string[] | undefined {
  if (p.grants.some((g) => g.permission !== 'admin_realm')) return undefined;
  return p.grants.flatMap((g) => (g.permission === 'admin_realm' ? g.realms : []));
}
