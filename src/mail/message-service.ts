import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Clock } from '../platform/clock.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import type { Realm } from '../realms/realm.ts';
import type { Page, PageRequest } from '../storage/pagination.ts';
import type { MessageChannel, MessageStatus, Schema } from '../storage/schema.ts';
import { messageStore, type MessageFilter, type MessageSummary } from './message-store.ts';
import { isMessageType, secretVariablesOf } from './message-types.ts';

/** A queued or sent message as operators see it: never its body or variables. */
export interface MessageView {
  id: string;
  type: string;
  channel: MessageChannel;
  /** An email address, or a phone number for SMS. */
  to: string;
  user_id: string | null;
  status: MessageStatus;
  attempts: number;
  last_error: string | null;
  /** When the worker tries next; null unless pending. */
  next_attempt_at: string | null;
  created_at: string;
  sent_at: string | null;
}

const iso = (at: number) => new Date(at).toISOString();

function viewOf(row: MessageSummary): MessageView {
  return {
    id: row.id,
    type: row.type,
    channel: row.channel,
    to: row.recipient,
    user_id: row.user_id,
    status: row.status,
    attempts: row.attempts,
    last_error: row.last_error,
    next_attempt_at: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    created_at: iso(row.created_at),
    sent_at: row.sent_at === null ? null : iso(row.sent_at),
  };
}

/** The operators' view of one realm's mail queue. */
export function createMessageService(deps: { db: Kysely<Schema>; clock: Clock; secretBox: SecretBox }) {
  const { db, clock, secretBox } = deps;

  async function find(realm: Realm, id: string) {
    const row = await messageStore.find(db, realm.id, id);
    if (!row) throw new AppError('message.not_found', `No message ${id} in this realm.`);
    return row;
  }

  return {
    async list(realm: Realm, filter: MessageFilter, page: PageRequest): Promise<Page<MessageView>> {
      const found = await messageStore.list(db, realm.id, filter, page);
      return { items: found.items.map(viewOf), next_cursor: found.next_cursor };
    },

    async get(realm: Realm, id: string): Promise<MessageView> {
      return viewOf(await find(realm, id));
    },

    /**
     * Puts a failed message back in the queue, due now, with a fresh round of attempts. A message
     * whose link or code was discarded when it gave up cannot be sent again: the user asks anew.
     */
    async retry(realm: Realm, id: string): Promise<MessageView> {
      const row = await find(realm, id);
      if (row.status !== 'failed') {
        throw new AppError('message.not_retryable', `Only a failed message can be retried; this one is ${row.status}.`);
      }
      const kept = JSON.parse(secretBox.open(row.sealed_variables)) as Record<string, unknown>;
      const secrets = isMessageType(row.type) ? secretVariablesOf(row.type) : [];
      if (secrets.some((name) => !Object.hasOwn(kept, name))) {
        throw new AppError(
          'message.not_retryable',
          `Its ${secrets.join(' and ')} was discarded when it failed (links and codes never outlive their message); have the user ask for a new one.`,
        );
      }
      const requeued = await messageStore.requeue(db, realm.id, id, clock.now());
      // Another request retried it at the same moment: answer with its state now.
      return viewOf(requeued ?? (await find(realm, id)));
    },
  };
}

export type MessageService = ReturnType<typeof createMessageService>;
