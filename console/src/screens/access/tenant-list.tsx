/**
 * The realm's tenants, oldest first, a page at a time, under a sentence saying where the realm's
 * new users go (its tenant_policy). Managers create tenants here; each tenant's page holds members.
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
import { TenantForm, type Tenant } from './tenant-form.tsx';

function TenantPolicy() {
  const { realm } = useRealm();
  const policy = realm.tenant_policy;
  const settings = `/realms/${encodeURIComponent(realm.id)}/settings`;
  const text =
    policy.type === 'selected'
      ? t('access.tenants.policy_selected', { tenant: policy.tenant })
      : policy.type === 'auto_created'
        ? t('access.tenants.policy_auto')
        : t('access.tenants.policy_current');
  return (
    <div class="notice access-policy" role="note">
      <div>
        <strong>{t('access.tenants.policy_title')}</strong> {text}{' '}
        <Link to={settings}>{t('access.tenants.policy_change')}</Link>
      </div>
    </div>
  );
}

export function TenantList(_props: { params: Record<string, string> }) {
  const { api, navigate } = useApp();
  const { realm, canManage } = useRealm();
  const notify = useToast();
  const [creating, setCreating] = useState(false);
  const base = `/realms/${encodeURIComponent(realm.id)}/tenants`;
  const list = usePagedList<Tenant>(
    (cursor, signal) => unwrap(api.GET('/admin/v1/realms/{realm}/tenants', { params: { path: { realm: realm.id }, query: { limit: 100, ...(cursor ? { cursor } : {}) } }, signal })),
    [realm.id],
  );
  const columns: Column<Tenant>[] = [
    { header: t('access.tenant.name'), width: 'minmax(0,1.6fr)', cell: (tenant) => <Link to={`${base}/${encodeURIComponent(tenant.slug)}`} class="row-link">{tenant.name}</Link> },
    { header: t('access.tenant.slug'), width: 'minmax(0,1fr)', hideBelow: 560, cell: (tenant) => <code>{tenant.slug}</code> },
    { header: t('common.id'), width: 'minmax(0,1.4fr)', hideBelow: 900, cell: (tenant) => <code class="muted">{tenant.id}</code> },
    { header: t('common.state'), width: '96px', cell: (tenant) => <Badge tone={tenant.active ? 'ok' : 'warn'}>{tenant.active ? t('common.active') : t('common.inactive')}</Badge> },
    { header: t('common.created'), width: '180px', hideBelow: 1100, cell: (tenant) => <span class="muted">{formatDateTime(tenant.created_at)}</span> },
  ];
  return (
    <>
      <PageHead
        title={t('access.tenants.title')}
        crumbs={[{ label: realm.name, to: `/realms/${encodeURIComponent(realm.id)}` }]}
        actions={canManage ? <Button variant="primary" onClick={() => setCreating(true)}>{t('access.tenant.create')}</Button> : null}
      />
      <TenantPolicy />
      <PagedTable list={list} loadingRows={5} empty={<Empty title={t('access.tenants.empty')}><p>{canManage ? t('access.tenants.empty_hint') : t('access.tenants.empty_hint_read')}</p></Empty>} label={t('access.tenants.title')} columns={columns} keyOf={(tenant) => tenant.id} />
      <Modal open={creating} title={t('access.tenant.create_title')} onClose={() => setCreating(false)}>
        <TenantForm
          onCancel={() => setCreating(false)}
          onSubmit={async (draft) => {
            const made = await unwrap(api.POST('/admin/v1/realms/{realm}/tenants', { params: { path: { realm: realm.id } }, body: draft }));
            setCreating(false);
            notify(t('access.tenant.created', { name: made.name }));
            navigate(`${base}/${encodeURIComponent(made.slug)}`);
          }}
        />
      </Modal>
    </>
  );
}
