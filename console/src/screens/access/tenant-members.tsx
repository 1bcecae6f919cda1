/**
 * A tenant's members with their roles in it, earliest first, a page at a time. Managers add members,
 * change their roles and remove them (their tokens in the tenant stop at once; Undo adds them back).
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { ItemOf } from '../../api/types.ts';
import { formatDateTime, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog, Modal } from '../../ui/dialog.tsx';
import { PagedTable } from '../../ui/paged-table.tsx';
import { Empty } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import type { Column } from '../../ui/virtual-table.tsx';
import { MemberForm } from './member-form.tsx';
import { UserName, useUserLabel } from './user-name.tsx';
import { useAllRoles } from './use-roles.ts';

type Member = ItemOf<'/admin/v1/realms/{realm}/tenants/{tenant}/members'>;

function RemoveBody({ realm, user, tenant }: { realm: string; user: string; tenant: string }) {
  const name = useUserLabel(realm, user);
  return <p>{t('access.members.remove_body', { user: name ?? user, tenant })}</p>;
}

export function TenantMembers({ realm, tenant, canManage }: { realm: string; tenant: { id: string; name: string }; canManage: boolean }) {
  const { api } = useApp();
  const notify = useToast();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Member | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const roles = useAllRoles(realm, adding || editing !== null);
  const list = usePagedList<Member>(
    (cursor, signal) => unwrap(api.GET('/admin/v1/realms/{realm}/tenants/{tenant}/members', { params: { path: { realm, tenant: tenant.id }, query: { limit: 100, ...(cursor ? { cursor } : {}) } }, signal })),
    [realm, tenant.id],
  );
  const save = (user: string, chosen: string[]) => unwrap(api.POST('/admin/v1/realms/{realm}/tenants/{tenant}/members', { params: { path: { realm, tenant: tenant.id } }, body: { user_id: user, roles: chosen } }));
  const columns: Column<Member>[] = [
    { header: t('access.holders.col.user'), width: 'minmax(0,1.4fr)', cell: (item) => <UserName realm={realm} user={item.user_id} /> },
    { header: t('access.members.roles'), width: 'minmax(0,1.4fr)', hideBelow: 520, cell: (item) => (item.roles.length ? <span class="mono small">{item.roles.join(', ')}</span> : <span class="muted">{t('access.members.no_role')}</span>) },
    { header: t('access.members.since'), width: '180px', hideBelow: 900, cell: (item) => <span class="muted">{formatDateTime(item.created_at)}</span> },
    ...(canManage
      ? [{
          header: t('access.col.actions'),
          width: '150px',
          cell: (item: Member) => (
            <span class="access-row-actions">
              <Button small variant="ghost" aria-label={t('access.members.edit_label', { user: item.user_id })} onClick={() => setEditing(item)}>{t('access.members.edit')}</Button>
              <Button small variant="ghost" aria-label={t('access.members.remove_label', { user: item.user_id })} onClick={() => setRemoving(item)}>{t('access.members.remove')}</Button>
            </span>
          ),
        }]
      : []),
  ];
  return (
    <section class="stack access-section" aria-labelledby="tenant-members">
      <div class="access-section-head">
        <h2 id="tenant-members">{t('access.members.title')}</h2>
        {canManage ? <Button variant="primary" onClick={() => setAdding(true)}>{t('access.members.add')}</Button> : null}
      </div>
      <PagedTable list={list} loadingRows={3} empty={<Empty title={t('access.members.empty')}>{canManage ? <p>{t('access.members.empty_hint')}</p> : null}</Empty>} label={t('access.members.title')} columns={columns} keyOf={(item) => item.user_id} height="min(50vh, 420px)" />
      {canManage ? (
        <>
          <Modal open={adding} title={t('access.members.add_title', { tenant: tenant.name })} onClose={() => setAdding(false)}>
            <MemberForm
              realm={realm}
              roles={roles.data}
              onCancel={() => setAdding(false)}
              onSubmit={async (user, chosen) => {
                await save(user, chosen);
                setAdding(false);
                notify(t('access.members.added'));
                list.reload();
              }}
            />
          </Modal>
          <Modal open={editing !== null} title={t('access.members.edit_title')} onClose={() => setEditing(null)}>
            {editing ? (
              <MemberForm
                realm={realm}
                member={editing}
                roles={roles.data}
                onCancel={() => setEditing(null)}
                onSubmit={async (user, chosen) => {
                  const changed = await save(user, chosen);
                  setEditing(null);
                  list.update((item) => item.user_id === user, () => changed);
                  notify(t('common.saved'));
                }}
              />
            ) : null}
          </Modal>
          <ConfirmDialog
            open={removing !== null}
            title={t('access.members.remove_title')}
            body={<RemoveBody realm={realm} user={removing?.user_id ?? ''} tenant={tenant.name} />}
            confirmLabel={t('access.members.remove')}
            onClose={() => setRemoving(null)}
            onConfirm={async () => {
              const gone = removing!;
              await unwrap(api.DELETE('/admin/v1/realms/{realm}/tenants/{tenant}/members/{user}', { params: { path: { realm, tenant: tenant.id, user: gone.user_id } } }));
              list.update((item) => item.user_id === gone.user_id, () => null);
              notify(t('access.members.removed', { user: gone.user_id }), {
                undo: async () => {
                  await save(gone.user_id, gone.roles).catch((error: Error) => notify(error.message, { tone: 'error' }));
                  list.reload();
                },
              });
            }}
          />
        </>
      ) : null}
    </section>
  );
}
