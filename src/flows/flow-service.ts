/**
 * The flow engine: every sign-in method runs through here. A method proves one step (src/flows/
 * proofs.ts); the policy decides what follows (src/flows/flow-policy.ts); the engine keeps the
 * flow, counts failures with the brute-force guard, and at the end issues tokens (or, for a
 * step-up, raises the session). It never touches HTTP.
 */
import type { Kysely } from 'kysely';
import { INBOX_METHODS, type InboxProof } from '../accounts/inbox-proof.ts';
import type { AuthService } from '../auth/auth-service.ts';
import { ChangedSinceProof } from '../auth/sign-in-tokens.ts';
import type { GuardSubject, LoginGuard } from '../auth/login-guard.ts';
import type { UserDirectory } from '../contracts.ts';
import { AppError } from '../errors.ts';
import { systemActor, type EventLog, type RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import { newId } from '../platform/ids.ts';
import type { PasswordHasher } from '../platform/passwords.ts';
import type { Realm } from '../realms/realm.ts';
import type { Assurance } from '../sessions/session-store.ts';
import type { SmsReach } from '../sms/sms-countries.ts';
import type { Schema } from '../storage/schema.ts';
import { canAuthenticate, type User, type UserWithSecret } from '../users/user.ts';
import { FLOW_LIFETIME_MS, flowRef, isOpen, type CompletedFactor, type FlowKind, type SignInFlow } from './flow.ts';
import { acrOf, afterFirstFactor, amrOf, endsAtFirstFactor, userFactorsOf, type NextStep } from './flow-policy.ts';
import type { FlowStore } from './flow-store.ts';
import { allowedNow, guardSubjectOf } from './flow-steps.ts';
import { checkProof, usedUpInTransaction, type FactorVerifiers, type ProofInput } from './proofs.ts';

export interface FlowServiceDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  store: FlowStore;
  auth: Pick<AuthService, 'authenticatePassword' | 'completeSignIn'>;
  users: Pick<UserDirectory, 'findWithSecret'>;
  guard: LoginGuard;
  factors: FactorVerifiers;
  hasher: PasswordHasher;
  /** Raises a session after a step-up and signs its new access token. */
  stepUp: (realm: Realm, flow: SignInFlow, user: User, assurance: { amr: string[]; acr: string }) => Promise<StepUpTokens>;
  /** A first factor sent to the email inbox proves an address never proven (src/accounts/inbox-proof.ts). */
  inboxProof: InboxProof;
  /** Numbers SMS may go to: a mobile outside them is not offered as a second factor. */
  smsReaches: SmsReach;
}

export interface StepUpTokens {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number | null;
  session_id: string | null;
}

export type LoginResult = Awaited<ReturnType<AuthService['completeSignIn']>>;

export type FlowAnswer =
  /** `recoveryCodes`: a factor enrolled within the flow brought its first recovery codes, shown this once. */
  /** `assurance`: how the user proved who they are, as the session and tokens record it (the hosted pages hand it to the provider). */
  | { kind: 'signed_in'; result: LoginResult; assurance: Assurance; recoveryCodes?: string[] }
  | { kind: 'stepped_up'; tokens: StepUpTokens }
  | { kind: 'next'; flow: SignInFlow };

const flowNotFound = () => new AppError('flow.not_found', 'No such sign-in flow in this realm, or it has ended.');
const flowExpired = () => new AppError('flow.expired', 'The sign-in flow has expired or ended; start again.');
/** Found by review: a flow opened with credentials since changed (an old password) must not complete. */
const credentialsChanged = () => new AppError('flow.expired', "The account's password or details changed since this sign-in began; start again.");
const enrolmentOver = () => new AppError('flow.expired', 'This account no longer enrols a second factor in this sign-in (it has one now); start again.');
const passkeyOnly = () =>
  new AppError('auth.method_disabled', 'This realm requires a second factor, and the passkey just used without user verification is the only one this account has: use it with its PIN or biometrics.');
const tooManyAttempts = (retryAfterSeconds: number) => new AppError('auth.too_many_attempts', 'Too many failed attempts; wait before trying again.', { retryAfterSeconds });
const wrongProof = (left: number) =>
  new AppError('auth.invalid_code', left > 0 ? `That did not match; ${left} attempt(s) left.` : 'That did not match, and the flow has ended; start again.');

export function createFlowService(deps: FlowServiceDeps) {
  const { db, clock, events, store, auth, users, guard, factors } = deps;

  /** A new flow, open for FLOW_LIFETIME_MS, with the realm's methods frozen. */
  function draft(realm: Realm, kind: FlowKind, origin: RequestOrigin, fields: Partial<SignInFlow>): SignInFlow {
    const now = clock.now();
    return {
      id: newId('flw'),
      realmId: realm.id,
      kind,
      state: 'first_factor',
      userId: null,
      sessionId: null,
      firstFactors: [...realm.sign_in.first_factors],
      secondFactors: [],
      completed: [],
      challenge: null,
      failures: 0,
      ip: origin.ip,
      userAgent: origin.userAgent,
      createdAt: now,
      updatedAt: now,
      expiresAt: now + FLOW_LIFETIME_MS,
      version: 1,
      tenant: null,
      ...fields,
    };
  }

  /** Moves the flow on, or refuses if another request moved it first. */
  async function save(previous: SignInFlow, next: SignInFlow, executor: Kysely<Schema> = db): Promise<SignInFlow> {
    const stamped = { ...next, updatedAt: clock.now() };
    if (!(await store.update(executor, previous, stamped))) throw new AppError('flow.changed_concurrently', 'The flow was moved on by another request; look it up again.');
    return { ...stamped, version: previous.version + 1 };
  }

  async function userFactors(realm: Realm, user: User) {
    return userFactorsOf(user, await factors.enrolled(realm.id, user.id), deps.smsReaches);
  }

  /** Ends a flow that can no longer complete; if another request moved it meanwhile, the next step's checks end it. */
  async function end(flow: SignInFlow): Promise<void> {
    await store.update(db, flow, { ...flow, state: 'failed', challenge: null, updatedAt: clock.now() });
  }

  /** Everything the flow asked for is proven: it is completed (in `executor`, which may be using the proof up). */
  const complete = (flow: SignInFlow, executor: Kysely<Schema> = db) => save(flow, { ...flow, state: 'completed', challenge: null }, executor);

  /** Everything the flow asked for is proven: tokens for a sign-in, a raised session for a step-up. */
  async function finish(realm: Realm, flow: SignInFlow, user: User, origin: RequestOrigin): Promise<FlowAnswer> {
    return conclude(realm, await complete(flow), user, origin);
  }

  /** The user's record moved on after `open` checked it, before the session was made: the flow ends as if before. */
  const endedIfChanged = (done: SignInFlow) => async (error: unknown): Promise<never> => {
    if (error instanceof ChangedSinceProof) {
      await end(done);
      throw credentialsChanged();
    }
    throw error;
  };

  /** The answer to a completed flow. */
  async function conclude(realm: Realm, done: SignInFlow, user: User, origin: RequestOrigin, recoveryCodes?: string[] | null): Promise<FlowAnswer> {
    const assurance = { amr: amrOf(done.completed), acr: acrOf(done.completed) };
    if (done.kind === 'step_up') {
      await guard.recordSuccess(realm, { userId: user.id });
      return { kind: 'stepped_up', tokens: await deps.stepUp(realm, done, user, assurance) };
    }
    const methods = done.completed.map((factor) => factor.method).join('+');
    const proven = done.completed.map((factor) => factor.method);
    const provider = done.completed.find((factor) => factor.provider !== undefined)?.provider;
    const signedIn: Assurance = { authTime: clock.now(), ...assurance, methods: proven, ...(provider ? { identityProviderId: provider } : {}) };
    const result = await auth.completeSignIn(realm, user, methods, signedIn, origin, done.tenant ?? undefined).catch(endedIfChanged(done));
    return recoveryCodes ? { kind: 'signed_in', result, assurance: signedIn, recoveryCodes } : { kind: 'signed_in', result, assurance: signedIn };
  }

  /** After a first factor: done, or a flow waiting for a second factor (or for enrolment of one). */
  async function afterFirst(realm: Realm, proven: User, first: CompletedFactor, origin: RequestOrigin, flow?: SignInFlow, tenant?: string): Promise<FlowAnswer> {
    // The challenge just met names the address an emailed code went to: a right one proves it, in a
    // transaction of its own, since what it removes decides the next step. Should the flow then
    // lose its race, the address stays proven (the code was right), and the code signs in when sent again.
    const sentTo = flow?.challenge && 'sentTo' in flow.challenge ? flow.challenge.sentTo : undefined;
    const user = INBOX_METHODS.has(first.method) && sentTo !== undefined ? await deps.inboxProof(realm, proven, sentTo, origin) : proven;
    // Password sign-in is the hot path: the user's factors are looked up only when they can matter.
    const step: NextStep = endsAtFirstFactor(realm, first) ? { next: 'done' } : afterFirstFactor(realm, await userFactors(realm, user), first);
    if (step.next === 'refused') {
      if (flow) await end(flow);
      throw passkeyOnly();
    }
    // A login's tenant waits in the flow for the second factor.
    const base = flow ?? draft(realm, 'login', origin, { tenant: tenant ?? null });
    const next: SignInFlow = {
      ...base,
      userId: user.id,
      // The user's record as proven here: every later step checks it has not moved on.
      completed: [...base.completed, { ...first, userVersion: user.version }],
      challenge: null,
      state: step.next === 'done' ? base.state : step.next,
      secondFactors: step.next === 'done' ? [] : step.methods,
    };
    if (step.next === 'done') {
      if (!flow) {
        // A record changed since the password was checked answers as a wrong password (ChangedSinceProof).
        const assurance: Assurance = { authTime: clock.now(), amr: first.amr, acr: acrOf([first]), methods: [first.method] };
        return { kind: 'signed_in', result: await auth.completeSignIn(realm, user, first.method, assurance, origin, tenant), assurance };
      }
      return finish(realm, next, user, origin);
    }
    if (flow) return { kind: 'next', flow: await save(flow, next) };
    await store.insert(db, next);
    return { kind: 'next', flow: next };
  }

  /**
   * An open flow and its user (once it names one). Past the first factor, every step checks the
   * user is still as proven then, and a flow waiting for enrolment that the policy still answers
   * so; otherwise the flow ends (found by review: an old password, or a factor enrolled meanwhile
   * elsewhere, let a held flow enrol a factor of its own and sign in).
   */
  async function open(realm: Realm, flowId: string): Promise<{ flow: SignInFlow; user: UserWithSecret | undefined }> {
    const flow = await store.find(db, realm.id, flowId);
    if (!flow) throw flowNotFound();
    if (!isOpen(flow, clock.now())) throw flowExpired();
    if (flow.userId === null) return { flow, user: undefined };
    const user = await users.findWithSecret(realm.id, flow.userId);
    // The flow's user is gone (deleted meanwhile): nothing can complete it for anyone else (found by review).
    if (user === undefined) {
      await end(flow);
      throw flowNotFound();
    }
    // Any change of the record counts, not just the password's: an operator's change of the email an
    // emailed code goes to, or a lock, should end a sign-in in progress too.
    const first = flow.completed[0];
    // Absent in flows begun before versions were recorded (a rolling upgrade): not held against them.
    const recorded = first !== undefined ? first.userVersion : flow.challenge !== null && 'userVersion' in flow.challenge ? flow.challenge.userVersion : undefined;
    if (recorded !== undefined && recorded !== user.version) {
      await end(flow);
      throw credentialsChanged();
    }
    if (flow.state === 'enrolment' && first !== undefined && afterFirstFactor(realm, await userFactors(realm, user), first).next !== 'enrolment') {
      await end(flow);
      throw enrolmentOver();
    }
    return { flow, user };
  }

  /** Checks the proof and moves the flow on, or counts the failure. */
  async function prove(realm: Realm, flow: SignInFlow, flowUser: UserWithSecret | undefined, input: ProofInput, subject: GuardSubject, origin: RequestOrigin): Promise<FlowAnswer> {
    const now = clock.now();
    const factorOf = (proof: { amr: string[] }): CompletedFactor => ({ method: input.method, amr: proof.amr, at: now });
    // A second factor is used up in the transaction that completes the flow: a right code or passkey
    // that loses the flow's version race (409) rolls back unspent (found by review).
    const inOne = usedUpInTransaction(flow, input.method);
    const run = <T>(work: (executor: Kysely<Schema>) => Promise<T>): Promise<T> => (inOne ? db.transaction().execute(work) : work(db));
    const { proof, done } = await run(async (executor) => {
      const proof = await checkProof({ deps: { factors, hasher: deps.hasher }, realm, flow, user: flowUser, input, now, origin, executor });
      // Past the first factor the flow's user is known, and the proof completes the flow.
      if (!proof.ok || flow.state === 'first_factor' || flowUser === undefined || !canAuthenticate(flowUser)) return { proof };
      return { proof, done: await complete({ ...flow, completed: [...flow.completed, factorOf(proof)] }, executor) };
    });
    // A discoverable passkey names its user: that is who is signing in, in a flow that named nobody yet.
    const user = proof.ok && flow.userId === null && 'userId' in proof && typeof proof.userId === 'string' ? await users.findWithSecret(realm.id, proof.userId) : flowUser;
    if (!proof.ok || user === undefined || !canAuthenticate(user)) return refuse(realm, flow, user, input, proof.ok ? 'unusable_account' : proof.reason, subject, origin);
    proof.afterCommit?.();
    // The guard's count is cleared only when the sign-in completes (completeSignIn, or a step-up's finish).
    return done ? conclude(realm, done, user, origin, proof.recoveryCodes) : afterFirst(realm, user, factorOf(proof), origin, flow);
  }

  /** A wrong proof: counted for the flow and the brute-force guard, recorded, refused. */
  async function refuse(realm: Realm, flow: SignInFlow, user: User | undefined, input: ProofInput, reason: string, subject: GuardSubject, origin: RequestOrigin): Promise<never> {
    const failures = flow.failures + 1;
    const over = failures >= realm.sign_in.otp.max_attempts;
    // Counted before the flow moves: a guess that loses the flow's version race counts too (found by review).
    await guard.recordFailure(realm, subject, origin);
    await events.record(db, {
      realmId: realm.id,
      type: flow.kind === 'step_up' ? 'user.step_up.failed' : 'user.login.failed',
      actor: user ? { type: 'user', id: user.id } : systemActor,
      userId: user?.id ?? null,
      origin,
      details: { method: input.method, reason, flow_ref: flowRef(flow.id) },
    });
    await save(flow, { ...flow, failures, ...(over ? { state: 'failed' as const, challenge: null } : {}) });
    throw wrongProof(realm.sign_in.otp.max_attempts - failures);
  }

  return {
    draft,
    save,
    openFlow: async (realm: Realm, flowId: string): Promise<SignInFlow> => (await open(realm, flowId)).flow,

    /** The open flow with its user as `open` read them, for a step that needs both (no second read). */
    openWithUser: open,

    /**
     * A first factor proven outside `verify` (a magic link approved on another device): the flow
     * moves on as after any first factor, to tokens or to the next step.
     */
    proveFirstFactor: (realm: Realm, flow: SignInFlow, user: User, factor: CompletedFactor, origin: RequestOrigin) => afterFirst(realm, user, factor, origin, flow),

    /** Password sign-in: tokens at once, or a flow when a second factor must follow. */
    /** `tenant`: the tenant to sign in to when the password completes the sign-in (src/authorization/tenant-policy.ts). */
    async passwordLogin(realm: Realm, credentials: { identifier: string; password: string; tenant?: string }, origin: RequestOrigin): Promise<FlowAnswer> {
      if (!realm.sign_in.first_factors.includes('password')) throw new AppError('auth.method_disabled', 'This realm does not sign in with passwords.');
      const { tenant, ...password } = credentials;
      const user = await auth.authenticatePassword(realm, password, origin);
      return afterFirst(realm, user, { method: 'password', amr: ['pwd'], at: clock.now() }, origin, undefined, tenant);
    },

    /** One step of a flow: a code, a second factor, a passkey assertion, a password (step-up). */
    async verify(realm: Realm, flowId: string, input: ProofInput, origin: RequestOrigin): Promise<FlowAnswer> {
      const { flow, user } = await open(realm, flowId);
      if (!allowedNow(flow, input.method)) throw new AppError('flow.method_not_allowed', `${input.method} cannot be used at this step of the flow.`);
      const subject = guardSubjectOf(flow);
      const attempt = await guard.begin(realm, subject);
      try {
        if (!attempt.verdict.allowed) throw tooManyAttempts(attempt.verdict.retryAfterSeconds);
        return await prove(realm, flow, user, input, subject, origin);
      } finally {
        await attempt.end();
      }
    },
  };
}

export type FlowService = ReturnType<typeof createFlowService>;
