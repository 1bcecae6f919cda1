import { sql, type Kysely, type RawBuilder } from 'kysely';
import { prepared } from '../storage/prepared.ts';
import type { Schema } from '../storage/schema.ts';

/**
 * Where the brute-force guard keeps consecutive failed sign-ins: in the database (this file) or in
 * Redis (redis-failure-store.ts), behind one interface. Both count each failure with one atomic
 * operation, so concurrent failures are all counted and each temporary lock is taken exactly once.
 * A subject is a string the guard makes (`user:<id>` or `identifier:<hash>`); every call also
 * takes the realm id, so realms never share counters.
 */
export interface FailureState {
  failures: number;
  /** Temporary locks taken in this run of failures. */
  locks: number;
  lastFailureAt: number;
  lockedUntil: number | null;
  /** The entry is forgotten from then on. */
  expiresAt: number;
}

/** How one failure changes the state; computed by the guard from the realm's policy. */
export interface FailureRule {
  /** Every `lockAfter`-th consecutive failure takes a temporary lock. */
  lockAfter: number;
  /** `lockMs[n]` is the length of lock n + 1; locks beyond the list last as long as its last entry (the cap). */
  lockMs: number[];
  /** An entry is kept this long after its last failure, or after its lock ends when that is later. */
  retainMs: number;
}

export interface FailureStore {
  /** The live state, or null when there is none (never failed, expired or cleared). */
  read(realmId: string, subject: string, now: number): Promise<FailureState | null>;
  /**
   * Counts one failure. `onCounted` runs with the new state, inside the transaction of the count
   * when the store has one (the database), so an event about a new lock is written with it.
   */
  addFailure(
    realmId: string,
    subject: string,
    rule: FailureRule,
    now: number,
    onCounted?: (state: FailureState, trx?: Kysely<Schema>) => Promise<void>,
  ): Promise<FailureState>;
  clear(realmId: string, subject: string): Promise<void>;
  /**
   * Counts one more attempt in progress for the subject (kept apart from its failures) and
   * answers how many are in progress now, this one included. The count is forgotten `ttlMs` after
   * the latest attempt began, so one a crashed process never ended does not stay.
   */
  beginAttempt(realmId: string, subject: string, now: number, ttlMs: number): Promise<number>;
  /** One attempt in progress fewer. */
  endAttempt(realmId: string, subject: string): Promise<void>;
}

/** The length of lock number `lockNumber` (1-based) under the rule. */
export function lockLengthMs(rule: FailureRule, lockNumber: number): number {
  return rule.lockMs[Math.min(lockNumber, rule.lockMs.length) - 1];
}

/** How often, at most, a process deletes expired rows (lazily, while counting a failure). */
export const PURGE_INTERVAL_MS = 3_600_000;

const int = (value: number) => sql<number>`cast(${value} as bigint)`;

// Every password sign-in reads its subject's count and every completed one clears it.
const readStanding = prepared((db, realmId: string, subject: string, now: number) =>
  db
    .selectFrom('login_failures')
    .select(['failures', 'locks', 'last_failure_at', 'locked_until', 'expires_at'])
    .where('realm_id', '=', realmId)
    .where('subject', '=', subject)
    .where('expires_at', '>', now),
);
const clearSubject = prepared((db, realmId: string, subject: string) =>
  db.deleteFrom('login_failures').where('realm_id', '=', realmId).where('subject', '=', subject),
);
/** Attempts in progress live beside the failures, as a row of their own subject (its `failures` is the count). */
const attemptsOf = (subject: string) => `attempts:${subject}`;

export function createDatabaseFailureStore(db: Kysely<Schema>): FailureStore & { purgeExpired(now: number): Promise<number> } {
  let nextPurge = 0;

  async function purgeExpired(now: number): Promise<number> {
    const result = await db.deleteFrom('login_failures').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The SET expressions of the upsert: each reads the row as it was, so together they are one atomic step. */
  function nextValues(rule: FailureRule, now: number) {
    const expired = sql`login_failures.expires_at <= ${int(now)}`;
    const failures = sql<number>`(case when ${expired} then 1 else login_failures.failures + 1 end)`;
    const priorLocks = sql<number>`(case when ${expired} then 0 else login_failures.locks end)`;
    const locksNow = sql`${failures} % ${int(rule.lockAfter)} = 0`;
    // The new lock's length by how many came before it: a CASE over the few lengths below the cap.
    const cap = rule.lockMs[rule.lockMs.length - 1];
    const whens = rule.lockMs.slice(0, -1).map((ms, index) => sql`when ${int(index)} then ${int(ms)}`);
    const lockMs: RawBuilder<number> = whens.length === 0 ? int(cap) : sql<number>`(case ${priorLocks} ${sql.join(whens, sql` `)} else ${int(cap)} end)`;
    const keepUntil = now + rule.retainMs;
    return {
      failures,
      locks: sql<number>`${priorLocks} + (case when ${locksNow} then 1 else 0 end)`,
      last_failure_at: int(now),
      locked_until: sql<number | null>`(case when ${locksNow} then ${int(now)} + ${lockMs} when ${expired} then null else login_failures.locked_until end)`,
      expires_at: sql<number>`(case
        when ${locksNow} then ${int(keepUntil)} + ${lockMs}
        when ${expired} then ${int(keepUntil)}
        when login_failures.expires_at > ${int(keepUntil)} then login_failures.expires_at
        else ${int(keepUntil)} end)`,
    };
  }

  return {
    purgeExpired,

    async read(realmId, subject, now) {
      const [row] = await readStanding(db, realmId, subject, now);
      return row ? toState(row) : null;
    },

    async addFailure(realmId, subject, rule, now, onCounted) {
      const firstLocks = rule.lockAfter === 1;
      const firstLockedUntil = firstLocks ? now + lockLengthMs(rule, 1) : null;
      const state = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('login_failures')
          .values({
            realm_id: realmId,
            subject,
            failures: 1,
            locks: firstLocks ? 1 : 0,
            last_failure_at: now,
            locked_until: firstLockedUntil,
            expires_at: (firstLockedUntil ?? now) + rule.retainMs,
          })
          .onConflict((oc) => oc.columns(['realm_id', 'subject']).doUpdateSet(nextValues(rule, now)))
          .returning(['failures', 'locks', 'last_failure_at', 'locked_until', 'expires_at'])
          .executeTakeFirstOrThrow();
        const counted = toState(row);
        await onCounted?.(counted, trx);
        return counted;
      });
      if (now >= nextPurge) {
        nextPurge = now + PURGE_INTERVAL_MS;
        await purgeExpired(now);
      }
      return state;
    },

    async clear(realmId, subject) {
      await clearSubject(db, realmId, subject);
    },

    async beginAttempt(realmId, subject, now, ttlMs) {
      const row = await db
        .insertInto('login_failures')
        .values({ realm_id: realmId, subject: attemptsOf(subject), failures: 1, locks: 0, last_failure_at: now, locked_until: null, expires_at: now + ttlMs })
        .onConflict((oc) =>
          oc.columns(['realm_id', 'subject']).doUpdateSet({
            failures: sql<number>`(case when login_failures.expires_at <= ${int(now)} then 1 else login_failures.failures + 1 end)`,
            last_failure_at: int(now),
            expires_at: int(now + ttlMs),
          }),
        )
        .returning('failures')
        .executeTakeFirstOrThrow();
      return Number(row.failures);
    },

    async endAttempt(realmId, subject) {
      await db
        .updateTable('login_failures')
        .set((eb) => ({ failures: eb('failures', '-', 1) }))
        .where('realm_id', '=', realmId)
        .where('subject', '=', attemptsOf(subject))
        .where('failures', '>', 0)
        .execute();
    },
  };
}

function toState(row: { failures: number; locks: number; last_failure_at: number; locked_until: number | null; expires_at: number }): FailureState {
  return {
    failures: Number(row.failures),
    locks: Number(row.locks),
    lastFailureAt: Number(row.last_failure_at),
    lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
    expiresAt: Number(row.expires_at),
  };
}
