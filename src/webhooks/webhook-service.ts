import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import { newId } from '../platform/ids.ts';
import type { InvalidationPublisher } from '../platform/invalidation-bus.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import type { Realm } from '../realms/realm.ts';
import type { Page, PageRequest } from '../storage/pagination.ts';
import type { Schema, WebhookDeliveryStatus } from '../storage/schema.ts';
import type { DeliveryListing, DeliveryStore, DeliverySummary } from './delivery-store.ts';
import { newDelivery, payloadOf } from './outbox.ts';
import { newWebhookSecret } from './signing.ts';
import { checkEventTypes, checkUrl, endpointOf, TEST_EVENT_TYPE, webhookNotFound, type Webhook, type WebhookFields } from './webhook.ts';
import { webhookStore, type WebhookTarget } from './webhook-store.ts';

/**
 * A realm's webhooks: what operators do with them (src/http/routes/admin-webhooks.ts). A change and
 * its event are one transaction; after the commit the realm's invalidation message makes every
 * process read the realm's webhooks again (src/webhooks/outbox.ts). The secret is answered once,
 * when made (creation, rotation), and otherwise only stored sealed.
 */
export interface WebhookServiceDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  secretBox: SecretBox;
  deliveries: DeliveryStore;
  invalidation?: InvalidationPublisher;
  /** Whether endpoints may be plain http on a loopback address (development and tests). */
  allowLoopback: boolean;
  /** A delivery was queued outside an event (a test message, a retry): look at the outbox. */
  queued: () => void;
}

/** Each of a realm's webhooks gets a delivery per event it wants: their number is bounded. */
export const MAX_WEBHOOKS_PER_REALM = 50;

/** How long the secret before a rotation keeps signing beside the new one. */
export const PREVIOUS_SECRET_MS = 24 * 3_600_000;

export type WebhookInput = Partial<WebhookFields> & { url: string; eventTypes: string[] };

export function createWebhookService(deps: WebhookServiceDeps) {
  const { db, clock, events, secretBox } = deps;
  const realmChanged = (realmId: string) => deps.invalidation?.publish({ realmId });

  function settle(fields: WebhookFields): WebhookFields {
    checkUrl(fields.url, deps.allowLoopback);
    checkEventTypes(fields.eventTypes);
    return { ...fields, eventTypes: [...new Set(fields.eventTypes)] };
  }

  async function requireHook(trx: Kysely<Schema>, realm: Realm, id: string): Promise<WebhookTarget> {
    const hook = await webhookStore.find(trx, realm.id, id);
    if (!hook) throw webhookNotFound();
    return hook;
  }

  async function create(realm: Realm, input: WebhookInput, actor: Actor, origin: RequestOrigin): Promise<{ webhook: Webhook; secret: string }> {
    const fields = settle({ enabled: true, description: null, ...input });
    const secret = newWebhookSecret();
    const webhook = await db.transaction().execute(async (trx) => {
      if ((await webhookStore.count(trx, realm.id)) >= MAX_WEBHOOKS_PER_REALM) {
        throw new AppError('webhook.too_many', `A realm has at most ${MAX_WEBHOOKS_PER_REALM} webhooks; delete one first (one webhook can take many event types).`);
      }
      const created = await webhookStore.insert(trx, realm.id, newId('whk'), fields, secretBox.seal(secret), clock.now(), actor.id);
      await events.record(trx, { realmId: realm.id, type: 'webhook.created', actor, origin, details: { webhook_id: created.id, endpoint: endpointOf(created.url), event_types: created.eventTypes } });
      return created;
    });
    await realmChanged(realm.id);
    return { webhook, secret };
  }

  async function update(realm: Realm, id: string, changes: Partial<WebhookFields>, actor: Actor, origin: RequestOrigin): Promise<Webhook> {
    let changedAny = false;
    const webhook = await db.transaction().execute(async (trx) => {
      const current = await requireHook(trx, realm, id);
      const before: WebhookFields = { url: current.url, eventTypes: current.eventTypes, enabled: current.enabled, description: current.description };
      const after = settle({ ...before, ...changes });
      const changed = (Object.keys(after) as (keyof WebhookFields)[]).filter((key) => !isDeepStrictEqual(before[key], after[key]));
      if (changed.length === 0) return current;
      changedAny = true;
      await webhookStore.update(trx, current, after, clock.now(), actor.id);
      await events.record(trx, { realmId: realm.id, type: 'webhook.updated', actor, origin, details: { webhook_id: current.id, fields: changed.map(fieldName) } });
      return (await webhookStore.find(trx, realm.id, id))!;
    });
    if (changedAny) await realmChanged(realm.id);
    return webhook;
  }

  async function remove(realm: Realm, id: string, actor: Actor, origin: RequestOrigin): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const current = await requireHook(trx, realm, id);
      await webhookStore.remove(trx, realm.id, current.id);
      await events.record(trx, { realmId: realm.id, type: 'webhook.deleted', actor, origin, details: { webhook_id: current.id, endpoint: endpointOf(current.url) } });
    });
    await realmChanged(realm.id);
  }

  /** A new secret, answered once; the one it replaces keeps signing beside it for 24 hours. */
  async function rotateSecret(realm: Realm, id: string, actor: Actor, origin: RequestOrigin): Promise<{ webhook: Webhook; secret: string }> {
    const secret = newWebhookSecret();
    const webhook = await db.transaction().execute(async (trx) => {
      const current = await requireHook(trx, realm, id);
      const until = clock.now() + PREVIOUS_SECRET_MS;
      await webhookStore.rotateSecret(trx, current, secretBox.seal(secret), until, clock.now(), actor.id);
      await events.record(trx, { realmId: realm.id, type: 'webhook.secret_rotated', actor, origin, details: { webhook_id: current.id, previous_secret_expires_at: new Date(until).toISOString() } });
      return (await webhookStore.find(trx, realm.id, id))!;
    });
    return { webhook, secret };
  }

  /** Queues a `webhook.test` message to this webhook alone (it is in no event log). */
  async function sendTest(realm: Realm, id: string): Promise<DeliverySummary> {
    const hook = await requireHook(db, realm, id);
    if (!hook.enabled) throw new AppError('webhook.disabled', 'The webhook is switched off: switch it on to send it a test message.');
    const now = clock.now();
    const messageId = newId('evt');
    const at = new Date(now).toISOString();
    const data = { id: messageId, realm_id: realm.id, type: TEST_EVENT_TYPE, at, webhook_id: hook.id, message: 'A test message from Keyrealm.' };
    const row = newDelivery(hook, { id: messageId, type: TEST_EVENT_TYPE, orderKey: null, payload: payloadOf(TEST_EVENT_TYPE, at, data) }, now);
    await deps.deliveries.insert(db, row);
    deps.queued();
    return row;
  }

  async function retry(realm: Realm, id: string, deliveryId: string): Promise<DeliverySummary> {
    const hook = await requireHook(db, realm, id);
    const requeued = await deps.deliveries.requeue(db, realm.id, hook.id, deliveryId, clock.now());
    if (requeued) {
      deps.queued();
      return requeued;
    }
    if (await deps.deliveries.find(db, realm.id, hook.id, deliveryId)) throw new AppError('webhook.delivery_in_progress', 'This delivery is still being attempted; retry it once it has succeeded or failed.');
    throw deliveryNotFound();
  }

  return {
    create,
    update,
    remove,
    rotateSecret,
    sendTest,
    retry,
    async get(realm: Realm, id: string): Promise<Webhook> {
      return requireHook(db, realm, id);
    },
    list: (realm: Realm, page: PageRequest): Promise<Page<Webhook>> => webhookStore.list(db, realm.id, page),
    async deliveries(realm: Realm, id: string, filter: { status?: WebhookDeliveryStatus }, page: PageRequest): Promise<Page<DeliveryListing>> {
      const hook = await requireHook(db, realm, id);
      return deps.deliveries.list(db, realm.id, hook.id, filter, page);
    },
    async delivery(realm: Realm, id: string, deliveryId: string): Promise<DeliverySummary> {
      const hook = await requireHook(db, realm, id);
      const found = await deps.deliveries.find(db, realm.id, hook.id, deliveryId);
      if (!found) throw deliveryNotFound();
      return found;
    },
  };
}

const deliveryNotFound = () => new AppError('webhook.delivery_not_found', 'No such delivery of this webhook.');

/** The API's name of a field. */
function fieldName(key: keyof WebhookFields): string {
  return key === 'eventTypes' ? 'event_types' : key;
}

export type WebhookService = ReturnType<typeof createWebhookService>;
