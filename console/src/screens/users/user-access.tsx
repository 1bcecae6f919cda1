/**
 * The access tab: the user's role assignments (with their windows; a manager assigns a role from
 * the realm's roles or takes one away) and the tenants they belong to, with their roles there.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { formatDateTime, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { Badge, ErrorNotice } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useAsync } from '../../ui/use-async.ts';
import { Link } from '../../ui/link.tsx';
import { useRealm } from '../realms/realm-frame.tsx';
import { ListCard } from './user-list-card.tsx';
import type { UserSectionProps } from './user-page.tsx';

export function UserAccess({ user }: UserSectionProps) {
  const { api } = useApp();
  const { realm, canManage } = useRealm();
  const notify = useToast();
  const [choice, setChoice] = useState('');
  const { busy, error, run } = useAction();
  const [removing, setRemoving] = useState<{ id: string; slug: string } | null>(null);
  const path = { realm: realm.id, user: user.id };
  const realmPath = `/realms/${encodeURIComponent(realm.id)}`;
  const roles = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/users/{user}/roles', { params: { path, query: { limit: 1000 } }, signal })), [realm.id, user.id]);
  const tenants = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/users/{user}/tenants', { params: { path }, signal })), [realm.id, user.id]);
  // Only managers assign roles, so only they need the realm's role list.
  const realmRoles = useAsync((signal) => (canManage ? unwrap(api.GET('/admin/v1/realms/{realm}/roles', { params: { path: { realm: realm.id }, query: { limit: 1000 } }, signal })) : Promise.resolve({ items: [], next_cursor: null })), [realm.id, canManage]);
  const held = new Set(roles.data?.items.map((item) => item.role.id));
  const assignable = (realmRoles.data?.items ?? []).filter((role) => !held.has(role.id));
  const now = Date.now();

  async function assign(event: Event) {
    event.preventDefault();
    if (!choice) return;
    await run(async () => {
      await unwrap(api.POST('/admin/v1/realms/{realm}/users/{user}/roles', { params: { path }, body: { role: choice } }));
      setChoice('');
      roles.reload();
      notify(t('user.role_assigned'));
    });
  }
  return (
    <div class="stack">
      <ListCard
        id="user-roles-h"
        title={t('user.roles_title')}
        state={roles}
        keyOf={(item) => item.role.id}
        empty={t('user.roles_empty')}
        columns={[
          { header: t('user.col.role'), cell: (item) => <Link to={`${realmPath}/roles/${encodeURIComponent(item.role.id)}`}>{item.role.slug}</Link> },
          {
            header: t('user.col.window'),
            cell: (item) => {
              const started = Date.parse(item.starts_at) <= now;
              const ended = item.ends_at !== null && Date.parse(item.ends_at) <= now;
              return (
                <span class="user-badges">
                  <Badge tone={ended ? undefined : started ? 'ok' : 'accent'}>{ended ? t('user.role_ended') : started ? t('user.role_current') : t('user.role_future')}</Badge>
                  <span class="muted small">{item.ends_at ? t('user.role_window', { from: formatDateTime(item.starts_at), to: formatDateTime(item.ends_at) }) : t('user.role_from', { from: formatDateTime(item.starts_at) })}</span>
                </span>
              );
            },
            minor: true,
          },
        ]}
        rowAction={canManage ? (item) => <Button small onClick={() => setRemoving(item.role)} aria-label={t('user.role_remove_label', { role: item.role.slug })}>{t('user.remove')}</Button> : undefined}
      />
      {canManage ? (
        <form class="card user-inline-form" onSubmit={assign}>
          <SelectField
            label={t('user.role_assign_label')}
            value={choice}
            onValue={setChoice}
            disabled={assignable.length === 0}
            options={[{ value: '', label: assignable.length ? t('user.role_choose') : t('user.role_none_left') }, ...assignable.map((role) => ({ value: role.id, label: role.display_name ? `${role.display_name} (${role.slug})` : role.slug }))]}
          />
          <Button type="submit" busy={busy} disabled={!choice}>{t('user.role_assign')}</Button>
          {realmRoles.error ? <ErrorNotice error={realmRoles.error} onRetry={realmRoles.reload} /> : null}
          {error ? <ErrorNotice error={error} /> : null}
        </form>
      ) : null}
      <ListCard
        id="user-tenants-h"
        title={t('user.tenants_title')}
        state={tenants}
        keyOf={(tenant) => tenant.id}
        empty={t('user.tenants_empty')}
        columns={[
          { header: t('user.col.tenant'), cell: (tenant) => <Link to={`${realmPath}/tenants/${encodeURIComponent(tenant.id)}`}>{tenant.name}</Link> },
          { header: t('user.col.tenant_roles'), cell: (tenant) => (tenant.roles.length ? tenant.roles.join(', ') : t('common.none')) },
          { header: t('user.col.member_since'), cell: (tenant) => <span class="muted">{formatDateTime(tenant.member_since)}</span>, minor: true },
          { header: t('common.state'), cell: (tenant) => <Badge tone={tenant.active ? 'ok' : 'warn'}>{tenant.active ? t('common.active') : t('common.inactive')}</Badge>, minor: true },
        ]}
      />
      <ConfirmDialog
        open={removing !== null}
        title={t('user.role_remove_title', { role: removing?.slug ?? '' })}
        body={<p>{t('user.role_remove_body')}</p>}
        confirmLabel={t('user.remove')}
        onConfirm={async () => {
          if (!removing) return;
          await unwrap(api.DELETE('/admin/v1/realms/{realm}/users/{user}/roles/{role}', { params: { path: { ...path, role: removing.id } } }));
          roles.reload();
          notify(t('user.role_removed', { role: removing.slug }));
        }}
        onClose={() => setRemoving(null)}
      />
    </div>
  );
}
