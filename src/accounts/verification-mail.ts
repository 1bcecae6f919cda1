import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import { accountLink, minutesUntil, type AccountMailer } from './account-mail.ts';
import type { AccountTokens } from './account-tokens.ts';

const HOUR_MS = 3_600_000;

/**
 * Issues a verification token for the user's current address and queues the message carrying it,
 * inside the caller's transaction: on sign-up, on an email change, on resend and for operators.
 */
export function createVerificationMail(deps: { clock: Clock; tokens: AccountTokens; mailer: AccountMailer; publicUrl: string }) {
  const { clock, tokens, mailer, publicUrl } = deps;
  return {
    async queue(trx: Kysely<Schema>, realm: Realm, user: { id: string; email: string }): Promise<void> {
      const issued = await tokens.issue(trx, realm.id, 'verify_email', user.id, user.email, realm.tokens.verification_token_hours * HOUR_MS);
      await mailer.enqueue(trx, {
        realm,
        type: 'verify_email',
        to: user.email,
        userId: user.id,
        variables: { link: accountLink(publicUrl, realm, 'verify_email', issued.token), expires_in_minutes: minutesUntil(issued.expiresAt, clock.now()) },
      });
    },
  };
}

export type VerificationMail = ReturnType<typeof createVerificationMail>;
