import { hash } from 'node:crypto';
import { AppError } from '../errors.ts';
import { LruCache } from '../platform/lru-cache.ts';
import type { Realm } from '../realms/realm.ts';
import type { Decision, DecisionCheck } from './decision-check.ts';
import { capabilityRefusal, defaultDecision } from './decision-defaults.ts';
import type { DecisionSubject, SubjectResolver } from './decision-subject.ts';
import { isCedarFault, loadCedar, loadedCedar, onCedarReset, resetCedar, type Cedar } from './policy-cedar.ts';
import type { PolicyCache, PolicySlice } from './policy-cache.ts';
import { cedarCall } from './policy-request.ts';

/** The most checks one batch may hold. */
export const MAX_BATCH = 100;

/**
 * Decisions, in process: the subject comes from the resolver (validate's caches), the realm's
 * policies from the policy cache; nothing is read from the database per decision. A realm without
 * policies is decided by the default engine (decision-defaults.ts); with policies, Cedar decides
 * (a forbid overrides any permit; no permit denies, reason `no_permit`).
 *
 * Cedar answers are remembered per process (least recently used first out), keyed by the request
 * Cedar is sent (policy-request.ts): the set (of one compilation) and only the facts its policies
 * read, with the resource's identity only where one of them asks it, and values renamed where the
 * policies only compare them (policy-values.ts). The same question about the same facts under the
 * same policies has the same answer, and list pages ask it again and again, about resources that
 * differ in nothing the policies read. The key is a SHA-256 of the request,
 * not the request itself, so each entry is about a hundred bytes however large the request was (a
 * bound in bytes, not only in entries).
 *
 * Should Cedar trap on a realm's policies (policy-cedar.ts; the save checks are meant to prevent
 * it), that request is denied (`policy_error`), Cedar is reloaded for every other realm, and the
 * realm's decisions are denies without Cedar until its policies change (`onFault` tells operators).
 */
export interface DecisionServiceDeps {
  resolveSubject: SubjectResolver;
  policies: PolicyCache;
  memoCapacity?: number;
  onFault?: (realmId: string, error: unknown) => void;
}

const POLICY_ERROR: Decision = Object.freeze({ decision: 'deny', reasons: ['policy_error'] });

export function createDecisionService(deps: DecisionServiceDeps) {
  const memo = new LruCache<string, Decision>(deps.memoCapacity ?? 50_000);
  // Answers remembered against a dropped instance's set ids can never be asked again: free them.
  onCedarReset(() => memo.clear());

  function decideWithCedar(cedar: Cedar, slice: PolicySlice, subject: DecisionSubject, check: DecisionCheck): Decision {
    // The request is all Cedar sees (the set's id included): the same request has the same answer.
    const call = cedarCall(slice, subject, check);
    const key = hash('sha256', JSON.stringify(call), 'base64url');
    const known = memo.get(key);
    if (known) return known;
    const answer = cedar.statefulIsAuthorized(call);
    // A request Cedar cannot evaluate (it should not happen: we build it) is refused, never allowed.
    if (answer.type === 'failure') return POLICY_ERROR;
    const { decision, diagnostics } = answer.response;
    const result: Decision = Object.freeze({ decision, reasons: diagnostics.reason.length > 0 ? diagnostics.reason : ['no_permit'] });
    memo.set(key, result);
    return result;
  }

  /** Answers each check in order, for one subject. */
  async function decide(subject: DecisionSubject, checks: DecisionCheck[]): Promise<Decision[]> {
    try {
      return await decideOnce(subject, checks);
    } catch (error) {
      if (!isCedarFault(error)) throw error;
      resetCedar();
      deps.policies.quarantine(subject.realmId);
      deps.onFault?.(subject.realmId, error);
      return checks.map(() => POLICY_ERROR);
    }
  }

  async function decideOnce(subject: DecisionSubject, checks: DecisionCheck[]): Promise<Decision[]> {
    // What is cached is used without a turn of the queue: each await costs every decision.
    const compiled = deps.policies.fresh(subject.realmId) ?? (await deps.policies.compiled(subject.realmId));
    if (!compiled.active) {
      const stray = checks.find((check) => check.module !== undefined);
      if (stray) throw new AppError('policy.module_not_found', `The realm has no policy module ${stray.module}.`);
      return checks.map((check) => defaultDecision(subject, check));
    }
    if (compiled.broken) return checks.map(() => POLICY_ERROR);
    // Every set first, so an unknown module refuses the whole batch before anything is decided.
    const sets = checks.map((check) => compiled.setFor(check.action, check.module));
    const cedar = loadedCedar() ?? (await loadCedar());
    // An API key's capabilities refuse first: a policy's permit never reaches past them.
    return checks.map((check, i) => capabilityRefusal(subject, check.action) ?? decideWithCedar(cedar, sets[i] as PolicySlice, subject, check));
  }

  return {
    decide,

    /** `ip`: the caller's address (an API key's last use records it). */
    async authorize(realm: Realm, bearer: string, check: DecisionCheck, ip: string | null = null): Promise<Decision> {
      const [decision] = await decide(await deps.resolveSubject(realm, bearer, ip), [check]);
      return decision as Decision;
    },

    async authorizeBatch(realm: Realm, bearer: string, checks: DecisionCheck[], ip: string | null = null): Promise<Decision[]> {
      if (checks.length > MAX_BATCH) throw new AppError('request.validation_failed', `A batch holds at most ${MAX_BATCH} checks.`);
      return decide(await deps.resolveSubject(realm, bearer, ip), checks);
    },
  };
}

export type DecisionService = ReturnType<typeof createDecisionService>;
