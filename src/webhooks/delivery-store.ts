import { sql, type Kysely, type Selectable } from 'kysely';
import type { DialectName } from '../storage/database.ts';
import { paginate, type Page, type PageRequest } from '../storage/pagination.ts';
import type { Schema, WebhookDeliveryRow, WebhookDeliveryStatus } from '../storage/schema.ts';

/**
 * The webhook_deliveries table (the outbox). Calls about one realm's deliveries take its realm id;
 * the worker's claim works over the whole queue. A claim is fenced by the attempt number it set:
 * once a lease lapses and another worker claims the delivery, the first one's writes match no row.
 */
export interface DeliveryClaim {
  id: string;
  attempts: number;
}

export type DeliverySummary = Omit<WebhookDeliveryRow, 'seq'>;
/** A delivery as lists show it: without its payload (up to a whole event each), read only for one delivery. */
export type DeliveryListing = Omit<DeliverySummary, 'payload'>;

const LISTED_COLUMNS = ['id', 'realm_id', 'webhook_id', 'message_id', 'event_type', 'order_key', 'status', 'attempts', 'next_attempt_at', 'lease_until', 'last_attempt_at', 'response_status', 'response_excerpt', 'last_error', 'created_at', 'updated_at'] as const satisfies readonly (keyof DeliveryListing)[];
export type ClaimedDelivery = Selectable<WebhookDeliveryRow>;

/** How one attempt ended, as the delivery keeps it. */
export interface AttemptOutcome {
  at: number;
  responseStatus: number | null;
  responseExcerpt: string | null;
  error: string | null;
}

/**
 * The due deliveries of enabled webhooks, oldest first, that no earlier unfinished delivery of the
 * same webhook and user holds back: one user's events reach an endpoint in order, while a failing
 * delivery for one user does not hold up the others'.
 */
function dueQuery(now: number, limit: number) {
  return sql<{ seq: number }>`
    select d.seq from webhook_deliveries d
    join webhooks w on w.realm_id = d.realm_id and w.id = d.webhook_id and w.enabled = ${true}
    where d.next_attempt_at <= ${now}
      and (d.status = 'pending' or (d.status = 'sending' and d.lease_until <= ${now}))
      and (d.order_key is null or not exists (
        select 1 from webhook_deliveries e
        where e.webhook_id = d.webhook_id and e.order_key = d.order_key and e.seq < d.seq
          and e.status in ('pending', 'sending')))
    order by d.seq
    limit ${limit}`;
}

const claimed = (claim: DeliveryClaim) => sql<boolean>`id = ${claim.id} and status = 'sending' and attempts = ${claim.attempts}`;

export function deliveryStore(dialect: DialectName) {
  return {
    async anyDue(db: Kysely<Schema>, now: number): Promise<boolean> {
      const rows = await dueQuery(now, 1).execute(db);
      return rows.rows.length > 0;
    },

    /**
     * Claims up to `limit` due deliveries: each becomes `sending` with a lease and one more attempt.
     * On PostgreSQL the candidates are locked with SKIP LOCKED, so instances polling together take
     * different deliveries; SQLite runs one writer at a time. The due condition is checked again
     * in the UPDATE, so no delivery is ever claimed twice.
     */
    async claimDue(db: Kysely<Schema>, now: number, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
      const lock = dialect === 'postgres' ? sql`for update of d skip locked` : sql``;
      const result = await sql<ClaimedDelivery>`
        update webhook_deliveries
        set status = 'sending', lease_until = ${now + leaseMs}, attempts = attempts + 1, updated_at = ${now}
        where seq in (${dueQuery(now, limit)} ${lock})
          and next_attempt_at <= ${now}
          and (status = 'pending' or (status = 'sending' and lease_until <= ${now}))
        returning *`.execute(db);
      return result.rows.map((row) => ({ ...row, seq: Number(row.seq), attempts: Number(row.attempts) }));
    },

    async markSucceeded(db: Kysely<Schema>, claim: DeliveryClaim, outcome: AttemptOutcome): Promise<boolean> {
      return finish(db, claim, outcome, { status: 'succeeded' });
    },

    async markRetry(db: Kysely<Schema>, claim: DeliveryClaim, outcome: AttemptOutcome, nextAttemptAt: number): Promise<boolean> {
      return finish(db, claim, outcome, { status: 'pending', next_attempt_at: nextAttemptAt });
    },

    async markFailed(db: Kysely<Schema>, claim: DeliveryClaim, outcome: AttemptOutcome): Promise<boolean> {
      return finish(db, claim, outcome, { status: 'failed' });
    },

    /** A delivery whose webhook no longer exists (deleted while the event was being recorded). */
    async drop(db: Kysely<Schema>, claim: DeliveryClaim): Promise<void> {
      await db.deleteFrom('webhook_deliveries').where(claimed(claim)).execute();
    },

    async find(db: Kysely<Schema>, realmId: string, webhookId: string, id: string): Promise<DeliverySummary | undefined> {
      return db.selectFrom('webhook_deliveries').selectAll().where('realm_id', '=', realmId).where('webhook_id', '=', webhookId).where('id', '=', id).executeTakeFirst();
    },

    /** One webhook's deliveries, newest first. */
    async list(db: Kysely<Schema>, realmId: string, webhookId: string, filter: { status?: WebhookDeliveryStatus }, page: PageRequest): Promise<Page<DeliveryListing>> {
      let query = db.selectFrom('webhook_deliveries').select(LISTED_COLUMNS).where('realm_id', '=', realmId).where('webhook_id', '=', webhookId);
      if (filter.status) query = query.where('status', '=', filter.status);
      return paginate(query, { column: 'created_at', direction: 'desc' }, page, (row) => row, (row) => row.created_at, (row) => row.id);
    },

    /** A finished delivery sent again: due now, with a fresh round of attempts. Undefined while one is under way. */
    async requeue(db: Kysely<Schema>, realmId: string, webhookId: string, id: string, now: number): Promise<DeliverySummary | undefined> {
      return db
        .updateTable('webhook_deliveries')
        .set({ status: 'pending', attempts: 0, next_attempt_at: now, lease_until: null, updated_at: now })
        .where('realm_id', '=', realmId)
        .where('webhook_id', '=', webhookId)
        .where('id', '=', id)
        .where('status', 'in', ['succeeded', 'failed'])
        .returningAll()
        .executeTakeFirst();
    },

    async insert(trx: Kysely<Schema>, row: Omit<WebhookDeliveryRow, 'seq'>): Promise<void> {
      await trx.insertInto('webhook_deliveries').values(row).execute();
    },
  };

  async function finish(db: Kysely<Schema>, claim: DeliveryClaim, outcome: AttemptOutcome, next: { status: WebhookDeliveryStatus; next_attempt_at?: number }): Promise<boolean> {
    const result = await db
      .updateTable('webhook_deliveries')
      .set({
        ...next,
        lease_until: null,
        last_attempt_at: outcome.at,
        response_status: outcome.responseStatus,
        response_excerpt: outcome.responseExcerpt,
        last_error: outcome.error,
        updated_at: outcome.at,
      })
      .where(claimed(claim))
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}

export type DeliveryStore = ReturnType<typeof deliveryStore>;

/** How long finished deliveries stay listed for operators. */
export const DELIVERY_RETENTION_MS = 30 * 24 * 3_600_000;

/**
 * Housekeeping: finished deliveries older than the retention, and deliveries whose webhook is gone
 * (queued while it was being deleted). Answers how many rows went.
 */
export async function purgeDeliveries(db: Kysely<Schema>, now: number): Promise<number> {
  const old = await db
    .deleteFrom('webhook_deliveries')
    .where('status', 'in', ['succeeded', 'failed'])
    .where('updated_at', '<', now - DELIVERY_RETENTION_MS)
    .executeTakeFirst();
  const orphans = await db
    .deleteFrom('webhook_deliveries')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('webhooks').select('webhooks.id').whereRef('webhooks.realm_id', '=', 'webhook_deliveries.realm_id').whereRef('webhooks.id', '=', 'webhook_deliveries.webhook_id'))),
    )
    .executeTakeFirst();
  return Number(old.numDeletedRows + orphans.numDeletedRows);
}
