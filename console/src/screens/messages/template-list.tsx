/** Every message type of the realm, and whether the realm has its own template for it or uses the default. */
import { unwrap } from '../../api/client.ts';
import { formatDateTime, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Link } from '../../ui/link.tsx';
import { PageHead } from '../../ui/page.tsx';
import { Badge, Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { MessagesTabs } from './messages-tabs.tsx';

export function TemplateList(_props: { params: Record<string, string> }) {
  const { api } = useApp();
  const { realm, canManage } = useRealm();
  const state = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/templates', { params: { path: { realm: realm.id } }, signal })), [realm.id]);
  const base = `/realms/${encodeURIComponent(realm.id)}`;
  const items = state.data?.items ?? [];
  return (
    <>
      <PageHead title={t('messages.tpl.title')} crumbs={[{ label: realm.name, to: base }]} />
      <MessagesTabs realmId={realm.id} current="templates" />
      {state.error ? <ErrorNotice error={state.error} onRetry={state.reload} /> : null}
      {!state.data && !state.error ? (
        <div class="table-wrap"><Loading rows={5} /></div>
      ) : state.data && items.length === 0 ? (
        <div class="table-wrap"><Empty title={t('messages.tpl.empty')} /></div>
      ) : state.data ? (
        <div class="table-wrap template-table">
          <table class="data" aria-label={t('messages.tpl.list_label')}>
            <thead>
              <tr>
                <th scope="col">{t('messages.tpl.col.type')}</th>
                <th scope="col" class="hide-narrow">{t('messages.tpl.col.description')}</th>
                <th scope="col">{t('messages.tpl.col.template')}</th>
                <th scope="col" class="hide-narrow">{t('messages.tpl.col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.type}>
                  <td>
                    <Link to={`${base}/templates/${encodeURIComponent(item.type)}`} class="row-link" aria-label={t(canManage ? 'messages.tpl.edit' : 'messages.tpl.view', { type: item.type })}>
                      <code>{item.type}</code>
                    </Link>
                  </td>
                  <td class="hide-narrow muted">{item.description}</td>
                  <td>{item.customized ? <Badge tone="accent">{t('messages.tpl.customized')}</Badge> : <Badge>{t('messages.tpl.default')}</Badge>}</td>
                  <td class="hide-narrow muted">{item.updated_at ? formatDateTime(item.updated_at) : t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
