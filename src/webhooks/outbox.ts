import type { Kysely } from 'kysely';
import type { Event } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import { newId } from '../platform/ids.ts';
import { LruCache } from '../platform/lru-cache.ts';
import type { EventRow, Schema, WebhookDeliveryRow } from '../storage/schema.ts';
import { wants, type Webhook } from './webhook.ts';
import { webhookStore } from './webhook-store.ts';

/**
 * The transactional outbox: every event the log records is, in the same transaction, queued for
 * each of the realm's enabled webhooks that wants its type. So a change that rolls back sends
 * nothing, and a change that commits is delivered even if the process dies the next instant (the
 * delivery worker of any instance sends it; src/webhooks/delivery-worker.ts).
 *
 * Which webhooks a realm has is kept per process for a few seconds, so an event of a realm without
 * webhooks costs no query. A webhook change drops the realm's entry in every process (the realm's
 * invalidation message). Every transaction that changes webhooks records a `webhook.*` event, and
 * for those the webhooks are read in the transaction but never kept: what a transaction that may
 * still roll back sees must not outlive it.
 */
const FRESH_MS = 10_000;
const MAX_REALMS = 10_000;

export interface OutboxDeps {
  clock: Clock;
  /** False while invalidation messages could be missed: read every time then. */
  listening: () => boolean;
}

/** A delivery row, due now: for an event, or for a test message. */
export function newDelivery(hook: Pick<Webhook, 'id' | 'realmId'>, message: { id: string; type: string; orderKey: string | null; payload: string }, now: number): Omit<WebhookDeliveryRow, 'seq'> {
  return {
    id: newId('whd'),
    realm_id: hook.realmId,
    webhook_id: hook.id,
    message_id: message.id,
    event_type: message.type,
    order_key: message.orderKey,
    payload: message.payload,
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    lease_until: null,
    last_attempt_at: null,
    response_status: null,
    response_excerpt: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  };
}

/** The body every delivery carries: the Standard Webhooks envelope around the event as GET …/events shows it. */
export function payloadOf(type: string, at: string, data: unknown): string {
  return JSON.stringify({ type, timestamp: at, data });
}

export function createWebhookOutbox(deps: OutboxDeps) {
  const known = new LruCache<string, { at: number; hooks: Webhook[] }>(MAX_REALMS);
  const listeners = new Set<() => void>();
  const queued = () => {
    for (const listener of listeners) listener();
  };

  // Bumped by every forget/clear: a read that began before one must not be kept after it (it may
  // predate the change that caused it).
  let generation = 0;

  /** `inTransaction`: what this transaction sees (its own webhook changes included), neither read from nor kept in the cache. */
  async function subscribers(trx: Kysely<Schema>, realmId: string, inTransaction: boolean): Promise<Webhook[]> {
    if (inTransaction) return webhookStore.enabled(trx, realmId);
    const entry = known.get(realmId);
    if (entry && deps.clock.now() - entry.at < FRESH_MS) return entry.hooks;
    const readAt = generation;
    const hooks = await webhookStore.enabled(trx, realmId);
    if (deps.listening() && readAt === generation) known.set(realmId, { at: deps.clock.now(), hooks });
    return hooks;
  }

  return {
    /** In the event's own transaction (src/events/event-log.ts calls it for every event). */
    async fanOut(trx: Kysely<Schema>, row: EventRow, eventOf: () => Event): Promise<void> {
      const changesWebhooks = row.type.startsWith('webhook.');
      const hooks = (await subscribers(trx, row.realm_id, changesWebhooks)).filter((hook) => wants(hook.eventTypes, row.type));
      if (hooks.length === 0) return;
      const now = deps.clock.now();
      const event = eventOf();
      const message = { id: event.id, type: event.type, orderKey: event.user_id, payload: payloadOf(event.type, event.at, event) };
      await trx.insertInto('webhook_deliveries').values(hooks.map((hook) => newDelivery(hook, message, now))).execute();
      queued();
    },

    /** Tells the delivery worker something was queued (it looks a moment later, after the commit). */
    queued,

    /** The delivery worker listens here; returns the function that stops listening. */
    onQueued(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** A webhook of the realm changed (its invalidation message, from any process). */
    forget(realmId: string): void {
      generation += 1;
      known.delete(realmId);
    },

    clear(): void {
      generation += 1;
      known.clear();
    },
  };
}

export type WebhookOutbox = ReturnType<typeof createWebhookOutbox>;
