/**
 * A realm's event log: newest first, a page at a time by keyset, filtered on the server; each row
 * its time, flespi code and what it means; a drawer with everything about one event. "Live"
 * follows the log as it is written (Server-Sent Events) and puts new events on top.
 */
import { useMemo, useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { formatDateTime, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Link } from '../../ui/link.tsx';
import { PageHead } from '../../ui/page.tsx';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useDebounced } from '../../ui/use-debounced.ts';
import { usePagedList } from '../../ui/use-paged-list.ts';
import { VirtualTable, type Column } from '../../ui/virtual-table.tsx';
import { useRealm } from '../realms/realm-frame.tsx';
import { codeMeaning, typeMeaning } from './event-codes.ts';
import { actorLabel, EventDrawer } from './event-drawer.tsx';
import { EventFilters, isoOf, noFilters, type EventFilterValues } from './event-filters.tsx';
import { LiveToggle } from './live-toggle.tsx';
import { useLiveEvents, type EventItem } from './use-live-events.ts';

const PAGE = 100;

export function EventLog(_props: { params: Record<string, string> }) {
  const { api } = useApp();
  const { realm } = useRealm();
  const [filters, setFilters] = useState<EventFilterValues>(noFilters);
  const [live, setLive] = useState(false);
  const [open, setOpen] = useState<EventItem | null>(null);
  const settled = useDebounced(filters, 300);
  const query = useMemo(() => {
    const code = settled.code ? Number(settled.code) : undefined;
    return { type: settled.type || undefined, code, user: settled.user || undefined, since: isoOf(settled.since), until: isoOf(settled.until) };
  }, [settled]);
  const list = usePagedList<EventItem>(
    (cursor, signal) =>
      unwrap(
        api.GET('/admin/v1/realms/{realm}/events', {
          params: { path: { realm: realm.id }, query: { limit: PAGE, ...definedOnly(query), ...(cursor ? { cursor } : {}) } },
          signal,
        }),
      ),
    [realm.id, JSON.stringify(query)],
  );
  // Live cannot follow a window that ends: the stream would stop at `until`.
  const liveOn = live && !query.until;
  const stream = useLiveEvents(realm.id, liveOn, { type: query.type, code: query.code, user: query.user }, list.items[0]?.id);
  const rows = useMemo(() => {
    const seen = new Set(stream.events.map((event) => event.id));
    return [...stream.events, ...list.items.filter((event) => !seen.has(event.id))];
  }, [stream.events, list.items]);
  const base = `/realms/${encodeURIComponent(realm.id)}`;
  const columns: Column<EventItem>[] = [
    { header: t('events.col.time'), width: '180px', cell: (event) => <time class="muted" datetime={event.at}>{formatDateTime(event.at)}</time>, hideBelow: 560 },
    {
      header: t('events.col.event'),
      width: 'minmax(0,1.4fr)',
      cell: (event) => (
        <button type="button" class="row-link event-open" onClick={() => setOpen(event)} aria-label={t('events.open', { id: event.id })}>
          {typeMeaning(event.type)}
        </button>
      ),
    },
    { header: t('events.field.type'), width: 'minmax(0,1.2fr)', cell: (event) => <code class="muted">{event.type}</code>, hideBelow: 1100 },
    {
      header: t('events.col.code'),
      width: 'minmax(0,1.4fr)',
      cell: (event) =>
        event.code === null ? (
          <span class="muted">{t('common.none')}</span>
        ) : (
          <span title={codeMeaning(event.code) ?? undefined}>
            <code class="event-code">{event.code}</code> <span class="muted">{codeMeaning(event.code)}</span>
          </span>
        ),
    },
    {
      header: t('events.col.user'),
      width: 'minmax(0,1fr)',
      cell: (event) => (event.user_id ? <Link to={`${base}/users/${encodeURIComponent(event.user_id)}`}><code>{event.user_id}</code></Link> : <span class="muted">{t('common.none')}</span>),
      hideBelow: 800,
    },
    { header: t('events.col.actor'), width: 'minmax(0,1fr)', cell: (event) => <span class="muted">{actorLabel(event.actor)}</span>, hideBelow: 1000 },
  ];
  const filtered = Object.values(filters).some(Boolean);
  return (
    <>
      <PageHead
        title={t('events.title')}
        crumbs={[{ label: realm.name, to: base }]}
        actions={<LiveToggle on={live} onChange={setLive} state={liveOn ? stream.state : null} count={stream.events.length} blocked={Boolean(query.until)} />}
      />
      <EventFilters value={filters} onChange={setFilters} />
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {list.loading && rows.length === 0 ? (
        <div class="table-wrap"><Loading rows={6} /></div>
      ) : rows.length === 0 && !list.error ? (
        <div class="table-wrap">
          <Empty title={t('events.empty')}><p>{filtered ? t('events.empty_filtered') : t('events.empty_hint')}</p></Empty>
        </div>
      ) : (
        <VirtualTable label={t('events.list_label')} items={rows} columns={columns} keyOf={(event) => event.id} complete={list.complete} loading={list.loading} onEndReached={list.loadMore} />
      )}
      <EventDrawer event={open} realmId={realm.id} onClose={() => setOpen(null)} />
    </>
  );
}

function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
