import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Realm } from '../realms/realm.ts';
import type { AccountUsers } from './account-users.ts';
import type { AccountMailer } from './account-mail.ts';
import type { AccountThrottle } from './account-throttle.ts';
import type { AccountTokens } from './account-tokens.ts';
import { invalidAccountToken } from './account-tokens.ts';
import type { Background } from '../platform/background.ts';
import type { VerificationMail } from './verification-mail.ts';
import type { Kysely } from 'kysely';
import type { Schema } from '../storage/schema.ts';
import { AppError } from '../errors.ts';
import { sameAddress } from '../users/identifiers.ts';

/**
 * Proving an email address: the link's token marks the address verified, once, and only while the
 * user still has the address it was sent to. Resending answers the same whether or not the address
 * belongs to anyone; the work happens after the answer.
 */
export interface EmailVerificationDeps {
  db: Kysely<Schema>;
  events: EventLog;
  tokens: AccountTokens;
  users: AccountUsers;
  verificationMail: VerificationMail;
  mailer: Pick<AccountMailer, 'wake'>;
  background: Background;
  throttle: AccountThrottle;
}


export function createEmailVerification(deps: EmailVerificationDeps) {
  const { db, events, tokens, users, verificationMail, mailer, background } = deps;

  return {
    async verify(realm: Realm, token: string, origin: RequestOrigin): Promise<void> {
      await deps.throttle.enforce(realm.id, 'token', origin);
      const pending = await tokens.peek(db, realm.id, 'verify_email', token);
      const self: Actor = { type: 'user', id: pending.subject };
      await users.applyChange(realm, pending.subject, self, origin, async (current, trx) => {
        await tokens.consume(trx, realm.id, 'verify_email', token);
        if (!sameAddress(current.email, pending.payload?.email ?? '')) throw invalidAccountToken();
        if (current.email_verified) return undefined;
        return { fields: { email_verified: true }, event: 'user.email_verified', details: { method: 'link' } };
      });
    },

    /** Always the same answer; a live, unverified account with this address gets a new link. */
    async resend(realm: Realm, email: string, origin: RequestOrigin): Promise<void> {
      await deps.throttle.enforce(realm.id, 'recovery', origin, email);
      background.run('resend verification', async () => {
        const user = await users.findForSignIn(realm.id, email);
        if (!user || !sameAddress(user.email, email) || user.email_verified || user.state !== 'active') return;
        const address = user.email as string;
        if (!(await deps.throttle.mayMessage(realm.id, address))) return;
        await db.transaction().execute((trx) => verificationMail.queue(trx, realm, { id: user.id, email: address }));
        mailer.wake();
      });
    },

    /** An operator sends the verification message again. */
    async sendByOperator(realm: Realm, userId: string, actor: Actor, origin: RequestOrigin): Promise<void> {
      const user = await users.get(realm, userId);
      if (user.email === null) throw new AppError('user.no_email', `User ${userId} has no email address.`);
      if (user.email_verified) throw new AppError('user.email_already_verified', `User ${userId}'s email is already verified.`);
      const address = user.email;
      await deps.throttle.enforceMessageTo(realm.id, address);
      await db.transaction().execute(async (trx) => {
        await verificationMail.queue(trx, realm, { id: user.id, email: address });
        await events.record(trx, { realmId: realm.id, type: 'user.verification_sent', actor, userId, origin, details: {} });
      });
      mailer.wake();
    },
  };
}

export type EmailVerification = ReturnType<typeof createEmailVerification>;
