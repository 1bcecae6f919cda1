import type { Kysely } from 'kysely';
import type { Access } from '../realms/realm.ts';
import { readBool, readJson } from '../storage/codec.ts';
import { prepared } from '../storage/prepared.ts';
import type { Schema } from '../storage/schema.ts';
import { tenantStore } from '../authorization/tenant-store.ts';
import { LruCache } from '../platform/lru-cache.ts';
import type { InvalidationNotice } from '../platform/invalidation-bus.ts';
import { dueForRefresh, refreshInBackground, SharedReads } from '../platform/shared-reads.ts';

/**
 * What validate must know beyond the token itself — may the user still authenticate, with what
 * access override, and is the session live — read in one statement (a second for a token in a
 * tenant: the user's membership of it). Validate runs on every API
 * call of every client, so it reads only these columns, compiled once.
 */
export interface ValidationState {
  state: 'active' | 'inactive';
  locked: boolean;
  access: Access | null;
  access_token_minutes: number | null;
  /** The session named by the token, when it names one in this realm. */
  session: { user_id: string; expires_at: number; revoked_at: number | null; tenant_id: string | null; tenant_since: number | null } | null;
  /**
   * The tenant the token is in (its `tenant` claim, else its session's) with the user's membership
   * of it: null when the token is in no tenant. `member` false: the membership or the tenant is gone.
   */
  tenant: { id: string; member: false } | { id: string; member: true; slug: string; active: boolean; roles: string[] } | null;
}

const readState = prepared((db, sessionId: string, realmId: string, userId: string) =>
  db
    .selectFrom('users')
    .leftJoin('sessions', (join) => join.onRef('sessions.realm_id', '=', 'users.realm_id').on('sessions.id', '=', sessionId))
    .select([
      'users.state',
      'users.locked',
      'users.access',
      'users.access_token_minutes',
      'sessions.user_id as session_user_id',
      'sessions.expires_at as session_expires_at',
      'sessions.revoked_at as session_revoked_at',
      'sessions.tenant_id as session_tenant_id',
      'sessions.tenant_since as session_tenant_since',
    ])
    .where('users.realm_id', '=', realmId)
    .where('users.id', '=', userId)
    .where('users.deleted_at', 'is', null),
);

// Only for a token in a tenant: joining the membership into the statement above for every token
// costs PostgreSQL's planner more than this second lookup costs the tokens that need it.
async function tenantState(db: Kysely<Schema>, realmId: string, userId: string, tenantId: string | null): Promise<ValidationState['tenant']> {
  if (tenantId === null) return null;
  const found = await tenantStore.membershipById(db, realmId, userId, tenantId);
  return found ? { id: tenantId, member: true, ...found } : { id: tenantId, member: false };
}

/**
 * The user's and session's state, or undefined when the user does not exist (or was deleted).
 * `claimedTenant`: the token's `tenant` claim; without one, the session's tenant is the token's.
 */
export async function readValidationState(
  db: Kysely<Schema>,
  realmId: string,
  userId: string,
  sessionId: string | null,
  claimedTenant: string | null = null,
): Promise<ValidationState | undefined> {
  // An empty id matches no session: tokens of unmanaged realms name none.
  const [row] = await readState(db, sessionId ?? '', realmId, userId);
  if (!row) return undefined;
  const tenantId = claimedTenant ?? (row.session_user_id === null ? null : row.session_tenant_id);
  return {
    state: row.state as ValidationState['state'],
    locked: readBool(row.locked),
    access: row.access === null ? null : readJson<Access>(row.access),
    access_token_minutes: row.access_token_minutes,
    session:
      row.session_user_id === null || row.session_expires_at === null
        ? null
        : {
            user_id: row.session_user_id,
            expires_at: Number(row.session_expires_at),
            revoked_at: row.session_revoked_at,
            tenant_id: row.session_tenant_id,
            tenant_since: row.session_tenant_since === null ? null : Number(row.session_tenant_since),
          },
    tenant: await tenantState(db, realmId, userId, tenantId),
  };
}

/** Whether the token's tenant (if it is in one) still has the user as a member, and is active. */
export function tenantStands(state: Pick<ValidationState, 'tenant'>): boolean {
  return state.tenant === null || (state.tenant.member && state.tenant.active);
}

/**
 * Whether a token without a `tenant` claim was issued before its session last moved to another
 * tenant (`issuedAt`: its `iat`, in seconds). Such a token is in its session's tenant only if it
 * was issued after the move: an older one was issued in another tenant (or none), which it names
 * nowhere, so it must not follow the session. Within the second of a move both pass: `iat` has no
 * finer grain.
 */
export function predatesTenantMove(state: Pick<ValidationState, 'session'>, claimedTenant: string | null, issuedAt: number | undefined): boolean {
  const since = state.session?.tenant_since;
  return claimedTenant === null && since != null && (issuedAt ?? 0) < Math.floor(since / 1000);
}

interface CachedState {
  realmId: string;
  userId: string;
  sessionId: string | null;
  state: ValidationState;
  cachedUntil: number;
}

export interface ValidationStateCacheOptions {
  /** Entries kept at most; about the least recently used go first (src/platform/lru-cache.ts). */
  capacity: number;
  /** A bound on staleness should an invalidation ever be missed; invalidations act at once. */
  ttlMs: number;
  now: () => number;
  /** Whether invalidations are being heard right now; while not, nothing is cached. */
  listening: () => boolean;
}

/**
 * Validate's state without a database round trip for a token seen recently. Only states that let
 * the token through are kept, so a cached answer can be too permissive but never wrongly refuse:
 * whatever the cache would refuse (a session past its expiry, say) is read again. Every revocation
 * publishes an invalidation (src/platform/invalidation-bus.ts) that reaches `invalidate` in every
 * process, and a read that raced an invalidation is not kept (it may predate the change).
 */
export function createValidationStateCache(options: ValidationStateCacheOptions) {
  const entries = new LruCache<string, CachedState>(options.capacity);
  const reads = new SharedReads<string, InvalidationNotice>(options.ttlMs);

  /**
   * One read of a key at a time (src/platform/shared-reads.ts). What it finds replaces the entry,
   * or, should it no longer let the token through (a read in the background finding the session
   * revoked by a message this process missed), removes it.
   */
  function load(db: Kysely<Schema>, key: string, realmId: string, userId: string, sessionId: string | null, claimedTenant: string | null, now: number) {
    return reads.run(key, now, {
      read: () => readValidationState(db, realmId, userId, sessionId, claimedTenant),
      stale: (_state, notices) => notices.some((notice) => concerns(notice, realmId, userId, sessionId)),
      keep: (state) => {
        if (state && options.listening() && admits(state, userId, sessionId, now)) {
          entries.set(key, { realmId, userId, sessionId, state, cachedUntil: now + options.ttlMs });
        } else entries.delete(key);
      },
    });
  }

  return {
    async read(db: Kysely<Schema>, realmId: string, userId: string, sessionId: string | null, claimedTenant: string | null = null): Promise<ValidationState | undefined> {
      const key = `${realmId} ${userId} ${sessionId ?? ''} ${claimedTenant ?? ''}`;
      const now = options.now();
      const cached = entries.get(key);
      if (cached) {
        const session = cached.state.session;
        if (cached.cachedUntil > now && (session === null || session.expires_at > now)) {
          if (dueForRefresh(cached.cachedUntil, options.ttlMs, now)) refreshInBackground(load(db, key, realmId, userId, sessionId, claimedTenant, now));
          return cached.state;
        }
        entries.delete(key);
      }
      return load(db, key, realmId, userId, sessionId, claimedTenant, now);
    },

    /** Drops what the change may have made stale: a realm's entries, or a user's, or a session's; or all. */
    invalidate(notice: InvalidationNotice): void {
      reads.heard(notice);
      if (notice === 'all') {
        entries.clear();
        return;
      }
      for (const [key, entry] of entries) if (concerns(notice, entry.realmId, entry.userId, entry.sessionId)) entries.delete(key);
    },

    get size(): number {
      return entries.size;
    },
  };
}

export type ValidationStateCache = ReturnType<typeof createValidationStateCache>;

/** Whether a change may make a state stale: everything, the realm's, the user's or the session's. */
function concerns(notice: InvalidationNotice, realmId: string, userId: string, sessionId: string | null): boolean {
  if (notice === 'all') return true;
  if (notice.realmId !== realmId) return false;
  if (notice.userId !== undefined && notice.userId !== userId) return false;
  return notice.sessionId === undefined || notice.sessionId === sessionId;
}

/** Only a state that lets the token through is worth keeping (see the cache's comment). */
function admits(state: ValidationState, userId: string, sessionId: string | null, now: number): boolean {
  if (state.state !== 'active' || state.locked || !tenantStands(state)) return false;
  if (sessionId === null) return true;
  const { session } = state;
  return session !== null && session.user_id === userId && session.revoked_at === null && session.expires_at > now;
}
