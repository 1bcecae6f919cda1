/** What happened to a user, newest first (the realm's event log for them); details in a drawer. */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { ItemOf } from '../../api/types.ts';
import { formatDateTime, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Drawer } from '../../ui/dialog.tsx';
import { PagedTable } from '../../ui/paged-table.tsx';
import { Empty } from '../../ui/states.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import type { Column } from '../../ui/virtual-table.tsx';
import { useRealm } from '../realms/realm-frame.tsx';
import type { UserSectionProps } from './user-page.tsx';

type Event = ItemOf<'/admin/v1/realms/{realm}/events'>;

export function UserEvents({ user }: UserSectionProps) {
  const { api } = useApp();
  const { realm } = useRealm();
  const [shown, setShown] = useState<Event | null>(null);
  const list = usePagedList<Event>(
    (cursor, signal) => unwrap(api.GET('/admin/v1/realms/{realm}/events', { params: { path: { realm: realm.id }, query: { user: user.id, limit: 100, ...(cursor ? { cursor } : {}) } }, signal })),
    [realm.id, user.id, user.version],
  );
  const columns: Column<Event>[] = [
    { header: t('user.event.time'), width: '190px', cell: (event) => <span class="muted">{formatDateTime(event.at)}</span> },
    {
      header: t('user.event.type'),
      width: 'minmax(0,2fr)',
      cell: (event) => (
        <button type="button" class="user-link-button" onClick={() => setShown(event)}>
          {event.type}
        </button>
      ),
    },
    { header: t('user.event.code'), width: '80px', cell: (event) => <code>{event.code ?? t('common.none')}</code>, hideBelow: 560 },
    { header: t('user.event.actor'), width: 'minmax(0,1fr)', cell: (event) => <span class="muted">{t(`user.actor.${event.actor.type}`)}</span>, hideBelow: 860 },
    { header: t('user.event.ip'), width: 'minmax(0,1fr)', cell: (event) => <code>{event.ip ?? t('common.none')}</code>, hideBelow: 1000 },
  ];
  return (
    <section aria-labelledby="user-events-h">
      <h2 id="user-events-h">{t('user.events_title')}</h2>
      <PagedTable list={list} empty={<Empty title={t('user.events_empty')} />} label={t('user.events_title')} columns={columns} keyOf={(event) => event.id} height="min(60vh, 560px)" />
      <Drawer open={shown !== null} title={shown?.type ?? ''} onClose={() => setShown(null)}>
        {shown ? (
          <div class="stack">
            <dl class="props">
              <dt>{t('user.event.time')}</dt>
              <dd>{formatDateTime(shown.at)}</dd>
              <dt>{t('user.event.code')}</dt>
              <dd><code>{shown.code ?? t('common.none')}</code></dd>
              <dt>{t('user.event.actor')}</dt>
              <dd>{t(`user.actor.${shown.actor.type}`)}{shown.actor.id ? <> · <code>{shown.actor.id}</code></> : null}</dd>
              <dt>{t('user.event.ip')}</dt>
              <dd><code>{shown.ip ?? t('common.none')}</code></dd>
              <dt>{t('user.event.agent')}</dt>
              <dd>{shown.user_agent ?? t('common.none')}</dd>
              <dt>{t('common.id')}</dt>
              <dd><code>{shown.id}</code></dd>
            </dl>
            <h3>{t('common.details')}</h3>
            <pre class="code" tabIndex={0} aria-label={t('common.details')}>{JSON.stringify(shown.details, null, 2)}</pre>
          </div>
        ) : null}
      </Drawer>
    </section>
  );
}
