import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import { systemActor, type EventLog, type RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import type { BruteForcePolicy, Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import type { UserService } from '../users/user-service.ts';
import { type FailureRule, type FailureState, type FailureStore } from './login-failure-store.ts';

/**
 * Brute-force protection per account, shared by every sign-in method (issue #3 §6). It counts
 * consecutive failures per subject: after `delay_after` each further attempt must wait a growing
 * delay after the previous failure, every `lock_after` failures lock the subject for a while
 * (doubling each time), and at `permanent_after` a real account is locked on its user row until
 * an operator unlocks it or the password is reset. A success clears the count.
 *
 * No enumeration: an identifier that matches no account is counted under its hash with the same
 * rules, so the guard answers the same whether or not an account exists. The permanent lock is
 * not visible to a caller either: a locked account answers the generic 401 like an unknown one.
 */
export type GuardSubject = { userId: string } | { unknownIdentifierHash: string };

export type GuardVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; reason: 'delayed' | 'locked' };

export interface LockoutStatus {
  failures: number;
  /** Epoch ms; null when no temporary lock is in force. */
  locked_until: number | null;
  locks: number;
}

/** An attempt in progress: whether it may go ahead, and `end` to call once its failure (if any) is counted. */
export interface GuardAttempt {
  verdict: GuardVerdict;
  end(): Promise<void>;
}

export interface LoginGuard {
  /** Before accepting a proof: is this subject allowed to try now? */
  check(realm: Realm, subject: GuardSubject): Promise<GuardVerdict>;
  /**
   * `check` for proofs that may arrive together (the steps of sign-in flows): every other attempt
   * of the subject still in progress counts as a failure just now, so concurrent guesses cannot
   * all pass a check made before any of them failed (found by review: on PostgreSQL 45 at once
   * went through where the guard should delay after 5). Call `end` after recording the failure.
   */
  begin(realm: Realm, subject: GuardSubject): Promise<GuardAttempt>;
  /** Counts a failure; may lock the subject for a while, or a real account for good. */
  recordFailure(realm: Realm, subject: GuardSubject, origin: RequestOrigin): Promise<void>;
  /** A successful sign-in: the count starts again. */
  recordSuccess(realm: Realm, subject: GuardSubject): Promise<void>;
  /** Forgets the user's failures (operator unlock, password reset). */
  clear(realmId: string, userId: string): Promise<void>;
  status(realmId: string, userId: string): Promise<LockoutStatus>;
}

/** `locked_reason` of a permanent brute-force lock; a password reset lifts only a lock with this reason. */
export const BRUTE_FORCE_LOCK_REASON = 'Too many failed sign-in attempts';

const SECOND_MS = 1000;
const MINUTE_MS = 60_000;
/** The longest delay between attempts, and the longest temporary lock. */
export const MAX_DELAY_MS = 60 * SECOND_MS;
export const MAX_LOCK_MS = 24 * 60 * MINUTE_MS;
/** How long failures are remembered after the last one (or after a lock ends). */
export const RETAIN_MS = 24 * 60 * MINUTE_MS;

export interface LoginGuardDeps {
  /** Where events are written when the store has no transaction of its own (Redis). */
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  store: FailureStore;
  /** Locks an account for good through the user service, so versions, events and session ends follow its rules. */
  users: Pick<UserService, 'applyChange'>;
}

const subjectKey = (subject: GuardSubject) => ('userId' in subject ? `user:${subject.userId}` : `identifier:${subject.unknownIdentifierHash}`);

/** The lengths of the first, second … temporary lock under the policy, up to the cap. */
export function failureRule(policy: BruteForcePolicy): FailureRule {
  const lockMs: number[] = [];
  for (let ms = policy.lock_minutes * MINUTE_MS; lockMs.length === 0 || lockMs[lockMs.length - 1] < MAX_LOCK_MS; ms *= 2) {
    lockMs.push(Math.min(ms, MAX_LOCK_MS));
  }
  return { lockAfter: policy.lock_after, lockMs, retainMs: RETAIN_MS };
}

/** An attempt in progress is forgotten this long after the latest one began, should its request never end it. */
export const ATTEMPT_TTL_MS = 30 * SECOND_MS;

/** The state as if the `others` attempts in progress had just failed. */
export function withAttemptsInProgress(state: FailureState | null, others: number, now: number): FailureState | null {
  if (others === 0) return state;
  const failures = (state?.failures ?? 0) + others;
  return { failures, locks: state?.locks ?? 0, lastFailureAt: now, lockedUntil: state?.lockedUntil ?? null, expiresAt: state?.expiresAt ?? now };
}

/** The wait after the latest failure: 1 s at `delay_after` failures, doubling with each further one, at most a minute. */
export function delayMs(policy: BruteForcePolicy, failures: number): number {
  if (failures < policy.delay_after) return 0;
  return Math.min(MAX_DELAY_MS, SECOND_MS * 2 ** Math.min(failures - policy.delay_after, 16));
}

/** What the guard answers for a subject in this state at this moment. */
export function decide(policy: BruteForcePolicy, state: FailureState | null, now: number): GuardVerdict {
  if (!state) return { allowed: true };
  const lockedFor = (state.lockedUntil ?? 0) - now;
  const delayedFor = state.lastFailureAt + delayMs(policy, state.failures) - now;
  const waitMs = Math.max(lockedFor, delayedFor);
  if (waitMs <= 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / SECOND_MS)), reason: lockedFor > 0 ? 'locked' : 'delayed' };
}

export function createLoginGuard(deps: LoginGuardDeps): LoginGuard {
  const { db, clock, events, store, users } = deps;

  /**
   * A temporary lock of a real account is recorded with the count, in its transaction where the
   * store has one. The count is atomic, so exactly one failure sees each multiple of `lock_after`.
   */
  function recordTemporaryLock(realm: Realm, userId: string, origin: RequestOrigin) {
    return async (state: FailureState, trx?: Kysely<Schema>) => {
      if (state.lockedUntil === null || state.failures % realm.brute_force.lock_after !== 0) return;
      await events.record(trx ?? db, {
        realmId: realm.id,
        type: 'user.locked_temporarily',
        actor: systemActor,
        userId,
        origin,
        details: { until: new Date(state.lockedUntil).toISOString(), failures: state.failures },
      });
    };
  }

  async function lockForGood(realm: Realm, userId: string, failures: number, origin: RequestOrigin): Promise<void> {
    try {
      await users.applyChange(realm, userId, systemActor, origin, (current) =>
        current.locked
          ? undefined
          : {
              fields: { locked: true, locked_reason: BRUTE_FORCE_LOCK_REASON },
              event: 'user.locked',
              details: { reason: 'brute_force', failures },
              endSessions: { reason: 'user_locked' },
            },
      );
    } catch (error) {
      // The user was deleted meanwhile, or is the last superadmin (who cannot be locked): the
      // temporary locks go on for them, since failures keep counting.
      if (!(error instanceof AppError)) throw error;
    }
  }

  return {
    async check(realm, subject) {
      if (!realm.brute_force.enabled) return { allowed: true };
      const now = clock.now();
      return decide(realm.brute_force, await store.read(realm.id, subjectKey(subject), now), now);
    },

    async begin(realm, subject) {
      if (!realm.brute_force.enabled) return { verdict: { allowed: true }, end: async () => {} };
      const key = subjectKey(subject);
      const now = clock.now();
      // Counted before the failures are read: an attempt that ended before this one began has
      // recorded its failure already, and one still in progress is counted here.
      const inProgress = await store.beginAttempt(realm.id, key, now, ATTEMPT_TTL_MS);
      // Never fails the request it ends: by then the flow may be completed and its code spent, and a
      // count left behind is forgotten with its TTL (found by review).
      const end = () => store.endAttempt(realm.id, key).catch(() => undefined);
      try {
        const state = await store.read(realm.id, key, now);
        return { verdict: decide(realm.brute_force, withAttemptsInProgress(state, inProgress - 1, now), now), end };
      } catch (error) {
        await end();
        throw error;
      }
    },

    async recordFailure(realm, subject, origin) {
      const policy = realm.brute_force;
      if (!policy.enabled) return;
      const now = clock.now();
      const key = subjectKey(subject);
      if (!('userId' in subject)) {
        // Nothing user-bound to record; the count and its locks answer exactly as for an account.
        await store.addFailure(realm.id, key, failureRule(policy), now);
        return;
      }
      const state = await store.addFailure(realm.id, key, failureRule(policy), now, recordTemporaryLock(realm, subject.userId, origin));
      if (state.failures >= policy.permanent_after) await lockForGood(realm, subject.userId, state.failures, origin);
    },

    async recordSuccess(realm, subject) {
      if (!realm.brute_force.enabled) return;
      await store.clear(realm.id, subjectKey(subject));
    },

    clear: (realmId, userId) => store.clear(realmId, subjectKey({ userId })),

    async status(realmId, userId) {
      const now = clock.now();
      const state = await store.read(realmId, subjectKey({ userId }), now);
      if (!state) return { failures: 0, locked_until: null, locks: 0 };
      return { failures: state.failures, locks: state.locks, locked_until: state.lockedUntil !== null && state.lockedUntil > now ? state.lockedUntil : null };
    },
  };
}
