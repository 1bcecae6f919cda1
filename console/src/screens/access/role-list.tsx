/**
 * The realm's roles, oldest first, a page at a time by keyset: what each grants and includes, and
 * whether it is active. Managers create roles here; each role's page edits it and lists its holders.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { formatDateTime, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Modal } from '../../ui/dialog.tsx';
import { Link } from '../../ui/link.tsx';
import { PageHead } from '../../ui/page.tsx';
import { PagedTable } from '../../ui/paged-table.tsx';
import { Badge, Empty } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import type { Column } from '../../ui/virtual-table.tsx';
import { useRealm } from '../realms/realm-frame.tsx';
import { RoleForm } from './role-form.tsx';
import { useAllRoles, type Role } from './use-roles.ts';

const PAGE = 100;

export function RoleList(_props: { params: Record<string, string> }) {
  const { api, navigate } = useApp();
  const { realm, canManage } = useRealm();
  const notify = useToast();
  const [creating, setCreating] = useState(false);
  const base = `/realms/${encodeURIComponent(realm.id)}/roles`;
  const list = usePagedList<Role>(
    (cursor, signal) => unwrap(api.GET('/admin/v1/realms/{realm}/roles', { params: { path: { realm: realm.id }, query: { limit: PAGE, ...(cursor ? { cursor } : {}) } }, signal })),
    [realm.id],
  );
  const all = useAllRoles(realm.id, creating);
  const columns: Column<Role>[] = [
    {
      header: t('access.roles.col.role'),
      width: 'minmax(0,1.4fr)',
      cell: (role) => (
        <Link to={`${base}/${encodeURIComponent(role.slug)}`} class="row-link">
          {role.display_name ?? role.slug}
        </Link>
      ),
    },
    { header: t('access.roles.col.slug'), width: 'minmax(0,1fr)', cell: (role) => <code>{role.slug}</code>, hideBelow: 560 },
    {
      header: t('access.roles.col.permissions'),
      width: 'minmax(0,2fr)',
      hideBelow: 760,
      cell: (role) => (role.permissions.length ? <span class="mono small" title={role.permissions.join(', ')}>{role.permissions.join(', ')}</span> : <span class="muted">{t('common.none')}</span>),
    },
    {
      header: t('access.roles.col.includes'),
      width: 'minmax(0,1fr)',
      hideBelow: 960,
      cell: (role) => (role.includes.length ? <span class="mono small">{role.includes.map((entry) => entry.slug).join(', ')}</span> : <span class="muted">{t('common.none')}</span>),
    },
    { header: t('common.state'), width: '96px', cell: (role) => <Badge tone={role.active ? 'ok' : 'warn'}>{role.active ? t('common.active') : t('common.inactive')}</Badge> },
    { header: t('common.created'), width: '180px', hideBelow: 1100, cell: (role) => <span class="muted">{formatDateTime(role.created_at)}</span> },
  ];
  return (
    <>
      <PageHead
        title={t('access.roles.title')}
        crumbs={[{ label: realm.name, to: `/realms/${encodeURIComponent(realm.id)}` }]}
        actions={canManage ? <Button variant="primary" onClick={() => setCreating(true)}>{t('access.role.create')}</Button> : null}
      />
      <p class="muted access-lead">{t('access.roles.lead')}</p>
      <PagedTable list={list} loadingRows={5} empty={<Empty title={t('access.roles.empty')}><p>{canManage ? t('access.roles.empty_hint') : t('access.roles.empty_hint_read')}</p></Empty>} label={t('access.roles.title')} columns={columns} keyOf={(role) => role.id} />
      <Modal open={creating} title={t('access.role.create_title')} onClose={() => setCreating(false)}>
        <RoleForm
          roles={all.data}
          onCancel={() => setCreating(false)}
          onSubmit={async (draft) => {
            const made = await unwrap(api.POST('/admin/v1/realms/{realm}/roles', { params: { path: { realm: realm.id } }, body: draft }));
            setCreating(false);
            notify(t('access.role.created', { slug: made.slug }));
            navigate(`${base}/${encodeURIComponent(made.slug)}`);
          }}
        />
      </Modal>
    </>
  );
}
