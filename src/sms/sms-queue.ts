import type { Kysely } from 'kysely';
import { messageStore } from '../mail/message-store.ts';
import { channelOf, type SmsMessageType } from '../mail/message-types.ts';
import { completeVariables, userNameOf } from '../mail/message-variables.ts';
import type { Variables } from '../mail/templates.ts';
import type { Clock } from '../platform/clock.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import { normalizeMobile } from '../users/identifiers.ts';

export interface NewSms {
  realm: Realm;
  type: SmsMessageType;
  /** An E.164 phone number (a user's `mobile` is one). */
  to: string;
  /** The user the message is about, when there is one (shown to operators, and their name and email fill the common variables). */
  userId: string | null;
  /** The type's own variables (see src/mail/message-types.ts); the common ones are added here. */
  variables: Variables;
}

/**
 * The SMS queue. SMS share the mail queue's table and worker (channel `sms`): `enqueue` writes the
 * message in the caller's transaction, sealed like an email's variables; after the commit,
 * `wake()` has the worker send it at once. The worker renders the type's text template and hands
 * it to the configured SmsSender, retrying as it does email (docs/sms.md). Same shape as the mail
 * queue's `enqueue`/`wake`, so a flow can take either.
 */
export function createSmsQueue(deps: { clock: Clock; secretBox: SecretBox; wake: () => void }) {
  const { clock, secretBox } = deps;

  return {
    async enqueue(trx: Kysely<Schema>, sms: NewSms): Promise<string> {
      if (channelOf(sms.type) !== 'sms') throw new Error(`message ${sms.type}: not an SMS type`);
      // A programming error, like a bad email address for the mail queue: callers pass a stored, normalised mobile.
      if (normalizeMobile(sms.to) !== sms.to) throw new Error(`message ${sms.type}: the recipient is not an E.164 phone number`);
      const now = clock.now();
      const user = sms.userId === null ? undefined : await userOf(trx, sms.realm.id, sms.userId, sms.to);
      const variables = completeVariables(sms.type, sms.realm, { email: user?.email ?? '', name: user?.name ?? null }, now, sms.variables);
      // Codes are secrets: at rest only sealed under the master key, wiped once sent.
      return messageStore.insertPending(trx, {
        realmId: sms.realm.id,
        type: sms.type,
        channel: 'sms',
        to: sms.to,
        userId: sms.userId,
        sealedVariables: secretBox.seal(JSON.stringify(variables)),
        now,
      });
    },

    /** Cheap and safe to call any time; call it after the transaction that queued messages commits. */
    wake(): void {
      deps.wake();
    },
  };
}

async function userOf(trx: Kysely<Schema>, realmId: string, userId: string, sentTo: string): Promise<{ email: string | null; name: string | null }> {
  const row = await trx.selectFrom('users').select('email').where('realm_id', '=', realmId).where('id', '=', userId).executeTakeFirst();
  return { email: row?.email ?? null, name: await userNameOf(trx, realmId, userId, sentTo) };
}

export type SmsQueue = ReturnType<typeof createSmsQueue>;
