/**
 * A realm's webhooks (at most 50, oldest first): where each sends, what it hears and whether it
 * is on, or switched off by the server (gone, failing). Opens a webhook's page; adds one.
 */
import { unwrap } from '../../api/client.ts';
import { formatDateTime, formatNumber, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Link } from '../../ui/link.tsx';
import { PageHead } from '../../ui/page.tsx';
import { PagedTable } from '../../ui/paged-table.tsx';
import { Empty } from '../../ui/states.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import type { Column } from '../../ui/virtual-table.tsx';
import { useRealm } from '../realms/realm-frame.tsx';
import type { Webhook } from './types.ts';
import { WebhookState } from './webhook-state.tsx';

export function WebhookList(_props: { params: Record<string, string> }) {
  const { api } = useApp();
  const { realm, canManage } = useRealm();
  const base = `/realms/${encodeURIComponent(realm.id)}`;
  const list = usePagedList<Webhook>(
    (cursor, signal) => unwrap(api.GET('/admin/v1/realms/{realm}/webhooks', { params: { path: { realm: realm.id }, query: { limit: 50, ...(cursor ? { cursor } : {}) } }, signal })),
    [realm.id],
  );
  const columns: Column<Webhook>[] = [
    {
      header: t('integrations.webhook.col.url'),
      width: 'minmax(0,2.2fr)',
      cell: (hook) => (
        <Link to={`${base}/webhooks/${encodeURIComponent(hook.id)}`} class="row-link mono">
          {hook.url}
        </Link>
      ),
    },
    { header: t('integrations.webhook.col.description'), width: 'minmax(0,1.4fr)', cell: (hook) => <span class="muted">{hook.description ?? t('common.none')}</span>, hideBelow: 900 },
    {
      header: t('integrations.webhook.col.events'),
      width: 'minmax(0,1fr)',
      cell: (hook) => <span class="muted">{hook.event_types.includes('*') ? t('integrations.webhook.all_events') : t('integrations.webhook.event_count', { count: formatNumber(hook.event_types.length) })}</span>,
      hideBelow: 640,
    },
    { header: t('common.state'), width: '150px', cell: (hook) => <WebhookState hook={hook} /> },
    { header: t('common.created'), width: '190px', cell: (hook) => <span class="muted">{formatDateTime(hook.created_at)}</span>, hideBelow: 1100 },
  ];
  return (
    <>
      <PageHead
        title={t('integrations.webhooks.title')}
        crumbs={[{ label: t('nav.realms'), to: '/realms' }, { label: realm.name, to: base }]}
        actions={canManage ? <Link to={`${base}/webhooks/new`} class="btn primary">{t('integrations.webhooks.create')}</Link> : null}
      />
      <p class="muted">{t('integrations.webhooks.intro')}</p>
      <PagedTable list={list} loadingRows={4} empty={<Empty title={t('integrations.webhooks.empty')}><p>{canManage ? t('integrations.webhooks.empty_hint') : t('integrations.webhooks.empty_hint_read')}</p></Empty>} label={t('integrations.webhooks.list_label')} columns={columns} keyOf={(hook) => hook.id} />
    </>
  );
}
