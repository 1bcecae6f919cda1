import { Type, type Static } from '@sinclair/typebox';
import type { DeliveryListing } from '../../webhooks/delivery-store.ts';
import type { Webhook } from '../../webhooks/webhook.ts';
import { Nullable, Timestamp } from '../schemas.ts';

/**
 * Webhooks and their deliveries as the admin API shows them, and the bodies that make and change
 * them. The URL's rules (https, public addresses) and the event types' are settled in
 * src/webhooks/webhook.ts, answering 400 `webhook.invalid` naming the field.
 */
const strict = { additionalProperties: false } as const;

export const webhookLimits = { eventTypes: 100, descriptionLength: 500, urlLength: 2000 };

const settings = {
  url: Type.String({ minLength: 1, maxLength: webhookLimits.urlLength, description: 'The endpoint: https (plain http only to loopback, where the server allows it).' }),
  event_types: Type.Array(Type.String({ minLength: 1, maxLength: 100, pattern: '^(\\*|[a-z_]+(\\.[a-z_]+)*(\\.\\*)?)$' }), {
    minItems: 1,
    maxItems: webhookLimits.eventTypes,
    description: 'Event types (docs/events.md) to send: exact (`user.created`), a prefix wildcard (`user.*`), or `*` for all.',
  }),
  enabled: Type.Boolean({ description: 'Switching a webhook back on also resumes its pending deliveries.' }),
  description: Nullable(Type.String({ maxLength: webhookLimits.descriptionLength })),
};

export const CreateWebhookBody = Type.Object(
  { url: settings.url, event_types: settings.event_types, enabled: Type.Optional(settings.enabled), description: Type.Optional(settings.description) },
  strict,
);
export const PatchWebhookBody = Type.Object(Type.Partial(Type.Object(settings)).properties, { ...strict, description: 'Only the fields given change.' });

export const WebhookResponse = Type.Object({
  id: Type.String({ description: 'whk_…' }),
  realm_id: Type.String(),
  ...settings,
  disabled_reason: Nullable(Type.String({ description: 'Why the server switched it off: `gone` (the endpoint answered 410) or `failing` (3 days of failed attempts).' })),
  failing_since: Nullable(Timestamp),
  previous_secret_expires_at: Nullable(Type.String({ format: 'date-time', description: 'Until when the secret before the last rotation also signs.' })),
  created_at: Timestamp,
  updated_at: Timestamp,
  version: Type.Integer(),
});

export const WebhookWithSecret = Type.Composite([
  WebhookResponse,
  Type.Object({ secret: Type.String({ description: 'whsec_…: shown this once. Verify deliveries with it (Standard Webhooks).' }) }),
]);

export const DeliveryStatus = Type.Union([Type.Literal('pending'), Type.Literal('sending'), Type.Literal('succeeded'), Type.Literal('failed')]);

export const DeliveryResponse = Type.Object({
  id: Type.String({ description: 'whd_…' }),
  webhook_id: Type.String(),
  message_id: Type.String({ description: 'The `webhook-id` header: the event id (the same for every delivery of one event).' }),
  event_type: Type.String(),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  next_attempt_at: Nullable(Timestamp),
  last_attempt_at: Nullable(Timestamp),
  response_status: Nullable(Type.Integer({ description: "The endpoint's HTTP status at the last attempt." })),
  response_excerpt: Nullable(Type.String({ description: "The start of the endpoint's answer at the last attempt." })),
  last_error: Nullable(Type.String({ description: 'Why the last attempt got no answer (refused address, timeout, connection error).' })),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const DeliveryWithPayload = Type.Composite([DeliveryResponse, Type.Object({ payload: Type.Unknown({ description: 'The body sent, as JSON.' }) })]);

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toWebhookResponse(hook: Webhook): Static<typeof WebhookResponse> {
  return {
    id: hook.id,
    realm_id: hook.realmId,
    url: hook.url,
    event_types: hook.eventTypes,
    enabled: hook.enabled,
    description: hook.description,
    disabled_reason: hook.disabledReason,
    failing_since: iso(hook.failingSince),
    previous_secret_expires_at: iso(hook.previousSecretExpiresAt),
    created_at: iso(hook.createdAt)!,
    updated_at: iso(hook.updatedAt)!,
    version: hook.version,
  };
}

export function toDeliveryResponse(row: DeliveryListing): Static<typeof DeliveryResponse> {
  const number = (value: number | null) => (value === null ? null : Number(value));
  return {
    id: row.id,
    webhook_id: row.webhook_id,
    message_id: row.message_id,
    event_type: row.event_type,
    status: row.status,
    attempts: Number(row.attempts),
    next_attempt_at: row.status === 'pending' ? iso(Number(row.next_attempt_at)) : null,
    last_attempt_at: iso(number(row.last_attempt_at)),
    response_status: number(row.response_status),
    response_excerpt: row.response_excerpt,
    last_error: row.last_error,
    created_at: iso(Number(row.created_at))!,
    updated_at: iso(Number(row.updated_at))!,
  };
}
