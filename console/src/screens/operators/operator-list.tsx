/**
 * Every operator, a page at a time by keyset, with what each may do. A superadmin creates operators
 * here; `read` and admin_all_realms operators look; anyone else gets the API's refusal.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { ItemOf } from '../../api/types.ts';
import { formatDateTime, formatRelative, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Link } from '../../ui/link.tsx';
import { PageHead } from '../../ui/page.tsx';
import { Badge, Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import { VirtualTable, type Column } from '../../ui/virtual-table.tsx';
import { GrantBadges } from './grants-editor.tsx';
import { OperatorCreate } from './operator-create.tsx';

type OperatorItem = ItemOf<'/admin/v1/operators'>;

export function OperatorState({ operator }: { operator: { state: string; locked: boolean } }) {
  if (operator.locked) return <Badge tone="danger">{t('operators.locked')}</Badge>;
  if (operator.state !== 'active') return <Badge tone="warn">{t('operators.inactive')}</Badge>;
  return <Badge tone="ok">{t('operators.active')}</Badge>;
}

export const operatorName = (operator: { display_name: string | null; email: string | null; username: string | null; id: string }) => operator.display_name ?? operator.email ?? operator.username ?? operator.id;

export function OperatorList(_props: { params: Record<string, string> }) {
  const { api, can, me, navigate } = useApp();
  const notify = useToast();
  const [creating, setCreating] = useState(false);
  const list = usePagedList<OperatorItem>((cursor, signal) => unwrap(api.GET('/admin/v1/operators', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } }, signal })), []);
  const columns: Column<OperatorItem>[] = [
    {
      header: t('operators.col.name'),
      width: 'minmax(0,1.4fr)',
      cell: (operator) => (
        <>
          <Link to={`/operators/${encodeURIComponent(operator.id)}`} class="row-link">{operatorName(operator)}</Link>
          {operator.id === me.actor.id ? <> <Badge>{t('operators.you')}</Badge></> : null}
        </>
      ),
    },
    { header: t('operators.col.email'), width: 'minmax(0,1.4fr)', cell: (operator) => <span class="muted">{operator.email ?? t('common.none')}</span>, hideBelow: 760 },
    { header: t('operators.col.grants'), width: 'minmax(0,1.6fr)', cell: (operator) => <GrantBadges grants={operator.grants} /> },
    { header: t('operators.col.state'), width: '100px', cell: (operator) => <OperatorState operator={operator} />, hideBelow: 520 },
    {
      header: t('operators.col.last_login'),
      width: '150px',
      cell: (operator) => (operator.last_login_at ? <span class="muted" title={formatDateTime(operator.last_login_at)}>{formatRelative(operator.last_login_at)}</span> : <span class="muted">{t('operators.never')}</span>),
      hideBelow: 1000,
    },
  ];
  return (
    <>
      <PageHead title={t('operators.title')} actions={can.manageOperators ? <Button variant="primary" onClick={() => setCreating(true)}>{t('operators.create')}</Button> : null} />
      <p class="muted page-intro">{t('operators.intro')}</p>
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {list.error ? null : list.loading && list.items.length === 0 ? (
        <div class="table-wrap"><Loading rows={5} /></div>
      ) : list.items.length === 0 ? (
        <div class="table-wrap"><Empty title={t('operators.empty')}><p>{t('operators.empty_hint')}</p></Empty></div>
      ) : (
        <VirtualTable label={t('operators.list_label')} items={list.items} columns={columns} keyOf={(operator) => operator.id} complete={list.complete} loading={list.loading} onEndReached={list.loadMore} />
      )}
      {can.manageOperators ? (
        <OperatorCreate
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(operator) => {
            setCreating(false);
            notify(t('operators.created', { name: operatorName(operator) }));
            navigate(`/operators/${encodeURIComponent(operator.id)}`);
          }}
        />
      ) : null}
    </>
  );
}
