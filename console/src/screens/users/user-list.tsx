/**
 * A realm's users, searched on the server as the operator types (names, email, username) or by an
 * exact email, username, mobile or tag, filtered by state, lock and verification, a page at a time
 * by keyset in a virtualised table. Managers create users here (a modal) and land on the new user.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { ItemOf } from '../../api/types.ts';
import { formatDateTime, formatRelative, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Link } from '../../ui/link.tsx';
import { PageHead } from '../../ui/page.tsx';
import { PagedTable } from '../../ui/paged-table.tsx';
import { Badge, Empty } from '../../ui/states.tsx';
import { useDebounced } from '../../ui/use-debounced.ts';
import { usePagedList } from '../../ui/use-paged-list.ts';
import type { Column } from '../../ui/virtual-table.tsx';
import { useRealm } from '../realms/realm-frame.tsx';
import { UserCreate } from './user-create.tsx';
import { UserFilters, emptyFilters, listQuery, type Filters } from './user-filters.tsx';
import { userName } from './user-names.ts';

type UserItem = ItemOf<'/admin/v1/realms/{realm}/users'>;
const PAGE = 100;

export function UserList(_props: { params: Record<string, string> }) {
  const { api, navigate } = useApp();
  const { realm, canManage } = useRealm();
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const [creating, setCreating] = useState(false);
  const settled = useDebounced(filters, 150);
  const query = listQuery(settled);
  const list = usePagedList<UserItem>(
    (cursor, signal) => unwrap(api.GET('/admin/v1/realms/{realm}/users', { params: { path: { realm: realm.id }, query: { limit: PAGE, ...query, ...(cursor ? { cursor } : {}) } }, signal })),
    [realm.id, JSON.stringify(query)],
  );
  const base = `/realms/${encodeURIComponent(realm.id)}/users`;
  const columns: Column<UserItem>[] = [
    {
      header: t('users.col.name'),
      width: 'minmax(0,1.6fr)',
      cell: (user) => (
        <Link to={`${base}/${encodeURIComponent(user.id)}`} class="row-link">
          {userName(user)}
        </Link>
      ),
    },
    { header: t('users.col.email'), width: 'minmax(0,1.6fr)', cell: (user) => (user.email ? <span>{user.email}</span> : <span class="muted">{t('common.none')}</span>), hideBelow: 640 },
    { header: t('users.col.username'), width: 'minmax(0,1fr)', cell: (user) => (user.username ? <code>{user.username}</code> : <span class="muted">{t('common.none')}</span>), hideBelow: 900 },
    {
      header: t('users.col.state'),
      width: '150px',
      cell: (user) => (
        <span class="user-badges">
          <Badge tone={user.state === 'active' ? 'ok' : 'warn'}>{user.state === 'active' ? t('common.active') : t('common.inactive')}</Badge>
          {user.locked ? <Badge tone="danger">{t('users.locked')}</Badge> : null}
        </span>
      ),
    },
    {
      header: t('users.col.last_login'),
      width: '150px',
      cell: (user) => (user.last_login_at ? <span class="muted" title={formatDateTime(user.last_login_at)}>{formatRelative(user.last_login_at)}</span> : <span class="muted">{t('users.never')}</span>),
      hideBelow: 760,
    },
  ];
  // Whether anything narrows the list (the search-by choice alone does not).
  const filtered = Object.keys(query).length > 0;
  return (
    <>
      <PageHead
        title={t('users.title')}
        crumbs={[{ label: t('realms.title'), to: '/realms' }, { label: realm.name, to: `/realms/${encodeURIComponent(realm.id)}` }]}
        actions={canManage ? <Button variant="primary" onClick={() => setCreating(true)}>{t('users.create')}</Button> : null}
      />
      <UserFilters value={filters} onChange={setFilters} />
      <PagedTable list={list} loadingRows={6} empty={<Empty title={filtered ? t('users.empty_filtered') : t('users.empty')}><p>{filtered ? t('users.empty_filtered_hint') : canManage ? t('users.empty_hint_manage') : t('users.empty_hint')}</p></Empty>} label={t('users.list_label', { realm: realm.name })} columns={columns} keyOf={(user) => user.id} />
      {canManage ? (
        <UserCreate
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            navigate(`${base}/${encodeURIComponent(user.id)}`);
          }}
        />
      ) : null}
    </>
  );
}
