import type { KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import { enforceRateLimits, type RateLimiter } from '../auth/rate-limiter.ts';
import type { LoginGuard } from '../auth/login-guard.ts';
import { requireRecentSignIn } from '../auth/recent-sign-in.ts';
import type { AccessTokenClaims } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import { newId } from '../platform/ids.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema, UserFactorRow } from '../storage/schema.ts';
import type { UserService } from '../users/user-service.ts';
import { userStore } from '../users/user-store.ts';
import { factorStore, inTransaction, type FactorType } from './factor-store.ts';
import { HOTP_LOOK_AHEAD, type FactorVerifier } from './factor-verifier.ts';
import { newSeed, TOTP_PERIOD_SECONDS, type OtpAlgorithm } from './otp.ts';
import { otpauthUri, qrSvg } from './otpauth.ts';
import { generateRecoveryCodes, recoveryCodeStore } from './recovery-codes.ts';

/**
 * A user's second factors: enrol a TOTP or HOTP authenticator (pending until a first code confirms
 * it), list, rename and remove them, the recovery codes that come with the first one, the check
 * endpoints, and an operator's reset. Codes themselves are checked by the FactorVerifier.
 */
export const MAX_FACTORS_PER_USER = 10;
/** An enrolment not confirmed within this time is abandoned (and purged at the user's next one). */
export const PENDING_FACTOR_MS = 60 * 60_000;

export interface Factor {
  id: string;
  type: FactorType;
  name: string;
  state: 'pending' | 'active';
  algorithm: OtpAlgorithm;
  digits: number;
  /** TOTP only. */
  period: number | null;
  created_at: number;
  confirmed_at: number | null;
  last_used_at: number | null;
}

export interface EnrolmentInput {
  name: string;
  digits?: number;
  algorithm?: OtpAlgorithm;
}

export interface Enrolment {
  factor: Factor;
  /** The base32 seed, shown this once. */
  secret: string;
  uri: string;
  qr_svg: string;
}

export interface FactorList {
  items: Factor[];
  recovery_codes_left: number;
}

/** The signed-in user and their token (sensitive changes need a recent sign-in). */
export interface SignedInUser {
  userId: string;
  claims: Pick<AccessTokenClaims, 'auth_time'>;
}

export interface MfaServiceDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  secretBox: SecretBox;
  recoveryKey: KeyObject;
  verifier: FactorVerifier;
  users: Pick<UserService, 'get'>;
  rateLimiter: RateLimiter;
  limits: { enabled: boolean; checkPerUser: number };
  /** The brute-force guard: wrong codes at the check endpoints count against the account. */
  guard: Pick<LoginGuard, 'check' | 'recordFailure'>;
  /** Second factors kept elsewhere (passkeys): while the user has one, their recovery codes stay. */
  otherFactorCount: (trx: Kysely<Schema>, realmId: string, userId: string) => Promise<number>;
}

const toFactor = (row: UserFactorRow): Factor => ({
  id: row.id,
  type: row.type as FactorType,
  name: row.name,
  state: row.state as Factor['state'],
  algorithm: row.algorithm as OtpAlgorithm,
  digits: row.digits,
  period: row.period,
  created_at: Number(row.created_at),
  confirmed_at: row.confirmed_at === null ? null : Number(row.confirmed_at),
  last_used_at: row.last_used_at === null ? null : Number(row.last_used_at),
});

const notFound = () => new AppError('mfa.factor_not_found', 'No such factor.');

export function createMfaService(deps: MfaServiceDeps) {
  const { db, clock, events, secretBox, recoveryKey, verifier, users } = deps;
  const { otherFactorCount } = deps;
  const userActor = (userId: string): Actor => ({ type: 'user', id: userId });
  const live = (row: UserFactorRow, now: number) => row.state === 'active' || Number(row.created_at) >= now - PENDING_FACTOR_MS;

  async function list(realm: Realm, userId: string): Promise<FactorList> {
    const now = clock.now();
    const rows = await factorStore.listForUser(db, realm.id, userId);
    return { items: rows.filter((row) => live(row, now)).map(toFactor), recovery_codes_left: await recoveryCodeStore.countUnused(db, realm.id, userId) };
  }

  /** A live factor of the user, or 404 (another user's or realm's id is simply not found). */
  async function findLive(realm: Realm, userId: string, factorId: string, from: Kysely<Schema> = db): Promise<UserFactorRow> {
    const row = await factorStore.find(from, realm.id, userId, factorId);
    if (!row || !live(row, clock.now())) throw notFound();
    return row;
  }

  /**
   * Starts an enrolment: a new seed, sealed at rest, returned once with its otpauth:// URI and QR
   * code. For a sign-in flow that has just proved the user; account routes go through `enrol`.
   * `replaces`: the pending factor this enrolment takes the place of (the one a flow waited for),
   * removed with it, so enrolling again and again never fills the user's factors (found by review).
   */
  async function startEnrolment(realm: Realm, userId: string, type: FactorType, input: EnrolmentInput, origin: RequestOrigin, replaces?: string): Promise<Enrolment> {
    // A factor sign-in would never ask for gives a false sense of safety.
    if (!realm.sign_in.second_factors.includes(type)) throw new AppError('auth.method_disabled', `This realm does not use ${type} as a second factor.`);
    const user = await users.get(realm, userId);
    const now = clock.now();
    const secret = newSeed();
    const row: UserFactorRow = {
      id: newId('fac'),
      realm_id: realm.id,
      user_id: userId,
      type,
      name: input.name,
      state: 'pending',
      secret_sealed: secretBox.seal(secret),
      digits: input.digits ?? 6,
      period: type === 'totp' ? TOTP_PERIOD_SECONDS : null,
      algorithm: input.algorithm ?? 'SHA1',
      counter: type === 'hotp' ? 0 : null,
      last_used_step: null,
      resync_counter: null,
      resync_until: null,
      created_at: now,
      confirmed_at: null,
      last_used_at: null,
    };
    await db.transaction().execute(async (trx) => {
      await factorStore.purgeStalePending(trx, realm.id, userId, now - PENDING_FACTOR_MS);
      if (replaces !== undefined) await factorStore.removePending(trx, realm.id, userId, replaces);
      if ((await factorStore.listForUser(trx, realm.id, userId)).length >= MAX_FACTORS_PER_USER) {
        throw new AppError('mfa.too_many_factors', `A user can have at most ${MAX_FACTORS_PER_USER} factors; remove one first.`);
      }
      await factorStore.insert(trx, row);
      await events.record(trx, { realmId: realm.id, type: 'user.mfa_factor_added', actor: userActor(userId), userId, origin, details: { factor_id: row.id, type } });
    });
    const uri = otpauthUri({
      type,
      issuer: realm.public_info.display_name ?? realm.name,
      account: user.email ?? user.username ?? user.mobile ?? user.id,
      secret,
      algorithm: row.algorithm as OtpAlgorithm,
      digits: row.digits,
      ...(type === 'totp' ? { period: TOTP_PERIOD_SECONDS } : { counter: 0 }),
    });
    return { factor: toFactor(row), secret, uri, qr_svg: await qrSvg(uri) };
  }

  /** Issues a fresh set of recovery codes in `trx` (the old ones die) and records it. */
  async function issueRecoveryCodes(trx: Kysely<Schema>, realm: Realm, userId: string, reason: 'first_factor' | 'requested', origin: RequestOrigin): Promise<string[]> {
    const { codes, hashes } = generateRecoveryCodes(recoveryKey, realm.id, userId);
    await recoveryCodeStore.replace(trx, realm.id, userId, hashes, clock.now());
    await events.record(trx, { realmId: realm.id, type: 'user.recovery_codes_generated', actor: userActor(userId), userId, origin, details: { reason, count: codes.length } });
    return codes;
  }

  /**
   * Activates a pending factor with a first valid code (which is spent). When the user had no unused
   * recovery codes, ten are issued and returned this once. `into`: the caller's transaction to do
   * it in (a sign-in flow's, which moves the flow on with it).
   */
  async function confirm(realm: Realm, userId: string, factorId: string, code: string, origin: RequestOrigin, into: Kysely<Schema> = db): Promise<{ factor: Factor; recovery_codes: string[] | null }> {
    const row = await findLive(realm, userId, factorId, into);
    if (row.state === 'active') throw new AppError('mfa.factor_already_active', 'This factor is already confirmed.');
    const now = clock.now();
    const spent =
      row.type === 'totp'
        ? mapDefined(verifier.matchStep(row, code, now), (step) => ({ lastUsedStep: step }))
        : mapDefined(verifier.matchCounter(row, code, Number(row.counter ?? 0), Number(row.counter ?? 0) + HOTP_LOOK_AHEAD), (counter) => ({ counter: counter + 1 }));
    if (!spent) {
      await events.record(into, { realmId: realm.id, type: 'user.mfa_factor_confirm_failed', actor: userActor(userId), userId, origin, details: { factor_id: row.id, type: row.type } });
      throw new AppError('mfa.invalid_code', 'That code is not right: enter the code your authenticator shows now.', { details: [{ field: 'code', issue: 'is not valid' }] });
    }
    return inTransaction(into, async (trx) => {
      if (!(await factorStore.activate(trx, realm.id, userId, row.id, spent, now))) throw new AppError('mfa.factor_already_active', 'This factor is already confirmed.');
      const recovery = (await recoveryCodeStore.countUnused(trx, realm.id, userId)) === 0 ? await issueRecoveryCodes(trx, realm, userId, 'first_factor', origin) : null;
      await events.record(trx, {
        realmId: realm.id,
        type: 'user.mfa_factor_confirmed',
        actor: userActor(userId),
        userId,
        origin,
        details: { factor_id: row.id, type: row.type, recovery_codes_issued: recovery !== null },
      });
      const confirmed = await factorStore.find(trx, realm.id, userId, row.id);
      return { factor: toFactor(confirmed ?? row), recovery_codes: recovery };
    });
  }

  async function rename(realm: Realm, userId: string, factorId: string, name: string, origin: RequestOrigin): Promise<Factor> {
    const row = await findLive(realm, userId, factorId);
    return db.transaction().execute(async (trx) => {
      if (!(await factorStore.rename(trx, realm.id, userId, row.id, name))) throw notFound();
      await events.record(trx, { realmId: realm.id, type: 'user.mfa_factor_renamed', actor: userActor(userId), userId, origin, details: { factor_id: row.id } });
      return toFactor({ ...row, name });
    });
  }

  /** Removes a factor; with the last one go the recovery codes (unless passkeys remain). Needs a recent sign-in. */
  async function remove(realm: Realm, who: SignedInUser, factorId: string, origin: RequestOrigin): Promise<void> {
    requireRecentSignIn(who.claims, clock.now());
    const { userId } = who;
    await db.transaction().execute(async (trx) => {
      // The user's factors change one removal at a time: two last factors removed at once would each
      // see the other and keep the recovery codes (found by review).
      await userStore.findForChange(trx, realm.id, userId);
      const removed = await factorStore.remove(trx, realm.id, userId, factorId);
      if (!removed) throw notFound();
      const last = (await factorStore.countActive(trx, realm.id, userId)) === 0 && (await otherFactorCount(trx, realm.id, userId)) === 0;
      const codesRemoved = last ? await recoveryCodeStore.removeAll(trx, realm.id, userId) : 0;
      await events.record(trx, {
        realmId: realm.id,
        type: 'user.mfa_factor_removed',
        actor: userActor(userId),
        userId,
        origin,
        details: { factor_id: removed.id, type: removed.type, recovery_codes_removed: codesRemoved },
      });
    });
  }

  /** Ten new recovery codes, the old ones dead. Needs a recent sign-in and an active factor. */
  async function regenerateRecoveryCodes(realm: Realm, who: SignedInUser, origin: RequestOrigin): Promise<string[]> {
    requireRecentSignIn(who.claims, clock.now());
    const { userId } = who;
    return db.transaction().execute(async (trx) => {
      await userStore.findForChange(trx, realm.id, userId);
      if ((await factorStore.countActive(trx, realm.id, userId)) === 0 && (await otherFactorCount(trx, realm.id, userId)) === 0) {
        throw new AppError('mfa.no_active_factor', 'Recovery codes come with a second factor: enrol one first.');
      }
      return issueRecoveryCodes(trx, realm, userId, 'requested', origin);
    });
  }

  /**
   * Seed 002's check endpoints: is this code right now? A right one is spent. Rate limited per user,
   * and wrong codes count for the brute-force guard like wrong codes at sign-in: otherwise the
   * endpoint would be a slow but endless oracle for guessing codes.
   */
  async function check(realm: Realm, userId: string, type: FactorType, code: string, origin: RequestOrigin): Promise<{ valid: boolean }> {
    if (deps.limits.enabled) await enforceRateLimits(deps.rateLimiter, [{ key: `mfa_check:user:${realm.id}:${userId}`, limit: deps.limits.checkPerUser }]);
    const verdict = await deps.guard.check(realm, { userId });
    if (!verdict.allowed) throw new AppError('auth.too_many_attempts', 'Too many failed attempts; wait before trying again.', { retryAfterSeconds: verdict.retryAfterSeconds });
    const outcome = type === 'totp' ? await verifier.verifyTotp(realm, userId, code) : await verifier.verifyHotp(realm, userId, code);
    // A replayed code (a race with its own first use) is no guess; only a wrong one counts.
    if (!outcome.ok && outcome.reason === 'invalid_code') await deps.guard.recordFailure(realm, { userId }, origin);
    await events.record(db, {
      realmId: realm.id,
      type: outcome.ok ? 'user.mfa_check_succeeded' : 'user.mfa_check_failed',
      actor: userActor(userId),
      userId,
      origin,
      details: outcome.ok ? { type, factor_id: outcome.factorId } : { type, reason: outcome.reason },
    });
    return { valid: outcome.ok };
  }

  return {
    list,
    startEnrolment,
    /** Enrolment from the account routes: a recent sign-in is needed to add a factor. */
    async enrol(realm: Realm, who: SignedInUser, type: FactorType, input: EnrolmentInput, origin: RequestOrigin): Promise<Enrolment> {
      requireRecentSignIn(who.claims, clock.now());
      return startEnrolment(realm, who.userId, type, input, origin);
    },
    confirm,
    rename,
    remove,
    regenerateRecoveryCodes,
    check,

    /** An operator's view of a user's factors; an unknown user (or another realm's) is not found. */
    async listForOperator(realm: Realm, userId: string): Promise<FactorList> {
      await users.get(realm, userId);
      return list(realm, userId);
    },

    /** An operator removes every factor and recovery code of a user (a lost phone). */
    async reset(realm: Realm, userId: string, actor: Actor, origin: RequestOrigin): Promise<void> {
      await users.get(realm, userId);
      await db.transaction().execute(async (trx) => {
        const factors = await factorStore.removeAll(trx, realm.id, userId);
        const codes = await recoveryCodeStore.removeAll(trx, realm.id, userId);
        await events.record(trx, { realmId: realm.id, type: 'user.mfa_reset', actor, userId, origin, details: { factors_removed: factors, recovery_codes_removed: codes } });
      });
    },
  };
}

function mapDefined<T, U>(value: T | undefined, map: (value: T) => U): U | undefined {
  return value === undefined ? undefined : map(value);
}

export type MfaService = ReturnType<typeof createMfaService>;
