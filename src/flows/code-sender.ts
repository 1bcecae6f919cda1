/**
 * Sending one-time codes by email or SMS: to start a passwordless sign-in (the answer is the same
 * whether or not the identifier belongs to anyone, and the lookup and the message happen after
 * it), or as a second factor within a flow. A new code replaces the previous one; the flow's
 * failure count carries on, so asking for codes never buys more guesses.
 */
import type { Kysely } from 'kysely';
import { minutesUntil } from '../accounts/account-mail.ts';
import type { AccountThrottle } from '../accounts/account-throttle.ts';
import type { IdentifierHash } from '../auth/identifier-hash.ts';
import type { UserDirectory } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { EventLog, RequestOrigin } from '../events/event-log.ts';
import type { MessageQueue } from '../mail/message-queue.ts';
import type { Background } from '../platform/background.ts';
import type { Clock } from '../platform/clock.ts';
import type { Realm } from '../realms/realm.ts';
import { reachableMobile, type SmsReach } from '../sms/sms-countries.ts';
import type { SmsQueue } from '../sms/sms-queue.ts';
import type { Schema } from '../storage/schema.ts';
import { canAuthenticate, type UserWithSecret } from '../users/user.ts';
import { flowRef, type SignInFlow } from './flow.ts';
import type { FlowService } from './flow-service.ts';
import type { FlowStore } from './flow-store.ts';
import { codeHash, newCode } from './one-time-code.ts';

const MINUTE_MS = 60_000;

export type CodeMethod = 'email_otp' | 'sms_otp';
export const CODE_METHODS: readonly CodeMethod[] = ['email_otp', 'sms_otp'];

export interface CodeSenderDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  store: FlowStore;
  flows: Pick<FlowService, 'draft' | 'save' | 'openWithUser'>;
  users: Pick<UserDirectory, 'findForSignIn'>;
  mailer: Pick<MessageQueue, 'enqueue' | 'wake'>;
  sms: Pick<SmsQueue, 'enqueue' | 'wake'>;
  smsReaches: SmsReach;
  background: Background;
  throttle: AccountThrottle;
  /** Kept in a flow that found no account, for its brute-force count (src/auth/identifier-hash.ts). */
  identifierHash: IdentifierHash;
}

const CHANNEL_NAME: Record<CodeMethod, string> = { email_otp: 'email', sms_otp: 'SMS' };

/**
 * Where a code of this kind goes for this user: a live, unlocked account with the address. A mobile
 * must be verified: anyone can type a number into a sign-up form, and a code sent there would sign
 * its holder in, and within the countries SMS may go to: a code that could never arrive signs nobody
 * in, and answers as for an unknown account. (An email code proves the inbox it reaches, which is
 * what verifying it means.)
 */
function addressOf(method: CodeMethod, user: UserWithSecret | undefined, smsReaches: SmsReach): string | undefined {
  if (user === undefined || !canAuthenticate(user)) return undefined;
  if (method === 'email_otp') return user.email ?? undefined;
  return reachableMobile(user, smsReaches);
}

export function createCodeSender(deps: CodeSenderDeps) {
  const { db, clock, events, store, flows, users, background, throttle } = deps;

  /** Gives the flow a fresh code and queues the message carrying it, in one transaction. */
  async function sendCode(realm: Realm, flow: SignInFlow, method: CodeMethod, user: UserWithSecret, to: string, origin: RequestOrigin): Promise<SignInFlow> {
    const code = newCode(realm.sign_in.otp.length);
    const expiresAt = Math.min(clock.now() + realm.sign_in.otp.ttl_minutes * MINUTE_MS, flow.expiresAt);
    const next = await db.transaction().execute(async (trx) => {
      const challenge = { method, codeHash: codeHash(flow.id, code), expiresAt, userVersion: user.version, ...(method === 'email_otp' ? { sentTo: to } : {}) };
      const saved = await flows.save(flow, { ...flow, userId: user.id, challenge }, trx);
      const variables = { code, expires_in_minutes: minutesUntil(expiresAt, clock.now()) };
      if (method === 'email_otp') await deps.mailer.enqueue(trx, { realm, type: method, to, userId: user.id, variables });
      else await deps.sms.enqueue(trx, { realm, type: method, to, userId: user.id, variables });
      await events.record(trx, { realmId: realm.id, type: 'user.otp_sent', actor: { type: 'user', id: user.id }, userId: user.id, origin, details: { method, flow_ref: flowRef(flow.id) } });
      return saved;
    });
    (method === 'email_otp' ? deps.mailer : deps.sms).wake();
    return next;
  }

  return {
    /**
     * Starts a passwordless sign-in with a code by email or SMS. The flow exists at once with a code
     * nobody knows; if the identifier is a reachable account, a real code replaces it and is sent,
     * after the answer.
     */
    async startCode(realm: Realm, method: CodeMethod, identifier: string, origin: RequestOrigin, tenant?: string): Promise<SignInFlow> {
      if (!realm.sign_in.first_factors.includes(method)) throw new AppError('auth.method_disabled', `This realm does not sign in with codes by ${CHANNEL_NAME[method]}.`);
      await throttle.enforce(realm.id, 'recovery', origin, identifier);
      const expiresAt = clock.now() + realm.sign_in.otp.ttl_minutes * MINUTE_MS;
      const flow = flows.draft(realm, 'login', origin, {
        tenant: tenant ?? null,
        challenge: { method, codeHash: codeHash('nobody', newCode(8)), expiresAt, unknownIdentifierHash: deps.identifierHash(realm.id, identifier) },
      });
      await store.insert(db, flow);
      background.run('sign-in code', async () => {
        const user = await users.findForSignIn(realm.id, identifier);
        const to = addressOf(method, user, deps.smsReaches);
        if (user && to && (await throttle.mayMessage(realm.id, to))) await sendCode(realm, flow, method, user, to, origin);
      });
      return flow;
    },

    /** Sends a code as the second factor of a flow (or again: the old code stops working). */
    async sendSecondFactorCode(realm: Realm, flowId: string, method: CodeMethod, origin: RequestOrigin): Promise<SignInFlow> {
      const { flow, user } = await flows.openWithUser(realm, flowId);
      if (flow.state !== 'second_factor' || !flow.secondFactors.includes(method)) {
        throw new AppError('flow.method_not_allowed', `${method} cannot be used at this step of the flow.`);
      }
      await throttle.enforce(realm.id, 'recovery', origin, flow.id);
      const to = addressOf(method, user, deps.smsReaches);
      if (!user || !to) throw new AppError('flow.method_not_allowed', `There is no ${CHANNEL_NAME[method]} address to send a code to.`);
      await throttle.enforceCodeFor(realm.id, user.id);
      return sendCode(realm, flow, method, user, to, origin);
    },
  };
}

export type CodeSender = ReturnType<typeof createCodeSender>;
