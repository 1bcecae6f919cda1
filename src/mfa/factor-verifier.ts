import type { KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import { noOrigin, type EventLog, type RequestOrigin } from '../events/event-log.ts';
import type { MessageQueue } from '../mail/message-queue.ts';
import type { Clock } from '../platform/clock.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema, UserFactorRow } from '../storage/schema.ts';
import { enrolledFactors } from '../flows/enrolled-factors.ts';
import { otpEnrolmentChecks } from './enrolment-checks.ts';
import { factorStore, inTransaction } from './factor-store.ts';
import { base32Decode, findCounter, timeStep, type OtpAlgorithm, type OtpParameters } from './otp.ts';
import { hashRecoveryCode, normaliseRecoveryCode, recoveryCodeStore } from './recovery-codes.ts';

/**
 * Checks second-factor codes for the sign-in flow engine and the check endpoints. Pure domain: a
 * wrong code is a value (`{ ok: false, reason }`), never an exception. Each success spends what it
 * used in one conditional UPDATE, so a code works once however many requests race with it.
 */
export type FactorFailure =
  /** The user has no active factor of this kind (or no unused recovery code). */
  | 'no_factor'
  | 'invalid_code'
  /** A right code already spent (the same TOTP step, or a concurrent request won). */
  | 'replayed'
  /** HOTP: a right code far ahead of the counter; the next code from the device completes a resync. */
  | 'resync_started';

/** `afterCommit`: to call once the caller's transaction that used the code commits (see useRecoveryCode). */
export type FactorCheck = { ok: true; factorId: string; amr: string[]; afterCommit?: () => void } | { ok: false; reason: FactorFailure };

/** RFC 8176: TOTP, HOTP and recovery codes are all one-time passwords ("otp"); events tell them apart. */
export const OTP_AMR = ['otp'];
/** Steps accepted either side of now (RFC 6238 §5.2 recommends at most one: clock drift and typing time). */
export const TOTP_WINDOW_STEPS = 1;
/** HOTP codes accepted ahead of the counter: buttons pressed without signing in. */
export const HOTP_LOOK_AHEAD = 10;
/** Beyond the look-ahead, two consecutive codes within this many counters resync (RFC 4226 §7.4). */
export const HOTP_RESYNC_WINDOW = 100;
/** How long the first code of a resync waits for its successor. */
export const HOTP_RESYNC_MS = 5 * 60_000;
const CODE_PATTERN = /^\d{6,8}$/;

export interface FactorVerifierDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  secretBox: SecretBox;
  recoveryKey: KeyObject;
  mailQueue: Pick<MessageQueue, 'enqueue' | 'wake'>;
}

export function createFactorVerifier(deps: FactorVerifierDeps) {
  const { db, clock, events, secretBox, recoveryKey, mailQueue } = deps;

  const seedOf = (row: UserFactorRow) => base32Decode(secretBox.open(row.secret_sealed));
  const parametersOf = (row: UserFactorRow): OtpParameters => ({ algorithm: row.algorithm as OtpAlgorithm, digits: row.digits });
  const succeeded = (row: UserFactorRow): FactorCheck => ({ ok: true, factorId: row.id, amr: [...OTP_AMR] });
  const failed = (reason: FactorFailure): FactorCheck => ({ ok: false, reason });

  /** The TOTP step within ±1 of now whose code this is, if any. */
  function matchStep(row: UserFactorRow, code: string, now: number): number | undefined {
    if (code.length !== row.digits) return undefined;
    const current = timeStep(now, row.period ?? undefined);
    return findCounter(seedOf(row), code, current - TOTP_WINDOW_STEPS, current + TOTP_WINDOW_STEPS + 1, parametersOf(row));
  }

  /** The HOTP counter in [from, to) whose code this is, if any. */
  function matchCounter(row: UserFactorRow, code: string, from: number, to: number): number | undefined {
    if (code.length !== row.digits) return undefined;
    return findCounter(seedOf(row), code, from, to, parametersOf(row));
  }

  /** `into`: the transaction to spend the step in (the flow engine's, which moves the flow on with it). */
  async function verifyTotp(realm: Pick<Realm, 'id'>, userId: string, code: string, into: Kysely<Schema> = db): Promise<FactorCheck> {
    const factors = await factorStore.activeOfType(into, realm.id, userId, 'totp');
    if (factors.length === 0) return failed('no_factor');
    if (!CODE_PATTERN.test(code)) return failed('invalid_code');
    const now = clock.now();
    let replayed = false;
    for (const row of factors) {
      const step = matchStep(row, code, now);
      if (step === undefined) continue;
      if (await factorStore.spendStep(into, realm.id, userId, row.id, step, now)) return succeeded(row);
      replayed = true;
    }
    return failed(replayed ? 'replayed' : 'invalid_code');
  }

  async function verifyHotp(realm: Pick<Realm, 'id'>, userId: string, code: string, into: Kysely<Schema> = db): Promise<FactorCheck> {
    const factors = await factorStore.activeOfType(into, realm.id, userId, 'hotp');
    if (factors.length === 0) return failed('no_factor');
    if (!CODE_PATTERN.test(code)) return failed('invalid_code');
    const now = clock.now();
    let outcome: FactorFailure = 'invalid_code';
    for (const row of factors) {
      const counter = Number(row.counter ?? 0);
      const ahead = matchCounter(row, code, counter, counter + HOTP_LOOK_AHEAD);
      if (ahead !== undefined) {
        if (await factorStore.advanceCounter(into, realm.id, userId, row.id, { from: counter, to: ahead + 1 }, now)) return succeeded(row);
        outcome = 'replayed';
        continue;
      }
      const pending = row.resync_counter === null || Number(row.resync_until) <= now ? undefined : Number(row.resync_counter);
      if (pending !== undefined && matchCounter(row, code, pending + 1, pending + 2) !== undefined) {
        const move = { from: counter, to: pending + 2, resyncFrom: pending };
        if (await factorStore.advanceCounter(into, realm.id, userId, row.id, move, now)) return succeeded(row);
        outcome = 'replayed';
        continue;
      }
      const far = matchCounter(row, code, counter + HOTP_LOOK_AHEAD, counter + HOTP_RESYNC_WINDOW);
      if (far !== undefined && (await factorStore.beginResync(into, realm.id, userId, row.id, counter, far, now + HOTP_RESYNC_MS))) {
        outcome = 'resync_started';
      }
      // A code just behind the counter was right a moment ago: a replay (or a race lost to its own
      // first use), not a guess. The brute-force guard counts guesses only.
      else if (outcome === 'invalid_code' && matchCounter(row, code, counter - HOTP_LOOK_AHEAD, counter) !== undefined) outcome = 'replayed';
    }
    return failed(outcome);
  }

  /**
   * Spends one recovery code. Using one is recorded (`user.recovery_code_used`) and the user is
   * told by email, in the transaction that spends it: `into` when that is one (the flow engine's).
   */
  async function useRecoveryCode(realm: Realm, userId: string, code: string, origin: RequestOrigin = noOrigin, into: Kysely<Schema> = db): Promise<FactorCheck> {
    const normalised = normaliseRecoveryCode(code);
    const now = clock.now();
    const outcome = await inTransaction(into, async (trx): Promise<FactorCheck> => {
      if (normalised === undefined || !(await recoveryCodeStore.consume(trx, realm.id, userId, hashRecoveryCode(recoveryKey, realm.id, userId, normalised), now))) {
        return failed((await recoveryCodeStore.countUnused(trx, realm.id, userId)) === 0 ? 'no_factor' : 'invalid_code');
      }
      const left = await recoveryCodeStore.countUnused(trx, realm.id, userId);
      await events.record(trx, { realmId: realm.id, type: 'user.recovery_code_used', actor: { type: 'user', id: userId }, userId, origin, details: { codes_left: left } });
      const user = await trx.selectFrom('users').select('email').where('realm_id', '=', realm.id).where('id', '=', userId).executeTakeFirst();
      if (user?.email) {
        await mailQueue.enqueue(trx, { realm, type: 'recovery_code_used', to: user.email, userId, variables: { used_at: now, codes_left: left } });
      }
      return { ok: true, factorId: 'recovery_code', amr: [...OTP_AMR] };
    });
    if (!outcome.ok) return outcome;
    // The worker can see the mail only once it is committed: now, or after the caller's transaction.
    if (!into.isTransaction) mailQueue.wake();
    return into.isTransaction ? { ...outcome, afterCommit: () => mailQueue.wake() } : outcome;
  }

  /** What the user can present as a second factor here: `totp`, `hotp`, `recovery_code` (in that order). */
  const activeFactorTypes = enrolledFactors(db, [otpEnrolmentChecks]);

  return { verifyTotp, verifyHotp, useRecoveryCode, activeFactorTypes, matchStep, matchCounter };
}

export type FactorVerifier = ReturnType<typeof createFactorVerifier>;
