import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import { messageStore } from './message-store.ts';
import { channelOf, type MessageType } from './message-types.ts';
import { completeVariables, userNameOf } from './message-variables.ts';
import type { Variables } from './templates.ts';

export interface NewMessage {
  realm: Realm;
  type: MessageType;
  to: string;
  /** The user the message is about, when there is one (shown to operators, used for the greeting). */
  userId: string | null;
  /** The type's own variables (see src/mail/message-types.ts); the common ones are added here. */
  variables: Variables;
}

/**
 * The outgoing mail queue. `enqueue` writes the message in the caller's transaction, so it exists
 * if and only if the change that caused it commits; the mail worker sends it later. After the
 * commit, `wake()` has the worker look at once instead of at its next poll.
 */
export function createMessageQueue(deps: { clock: Clock; secretBox: SecretBox }) {
  const { clock, secretBox } = deps;
  const listeners = new Set<() => void>();

  return {
    async enqueue(trx: Kysely<Schema>, message: NewMessage): Promise<string> {
      if (channelOf(message.type) !== 'email') throw new Error(`message ${message.type}: an SMS type, queued with the SMS queue (src/sms/sms-queue.ts)`);
      if (!/^[^\s@]+@[^\s@]+$/.test(message.to)) throw new Error(`message ${message.type}: the recipient is not an email address`);
      const now = clock.now();
      const name = message.userId === null ? null : await userNameOf(trx, message.realm.id, message.userId, message.to);
      const variables = completeVariables(message.type, message.realm, { email: message.to, name }, now, message.variables);
      // Links and codes are secrets: at rest only sealed under the master key.
      return messageStore.insertPending(trx, {
        realmId: message.realm.id,
        type: message.type,
        channel: 'email',
        to: message.to,
        userId: message.userId,
        sealedVariables: secretBox.seal(JSON.stringify(variables)),
        now,
      });
    },

    /** Cheap and safe to call any time; call it after the transaction that queued messages commits. */
    wake(): void {
      for (const listener of listeners) listener();
    },

    /** The mail worker listens here; returns the function that stops listening. */
    onWake(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type MessageQueue = ReturnType<typeof createMessageQueue>;
