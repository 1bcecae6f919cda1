/**
 * Who holds a role directly, with each assignment's window (past and future ones too, as the API
 * lists them), a page at a time. Managers assign it and take it away; Undo gives back the window.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { ItemOf } from '../../api/types.ts';
import { formatDateTime, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { PagedTable } from '../../ui/paged-table.tsx';
import { Badge, Empty } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import type { Column } from '../../ui/virtual-table.tsx';
import { windowState } from './access-logic.ts';
import { UserName, useUserLabel } from './user-name.tsx';
import { AssignRole } from './role-assign.tsx';

type Assignment = ItemOf<'/admin/v1/realms/{realm}/roles/{role}/users'>;
const STATE = { current: { tone: 'ok', key: 'access.holders.current' }, scheduled: { tone: 'accent', key: 'access.holders.scheduled' }, ended: { tone: undefined, key: 'access.holders.ended' } } as const;

function RemoveBody({ realm, user, role }: { realm: string; user: string; role: string }) {
  const name = useUserLabel(realm, user);
  return <p>{t('access.holders.remove_body', { user: name ?? user, role })}</p>;
}

export function RoleHolders({ realm, role, canManage }: { realm: string; role: { id: string; slug: string }; canManage: boolean }) {
  const { api } = useApp();
  const notify = useToast();
  const [assigning, setAssigning] = useState(false);
  const [removing, setRemoving] = useState<Assignment | null>(null);
  const list = usePagedList<Assignment>(
    (cursor, signal) => unwrap(api.GET('/admin/v1/realms/{realm}/roles/{role}/users', { params: { path: { realm, role: role.id }, query: { limit: 100, ...(cursor ? { cursor } : {}) } }, signal })),
    [realm, role.id],
  );
  const columns: Column<Assignment>[] = [
    { header: t('access.holders.col.user'), width: 'minmax(0,1.6fr)', cell: (item) => <UserName realm={realm} user={item.user_id} /> },
    { header: t('access.holders.col.starts'), width: 'minmax(0,1fr)', hideBelow: 640, cell: (item) => <span class="muted">{formatDateTime(item.starts_at)}</span> },
    { header: t('access.holders.col.ends'), width: 'minmax(0,1fr)', hideBelow: 800, cell: (item) => <span class="muted">{item.ends_at ? formatDateTime(item.ends_at) : t('access.holders.no_end')}</span> },
    {
      header: t('common.state'),
      width: '110px',
      cell: (item) => {
        const state = STATE[windowState(item)];
        return <Badge tone={state.tone}>{t(state.key)}</Badge>;
      },
    },
    ...(canManage
      ? [{ header: t('access.col.actions'), width: '96px', cell: (item: Assignment) => <Button small variant="ghost" aria-label={t('access.holders.remove_label', { user: item.user_id })} onClick={() => setRemoving(item)}>{t('access.holders.remove')}</Button> }]
      : []),
  ];
  return (
    <section class="stack access-section" aria-labelledby="role-holders">
      <div class="access-section-head">
        <h2 id="role-holders">{t('access.holders.title')}</h2>
        {canManage ? <Button variant="primary" onClick={() => setAssigning(true)}>{t('access.holders.assign')}</Button> : null}
      </div>
      <p class="muted small">{t('access.holders.lead')}</p>
      <PagedTable list={list} loadingRows={3} empty={<Empty title={t('access.holders.empty')}>{canManage ? <p>{t('access.holders.empty_hint')}</p> : null}</Empty>} label={t('access.holders.title')} columns={columns} keyOf={(item) => item.user_id} height="min(50vh, 420px)" />
      {canManage ? (
        <>
          <AssignRole
            open={assigning}
            realm={realm}
            role={role}
            onClose={() => setAssigning(false)}
            onAssigned={(_user, who) => {
              notify(t('access.holders.assigned', { user: who, role: role.slug }));
              list.reload();
            }}
          />
          <ConfirmDialog
            open={removing !== null}
            title={t('access.holders.remove_title')}
            body={<RemoveBody realm={realm} user={removing?.user_id ?? ''} role={role.slug} />}
            confirmLabel={t('access.holders.remove')}
            onClose={() => setRemoving(null)}
            onConfirm={async () => {
              const gone = removing!;
              await unwrap(api.DELETE('/admin/v1/realms/{realm}/users/{user}/roles/{role}', { params: { path: { realm, user: gone.user_id, role: role.id } } }));
              list.update((item) => item.user_id === gone.user_id, () => null);
              notify(t('access.holders.removed', { user: gone.user_id }), {
                // The window comes back as it was: the API assigns with the same start and end.
                undo: async () => {
                  await unwrap(api.POST('/admin/v1/realms/{realm}/users/{user}/roles', { params: { path: { realm, user: gone.user_id } }, body: { role: role.id, starts_at: gone.starts_at, ends_at: gone.ends_at } })).catch((error: Error) => notify(error.message, { tone: 'error' }));
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
