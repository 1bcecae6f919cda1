/**
 * A webhook's deliveries, newest first, a page at a time, filtered by status: each one's event,
 * status, attempts, the endpoint's answer and the next attempt. While some are still on their way
 * the list looks again every few seconds. A row opens its detail drawer.
 */
import { useEffect, useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { formatDateTime, formatNumber, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { PagedTable } from '../../ui/paged-table.tsx';
import { Badge, Empty } from '../../ui/states.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import type { Column } from '../../ui/virtual-table.tsx';
import { useRealm } from '../realms/realm-frame.tsx';
import { DeliveryDrawer } from './delivery-drawer.tsx';
import { DELIVERY_STATUSES, nextAttempt, statusTone, type Delivery, type DeliveryStatus } from './types.ts';

export function WebhookDeliveries({ webhookId, refresh }: { webhookId: string; refresh: number }) {
  const { api } = useApp();
  const { realm } = useRealm();
  const [status, setStatus] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const list = usePagedList<Delivery>(
    (cursor, signal) =>
      unwrap(
        api.GET('/admin/v1/realms/{realm}/webhooks/{webhook}/deliveries', {
          params: { path: { realm: realm.id, webhook: webhookId }, query: { limit: 50, ...(status ? { status: status as DeliveryStatus } : {}), ...(cursor ? { cursor } : {}) } },
          signal,
        }),
      ),
    [realm.id, webhookId, status, refresh],
  );
  // Deliveries under way change by themselves: look again until none is.
  const moving = list.items.some((item) => item.status === 'pending' || item.status === 'sending');
  useEffect(() => {
    if (!moving || open) return;
    const timer = setTimeout(() => list.refresh((item) => item.id), 3000);
    return () => clearTimeout(timer);
  }, [moving, open, list.items]);
  const columns: Column<Delivery>[] = [
    {
      header: t('integrations.delivery.col.event'),
      width: 'minmax(0,1.6fr)',
      cell: (item) => (
        <button type="button" class="linklike mono" onClick={() => setOpen(item.id)} aria-label={t('integrations.delivery.open', { type: item.event_type, when: formatDateTime(item.created_at) })}>
          {item.event_type}
        </button>
      ),
    },
    { header: t('integrations.delivery.col.status'), width: '110px', cell: (item) => <Badge tone={statusTone(item.status)}>{t(`integrations.delivery.status.${item.status}`)}</Badge> },
    { header: t('integrations.delivery.col.attempts'), width: '80px', cell: (item) => <span>{formatNumber(item.attempts)}</span>, hideBelow: 520 },
    { header: t('integrations.delivery.col.response'), width: 'minmax(0,1fr)', cell: (item) => <span class="muted">{item.response_status ?? item.last_error ?? t('common.none')}</span>, hideBelow: 700 },
    {
      header: t('integrations.delivery.col.next'),
      width: 'minmax(0,1fr)',
      cell: (item) => <span class="muted" title={item.next_attempt_at ? formatDateTime(item.next_attempt_at) : undefined}>{nextAttempt(item)}</span>,
      hideBelow: 900,
    },
    { header: t('integrations.delivery.col.created'), width: '180px', cell: (item) => <span class="muted">{formatDateTime(item.created_at)}</span>, hideBelow: 1100 },
  ];
  return (
    <section class="wh-deliveries" aria-labelledby="wh-deliveries">
      <div class="toolbar">
        <h2 id="wh-deliveries" class="grow" style="margin:0">{t('integrations.deliveries.title')}</h2>
        <div style="min-width:170px;margin-bottom:-14px">
          <SelectField
            label={t('integrations.deliveries.status_filter')}
            value={status}
            onValue={setStatus}
            options={[{ value: '', label: t('common.filter_all') }, ...DELIVERY_STATUSES.map((value) => ({ value, label: t(`integrations.delivery.status.${value}`) }))]}
          />
        </div>
      </div>
      <PagedTable list={list} loadingRows={3} empty={<Empty title={t('integrations.deliveries.empty')}><p>{t('integrations.deliveries.empty_hint')}</p></Empty>} label={t('integrations.deliveries.title')} columns={columns} keyOf={(item) => item.id} height="min(50vh, 480px)" />
      <DeliveryDrawer webhookId={webhookId} deliveryId={open} onClose={() => setOpen(null)} onRetried={list.reload} />
    </section>
  );
}
