import type { Kysely } from 'kysely';
import type { InvalidationNotice } from '../platform/invalidation-bus.ts';
import type { Schema } from '../storage/schema.ts';
import { AppError } from '../errors.ts';
import { LruCache } from '../platform/lru-cache.ts';
import { dueForRefresh, refreshInBackground, SharedReads } from '../platform/shared-reads.ts';
import { isCedarFault, isCurrentCedar, loadCedar, onCedarReset, resetCedar, type Cedar } from './policy-cedar.ts';
import { parseModule } from './policy-module.ts';
import { mergeReads, type PolicyReads } from './policy-reads.ts';
import { policyStore } from './policy-store.ts';

/**
 * A realm's policies as Cedar holds them: preparsed once (`preparsePolicySet`), then every decision
 * names a set by id (`statefulIsAuthorized`) instead of sending and parsing the text again. Cedar
 * evaluates every policy of a set, so a decision uses the slice of the policies whose scope can
 * match its action (those naming it, and those for any action), preparsed on first use: a realm's
 * hundred policies cost a decision what its few relevant ones cost. Set ids are unique per
 * compilation, so anything derived from one (decision memo keys) never outlives it. An empty
 * realm has no sets: the default engine decides.
 */
export interface CompiledPolicies {
  /** False when the realm has no policies. */
  active: boolean;
  /**
   * True when the realm's stored policies cannot be used (they no longer pass the save checks, or
   * Cedar failed on them): every decision is a deny (`policy_error`) until the policies change.
   */
  broken: boolean;
  /**
   * The set to decide `action` with: the realm's, or only `module`'s (seed 002's `{ module, rule }`);
   * policy.module_not_found for a module the realm does not have.
   */
  setFor(action: string, module?: string): PolicySlice;
  /** Every set id this compilation made, freed when it is replaced. */
  readonly setIds: readonly string[];
}

/** A preparsed set, with what its policies read of a request (what a decision sends Cedar). */
export interface PolicySlice {
  id: string;
  reads: PolicyReads;
}

/** A compilation, and the modules' names and texts it was made from (null: made from none, a quarantine's). */
interface Entry {
  compiled: CompiledPolicies;
  texts: string | null;
  loadedAt: number;
  /**
   * A load behind this entry has begun: one per entry. One that is not kept (the bus may be
   * missing messages) would otherwise be followed by another, and each could compile anew.
   */
  reloading?: boolean;
}

interface CompiledPolicy {
  id: string;
  module: string;
  text: string;
  actions: string[] | null;
  reads: PolicyReads;
}

/** Beyond this many slices a compilation decides with whole sets: a bound on what one realm holds in Cedar. */
const MAX_SLICES = 1000;

export interface PolicyCacheOptions {
  db: Kysely<Schema>;
  now: () => number;
  /** False while invalidations may be missed (src/platform/invalidation-bus.ts): nothing is kept then. */
  listening: () => boolean;
  /** A bound should a message ever be lost. */
  maxAgeMs?: number;
  capacity?: number;
  /** Cedar failed compiling a realm's policies (a fault, policy-cedar.ts): the realm is quarantined, Cedar reloaded. */
  onFault?: (realmId: string, error: unknown) => void;
}

/**
 * Cedar keeps preparsed sets per thread, shared by every cache in the process (tests compose two
 * servers in one), so set ids count compilations process-wide: no two caches ever reuse one.
 */
let generation = 0;

/** How long a replaced set stays in Cedar's memory: a decision that already holds its id still finishes. */
const RETIRE_AFTER_MS = 1000;

/** What a realm whose policies cannot be used decides with: nothing reaches Cedar. */
const BROKEN: CompiledPolicies = Object.freeze({
  active: true,
  broken: true,
  setIds: [],
  setFor: () => ({ id: '', reads: mergeReads([]) }),
});

/**
 * Per process, each realm's compiled policies, for at most `maxAgeMs` and dropped at once when a
 * change reaches the invalidation bus (a realm message: a policy saved or deleted, the realm
 * changed). A load that raced an invalidation is used once but not kept.
 */
export function createPolicyCache(options: PolicyCacheOptions) {
  const { db, now, listening, maxAgeMs = 30_000, capacity = 10_000 } = options;
  // What leaves it, evicted or replaced, is freed in Cedar too.
  const entries = new LruCache<string, Entry>(capacity, (_, evicted) => void retire(evicted.compiled));
  // No decision of a busy realm waits for a compilation (src/platform/shared-reads.ts): compiling a
  // hundred policies takes Cedar 20-40 ms, and every request that found the entry expired compiled
  // them again, all at once (a process stalled for the whole herd, every maxAgeMs).
  const loads = new SharedReads<string, InvalidationNotice>(maxAgeMs);
  const retired = new WeakSet<CompiledPolicies>();
  // Realms whose policies failed in Cedar (a fault, see policy-cedar.ts): decided as broken, without
  // touching Cedar again, until their policies change. Per process: after a restart, one fault more.
  const quarantined = new Set<string>();

  // A fresh Cedar instance holds none of the sets: every compilation is void (and is not retired),
  // and so is any under way.
  onCedarReset(() => {
    loads.heard('all');
    entries.clear();
  });

  /** Frees a compilation's sets in Cedar, once, after the decisions that already hold it are done. */
  async function retire(compiled: CompiledPolicies): Promise<void> {
    if (!compiled.active || compiled.broken || retired.has(compiled)) return;
    retired.add(compiled);
    const cedar = await loadCedar();
    setTimeout(() => {
      if (isCurrentCedar(cedar)) compiled.setIds.forEach((id) => cedar.preparsePolicySet(id, { staticPolicies: {} }));
    }, RETIRE_AFTER_MS).unref();
  }

  /** The realm's modules, split into policies; null when stored text no longer passes the save checks. */
  function policiesOf(cedar: Cedar | null, modules: { module: string; text: string }[]): CompiledPolicy[] | null {
    const policies: CompiledPolicy[] = [];
    try {
      for (const { module, text } of modules) {
        for (const p of parseModule(cedar as Cedar, text).policies) policies.push({ ...p, id: `${module}/${p.id}`, module });
      }
    } catch (error) {
      // Stored before a bound existed (policy-complexity.ts): refused now, as a save would be.
      if (error instanceof AppError) return null;
      throw error;
    }
    return policies;
  }

  /**
   * The realm's stored policies compiled, or the cached compilation when they are still the text it
   * was made from: its sets stay preparsed and the answers remembered against them stay good.
   */
  async function load(realmId: string): Promise<Entry> {
    const loadedAt = now();
    const broken = { compiled: BROKEN, texts: null, loadedAt };
    if (quarantined.has(realmId)) return broken;
    const modules = await policyStore.list(db, realmId);
    if (quarantined.has(realmId)) return broken;
    const texts = JSON.stringify(modules.map((m) => [m.module, m.text]));
    const cached = entries.get(realmId);
    if (cached !== undefined && cached.texts === texts) return { compiled: cached.compiled, texts, loadedAt };
    try {
      return { compiled: await compile(realmId, modules), texts, loadedAt };
    } catch (error) {
      // Here, not in the decision that waits: a load in the background has nobody to hand a fault
      // to, and the instance it may have corrupted must not go on deciding for every realm.
      if (!isCedarFault(error)) throw error;
      resetCedar();
      quarantine(realmId);
      options.onFault?.(realmId, error);
      return broken;
    }
  }

  async function compile(realmId: string, modules: { module: string; text: string }[]): Promise<CompiledPolicies> {
    generation += 1;
    const current = generation;
    const cedar = modules.length === 0 ? null : await loadCedar();
    const policies = policiesOf(cedar, modules);
    if (policies === null) return BROKEN;
    const setIds: string[] = [];
    const slices = new Map<string, PolicySlice>();
    const known = new Set(modules.map((m) => m.module));
    const named = new Set(policies.flatMap((p) => p.actions ?? []));
    return {
      active: policies.length > 0,
      broken: false,
      setIds,
      setFor(action: string, module?: string): PolicySlice {
        if (module !== undefined && !known.has(module)) throw new AppError('policy.module_not_found', `The realm has no policy module ${module}.`);
        const sliced = slices.size < MAX_SLICES;
        // An action no policy names is decided by the any-action policies alone: one slice serves
        // every such action, so a caller inventing actions makes no new ones. Named actions' keys
        // start with '=', so none can be taken for the unnamed ('?') or the whole set ('*').
        const key = `${module ?? ''}\u0000${!sliced ? '*' : named.has(action) ? `=${action}` : '?'}`;
        const existing = slices.get(key);
        if (existing !== undefined) return existing;
        const id = `${realmId}#${current}#${slices.size}`;
        const chosen = policies.filter((p) => (module === undefined || p.module === module) && (!sliced || p.actions === null || p.actions.includes(action)));
        preparse(cedar as Cedar, id, Object.fromEntries(chosen.map((p) => [p.id, p.text])));
        const slice = { id, reads: mergeReads(chosen.map((p) => p.reads)) };
        slices.set(key, slice);
        setIds.push(id);
        return slice;
      },
    };
  }

  function preparse(cedar: Cedar, id: string, policies: Record<string, string>): void {
    const answer = cedar.preparsePolicySet(id, { staticPolicies: policies });
    // Stored modules were validated when saved; failing here is a fault, not a client's error.
    if (answer.type === 'failure') throw new Error(`stored policies of ${id} no longer parse: ${answer.errors[0]?.message}`);
  }

  function remove(realmId: string): void {
    const entry = entries.get(realmId);
    entries.delete(realmId);
    if (entry) void retire(entry.compiled);
  }

  function place(realmId: string, entry: Entry): void {
    // Reused from an entry that left meanwhile (evicted between the read and this): its sets are going.
    if (retired.has(entry.compiled)) return;
    const replaced = entries.get(realmId);
    if (replaced && replaced.compiled !== entry.compiled) void retire(replaced.compiled);
    entries.set(realmId, entry);
  }

  /** Loads shared by every decision that finds no entry; a load that a change of the realm raced is used, not kept. */
  async function shared(realmId: string): Promise<CompiledPolicies> {
    const { compiled } = await loads.run(realmId, now(), {
      read: () => load(realmId),
      stale: (_entry, notices) => notices.some((notice) => notice === 'all' || notice.realmId === realmId),
      keep: (entry) => {
        if (listening()) place(realmId, entry);
      },
    });
    // Kept by nobody (raced, or the bus may miss messages): freed once the decisions holding it are done.
    if (entries.get(realmId)?.compiled !== compiled) void retire(compiled);
    return compiled;
  }

  /** Cedar failed on the realm's policies: decide them as broken until they change. */
  function quarantine(realmId: string): void {
    loads.heard({ realmId });
    quarantined.add(realmId);
    remove(realmId);
  }

  /** The cached compilation while it is young enough, read again in the background in the last quarter of its time. */
  function fresh(realmId: string): CompiledPolicies | undefined {
    const cached = entries.get(realmId);
    const at = now();
    if (cached === undefined || at - cached.loadedAt >= maxAgeMs) return undefined;
    if (!cached.reloading && dueForRefresh(cached.loadedAt + maxAgeMs, maxAgeMs, at)) {
      cached.reloading = true;
      refreshInBackground(shared(realmId));
    }
    return cached.compiled;
  }

  return {
    /** What `compiled` answers without waiting, when it can (a decision's path takes no turn then). */
    fresh,

    async compiled(realmId: string): Promise<CompiledPolicies> {
      return fresh(realmId) ?? shared(realmId);
    },

    /** The bus listener: a realm message drops that realm's policies; 'all' drops everything. */
    onInvalidation(notice: InvalidationNotice): void {
      if (notice !== 'all' && (notice.userId !== undefined || notice.sessionId !== undefined)) return;
      loads.heard(notice);
      if (notice === 'all') {
        [...entries].forEach(([realmId]) => remove(realmId));
        quarantined.clear();
      } else {
        remove(notice.realmId);
        quarantined.delete(notice.realmId);
      }
    },

    /** Cedar failed on the realm's policies: decide them as broken until they change. */
    quarantine,
  };
}

export type PolicyCache = ReturnType<typeof createPolicyCache>;
