/** The webhook API's shapes, from the OpenAPI document. */
import type { ItemOf, ResponseOf } from '../../api/types.ts';
import { formatRelative, t } from '../../i18n/i18n.ts';

export type Webhook = ResponseOf<'/admin/v1/realms/{realm}/webhooks/{webhook}', 'get'>;
export type WebhookWithSecret = ResponseOf<'/admin/v1/realms/{realm}/webhooks/{webhook}/rotate-secret', 'post'>;
export type Delivery = ItemOf<'/admin/v1/realms/{realm}/webhooks/{webhook}/deliveries'>;
export type DeliveryDetail = ResponseOf<'/admin/v1/realms/{realm}/webhooks/{webhook}/deliveries/{delivery}', 'get'>;
export type DeliveryStatus = Delivery['status'];
export const DELIVERY_STATUSES: DeliveryStatus[] = ['pending', 'sending', 'succeeded', 'failed'];

/** The badge tone of a delivery's status. */
export function statusTone(status: DeliveryStatus): 'ok' | 'danger' | 'warn' | 'accent' {
  return status === 'succeeded' ? 'ok' : status === 'failed' ? 'danger' : status === 'sending' ? 'accent' : 'warn';
}

/** When a delivery is tried next: a time to come, "due now" once it is past, nothing when finished. */
export function nextAttempt(item: Pick<Delivery, 'next_attempt_at' | 'status'>, now = Date.now()): string {
  if (!item.next_attempt_at || item.status === 'succeeded' || item.status === 'failed') return t('common.none');
  return new Date(item.next_attempt_at).getTime() <= now ? t('integrations.delivery.due') : formatRelative(item.next_attempt_at, now);
}
