import type { Kysely } from 'kysely';
import { writeJson } from '../storage/codec.ts';
import { paginate, type Page, type PageRequest } from '../storage/pagination.ts';
import type { Schema, WebhookRow } from '../storage/schema.ts';
import { toWebhook, type Webhook, type WebhookFields } from './webhook.ts';

/** The webhooks table. Every call takes the realm id: one realm never reads or changes another's. */
export interface WebhookSecrets {
  secretSealed: string;
  previousSecretSealed: string | null;
  previousSecretExpiresAt: number | null;
}

/** What the delivery worker and the outbox need of a webhook: where, what, and how to sign. */
export type WebhookTarget = Webhook & WebhookSecrets;

const fieldColumns = (fields: WebhookFields) => ({
  url: fields.url,
  event_types: writeJson(fields.eventTypes),
  enabled: fields.enabled,
  description: fields.description,
});

const toTarget = (row: WebhookRow): WebhookTarget => ({
  ...toWebhook(row),
  secretSealed: row.secret_sealed,
  previousSecretSealed: row.previous_secret_sealed,
  previousSecretExpiresAt: row.previous_secret_expires_at === null ? null : Number(row.previous_secret_expires_at),
});

export const webhookStore = {
  async insert(trx: Kysely<Schema>, realmId: string, id: string, fields: WebhookFields, secretSealed: string, at: number, by: string | null): Promise<Webhook> {
    const row: WebhookRow = {
      realm_id: realmId,
      id,
      ...fieldColumns(fields),
      secret_sealed: secretSealed,
      previous_secret_sealed: null,
      previous_secret_expires_at: null,
      failing_since: null,
      disabled_reason: null,
      created_at: at,
      created_by: by,
      updated_at: at,
      updated_by: by,
      version: 1,
    };
    await trx.insertInto('webhooks').values(row).execute();
    return toWebhook(row);
  },

  async find(db: Kysely<Schema>, realmId: string, id: string): Promise<WebhookTarget | undefined> {
    const row = await db.selectFrom('webhooks').selectAll().where('realm_id', '=', realmId).where('id', '=', id).executeTakeFirst();
    return row && toTarget(row);
  },

  /** Several webhooks by id, of any realm (the delivery worker's batch); each carries its realm. */
  async findMany(db: Kysely<Schema>, ids: string[]): Promise<WebhookTarget[]> {
    if (ids.length === 0) return [];
    const rows = await db.selectFrom('webhooks').selectAll().where('id', 'in', ids).execute();
    return rows.map(toTarget);
  },

  async count(db: Kysely<Schema>, realmId: string): Promise<number> {
    const row = await db.selectFrom('webhooks').select((eb) => eb.fn.countAll<number>().as('count')).where('realm_id', '=', realmId).executeTakeFirstOrThrow();
    return Number(row.count);
  },

  /** The realm's enabled webhooks: what the outbox fans each event out to. */
  async enabled(db: Kysely<Schema>, realmId: string): Promise<Webhook[]> {
    const rows = await db.selectFrom('webhooks').selectAll().where('realm_id', '=', realmId).where('enabled', '=', true).execute();
    return rows.map(toWebhook);
  },

  async list(db: Kysely<Schema>, realmId: string, page: PageRequest): Promise<Page<Webhook>> {
    const query = db.selectFrom('webhooks').selectAll().where('realm_id', '=', realmId);
    return paginate(query, { column: 'created_at', direction: 'asc' }, page, toWebhook, (row) => row.created_at, (row) => row.id);
  },

  /** Changes the fields; switching a webhook on forgets why the server had switched it off. */
  async update(trx: Kysely<Schema>, current: Webhook, fields: WebhookFields, at: number, by: string | null): Promise<void> {
    const restart = fields.enabled && !current.enabled ? { disabled_reason: null, failing_since: null } : {};
    await trx
      .updateTable('webhooks')
      .set({ ...fieldColumns(fields), ...restart, updated_at: at, updated_by: by, version: current.version + 1 })
      .where('realm_id', '=', current.realmId)
      .where('id', '=', current.id)
      .execute();
  },

  async rotateSecret(trx: Kysely<Schema>, current: WebhookTarget, secretSealed: string, previousUntil: number, at: number, by: string | null): Promise<void> {
    await trx
      .updateTable('webhooks')
      .set({ secret_sealed: secretSealed, previous_secret_sealed: current.secretSealed, previous_secret_expires_at: previousUntil, updated_at: at, updated_by: by, version: current.version + 1 })
      .where('realm_id', '=', current.realmId)
      .where('id', '=', current.id)
      .execute();
  },

  /** Deletes the webhook and every delivery of it. */
  async remove(trx: Kysely<Schema>, realmId: string, id: string): Promise<void> {
    await trx.deleteFrom('webhook_deliveries').where('realm_id', '=', realmId).where('webhook_id', '=', id).execute();
    await trx.deleteFrom('webhooks').where('realm_id', '=', realmId).where('id', '=', id).execute();
  },

  /** An attempt failed: the run of failures starts now unless one already had. Answers when it started. */
  async noteFailure(db: Kysely<Schema>, realmId: string, id: string, at: number): Promise<number | undefined> {
    await db.updateTable('webhooks').set({ failing_since: at }).where('realm_id', '=', realmId).where('id', '=', id).where('failing_since', 'is', null).execute();
    const row = await db.selectFrom('webhooks').select('failing_since').where('realm_id', '=', realmId).where('id', '=', id).executeTakeFirst();
    return row?.failing_since === null || row === undefined ? undefined : Number(row.failing_since);
  },

  async noteSuccess(db: Kysely<Schema>, realmId: string, id: string): Promise<void> {
    await db.updateTable('webhooks').set({ failing_since: null }).where('realm_id', '=', realmId).where('id', '=', id).where('failing_since', 'is not', null).execute();
  },

  /** The server switches an enabled webhook off; false when it already was (another worker did). */
  async disable(trx: Kysely<Schema>, realmId: string, id: string, reason: string, at: number): Promise<boolean> {
    const result = await trx
      .updateTable('webhooks')
      .set((eb) => ({ enabled: false, disabled_reason: reason, updated_at: at, version: eb('version', '+', 1) }))
      .where('realm_id', '=', realmId)
      .where('id', '=', id)
      .where('enabled', '=', true)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },
};
