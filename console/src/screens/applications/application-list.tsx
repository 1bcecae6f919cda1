/**
 * A realm's applications (OAuth clients), searched by the start of their name on the server and
 * paged by keyset. Operators who manage the realm create them here.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { ItemOf } from '../../api/types.ts';
import { formatDateTime, t, type MessageKey } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { SearchField } from '../../ui/fields.tsx';
import { Link } from '../../ui/link.tsx';
import { PageHead } from '../../ui/page.tsx';
import { Badge, Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useDebounced } from '../../ui/use-debounced.ts';
import { usePagedList } from '../../ui/use-paged-list.ts';
import { VirtualTable, type Column } from '../../ui/virtual-table.tsx';
import { useRealm } from '../realms/realm-frame.tsx';
import { ApplicationCreate, type CreatedApp } from './application-create.tsx';
import { isBuiltIn } from './application-kinds.ts';
import { SecretModal } from './secret-modal.tsx';

type AppItem = ItemOf<'/admin/v1/realms/{realm}/applications'>;

export function ApplicationList(_props: { params: Record<string, string> }) {
  const { api, navigate } = useApp();
  const { realm, canManage } = useRealm();
  const notify = useToast();
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApp | null>(null);
  const q = useDebounced(query.trim(), 150);
  const base = `/realms/${encodeURIComponent(realm.id)}/applications`;
  const list = usePagedList<AppItem>(
    (cursor, signal) => unwrap(api.GET('/admin/v1/realms/{realm}/applications', { params: { path: { realm: realm.id }, query: { limit: 100, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) } }, signal })),
    [realm.id, q],
  );
  const columns: Column<AppItem>[] = [
    {
      header: t('apps.col.name'),
      width: 'minmax(0,1.6fr)',
      cell: (app) => (
        <>
          <Link class="row-link" to={`${base}/${encodeURIComponent(app.id)}`}>{app.name}</Link>
          {isBuiltIn(app, realm) ? <> <Badge tone="accent">{t('apps.built_in')}</Badge></> : null}
        </>
      ),
    },
    { header: t('apps.col.kind'), width: 'minmax(0,1fr)', cell: (app) => t(`apps.kind.${app.kind}` as MessageKey), hideBelow: 560 },
    { header: t('apps.col.client_id'), width: 'minmax(0,1.4fr)', cell: (app) => <code class="muted">{app.client_id}</code>, hideBelow: 900 },
    { header: t('apps.col.state'), width: '100px', cell: (app) => <Badge tone={app.enabled ? 'ok' : 'warn'}>{app.enabled ? t('apps.enabled') : t('apps.disabled')}</Badge> },
    { header: t('apps.col.created'), width: '190px', cell: (app) => <span class="muted">{formatDateTime(app.created_at)}</span>, hideBelow: 1100 },
  ];
  const openCreated = (app: CreatedApp) => navigate(`${base}/${encodeURIComponent(app.id)}`);
  return (
    <>
      <PageHead title={t('apps.title')} actions={canManage ? <Button variant="primary" onClick={() => setCreating(true)}>{t('apps.create')}</Button> : null} />
      <p class="muted page-intro">{t('apps.intro')}</p>
      <div class="toolbar">
        <div class="grow">
          <SearchField label={t('apps.search')} value={query} onValue={setQuery} placeholder={t('apps.search_placeholder')} />
        </div>
      </div>
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {list.error ? null : list.loading && list.items.length === 0 ? (
        <div class="table-wrap"><Loading rows={5} /></div>
      ) : list.items.length === 0 ? (
        <div class="table-wrap">
          <Empty title={q ? t('apps.empty_search', { query: q }) : t('apps.empty')}>{q ? null : <p>{t('apps.empty_hint')}</p>}</Empty>
        </div>
      ) : (
        <VirtualTable label={t('apps.list_label')} items={list.items} columns={columns} keyOf={(app) => app.id} complete={list.complete} loading={list.loading} onEndReached={list.loadMore} />
      )}
      {canManage ? (
        <ApplicationCreate
          realm={realm.id}
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(app) => {
            setCreating(false);
            notify(t('apps.created', { name: app.name }));
            list.reload();
            // A confidential application's secret is in this answer only: show it before moving on.
            if (app.client_secret) setCreated(app);
            else openCreated(app);
          }}
        />
      ) : null}
      <SecretModal
        secret={created?.client_secret ?? null}
        clientId={created?.client_id ?? ''}
        onClose={() => {
          const app = created;
          setCreated(null);
          if (app) openCreated(app);
        }}
      />
    </>
  );
}
