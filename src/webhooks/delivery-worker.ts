import type { Kysely } from 'kysely';
import { systemActor, type EventLog } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import { firstCharacters, oneLine, storable } from '../platform/display-text.ts';
import type { InvalidationPublisher } from '../platform/invalidation-bus.ts';
import type { Logger } from '../platform/logger.ts';
import { createQueueLoop, throttledFaults } from '../platform/poll-loop.ts';
import { safePost, type SafePostAnswer } from '../platform/safe-post.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import type { Schema } from '../storage/schema.ts';
import type { AttemptOutcome, ClaimedDelivery, DeliveryClaim, DeliveryStore } from './delivery-store.ts';
import { signedHeaders } from './signing.ts';
import { endpointOf } from './webhook.ts';
import { webhookStore, type WebhookTarget } from './webhook-store.ts';

/**
 * Sends the outbox (src/webhooks/outbox.ts). Runs in every server process: it polls, claims due
 * deliveries with a lease (src/webhooks/delivery-store.ts: no delivery is claimed twice, on one
 * instance or many), signs each per Standard Webhooks and POSTs it through safePost (public
 * addresses only, no redirects, 10 s, a bounded read of the answer). A 2xx is success; anything
 * else is retried on RETRY_DELAYS_MS with jitter — over a day — then the delivery is `failed`.
 * `410 Gone` switches the webhook off at once; so do 3 days of failures with no success between;
 * either records `webhook.disabled` for the realm's operators. Nothing here throws into a request.
 */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** Each wait grows by up to this share, so endpoints that failed together are not retried together. */
export const JITTER = 0.2;
export const FAILING_DISABLE_MS = 3 * 24 * 3_600_000;
export const TIMEOUT_MS = 10_000;
/** Longer than a send can take, so a live worker never loses its claim. */
export const LEASE_MS = 20_000;
const MAX_RESPONSE_BYTES = 1024;
const BATCH_SIZE = 20;

export interface DeliveryWorkerDeps {
  db: Kysely<Schema>;
  store: DeliveryStore;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  events: Pick<EventLog, 'record'>;
  secretBox: SecretBox;
  invalidation?: InvalidationPublisher;
  /** Plain http to loopback endpoints (development and tests only). */
  allowLoopback: boolean;
  pollMs: number;
}

/** The wait after the n-th failed attempt (n from 1), with its jitter. */
export function retryDelay(attempts: number): number {
  const base = RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1];
  return Math.round(base * (1 + JITTER * Math.random()));
}

/** Words for operators, from the endpoint or the network: one line, storable, bounded. */
const excerpt = (text: string, max: number): string => firstCharacters(oneLine(storable(text)), max);

export function createDeliveryWorker(deps: DeliveryWorkerDeps) {
  const { db, store, clock, logger } = deps;
  const reportFault = throttledFaults((error) => logger.error({ err: error }, 'the webhook worker could not process the outbox'));

  function secretsOf(hook: WebhookTarget, now: number): string[] {
    const secrets = [deps.secretBox.open(hook.secretSealed)];
    if (hook.previousSecretSealed && hook.previousSecretExpiresAt !== null && hook.previousSecretExpiresAt > now) secrets.push(deps.secretBox.open(hook.previousSecretSealed));
    return secrets;
  }

  async function disable(hook: WebhookTarget, reason: 'gone' | 'failing', detail: Record<string, unknown>): Promise<void> {
    const done = await db.transaction().execute(async (trx) => {
      if (!(await webhookStore.disable(trx, hook.realmId, hook.id, reason, clock.now()))) return false;
      await deps.events.record(trx, { realmId: hook.realmId, type: 'webhook.disabled', actor: systemActor, details: { webhook_id: hook.id, endpoint: endpointOf(hook.url), reason, ...detail } });
      return true;
    });
    if (!done) return;
    logger.warn({ webhook_id: hook.id, realm_id: hook.realmId, reason }, 'a webhook was switched off');
    await deps.invalidation?.publish({ realmId: hook.realmId });
  }

  async function failed(row: ClaimedDelivery, hook: WebhookTarget, claim: DeliveryClaim, outcome: AttemptOutcome): Promise<void> {
    if (outcome.responseStatus === 410) {
      // Only the worker that still holds the claim acts on its answer.
      if (await store.markFailed(db, claim, outcome)) await disable(hook, 'gone', { delivery_id: row.id });
      return;
    }
    const moved = row.attempts < MAX_ATTEMPTS ? await store.markRetry(db, claim, outcome, outcome.at + retryDelay(row.attempts)) : await store.markFailed(db, claim, outcome);
    if (!moved) return;
    const since = await webhookStore.noteFailure(db, hook.realmId, hook.id, outcome.at);
    if (since !== undefined && outcome.at - since >= FAILING_DISABLE_MS) await disable(hook, 'failing', { failing_since: new Date(since).toISOString() });
  }

  async function deliver(row: ClaimedDelivery, hook: WebhookTarget | undefined): Promise<void> {
    const claim = { id: row.id, attempts: row.attempts };
    try {
      if (!hook) return await store.drop(db, claim);
      const at = clock.now();
      let answer: SafePostAnswer | undefined;
      let error: string | null = null;
      try {
        const headers = { ...signedHeaders(secretsOf(hook, at), row.message_id, new Date(at), row.payload), 'user-agent': 'Keyrealm-Webhooks/1' };
        answer = await safePost(hook.url, { headers, body: row.payload, timeoutMs: TIMEOUT_MS, maxResponseBytes: MAX_RESPONSE_BYTES, allowLoopback: deps.allowLoopback });
      } catch (cause) {
        error = excerpt(cause instanceof Error ? cause.message : String(cause), 500) || 'the request failed';
      }
      const outcome = { at: clock.now(), responseStatus: answer?.status ?? null, responseExcerpt: answer ? excerpt(answer.body, 500) : null, error };
      if (answer && answer.status >= 200 && answer.status < 300) {
        if (await store.markSucceeded(db, claim, outcome)) await webhookStore.noteSuccess(db, hook.realmId, hook.id);
        return;
      }
      await failed(row, hook, claim, outcome);
    } catch (fault) {
      reportFault(fault);
    }
  }

  async function send(batch: ClaimedDelivery[]): Promise<void> {
    const hooks = new Map((await webhookStore.findMany(db, [...new Set(batch.map((row) => row.webhook_id))])).map((hook) => [`${hook.realmId}/${hook.id}`, hook]));
    await Promise.all(batch.map((row) => deliver(row, hooks.get(`${row.realm_id}/${row.webhook_id}`))));
  }

  const loop = createQueueLoop(
    { anyDue: (now) => store.anyDue(db, now), claim: (now) => store.claimDue(db, now, LEASE_MS, BATCH_SIZE), send },
    { now: () => clock.now(), pollMs: deps.pollMs, onFault: reportFault },
  );

  return {
    start: loop.start,

    /** Look at the outbox soon: a request just queued a delivery, to be seen once its transaction commits. */
    wake(): void {
      setTimeout(loop.wake, 20).unref();
    },

    /** Sends everything due now; resolves with how many attempts it made (tests, shutdown). */
    drain: loop.drain,

    stop: loop.stop,
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
