import type { Kysely } from 'kysely';
import type { InvalidationNotice } from '../platform/invalidation-bus.ts';
import { LruCache } from '../platform/lru-cache.ts';
import type { Schema } from '../storage/schema.ts';
import { loadCedar } from './policy-cedar.ts';
import { parseModule } from './policy-module.ts';
import { policyStore } from './policy-store.ts';

/**
 * A realm's policies as Cedar holds them: preparsed once (`preparsePolicySet`), then every decision
 * names the set by id (`statefulIsAuthorized`) instead of sending and parsing the text again.
 * `generation` is unique per compilation, so anything derived from one (decision memo keys) never
 * outlives it. An empty realm has no set: the default engine decides.
 */
export interface CompiledPolicies {
  generation: number;
  setId: string | null;
  /** Each module's own set, for seed 002's `{ module, rule }` (only that module decides). */
  moduleSets: Map<string, string>;
}

export interface PolicyCacheOptions {
  db: Kysely<Schema>;
  now: () => number;
  /** False while invalidations may be missed (src/platform/invalidation-bus.ts): nothing is kept then. */
  listening: () => boolean;
  /** A bound should a message ever be lost. */
  maxAgeMs?: number;
  capacity?: number;
}

/**
 * Cedar keeps preparsed sets per thread, shared by every cache in the process (tests compose two
 * servers in one), so set ids count compilations process-wide: no two caches ever reuse one.
 */
let generation = 0;

/** How long a replaced set stays in Cedar's memory: a decision that already holds its id still finishes. */
const RETIRE_AFTER_MS = 1000;

/**
 * Per process, each realm's compiled policies, for at most `maxAgeMs` and dropped at once when a
 * change reaches the invalidation bus (a realm message: a policy saved or deleted, the realm
 * changed). A load that raced an invalidation is used once but not kept.
 */
export function createPolicyCache(options: PolicyCacheOptions) {
  const { db, now, listening, maxAgeMs = 30_000, capacity = 10_000 } = options;
  let entries = new LruCache<string, { compiled: CompiledPolicies; loadedAt: number }>(capacity);
  const epochs = new Map<string, number>();
  let globalEpoch = 0;

  const epochOf = (realmId: string) => `${globalEpoch}:${epochs.get(realmId) ?? 0}`;

  async function retire(compiled: CompiledPolicies): Promise<void> {
    if (compiled.setId === null) return;
    const cedar = await loadCedar();
    const ids = [compiled.setId, ...compiled.moduleSets.values()];
    setTimeout(() => ids.forEach((id) => cedar.preparsePolicySet(id, { staticPolicies: {} })), RETIRE_AFTER_MS).unref();
  }

  async function compile(realmId: string): Promise<CompiledPolicies> {
    generation += 1;
    const modules = await policyStore.list(db, realmId);
    if (modules.length === 0) return { generation, setId: null, moduleSets: new Map() };
    const cedar = await loadCedar();
    const setId = `${realmId}#${generation}`;
    const all: Record<string, string> = {};
    const moduleSets = new Map<string, string>();
    for (const { module, text } of modules) {
      const own = Object.fromEntries(parseModule(cedar, text).policies.map((p) => [`${module}/${p.id}`, p.text]));
      Object.assign(all, own);
      moduleSets.set(module, `${setId}/${module}`);
      preparse(cedar, `${setId}/${module}`, own);
    }
    preparse(cedar, setId, all);
    return { generation, setId, moduleSets };
  }

  function preparse(cedar: Awaited<ReturnType<typeof loadCedar>>, id: string, policies: Record<string, string>): void {
    const answer = cedar.preparsePolicySet(id, { staticPolicies: policies });
    // Stored modules were validated when saved; failing here is a fault, not a client's error.
    if (answer.type === 'failure') throw new Error(`stored policies of ${id} no longer parse: ${answer.errors[0]?.message}`);
  }

  function drop(realmId: string): void {
    epochs.set(realmId, (epochs.get(realmId) ?? 0) + 1);
    const entry = entries.get(realmId);
    entries.delete(realmId);
    if (entry) void retire(entry.compiled);
  }

  return {
    async compiled(realmId: string): Promise<CompiledPolicies> {
      const cached = entries.get(realmId);
      if (cached && now() - cached.loadedAt < maxAgeMs) return cached.compiled;
      const epoch = epochOf(realmId);
      const compiled = await compile(realmId);
      if (listening() && epoch === epochOf(realmId)) {
        const previous = entries.get(realmId);
        entries.set(realmId, { compiled, loadedAt: now() });
        if (previous) void retire(previous.compiled);
      } else {
        void retire(compiled);
      }
      return compiled;
    },

    /** The bus listener: a realm message drops that realm's policies; 'all' drops everything. */
    onInvalidation(notice: InvalidationNotice): void {
      if (notice === 'all') {
        globalEpoch += 1;
        entries = new LruCache(capacity);
        return;
      }
      if (notice.userId === undefined && notice.sessionId === undefined) drop(notice.realmId);
    },
  };
}

export type PolicyCache = ReturnType<typeof createPolicyCache>;
