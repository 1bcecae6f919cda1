/**
 * Sending one-time codes: to start a passwordless sign-in (the answer is the same whether or not
 * the identifier belongs to anyone, and the lookup and the message happen after it), or as a
 * second factor within a flow. A new code replaces the previous one; the flow's failure count
 * carries on, so asking for codes never buys more guesses.
 */
import type { Kysely } from 'kysely';
import type { AccountThrottle } from '../accounts/account-throttle.ts';
import type { UserDirectory } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { EventLog, RequestOrigin } from '../events/event-log.ts';
import type { MessageQueue } from '../mail/message-queue.ts';
import type { Background } from '../platform/background.ts';
import type { Clock } from '../platform/clock.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import type { UserWithSecret } from '../users/user.ts';
import type { SignInFlow } from './flow.ts';
import type { FlowService } from './flow-service.ts';
import type { FlowStore } from './flow-store.ts';
import { codeHash, newCode } from './one-time-code.ts';

const MINUTE_MS = 60_000;

export interface CodeSenderDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  store: FlowStore;
  flows: Pick<FlowService, 'draft' | 'save' | 'openFlow'>;
  users: Pick<UserDirectory, 'findForSignIn' | 'findWithSecret'>;
  mailer: Pick<MessageQueue, 'enqueue' | 'wake'>;
  background: Background;
  throttle: AccountThrottle;
}

/** A user a code may go to: live, unlocked, with the address. */
const reachable = (user: UserWithSecret | undefined): user is UserWithSecret & { email: string } =>
  user !== undefined && user.state === 'active' && !user.locked && user.email !== null;

export function createCodeSender(deps: CodeSenderDeps) {
  const { db, clock, events, store, flows, users, mailer, background, throttle } = deps;

  /** Gives the flow a fresh code and queues the message carrying it, in one transaction. */
  async function sendEmailCode(realm: Realm, flow: SignInFlow, user: UserWithSecret & { email: string }, origin: RequestOrigin): Promise<SignInFlow> {
    const code = newCode(realm.sign_in.otp.length);
    const expiresAt = Math.min(clock.now() + realm.sign_in.otp.ttl_minutes * MINUTE_MS, flow.expiresAt);
    const next = await db.transaction().execute(async (trx) => {
      const challenge = { method: 'email_otp' as const, codeHash: codeHash(flow.id, code), expiresAt, attempts: 0, to: user.email };
      const saved = await flows.save(flow, { ...flow, userId: user.id, challenge }, trx);
      await mailer.enqueue(trx, {
        realm,
        type: 'email_otp',
        to: user.email,
        userId: user.id,
        variables: { code, expires_in_minutes: Math.round((expiresAt - clock.now()) / MINUTE_MS) },
      });
      await events.record(trx, { realmId: realm.id, type: 'user.otp_sent', actor: { type: 'user', id: user.id }, userId: user.id, origin, details: { method: 'email_otp', flow_id: flow.id } });
      return saved;
    });
    mailer.wake();
    return next;
  }

  return {
    /**
     * Starts a passwordless sign-in with a code by email. The flow exists at once with a code nobody
     * knows; if the identifier is a reachable account, a real code replaces it and is sent, after
     * the answer.
     */
    async startEmailCode(realm: Realm, identifier: string, origin: RequestOrigin): Promise<SignInFlow> {
      if (!realm.sign_in.first_factors.includes('email_otp')) throw new AppError('auth.method_disabled', 'This realm does not sign in with codes by email.');
      await throttle.enforce(realm.id, 'recovery', origin, identifier);
      const expiresAt = clock.now() + realm.sign_in.otp.ttl_minutes * MINUTE_MS;
      const flow = flows.draft(realm, 'login', origin, {
        challenge: { method: 'email_otp', codeHash: codeHash('nobody', newCode(8)), expiresAt, attempts: 0, to: '' },
      });
      await store.insert(db, flow);
      background.run('sign-in code', async () => {
        const user = await users.findForSignIn(realm.id, identifier);
        if (reachable(user)) await sendEmailCode(realm, flow, user, origin);
      });
      return flow;
    },

    /** Sends a code as the second factor of a flow (or again: the old code stops working). */
    async sendSecondFactorCode(realm: Realm, flowId: string, origin: RequestOrigin): Promise<SignInFlow> {
      const flow = await flows.openFlow(realm, flowId);
      if (flow.state !== 'second_factor' || !flow.secondFactors.includes('email_otp')) {
        throw new AppError('flow.method_not_allowed', 'email_otp cannot be used at this step of the flow.');
      }
      await throttle.enforce(realm.id, 'recovery', origin, flow.id);
      const user = flow.userId === null ? undefined : await users.findWithSecret(realm.id, flow.userId);
      if (!reachable(user)) throw new AppError('flow.method_not_allowed', 'There is no address to send a code to.');
      return sendEmailCode(realm, flow, user, origin);
    },
  };
}

export type CodeSender = ReturnType<typeof createCodeSender>;
