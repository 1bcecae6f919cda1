/**
 * Every realm the operator may see, searched on the server (name, slug or id) as they type, a page
 * at a time by keyset, in a virtualised table: as fast with 100,000 realms as with ten.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { ItemOf } from '../../api/types.ts';
import { formatDateTime, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { SearchField, SelectField } from '../../ui/fields.tsx';
import { Link } from '../../ui/link.tsx';
import { PageHead } from '../../ui/page.tsx';
import { PagedTable } from '../../ui/paged-table.tsx';
import { Badge, Empty } from '../../ui/states.tsx';
import { useDebounced } from '../../ui/use-debounced.ts';
import { usePagedList } from '../../ui/use-paged-list.ts';
import type { Column } from '../../ui/virtual-table.tsx';

type RealmItem = ItemOf<'/admin/v1/realms'>;
const PAGE = 100;

export function RealmList() {
  const { api, can } = useApp();
  const [query, setQuery] = useState('');
  const [state, setState] = useState('');
  const q = useDebounced(query.trim(), 120);
  const list = usePagedList<RealmItem>(
    (cursor, signal) =>
      unwrap(
        api.GET('/admin/v1/realms', {
          params: { query: { limit: PAGE, sort: 'name', ...(q ? { q } : {}), ...(state ? { state: state as 'active' | 'inactive' } : {}), ...(cursor ? { cursor } : {}) } },
          signal,
        }),
      ),
    [q, state],
  );
  const columns: Column<RealmItem>[] = [
    {
      header: t('realms.col.name'),
      width: 'minmax(0,2fr)',
      cell: (realm) => (
        <Link to={`/realms/${encodeURIComponent(realm.id)}`} class="row-link">
          {realm.name}
        </Link>
      ),
    },
    { header: t('realms.col.slug'), width: 'minmax(0,1.2fr)', cell: (realm) => <code>{realm.slug}</code> },
    { header: t('realms.col.id'), width: 'minmax(0,1.6fr)', cell: (realm) => <code class="muted">{realm.id}</code>, hideBelow: 900 },
    {
      header: t('realms.col.state'),
      width: '110px',
      cell: (realm) => (realm.slug === 'admin' ? <Badge tone="accent">{t('realm.system')}</Badge> : <Badge tone={realm.state === 'active' ? 'ok' : 'warn'}>{realm.state === 'active' ? t('common.active') : t('common.inactive')}</Badge>),
    },
    { header: t('realms.col.created'), width: '190px', cell: (realm) => <span class="muted">{formatDateTime(realm.created_at)}</span>, hideBelow: 700 },
  ];
  return (
    <>
      <PageHead title={t('realms.title')} actions={can.createRealms ? <Link to="/new/realm" class="btn primary">{t('realms.create')}</Link> : null} />
      <div class="toolbar">
        <div class="grow">
          <SearchField label={t('realms.search')} value={query} onValue={setQuery} placeholder={t('realms.search_placeholder')} />
        </div>
        <div style="min-width:160px;margin-bottom:-14px">
          <SelectField
            label={t('realms.state_filter')}
            value={state}
            onValue={setState}
            options={[
              { value: '', label: t('common.filter_all') },
              { value: 'active', label: t('common.active') },
              { value: 'inactive', label: t('common.inactive') },
            ]}
          />
        </div>
      </div>
      <PagedTable list={list} loadingRows={6} empty={<Empty title={t('realms.empty')}><p>{t('realms.empty_hint')}</p></Empty>} label={t('realms.list_label')} columns={columns} keyOf={(realm) => realm.id} />
    </>
  );
}
