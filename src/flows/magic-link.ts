/**
 * Sign-in by a link emailed to the user, approved on whichever device opens it (issue #4 §3, §4).
 * The starting device keeps the flow id, which is its secret, and polls; the link carries a
 * different secret (256 random bits, stored only hashed, single use) that can approve the flow but
 * never collect its tokens. Number matching adds a two-digit number shown on the starting screen
 * that the user must pick among three on the link's page, so a link opened by someone who did not
 * start the sign-in (or a sign-in someone else started) is refused rather than waved through.
 *
 * No enumeration: the flow is created at once, with the same answer (and for number matching a
 * number) for every identifier; the lookup and the mail happen after the answer.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AccountThrottle } from '../accounts/account-throttle.ts';
import { minutesUntil } from '../accounts/account-mail.ts';
import type { LoginGuard } from '../auth/login-guard.ts';
import type { UserDirectory } from '../contracts.ts';
import { AppError, invalidField } from '../errors.ts';
import type { EventLog, RequestOrigin } from '../events/event-log.ts';
import type { MessageQueue } from '../mail/message-queue.ts';
import type { Background } from '../platform/background.ts';
import type { Clock } from '../platform/clock.ts';
import { constantTimeEqual, hashToken } from '../platform/opaque-tokens.ts';
import type { Realm } from '../realms/realm.ts';
import { oneTimeTokens, type OneTimeToken } from '../storage/one-time-tokens.ts';
import type { Schema } from '../storage/schema.ts';
import { canAuthenticate, type UserWithSecret } from '../users/user.ts';
import { flowRef, isOpen, type Challenge, type SignInFlow } from './flow.ts';
import type { FlowAnswer, FlowService } from './flow-service.ts';
import type { FlowStore } from './flow-store.ts';

export type LinkMethod = 'magic_link' | 'number_match';
type LinkChallenge = Extract<Challenge, { method: LinkMethod }>;
/**
 * The token's subject is the flow; its payload names the user the link was sent to, and the
 * version of their record then: a link sent to an address an operator has changed since no longer
 * approves (found by review). Links of earlier releases carry no version.
 */
interface LinkPayload {
  userId: string;
  userVersion?: number;
}

/** A link works this long at most (and never past its flow). */
export const LINK_LIFETIME_MS = 15 * 60_000;
const TOKEN_TYPE = 'magic_link';
const AMR: Record<LinkMethod, string[]> = { magic_link: ['email'], number_match: ['email', 'mca'] };
const NAME: Record<LinkMethod, string> = { magic_link: 'magic links', number_match: 'number matching' };

export interface MagicLinkDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  store: FlowStore;
  flows: Pick<FlowService, 'draft' | 'save' | 'openWithUser' | 'proveFirstFactor'>;
  users: Pick<UserDirectory, 'findForSignIn' | 'findWithSecret'>;
  guard: Pick<LoginGuard, 'check' | 'recordFailure'>;
  mailer: Pick<MessageQueue, 'enqueue' | 'wake'>;
  background: Background;
  throttle: AccountThrottle;
  publicUrl: string;
}

/** What the link's page shows: the method, the number choices, and where the sign-in started. */
export interface LinkDescription {
  method: LinkMethod;
  /** Number matching: three distinct two-digit numbers, one of them right, in a fixed random order. */
  choices: number[] | null;
  startedAt: number;
  ip: string | null;
  userAgent: string | null;
  expiresAt: number;
}

export type Approval = { outcome: 'approved' | 'denied'; method: LinkMethod };

/** One answer for unknown, used, expired and other-realm links, and for flows that moved on. */
const invalidLink = () => new AppError('flow.invalid_link', 'The sign-in link is invalid, has been used or has expired.');

const twoDigits = () => randomInt(10, 100);

/** The right number and two distinct decoys, shuffled (Fisher–Yates with a CSPRNG). */
function numberChoices(number: number): number[] {
  const choices = new Set([number]);
  while (choices.size < 3) choices.add(twoDigits());
  const list = [...choices];
  for (let i = list.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

const linkChallengeOf = (flow: SignInFlow): LinkChallenge | undefined =>
  flow.challenge?.method === 'magic_link' || flow.challenge?.method === 'number_match' ? flow.challenge : undefined;

export function createMagicLinks(deps: MagicLinkDeps) {
  const { db, clock, events, store, flows, users, guard, background, throttle } = deps;

  const pageUrl = (realm: Realm, token: string) => `${deps.publicUrl.replace(/\/+$/, '')}/realms/${realm.slug}/pages/magic-link?token=${encodeURIComponent(token)}`;

  /** Issues the link's token (bound to the flow and user, never naming the flow) and queues the mail. */
  async function sendLink(realm: Realm, flow: SignInFlow, challenge: LinkChallenge, user: UserWithSecret & { email: string }, origin: RequestOrigin): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      await oneTimeTokens.issue(trx, { tokenHash: hashToken(token), realmId: realm.id, type: TOKEN_TYPE, subject: flow.id, payload: { userId: user.id, userVersion: user.version } satisfies LinkPayload, createdAt: now, expiresAt: challenge.expiresAt });
      const variables = { link: pageUrl(realm, token), expires_in_minutes: minutesUntil(challenge.expiresAt, now) };
      await deps.mailer.enqueue(trx, { realm, type: challenge.method, to: user.email, userId: user.id, variables });
      await events.record(trx, { realmId: realm.id, type: 'user.magic_link_sent', actor: { type: 'user', id: user.id }, userId: user.id, origin, details: { method: challenge.method, flow_ref: flowRef(flow.id) } });
    });
    deps.mailer.wake();
  }

  /** The token's flow and user, if the token still works (unknown, used, expired and other realms' alike). */
  function live(token: OneTimeToken<LinkPayload> | undefined): { flowId: string; userId: string; userVersion: number | undefined } {
    if (!token || token.consumedAt !== null || token.expiresAt <= clock.now() || !token.payload) throw invalidLink();
    return { flowId: token.subject, userId: token.payload.userId, userVersion: token.payload.userVersion };
  }

  /** The flow a link approves, while it still waits for that approval. */
  async function waitingFlow(executor: Kysely<Schema>, realm: Realm, flowId: string): Promise<{ flow: SignInFlow; challenge: LinkChallenge }> {
    const flow = await store.find(executor, realm.id, flowId);
    const challenge = flow && linkChallengeOf(flow);
    if (!flow || !challenge || !isOpen(flow, clock.now()) || flow.state !== 'first_factor' || challenge.approved || challenge.expiresAt <= clock.now()) throw invalidLink();
    return { flow, challenge };
  }

  const findToken = (realm: Realm, tokenHash: string) => oneTimeTokens.find<LinkPayload>(db, realm.id, TOKEN_TYPE, tokenHash);

  return {
    /** Starts the sign-in; for number matching the answer carries the number to show on this screen. */
    async start(realm: Realm, method: LinkMethod, identifier: string, origin: RequestOrigin, tenant?: string): Promise<{ flow: SignInFlow; number: number | null }> {
      if (!realm.sign_in.first_factors.includes(method)) throw new AppError('auth.method_disabled', `This realm does not sign in with ${NAME[method]}.`);
      await throttle.enforce(realm.id, 'recovery', origin, identifier);
      const flow = flows.draft(realm, 'login', origin, { tenant: tenant ?? null });
      const number = method === 'number_match' ? twoDigits() : null;
      const challenge: LinkChallenge = {
        method,
        expiresAt: Math.min(clock.now() + LINK_LIFETIME_MS, flow.expiresAt),
        approved: false,
        ...(number === null ? {} : { number, choices: numberChoices(number) }),
      };
      const started = { ...flow, challenge };
      await store.insert(db, started);
      background.run('sign-in link', async () => {
        const user = await users.findForSignIn(realm.id, identifier);
        if (user && canAuthenticate(user) && user.email !== null && (await throttle.mayMessage(realm.id, user.email))) await sendLink(realm, started, challenge, { ...user, email: user.email }, origin);
      });
      return { flow: started, number };
    },

    /** What the link's page shows; uses nothing up (mail scanners open links). */
    async describe(realm: Realm, token: string, origin: RequestOrigin): Promise<LinkDescription> {
      await throttle.enforce(realm.id, 'token', origin);
      const { flowId } = live(await findToken(realm, hashToken(token)));
      const { flow, challenge } = await waitingFlow(db, realm, flowId);
      return { method: challenge.method, choices: challenge.choices ?? null, startedAt: flow.createdAt, ip: flow.ip, userAgent: flow.userAgent, expiresAt: challenge.expiresAt };
    },

    /**
     * Approves the sign-in from the link's page: the token is used up once (of concurrent
     * approvals exactly one gets it). A wrong number ends the flow: whoever started it is not
     * the person who read the mail, or the user picked blindly.
     */
    async approve(realm: Realm, token: string, pick: number | undefined, origin: RequestOrigin): Promise<Approval> {
      await throttle.enforce(realm.id, 'token', origin);
      const tokenHash = hashToken(token);
      const { flowId, userId, userVersion } = live(await findToken(realm, tokenHash));
      const waiting = await waitingFlow(db, realm, flowId);
      if (waiting.challenge.method === 'number_match' && pick === undefined) throw invalidField('request.validation_failed', 'pick', 'is required');
      const user = await users.findWithSecret(realm.id, userId);
      if (!user || !canAuthenticate(user)) throw new AppError('auth.invalid_credentials', 'This account cannot sign in.');
      if (userVersion !== undefined && userVersion !== user.version) throw invalidLink();
      const subject = { userId: user.id };
      const verdict = await guard.check(realm, subject);
      if (!verdict.allowed) throw new AppError('auth.too_many_attempts', 'Too many failed attempts; wait before trying again.', { retryAfterSeconds: verdict.retryAfterSeconds });

      const approval = await db.transaction().execute(async (trx): Promise<Approval> => {
        const used = await oneTimeTokens.consumeOne<LinkPayload>(trx, realm.id, TOKEN_TYPE, tokenHash, clock.now());
        if (!used) throw invalidLink();
        const { flow, challenge } = await waitingFlow(trx, realm, used.subject);
        const actor = { type: 'user' as const, id: user.id };
        const right = challenge.number === undefined || constantTimeEqual(String(pick), String(challenge.number));
        if (!right) {
          await flows.save(flow, { ...flow, userId: user.id, state: 'failed', challenge: null, failures: flow.failures + 1 }, trx);
          await events.record(trx, { realmId: realm.id, type: 'user.login.failed', actor, userId: user.id, origin, details: { method: challenge.method, reason: 'wrong_number', flow_ref: flowRef(flow.id) } });
          return { outcome: 'denied', method: challenge.method };
        }
        await flows.save(flow, { ...flow, userId: user.id, challenge: { ...challenge, approved: true, userVersion: user.version } }, trx);
        await events.record(trx, { realmId: realm.id, type: 'user.magic_link_approved', actor, userId: user.id, origin, details: { method: challenge.method, flow_ref: flowRef(flow.id) } });
        return { outcome: 'approved', method: challenge.method };
      });
      // A right pick is not yet a completed sign-in (a second factor may follow): the count stays.
      if (approval.outcome === 'denied') await guard.recordFailure(realm, subject, origin);
      return approval;
    },

    /**
     * The starting device's poll: the flow while the link is not approved yet; once it is, the
     * sign-in moves on as after any first factor (tokens, or the second factor's step). Moving on
     * bumps the flow's version, so two polls racing on one approval get one set of tokens.
     */
    async status(realm: Realm, flowId: string, origin: RequestOrigin): Promise<FlowAnswer> {
      const { flow, user } = await flows.openWithUser(realm, flowId);
      // Approved and already past the first factor: the same answer as looking the flow up.
      if (flow.state !== 'first_factor') return { kind: 'next', flow };
      const challenge = linkChallengeOf(flow);
      if (!challenge) throw new AppError('flow.method_not_allowed', 'This flow is not waiting for a sign-in link.');
      if (!challenge.approved) {
        if (challenge.expiresAt <= clock.now()) throw new AppError('flow.expired', 'The sign-in link has expired; start again.');
        return { kind: 'next', flow };
      }
      if (!user || !canAuthenticate(user)) throw new AppError('auth.invalid_credentials', 'This account cannot sign in.');
      return flows.proveFirstFactor(realm, flow, user, { method: challenge.method, amr: AMR[challenge.method], at: clock.now() }, origin);
    },
  };
}

export type MagicLinks = ReturnType<typeof createMagicLinks>;
