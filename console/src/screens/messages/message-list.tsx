/**
 * A realm's outgoing messages (the queue and what was sent), newest first, a page at a time:
 * delivery status, attempts and the last error at a glance; a drawer for one, with Retry for a
 * message that failed.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { ItemOf } from '../../api/types.ts';
import { formatDateTime, formatNumber, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { SearchField, SelectField } from '../../ui/fields.tsx';
import { PageHead } from '../../ui/page.tsx';
import { PagedTable } from '../../ui/paged-table.tsx';
import { Empty } from '../../ui/states.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useDebounced } from '../../ui/use-debounced.ts';
import { usePagedList } from '../../ui/use-paged-list.ts';
import type { Column } from '../../ui/virtual-table.tsx';
import { useRealm } from '../realms/realm-frame.tsx';
import { MessageDrawer } from './message-drawer.tsx';
import { StatusBadge, type MessageStatus } from './message-status.tsx';
import { MessagesTabs } from './messages-tabs.tsx';

type MessageItem = ItemOf<'/admin/v1/realms/{realm}/messages'>;
const PAGE = 100;
const STATUSES: MessageStatus[] = ['pending', 'sending', 'sent', 'failed'];

export function MessageList(_props: { params: Record<string, string> }) {
  const { api } = useApp();
  const { realm, canManage } = useRealm();
  const [status, setStatus] = useState('');
  const [channel, setChannel] = useState('');
  const [type, setType] = useState('');
  const [to, setTo] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const recipient = useDebounced(to.trim(), 300);
  // The message types, for the type filter: the templates list names every one.
  const types = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/templates', { params: { path: { realm: realm.id } }, signal })), [realm.id]);
  const list = usePagedList<MessageItem>(
    (cursor, signal) =>
      unwrap(
        api.GET('/admin/v1/realms/{realm}/messages', {
          params: {
            path: { realm: realm.id },
            query: {
              limit: PAGE,
              ...(status ? { status: status as MessageStatus } : {}),
              ...(channel ? { channel: channel as 'email' | 'sms' } : {}),
              ...(type ? { type } : {}),
              ...(recipient ? { to: recipient } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
          signal,
        }),
      ),
    [realm.id, status, channel, type, recipient],
  );
  const columns: Column<MessageItem>[] = [
    {
      header: t('messages.col.to'),
      width: 'minmax(0,1.6fr)',
      cell: (message) => (
        <button type="button" class="row-link message-open" onClick={() => setOpen(message.id)} aria-label={t('messages.open', { to: message.to, type: message.type })}>
          {message.to}
        </button>
      ),
    },
    { header: t('messages.col.type'), width: 'minmax(0,1fr)', cell: (message) => <code>{message.type}</code> },
    { header: t('messages.col.status'), width: '104px', cell: (message) => <StatusBadge status={message.status} /> },
    { header: t('messages.col.attempts'), width: '84px', cell: (message) => <span class="num">{formatNumber(message.attempts)}</span>, hideBelow: 700 },
    { header: t('messages.col.last_error'), width: 'minmax(0,1.4fr)', cell: (message) => (message.last_error ? <span class="message-error-text" title={message.last_error}>{message.last_error}</span> : <span class="muted">{t('common.none')}</span>), hideBelow: 1000 },
    { header: t('messages.col.created'), width: '180px', cell: (message) => <span class="muted">{formatDateTime(message.created_at)}</span>, hideBelow: 800 },
  ];
  const filtered = Boolean(status || channel || type || recipient);
  const base = `/realms/${encodeURIComponent(realm.id)}`;
  return (
    <>
      <PageHead title={t('messages.title')} crumbs={[{ label: realm.name, to: base }]} />
      <MessagesTabs realmId={realm.id} current="outbox" />
      <div class="toolbar message-filters">
        <div class="grow">
          <SearchField label={t('messages.filter.to')} value={to} onValue={setTo} placeholder={t('messages.filter.to_placeholder')} />
        </div>
        <div class="message-filter">
          <SelectField label={t('messages.filter.status')} value={status} onValue={setStatus} options={[{ value: '', label: t('common.filter_all') }, ...STATUSES.map((value) => ({ value, label: t(`messages.status.${value}`) }))]} />
        </div>
        <div class="message-filter">
          <SelectField
            label={t('messages.filter.channel')}
            value={channel}
            onValue={setChannel}
            options={[{ value: '', label: t('common.filter_all') }, { value: 'email', label: t('messages.channel.email') }, { value: 'sms', label: t('messages.channel.sms') }]}
          />
        </div>
        <div class="message-filter">
          <SelectField label={t('messages.filter.type')} value={type} onValue={setType} options={[{ value: '', label: t('common.filter_all') }, ...(types.data?.items ?? []).map((item) => ({ value: item.type, label: item.type }))]} />
        </div>
      </div>
      <PagedTable list={list} loadingRows={6} empty={<Empty title={t('messages.empty')}><p>{filtered ? t('messages.empty_filtered') : t('messages.empty_hint')}</p></Empty>} label={t('messages.list_label')} columns={columns} keyOf={(message) => message.id} />
      <MessageDrawer
        realmId={realm.id}
        messageId={open}
        canManage={canManage}
        onClose={() => setOpen(null)}
        onChanged={(updated) => list.update((item) => item.id === updated.id, () => updated)}
      />
    </>
  );
}
