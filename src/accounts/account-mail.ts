import type { Kysely } from 'kysely';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import type { User } from '../users/user.ts';

/**
 * What the account flows need from the mail module: queue a message inside the transaction of the
 * change that causes it, and nudge the worker once that transaction has committed.
 */
export type AccountMessageType = 'verify_email' | 'password_reset' | 'password_changed' | 'registration_attempt';

export interface AccountMailer {
  enqueue(
    trx: Kysely<Schema>,
    message: { realm: Realm; type: AccountMessageType; to: string; userId: string | null; variables: Record<string, string | number> },
  ): Promise<string>;
  wake(): void;
}

export type LinkKind = 'verify_email' | 'reset_password';

/**
 * Where a link in a message leads: the realm's own page when it names one (with `{{token}}` in
 * it), else this server's page for the realm. The token travels in the query string, which the
 * server's logs never record.
 */
export function accountLink(publicUrl: string, realm: Realm, kind: LinkKind, token: string): string {
  const custom = kind === 'verify_email' ? realm.email.verify_email_url : realm.email.reset_password_url;
  const encoded = encodeURIComponent(token);
  if (custom !== null) return custom.replaceAll('{{token}}', encoded);
  const page = kind === 'verify_email' ? 'verify-email' : 'reset-password';
  return `${publicUrl.replace(/\/+$/, '')}/realms/${realm.slug}/pages/${page}?token=${encoded}`;
}

/** Whole minutes a link lasts, as the messages say it. */
export const minutesUntil = (expiresAt: number, now: number) => Math.max(1, Math.round((expiresAt - now) / 60_000));

/** The recipient of an account message: only users with an email get one. */
export function mailable(user: Pick<User, 'email'>): user is { email: string } {
  return user.email !== null;
}
