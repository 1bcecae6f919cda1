import type { Access, Realm } from '../realms/realm.ts';

/**
 * Who asks for a decision, with every fact the decision engine reads. This is the seam between
 * the decision engine and the modules that know the facts: a resolver (decision-subject-resolver.ts)
 * builds it from the caller's bearer credential; roles, permissions and tenant come from the role
 * and tenant services, capabilities from the API key. The engine never reads storage itself.
 */
export interface DecisionSubject {
  realmId: string;
  /** `user`: an access token; `api_key`: a user's API key; `service`: a realm-level service account key. */
  kind: 'user' | 'api_key' | 'service';
  userId: string | null;
  apiKeyId: string | null;
  /** Role slugs that count now (assignment windows already applied). */
  roles: string[];
  /** Flattened from the roles: e.g. `invoices:read`, `invoices:*`. */
  permissions: string[];
  /** The tenant the subject acts in (signed in to), or null in a realm without tenants. */
  tenant: string | null;
  /** The effective access level (the user's override, else the realm's default). */
  access: Access;
  /** An API key's capability map (`{ read: 'allow', delete: 'deny' }`); null for tokens. */
  capabilities: Record<string, 'allow' | 'deny'> | null;
  /** The service an API key is bound to (for policies to compare); null for tokens and unbound keys. */
  service: string | null;
  /** The user's tags and custom fields, for policies to read. */
  attributes: { tags: string[]; custom: Record<string, unknown> };
}

/** Turns the caller's `Authorization: Bearer …` credential into a subject of this realm, or throws 401. */
/** `ip`: the caller's address, which an API key's last use records (tokens ignore it). */
export type SubjectResolver = (realm: Realm, bearer: string, ip: string | null) => Promise<DecisionSubject>;
