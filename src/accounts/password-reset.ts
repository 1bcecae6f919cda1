import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Background } from '../platform/background.ts';
import type { Clock } from '../platform/clock.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import { sameAddress } from '../users/identifiers.ts';
import type { AccessRemoved } from './access-before-proof.ts';
import { accountLink, minutesUntil, type AccountMailer } from './account-mail.ts';
import { invalidAccountToken, type AccountTokens } from './account-tokens.ts';
import type { AccountThrottle } from './account-throttle.ts';
import type { AccountUsers } from './account-users.ts';

/**
 * Forgotten passwords. Asking always gets the same answer at the same speed: the lookup and the
 * message happen after the answer. The link's token is checked without being used up (a page can
 * ask whether it still works), then used up in the transaction that sets the password, so of two
 * concurrent resets with one link exactly one succeeds. A reset ends every session, proves the
 * address (the link reached it), lifts a lock that guessing caused, and tells the owner by email.
 * Proving an address for the first time also takes away every other way in set up before (see
 * `forgetAccessBeforeProof`).
 */
export interface PasswordResetDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  tokens: AccountTokens;
  users: AccountUsers;
  mailer: AccountMailer;
  background: Background;
  publicUrl: string;
  /** Forgets the user's failed sign-ins (the brute-force guard), after the reset has committed. */
  clearFailures(realmId: string, userId: string): Promise<void>;
  /** The reason the guard writes when guessing locks an account for good; only that lock is lifted. */
  bruteForceLockReason: string;
  throttle: AccountThrottle;
  /**
   * Inside the reset's transaction, when it proves the address for the first time: takes away the
   * other ways in set up while nobody had proven it (access-before-proof.ts).
   */
  forgetAccessBeforeProof(trx: Kysely<Schema>, realmId: string, userId: string, origin: RequestOrigin): Promise<AccessRemoved>;
}

const MINUTE_MS = 60_000;

export function createPasswordReset(deps: PasswordResetDeps) {
  const { db, clock, events, tokens, users, mailer, background, publicUrl } = deps;

  /** Issues a reset token for the user's address and queues the link, with an event, in one transaction. */
  async function queueResetLink(realm: Realm, user: { id: string; email: string }, actor: Actor, origin: RequestOrigin, byOperator: boolean) {
    await db.transaction().execute(async (trx) => {
      const issued = await tokens.issue(trx, realm.id, 'password_reset', user.id, user.email, realm.tokens.reset_token_minutes * MINUTE_MS);
      await mailer.enqueue(trx, {
        realm,
        type: 'password_reset',
        to: user.email,
        userId: user.id,
        variables: { link: accountLink(publicUrl, realm, 'reset_password', issued.token), expires_in_minutes: minutesUntil(issued.expiresAt, clock.now()) },
      });
      const type = byOperator ? 'user.password_reset_sent' : 'user.password_reset_requested';
      await events.record(trx, { realmId: realm.id, type, actor, userId: user.id, origin, details: {} });
    });
    mailer.wake();
  }

  return {
    /** The same 202 whatever the identifier: a live account with an email gets a link, later. */
    async request(realm: Realm, identifier: string, origin: RequestOrigin): Promise<void> {
      await deps.throttle.enforce(realm.id, 'recovery', origin, identifier);
      background.run('password reset request', async () => {
        const user = await users.findForSignIn(realm.id, identifier);
        if (!user || user.email === null || user.state !== 'active') return;
        // An operator's lock stands; a lock that guessing caused is what a reset is for.
        if (user.locked && user.locked_reason !== deps.bruteForceLockReason) return;
        if (!(await deps.throttle.mayMessage(realm.id, user.email))) return;
        await queueResetLink(realm, { id: user.id, email: user.email }, { type: 'user', id: user.id }, origin, false);
      });
    },

    /** Whether a reset link still works, and until when. */
    async check(realm: Realm, token: string, origin: RequestOrigin): Promise<{ expiresAt: number }> {
      await deps.throttle.enforce(realm.id, 'token', origin);
      const pending = await tokens.peek(db, realm.id, 'password_reset', token);
      return { expiresAt: pending.expiresAt };
    },

    async reset(realm: Realm, token: string, password: string, origin: RequestOrigin): Promise<void> {
      await deps.throttle.enforce(realm.id, 'token', origin);
      const pending = await tokens.peek(db, realm.id, 'password_reset', token);
      const userId = pending.subject;
      const stored = await users.get(realm, userId);
      const passwordHash = await users.hashAcceptablePassword(realm, password, { email: stored.email, username: stored.username });
      const self: Actor = { type: 'user', id: userId };
      const changed = await users.applyChange(realm, userId, self, origin, async (current, trx) => {
        await tokens.consume(trx, realm.id, 'password_reset', token);
        const sentTo = pending.payload?.email ?? '';
        if (!sameAddress(current.email, sentTo)) throw invalidAccountToken();
        const liftLock = current.locked && current.locked_reason === deps.bruteForceLockReason;
        if (current.locked && !liftLock) throw invalidAccountToken();
        if (current.state !== 'active') throw invalidAccountToken();
        const removed = current.email_verified ? undefined : await deps.forgetAccessBeforeProof(trx, realm.id, userId, origin);
        await mailer.enqueue(trx, { realm, type: 'password_changed', to: current.email, userId, variables: { changed_at: new Date(clock.now()).toISOString() } });
        return {
          fields: { password_hash: passwordHash, email_verified: true, ...(liftLock ? { locked: false, locked_reason: null } : {}) },
          event: 'user.password_reset',
          details: { lock_lifted: liftLock, ...(removed ? { access_removed: removed } : {}) },
          endSessions: { reason: 'password_reset' },
        };
      });
      mailer.wake();
      await deps.clearFailures(realm.id, changed.id);
    },

    /** An operator sends the reset link (flespi's 1310). */
    async sendByOperator(realm: Realm, userId: string, actor: Actor, origin: RequestOrigin): Promise<void> {
      const user = await users.get(realm, userId);
      if (user.email === null) throw new AppError('user.no_email', `User ${userId} has no email address.`);
      await deps.throttle.enforceMessageTo(realm.id, user.email);
      await queueResetLink(realm, { id: user.id, email: user.email }, actor, origin, true);
    },
  };
}

export type PasswordReset = ReturnType<typeof createPasswordReset>;
