import type { Kysely } from 'kysely';
import type { InvalidationNotice } from '../platform/invalidation-bus.ts';
import { LruCache } from '../platform/lru-cache.ts';
import { dueForRefresh, refreshInBackground, SharedReads } from '../platform/shared-reads.ts';
import type { Schema } from '../storage/schema.ts';
import { inWindow } from './role.ts';
import { roleAssignmentStore, type RoleWindow } from './role-assignment-store.ts';
import { effectiveRoles, noRoles, type EffectiveRoles, type RoleGraph } from './role-graph.ts';
import { roleStore } from './role-store.ts';

/**
 * A user's effective roles and permissions at a moment, for token issue and validate (a hot path).
 * Per process it keeps each realm's role graph and each user's assignment windows, so a user seen
 * recently costs no database round trip. Windows are kept as they are stored and evaluated at every
 * call, so a cached entry is right at any moment: an assignment starting or ending between two
 * calls is seen at once, and no entry needs to end at a window's boundary. Every role change
 * publishes a realm message and every assignment change a user message (src/platform/
 * invalidation-bus.ts), which `invalidate` applies; entries also expire after `ttlMs`, a bound
 * should a message ever be lost. A read that raced an invalidation is not kept.
 */
export interface RoleResolverOptions {
  /** Users' windows kept at most; realms' graphs at most half as many. */
  capacity: number;
  ttlMs: number;
  now: () => number;
  /** Whether invalidations are being heard right now; while not, nothing is cached. */
  listening: () => boolean;
}

interface Cached<T> {
  value: T;
  until: number;
}

export function createRoleResolver(db: Kysely<Schema>, options: RoleResolverOptions) {
  const graphs = new LruCache<string, Cached<RoleGraph>>(Math.max(1, Math.floor(options.capacity / 2)));
  // Keyed "realm user"; iterated so a realm's message can drop all its users.
  const windows = new LruCache<string, Cached<RoleWindow[]> & { realmId: string; userId: string }>(options.capacity);

  // No request of a busy realm or user waits for the database (src/platform/shared-reads.ts).
  const graphReads = new SharedReads<string, InvalidationNotice>(options.ttlMs);
  const windowReads = new SharedReads<string, InvalidationNotice>(options.ttlMs);

  function readGraph(realmId: string, now: number): Promise<RoleGraph> {
    return graphReads.run(realmId, now, {
      read: () => roleStore.graph(db, realmId),
      stale: (_graph, notices) => notices.some((notice) => dropsGraph(notice, realmId)),
      keep: (graph) => {
        if (options.listening()) graphs.set(realmId, { value: graph, until: now + options.ttlMs });
      },
    });
  }

  async function graphOf(realmId: string, now: number): Promise<RoleGraph> {
    const cached = graphs.get(realmId);
    if (!cached || cached.until <= now) return readGraph(realmId, now);
    if (dueForRefresh(cached.until, options.ttlMs, now)) refreshInBackground(readGraph(realmId, now));
    return cached.value;
  }

  function readWindows(key: string, realmId: string, userId: string, now: number): Promise<RoleWindow[]> {
    return windowReads.run(key, now, {
      read: () => roleAssignmentStore.windows(db, realmId, userId),
      stale: (_windows, notices) => notices.some((notice) => dropsWindows(notice, realmId, userId)),
      keep: (value) => {
        if (options.listening()) windows.set(key, { realmId, userId, value, until: now + options.ttlMs });
      },
    });
  }

  async function windowsOf(realmId: string, userId: string, now: number): Promise<RoleWindow[]> {
    const key = `${realmId} ${userId}`;
    const cached = windows.get(key);
    if (!cached || cached.until <= now) {
      windows.delete(key);
      return readWindows(key, realmId, userId, now);
    }
    if (dueForRefresh(cached.until, options.ttlMs, now)) refreshInBackground(readWindows(key, realmId, userId, now));
    return cached.value;
  }

  return {
    /** The user's roles in force now: assigned active roles inside their window, and what they include. */
    async effective(realmId: string, userId: string): Promise<EffectiveRoles> {
      const now = options.now();
      const held = await windowsOf(realmId, userId, now);
      const current = held.filter((window) => inWindow(window, now));
      if (current.length === 0) return noRoles();
      return effectiveRoles(await graphOf(realmId, now), current.map((window) => window.roleId));
    },

    /** What roles named by slug (a tenant membership's) grant, with what they include. */
    async ofSlugs(realmId: string, slugs: string[]): Promise<EffectiveRoles> {
      if (slugs.length === 0) return noRoles();
      const graph = await graphOf(realmId, options.now());
      const named = new Set(slugs);
      return effectiveRoles(graph, [...graph].filter(([, node]) => named.has(node.slug)).map(([id]) => id));
    },

    /** A realm message drops the realm's graph and its users' windows; a user message that user's windows. */
    invalidate(notice: InvalidationNotice): void {
      graphReads.heard(notice);
      windowReads.heard(notice);
      if (notice === 'all') {
        windows.clear();
        graphs.clear();
        return;
      }
      if (dropsGraph(notice, notice.realmId)) graphs.delete(notice.realmId);
      for (const [key, entry] of windows) if (dropsWindows(notice, entry.realmId, entry.userId)) windows.delete(key);
    },
  };
}

/** A realm message (not a user's or a session's) drops the realm's graph; a role change publishes one. */
function dropsGraph(notice: InvalidationNotice, realmId: string): boolean {
  return notice === 'all' || (notice.realmId === realmId && notice.userId === undefined && notice.sessionId === undefined);
}

/** A realm message drops its users' windows, a user message that user's; a session's message none. */
function dropsWindows(notice: InvalidationNotice, realmId: string, userId: string): boolean {
  if (notice === 'all') return true;
  return notice.realmId === realmId && notice.sessionId === undefined && (notice.userId === undefined || notice.userId === userId);
}

export type RoleResolver = ReturnType<typeof createRoleResolver>;
