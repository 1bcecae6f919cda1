/**
 * Operator applications: machine applications of the admin realm with grants, acting as operators
 * through client credentials. A superadmin gives, changes and revokes grants; others look.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { ItemOf } from '../../api/types.ts';
import { formatDateTime, formatRelative, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { Link } from '../../ui/link.tsx';
import { PageHead } from '../../ui/page.tsx';
import { Badge, Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import { VirtualTable, type Column } from '../../ui/virtual-table.tsx';
import { GrantBadges } from './grants-editor.tsx';
import { OperatorApplicationGrant, type Target } from './operator-application-grant.tsx';

type Item = ItemOf<'/admin/v1/operator-applications'>;

export function OperatorApplicationList(_props: { params: Record<string, string> }) {
  const { api, can } = useApp();
  const notify = useToast();
  const [editing, setEditing] = useState<{ target: Target | null } | null>(null);
  const [revoking, setRevoking] = useState<Item | null>(null);
  const list = usePagedList<Item>((cursor, signal) => unwrap(api.GET('/admin/v1/operator-applications', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } }, signal })), []);
  const manage = can.manageOperators;
  const columns: Column<Item>[] = [
    {
      header: t('operator_apps.col.name'),
      width: 'minmax(0,1.3fr)',
      cell: (app) => <Link class="row-link" to={`/realms/admin/applications/${encodeURIComponent(app.client_id)}`}>{app.name}</Link>,
    },
    { header: t('operator_apps.col.client_id'), width: 'minmax(0,1.3fr)', cell: (app) => <code class="muted">{app.client_id}</code>, hideBelow: 900 },
    { header: t('operator_apps.col.grants'), width: 'minmax(0,1.6fr)', cell: (app) => <GrantBadges grants={app.grants} /> },
    { header: t('operator_apps.col.enabled'), width: '100px', cell: (app) => <Badge tone={app.enabled ? 'ok' : 'warn'}>{app.enabled ? t('operator_apps.enabled') : t('operator_apps.disabled')}</Badge>, hideBelow: 600 },
    { header: t('operator_apps.col.updated'), width: '130px', cell: (app) => <span class="muted" title={formatDateTime(app.updated_at)}>{formatRelative(app.updated_at)}</span>, hideBelow: 1100 },
  ];
  if (manage) {
    columns.push({
      header: t('operator_apps.col.actions'),
      width: '170px',
      cell: (app) => (
        <span class="row-actions">
          <Button small aria-label={t('operator_apps.change_named', { name: app.name })} onClick={() => setEditing({ target: app })}>{t('operator_apps.change')}</Button>
          <Button small variant="ghost" class="danger-text" aria-label={t('operator_apps.revoke_named', { name: app.name })} onClick={() => setRevoking(app)}>{t('operator_apps.revoke')}</Button>
        </span>
      ),
    });
  }
  return (
    <>
      <PageHead title={t('operator_apps.title')} actions={manage ? <Button variant="primary" onClick={() => setEditing({ target: null })}>{t('operator_apps.give')}</Button> : null} />
      <p class="muted page-intro">{t('operator_apps.intro')} <Link to="/realms/admin/applications">{t('operator_apps.admin_apps_link')}</Link></p>
      {!manage && !list.error ? <p class="notice">{t('operator_apps.read_only')}</p> : null}
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {list.error ? null : list.loading && list.items.length === 0 ? (
        <div class="table-wrap"><Loading rows={4} /></div>
      ) : list.items.length === 0 ? (
        <div class="table-wrap"><Empty title={t('operator_apps.empty')}><p>{t('operator_apps.empty_hint')}</p></Empty></div>
      ) : (
        <VirtualTable label={t('operator_apps.list_label')} items={list.items} columns={columns} keyOf={(app) => app.client_id} complete={list.complete} loading={list.loading} onEndReached={list.loadMore} rowHeight={56} />
      )}
      {manage ? (
        <>
          <OperatorApplicationGrant
            open={editing !== null}
            target={editing?.target ?? null}
            granted={new Set(list.items.map((app) => app.client_id))}
            onClose={() => setEditing(null)}
            onSaved={(name) => {
              setEditing(null);
              notify(t('operator_apps.saved', { name }));
              list.reload();
            }}
          />
          <ConfirmDialog
            open={revoking !== null}
            title={t('operator_apps.revoke_title', { name: revoking?.name ?? '' })}
            body={<p>{t('operator_apps.revoke_body')}</p>}
            confirmLabel={t('operator_apps.revoke')}
            onConfirm={async () => {
              if (!revoking) return;
              await unwrap(api.DELETE('/admin/v1/operator-applications/{application}', { params: { path: { application: revoking.client_id } } }));
              notify(t('operator_apps.revoked', { name: revoking.name }));
              list.update((app) => app.client_id === revoking.client_id, () => null);
            }}
            onClose={() => setRevoking(null)}
          />
        </>
      ) : null}
    </>
  );
}
