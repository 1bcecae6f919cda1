/** An API key as the service sees it; the secret never leaves src/api-keys except once, at creation. */
export type Capabilities = Record<string, 'allow' | 'deny'>;

export interface ApiKey {
  /** The key id part of the key text (src/api-keys/key-format.ts). */
  id: string;
  realmId: string;
  /** The owning user; null: a service key owned by the realm. */
  userId: string | null;
  name: string;
  /** The service the key is bound to (seed 002), if any. */
  service: string | null;
  capabilities: Capabilities;
  /** The realm's `api_keys.policy` when the key was made. */
  storage: 'hash' | 'encrypt';
  expiresAt: number | null;
  createdAt: number;
  lastUsedAt: number | null;
  lastUsedIp: string | null;
}

/** Exactly one is set, after `storage`. */
export interface StoredSecret {
  hash: string | null;
  sealed: string | null;
}

export interface NewApiKey {
  name: string;
  service?: string | null;
  capabilities?: Capabilities;
  /** Whole days from now; absent or null: no expiry. */
  expires_in_days?: number | null;
}

/** How many keys one user, and a realm's service account, may hold. */
export const MAX_KEYS_PER_OWNER = 50;
