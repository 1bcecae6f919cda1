/** A user's live sessions, newest first: where and when each was used; end one or all (confirmed). */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { ItemOf } from '../../api/types.ts';
import { formatDateTime, formatRelative, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { PagedTable } from '../../ui/paged-table.tsx';
import { Empty } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import type { Column } from '../../ui/virtual-table.tsx';
import { useRealm } from '../realms/realm-frame.tsx';
import type { UserSectionProps } from './user-page.tsx';

type Session = ItemOf<'/admin/v1/realms/{realm}/users/{user}/sessions'>;

export function UserSessions({ user }: UserSectionProps) {
  const { api } = useApp();
  const { realm, canManage } = useRealm();
  const notify = useToast();
  const [ending, setEnding] = useState<Session | 'all' | null>(null);
  const path = { realm: realm.id, user: user.id };
  const list = usePagedList<Session>(
    (cursor, signal) => unwrap(api.GET('/admin/v1/realms/{realm}/users/{user}/sessions', { params: { path, query: { limit: 100, ...(cursor ? { cursor } : {}) } }, signal })),
    [realm.id, user.id],
  );
  const columns: Column<Session>[] = [
    { header: t('user.session.device'), width: 'minmax(0,2fr)', cell: (session) => <span title={session.user_agent ?? undefined}>{session.user_agent ?? t('common.none')}</span> },
    { header: t('user.session.ip'), width: 'minmax(0,1fr)', cell: (session) => <code>{session.ip ?? t('common.none')}</code>, hideBelow: 700 },
    { header: t('user.session.started'), width: '180px', cell: (session) => <span class="muted">{formatDateTime(session.created_at)}</span>, hideBelow: 900 },
    { header: t('user.session.last_used'), width: '130px', cell: (session) => <span class="muted" title={formatDateTime(session.last_used_at)}>{formatRelative(session.last_used_at)}</span> },
    { header: t('user.session.expires'), width: '130px', cell: (session) => <span class="muted" title={formatDateTime(session.expires_at)}>{formatRelative(session.expires_at)}</span>, hideBelow: 1000 },
  ];
  if (canManage) {
    columns.push({ header: t('user.session.actions'), width: '90px', cell: (session) => <Button small onClick={() => setEnding(session)} aria-label={t('user.session.end_one_label', { ip: session.ip ?? session.id })}>{t('user.session.end')}</Button> });
  }
  return (
    <section aria-labelledby="user-sessions-h">
      <div class="user-section-head">
        <h2 id="user-sessions-h">{t('user.sessions_title')}</h2>
        {canManage && list.items.length > 0 ? <Button variant="danger" onClick={() => setEnding('all')}>{t('user.session.end_all')}</Button> : null}
      </div>
      <PagedTable list={list} empty={<Empty title={t('user.sessions_empty')}><p>{t('user.sessions_empty_hint')}</p></Empty>} label={t('user.sessions_title')} columns={columns} keyOf={(session) => session.id} height="min(50vh, 480px)" />
      <ConfirmDialog
        open={ending !== null}
        title={ending === 'all' ? t('user.session.end_all_title') : t('user.session.end_title')}
        body={<p>{ending === 'all' ? t('user.session.end_all_body') : t('user.session.end_body')}</p>}
        confirmLabel={ending === 'all' ? t('user.session.end_all') : t('user.session.end')}
        onConfirm={async () => {
          if (ending === 'all') {
            await unwrap(api.POST('/admin/v1/realms/{realm}/users/{user}/logout', { params: { path } }));
            list.reload();
            notify(t('user.session.ended_all'));
          } else if (ending) {
            await unwrap(api.DELETE('/admin/v1/realms/{realm}/users/{user}/sessions/{session}', { params: { path: { ...path, session: ending.id } } }));
            list.update((session) => session.id === ending.id, () => null);
            notify(t('user.session.ended'));
          }
        }}
        onClose={() => setEnding(null)}
      />
    </section>
  );
}
