import { AppError } from '../errors.ts';
import { eventCodes } from '../events/event-types.ts';
import type { WebhookRow } from '../storage/schema.ts';
import { readBool, readJson } from '../storage/codec.ts';
import { isLoopbackAddress } from '../platform/public-address.ts';
import { refusalOf } from '../platform/safe-post.ts';

/** A realm's webhook, as the service answers it (never its secrets). */
export interface Webhook {
  id: string;
  realmId: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  description: string | null;
  /** Why the server switched it off: `gone` (the endpoint answered 410), `failing` (3 days of failures). */
  disabledReason: string | null;
  failingSince: number | null;
  /** Until when the secret before the last rotation still signs, when it does. */
  previousSecretExpiresAt: number | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export interface WebhookFields {
  url: string;
  eventTypes: string[];
  enabled: boolean;
  description: string | null;
}

/** The test message's type: sent by "send a test event", never recorded in the event log. */
export const TEST_EVENT_TYPE = 'webhook.test';

export const webhookNotFound = () => new AppError('webhook.not_found', 'No such webhook in this realm.');

const knownTypes = Object.keys(eventCodes);

/**
 * Whether `type` is one a webhook subscribed with `patterns` wants: an exact type, `*` (every
 * type), or a prefix ending in `.*` (`user.*` takes `user.created` and `user.login.failed`).
 */
export function wants(patterns: readonly string[], type: string): boolean {
  return patterns.some((pattern) => pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))));
}

/** Refuses a pattern that can never match: a typo would otherwise be a webhook that silently hears nothing. */
export function checkEventTypes(patterns: readonly string[]): void {
  const unknown = patterns.filter((pattern) => !knownTypes.some((type) => wants([pattern], type)));
  if (unknown.length > 0) {
    throw new AppError('webhook.invalid', `No event type matches ${unknown.join(', ')}; the types are listed in docs/events.md.`, {
      details: unknown.map(() => ({ field: 'event_types', issue: 'matches no event type' })),
    });
  }
}

/**
 * An endpoint must be https; plain http only to a loopback address, and only where the server allows
 * loopback endpoints (development). Addresses inside our network are refused here when written as
 * IP literals, and for names at every send (src/platform/safe-post.ts), since a name can change.
 */
export function checkUrl(text: string, allowLoopback: boolean): void {
  const invalid = (issue: string) => new AppError('webhook.invalid', `The webhook URL is not allowed: ${issue}.`, { details: [{ field: 'url', issue }] });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid('is not a URL');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopbackHost = host === 'localhost' || isLoopbackAddress(host);
  if (url.protocol === 'http:' && !(allowLoopback && loopbackHost)) throw invalid('must be https');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('must be https');
  if (loopbackHost && !allowLoopback) throw invalid('is a loopback address');
  const refusal = refusalOf(url, allowLoopback);
  if (refusal) throw invalid(refusal);
  if (url.hash) throw invalid('must not have a fragment');
}

/**
 * How events name a webhook's endpoint: its origin alone. Endpoint paths and queries often carry a
 * token (chat and automation services' incoming-webhook URLs), and events travel further than the
 * webhook itself — to the realm's other webhooks and live streams.
 */
export function endpointOf(url: string): string {
  return new URL(url).origin;
}

export function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    realmId: row.realm_id,
    url: row.url,
    eventTypes: readJson<string[]>(row.event_types),
    enabled: readBool(row.enabled),
    description: row.description,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since === null ? null : Number(row.failing_since),
    previousSecretExpiresAt: row.previous_secret_expires_at === null ? null : Number(row.previous_secret_expires_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    version: row.version,
  };
}
