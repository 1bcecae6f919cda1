import type { ExpressionBuilder, Kysely } from 'kysely';
import { newId } from '../platform/ids.ts';
import { paginate, type Page, type PageRequest } from '../storage/pagination.ts';
import type { MessageChannel, MessageRow, MessageStatus, Schema } from '../storage/schema.ts';

/**
 * The messages table. Every call that reads or changes one message takes its realm id, except the
 * worker's, which work over the whole queue. A worker's claim is fenced by the attempt number it
 * set: once a lease lapses and another worker claims the message, the first one's writes match no row.
 */
export interface Claim {
  id: string;
  attempts: number;
}

export type MessageSummary = Omit<MessageRow, 'sealed_variables'>;

export interface MessageFilter {
  status?: MessageStatus;
  channel?: MessageChannel;
  type?: string;
  to?: string;
  userId?: string;
}

const summaryColumns = [
  'id',
  'realm_id',
  'type',
  'channel',
  'recipient',
  'user_id',
  'status',
  'attempts',
  'next_attempt_at',
  'lease_until',
  'last_error',
  'created_at',
  'sent_at',
  'updated_at',
] as const;

/** Pending and due, or claimed by a worker whose lease has lapsed (it crashed or stalled). */
function due(now: number) {
  return (eb: ExpressionBuilder<Schema, 'messages'>) =>
    eb.and([
      eb('next_attempt_at', '<=', now),
      eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)])]),
    ]);
}

const claimed = (claim: Claim) => (eb: ExpressionBuilder<Schema, 'messages'>) =>
  eb.and([eb('id', '=', claim.id), eb('status', '=', 'sending'), eb('attempts', '=', claim.attempts)]);

export const messageStore = {
  async insert(trx: Kysely<Schema>, row: MessageRow): Promise<void> {
    await trx.insertInto('messages').values(row).execute();
  },

  /** A new message, due at once, with its variables already sealed; returns its id. Both queues (email, SMS) write through here. */
  async insertPending(
    trx: Kysely<Schema>,
    message: { realmId: string; type: string; channel: MessageRow['channel']; to: string; userId: string | null; sealedVariables: string; now: number },
  ): Promise<string> {
    const id = newId('msg');
    const { now } = message;
    await messageStore.insert(trx, {
      id,
      realm_id: message.realmId,
      type: message.type,
      channel: message.channel,
      recipient: message.to,
      user_id: message.userId,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      lease_until: null,
      last_error: null,
      sealed_variables: message.sealedVariables,
      created_at: now,
      sent_at: null,
      updated_at: now,
    });
    return id;
  },

  async anyDue(db: Kysely<Schema>, now: number): Promise<boolean> {
    const row = await db.selectFrom('messages').select('id').where(due(now)).limit(1).executeTakeFirst();
    return row !== undefined;
  },

  /**
   * Claims up to `limit` due messages in one conditional UPDATE: each becomes `sending` with a
   * lease and one more attempt. The condition is checked again on every row the statement changes
   * (PostgreSQL re-reads a row another transaction just changed; SQLite runs writers one at a
   * time), so two workers never claim the same message.
   */
  async claimDue(db: Kysely<Schema>, now: number, leaseMs: number, limit: number): Promise<MessageRow[]> {
    return db
      .updateTable('messages')
      .set((eb) => ({ status: 'sending', lease_until: now + leaseMs, attempts: eb('attempts', '+', 1), updated_at: now }))
      .where('id', 'in', db.selectFrom('messages').select('id').where(due(now)).orderBy('next_attempt_at').limit(limit))
      .where(due(now))
      .returningAll()
      .execute();
  },

  /** Keeps the claim while its worker is still sending; false once the claim is no longer this worker's. */
  async extendLease(db: Kysely<Schema>, claim: Claim, leaseUntil: number): Promise<boolean> {
    const result = await db.updateTable('messages').set({ lease_until: leaseUntil }).where(claimed(claim)).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  async markSent(db: Kysely<Schema>, claim: Claim, now: number, wipedVariables: string): Promise<boolean> {
    const result = await db
      .updateTable('messages')
      .set({ status: 'sent', sent_at: now, lease_until: null, sealed_variables: wipedVariables, updated_at: now })
      .where(claimed(claim))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  async markRetry(db: Kysely<Schema>, claim: Claim, now: number, nextAttemptAt: number, error: string): Promise<boolean> {
    const result = await db
      .updateTable('messages')
      .set({ status: 'pending', next_attempt_at: nextAttemptAt, lease_until: null, last_error: error, updated_at: now })
      .where(claimed(claim))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  async markFailed(trx: Kysely<Schema>, claim: Claim, now: number, error: string, keptVariables: string): Promise<boolean> {
    const result = await trx
      .updateTable('messages')
      .set({ status: 'failed', lease_until: null, last_error: error, sealed_variables: keptVariables, updated_at: now })
      .where(claimed(claim))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  async find(db: Kysely<Schema>, realmId: string, id: string): Promise<MessageRow | undefined> {
    return db.selectFrom('messages').selectAll().where('realm_id', '=', realmId).where('id', '=', id).executeTakeFirst();
  },

  /** A failed message back in the queue, due now, with a fresh round of attempts. */
  async requeue(db: Kysely<Schema>, realmId: string, id: string, now: number): Promise<MessageSummary | undefined> {
    return db
      .updateTable('messages')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now, updated_at: now })
      .where('realm_id', '=', realmId)
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .returning(summaryColumns)
      .executeTakeFirst();
  },

  /** One realm's messages, newest first. */
  async list(db: Kysely<Schema>, realmId: string, filter: MessageFilter, page: PageRequest): Promise<Page<MessageSummary>> {
    let query = db.selectFrom('messages').select(summaryColumns).where('realm_id', '=', realmId);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.channel) query = query.where('channel', '=', filter.channel);
    if (filter.type) query = query.where('type', '=', filter.type);
    if (filter.to) query = query.where('recipient', '=', filter.to);
    if (filter.userId) query = query.where('user_id', '=', filter.userId);
    return paginate(query, { column: 'created_at', direction: 'desc' }, page, (row) => row, (row) => row.created_at, (row) => row.id);
  },
};
