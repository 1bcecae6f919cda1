/** One tenant: its details and custom JSON, edited or deleted by managers, and its members. */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { formatDateTime, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog, Modal } from '../../ui/dialog.tsx';
import { PageHead } from '../../ui/page.tsx';
import { Badge, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { TenantForm } from './tenant-form.tsx';
import { TenantMembers } from './tenant-members.tsx';

export function TenantPage({ params }: { params: Record<string, string> }) {
  const { api, navigate } = useApp();
  const { realm, canManage } = useRealm();
  const notify = useToast();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const realmPath = `/realms/${encodeURIComponent(realm.id)}`;
  const state = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/tenants/{tenant}', { params: { path: { realm: realm.id, tenant: params.tenant } }, signal })), [realm.id, params.tenant]);
  const crumbs = [
    { label: realm.name, to: realmPath },
    { label: t('access.tenants.title'), to: `${realmPath}/tenants` },
  ];
  if (state.error) {
    return (
      <>
        <PageHead title={params.tenant} crumbs={crumbs} />
        <ErrorNotice error={state.error} onRetry={state.reload} />
      </>
    );
  }
  if (!state.data) return <Loading />;
  const tenant = state.data;
  const inPolicy = realm.tenant_policy.type === 'selected' && realm.tenant_policy.tenant === tenant.slug;
  const custom = Object.keys(tenant.custom).length ? JSON.stringify(tenant.custom, null, 2) : null;
  return (
    <>
      <PageHead
        title={tenant.name}
        crumbs={crumbs}
        actions={
          canManage ? (
            <>
              <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
              <Button variant="danger" onClick={() => setDeleting(true)}>{t('common.delete')}</Button>
            </>
          ) : null
        }
      />
      {inPolicy ? <div class="notice" role="note">{t('access.tenant.in_policy')}</div> : null}
      <div class="card">
        <dl class="props">
          <dt>{t('access.tenant.slug')}</dt>
          <dd><code>{tenant.slug}</code></dd>
          <dt>{t('common.id')}</dt>
          <dd><code class="muted">{tenant.id}</code></dd>
          <dt>{t('common.state')}</dt>
          <dd><Badge tone={tenant.active ? 'ok' : 'warn'}>{tenant.active ? t('common.active') : t('common.inactive')}</Badge>{tenant.active ? null : <span class="muted small access-inline-note">{t('access.tenant.inactive_note')}</span>}</dd>
          <dt>{t('access.tenant.custom')}</dt>
          <dd>{custom ? <pre class="code">{custom}</pre> : <span class="muted">{t('common.none')}</span>}</dd>
          <dt>{t('common.updated')}</dt>
          <dd class="muted">{formatDateTime(tenant.updated_at)}</dd>
        </dl>
      </div>
      <TenantMembers realm={realm.id} tenant={tenant} canManage={canManage} />
      {canManage ? (
        <>
          <Modal open={editing} title={t('access.tenant.edit_title', { name: tenant.name })} onClose={() => setEditing(false)}>
            <TenantForm
              tenant={tenant}
              onCancel={() => setEditing(false)}
              onSubmit={async (draft) => {
                const changed = await unwrap(api.PATCH('/admin/v1/realms/{realm}/tenants/{tenant}', { params: { path: { realm: realm.id, tenant: tenant.id } }, body: draft }));
                setEditing(false);
                state.set(changed);
                notify(t('common.saved'));
                if (changed.slug !== params.tenant && params.tenant !== changed.id) navigate(`${realmPath}/tenants/${encodeURIComponent(changed.slug)}`, { replace: true });
              }}
            />
          </Modal>
          <ConfirmDialog
            open={deleting}
            title={t('access.tenant.delete_title', { name: tenant.name })}
            body={<p>{t('access.tenant.delete_body')}</p>}
            typedWord={tenant.slug}
            confirmLabel={t('access.tenant.delete')}
            onClose={() => setDeleting(false)}
            onConfirm={async () => {
              await unwrap(api.DELETE('/admin/v1/realms/{realm}/tenants/{tenant}', { params: { path: { realm: realm.id, tenant: tenant.id } } }));
              notify(t('access.tenant.deleted', { name: tenant.name }));
              navigate(`${realmPath}/tenants`);
            }}
          />
        </>
      ) : null}
    </>
  );
}
