/**
 * One role: what it grants and includes, switched on or off, edited or deleted by managers, and the
 * users holding it (role-holders.tsx). Addressed by slug or id, as the API addresses roles.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { formatDateTime, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog, Modal } from '../../ui/dialog.tsx';
import { Link } from '../../ui/link.tsx';
import { PageHead } from '../../ui/page.tsx';
import { Badge, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { RoleForm } from './role-form.tsx';
import { RoleHolders } from './role-holders.tsx';
import { useAllRoles } from './use-roles.ts';

export function RolePage({ params }: { params: Record<string, string> }) {
  const { api, navigate } = useApp();
  const { realm, canManage } = useRealm();
  const notify = useToast();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [toggling, setToggling] = useState(false);
  const realmPath = `/realms/${encodeURIComponent(realm.id)}`;
  const state = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/roles/{role}', { params: { path: { realm: realm.id, role: params.role } }, signal })), [realm.id, params.role]);
  const all = useAllRoles(realm.id, editing);
  const crumbs = [
    { label: realm.name, to: realmPath },
    { label: t('access.roles.title'), to: `${realmPath}/roles` },
  ];
  if (state.error) {
    return (
      <>
        <PageHead title={params.role} crumbs={crumbs} />
        <ErrorNotice error={state.error} onRetry={state.reload} />
      </>
    );
  }
  if (!state.data) return <Loading />;
  const role = state.data;
  const isDefault = (realm.roles?.default ?? []).includes(role.slug);

  async function setActive(active: boolean) {
    setToggling(true);
    try {
      state.set(await unwrap(api.PATCH('/admin/v1/realms/{realm}/roles/{role}', { params: { path: { realm: realm.id, role: role.id } }, body: { active } })));
      notify(active ? t('access.role.activated', { slug: role.slug }) : t('access.role.deactivated', { slug: role.slug }), {
        undo: async () => {
          try {
            state.set(await unwrap(api.PATCH('/admin/v1/realms/{realm}/roles/{role}', { params: { path: { realm: realm.id, role: role.id } }, body: { active: !active } })));
          } catch (error) {
            notify((error as Error).message, { tone: 'error' });
          }
        },
      });
    } catch (error) {
      notify((error as Error).message, { tone: 'error' });
    } finally {
      setToggling(false);
    }
  }

  return (
    <>
      <PageHead
        title={role.display_name ?? role.slug}
        crumbs={crumbs}
        actions={
          canManage ? (
            <>
              <Button busy={toggling} onClick={() => setActive(!role.active)}>{role.active ? t('access.role.deactivate') : t('access.role.activate')}</Button>
              <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
              <Button variant="danger" onClick={() => setDeleting(true)}>{t('common.delete')}</Button>
            </>
          ) : null
        }
      />
      <div class="card">
        <dl class="props">
          <dt>{t('access.role.slug')}</dt>
          <dd><code>{role.slug}</code> {isDefault ? <Badge tone="accent">{t('access.role.default_badge')}</Badge> : null}</dd>
          <dt>{t('common.state')}</dt>
          <dd>
            <Badge tone={role.active ? 'ok' : 'warn'}>{role.active ? t('common.active') : t('common.inactive')}</Badge>
            {role.active ? null : <span class="muted small access-inline-note">{t('access.role.inactive_note')}</span>}
          </dd>
          <dt>{t('access.role.description')}</dt>
          <dd>{role.description ?? <span class="muted">{t('common.none')}</span>}</dd>
          <dt>{t('access.role.permissions')}</dt>
          <dd>
            {role.permissions.length ? (
              <ul class="access-chips" aria-label={t('access.role.permissions')}>
                {role.permissions.map((permission) => <li key={permission}><code>{permission}</code></li>)}
              </ul>
            ) : (
              <span class="muted">{t('access.role.no_permissions')}</span>
            )}
          </dd>
          <dt>{t('access.role.includes')}</dt>
          <dd>
            {role.includes.length ? (
              <ul class="access-chips" aria-label={t('access.role.includes')}>
                {role.includes.map((entry) => <li key={entry.id}><Link to={`${realmPath}/roles/${encodeURIComponent(entry.slug)}`}>{entry.slug}</Link></li>)}
              </ul>
            ) : (
              <span class="muted">{t('access.role.includes_nothing')}</span>
            )}
          </dd>
          <dt>{t('common.id')}</dt>
          <dd><code class="muted">{role.id}</code></dd>
          <dt>{t('common.updated')}</dt>
          <dd class="muted">{formatDateTime(role.updated_at)}</dd>
        </dl>
      </div>
      <RoleHolders realm={realm.id} role={role} canManage={canManage} />
      {canManage ? (
        <>
          <Modal open={editing} title={t('access.role.edit_title', { slug: role.slug })} onClose={() => setEditing(false)}>
            <RoleForm
              role={role}
              roles={all.data}
              onCancel={() => setEditing(false)}
              onSubmit={async (draft) => {
                const changed = await unwrap(api.PATCH('/admin/v1/realms/{realm}/roles/{role}', { params: { path: { realm: realm.id, role: role.id } }, body: draft }));
                setEditing(false);
                state.set(changed);
                notify(t('common.saved'));
                if (changed.slug !== params.role && params.role !== changed.id) navigate(`${realmPath}/roles/${encodeURIComponent(changed.slug)}`, { replace: true });
              }}
            />
          </Modal>
          <ConfirmDialog
            open={deleting}
            title={t('access.role.delete_title', { slug: role.slug })}
            body={<p>{t('access.role.delete_body')}</p>}
            typedWord={role.slug}
            confirmLabel={t('access.role.delete')}
            onClose={() => setDeleting(false)}
            onConfirm={async () => {
              await unwrap(api.DELETE('/admin/v1/realms/{realm}/roles/{role}', { params: { path: { realm: realm.id, role: role.id } } }));
              notify(t('access.role.deleted', { slug: role.slug }));
              navigate(`${realmPath}/roles`);
            }}
          />
        </>
      ) : null}
    </>
  );
}
