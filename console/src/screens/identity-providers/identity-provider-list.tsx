/**
 * A realm's identity providers in sign-in page order: each one's button name, slug, preset or
 * protocol, whether it is on, and whether its secret is stored. Opens one; adds one.
 */
import { unwrap } from '../../api/client.ts';
import { formatNumber, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Link } from '../../ui/link.tsx';
import { PageHead } from '../../ui/page.tsx';
import { PagedTable } from '../../ui/paged-table.tsx';
import { Badge, Empty } from '../../ui/states.tsx';
import { usePagedList } from '../../ui/use-paged-list.ts';
import type { Column } from '../../ui/virtual-table.tsx';
import { useRealm } from '../realms/realm-frame.tsx';
import type { Provider } from './idp-model.ts';
import { typeInfo, type ProviderType } from './presets.ts';

export function IdentityProviderList(_props: { params: Record<string, string> }) {
  const { api } = useApp();
  const { realm, canManage } = useRealm();
  const base = `/realms/${encodeURIComponent(realm.id)}`;
  const list = usePagedList<Provider>(
    (cursor, signal) => unwrap(api.GET('/admin/v1/realms/{realm}/identity-providers', { params: { path: { realm: realm.id }, query: { limit: 50, ...(cursor ? { cursor } : {}) } }, signal })),
    [realm.id],
  );
  const columns: Column<Provider>[] = [
    { header: t('integrations.idp.col.position'), width: '64px', cell: (idp) => <span class="muted">{formatNumber(idp.position)}</span>, hideBelow: 560 },
    {
      header: t('integrations.idp.col.name'),
      width: 'minmax(0,1.6fr)',
      cell: (idp) => (
        <Link to={`${base}/identity-providers/${encodeURIComponent(idp.id)}`} class="row-link">
          {idp.display_name}
        </Link>
      ),
    },
    { header: t('integrations.idp.col.slug'), width: 'minmax(0,1fr)', cell: (idp) => <code>{idp.slug}</code>, hideBelow: 700 },
    { header: t('integrations.idp.col.type'), width: 'minmax(0,1.2fr)', cell: (idp) => <ProviderTypeLabel provider={idp} />, hideBelow: 480 },
    { header: t('integrations.idp.col.secret'), width: '110px', cell: (idp) => <span class="muted">{idp.secret_set ? t('integrations.idp.secret_set_short') : t('common.none')}</span>, hideBelow: 1000 },
    { header: t('common.state'), width: '100px', cell: (idp) => (idp.enabled ? <Badge tone="ok">{t('integrations.idp.enabled_badge')}</Badge> : <Badge>{t('integrations.idp.disabled_badge')}</Badge>) },
  ];
  return (
    <>
      <PageHead
        title={t('integrations.idps.title')}
        crumbs={[{ label: t('nav.realms'), to: '/realms' }, { label: realm.name, to: base }]}
        actions={canManage ? <Link to={`${base}/identity-providers/new`} class="btn primary">{t('integrations.idps.create')}</Link> : null}
      />
      <p class="muted">{t('integrations.idps.intro')}</p>
      <PagedTable list={list} loadingRows={4} empty={<Empty title={t('integrations.idps.empty')}><p>{canManage ? t('integrations.idps.empty_hint') : t('integrations.idps.empty_hint_read')}</p></Empty>} label={t('integrations.idps.list_label')} columns={columns} keyOf={(idp) => idp.id} />
    </>
  );
}

/** "GitHub · OAuth 2.0", or the protocol alone for a provider configured by hand. */
export function ProviderTypeLabel({ provider }: { provider: Pick<Provider, 'preset' | 'kind'> }) {
  const kind = typeInfo(provider.kind as ProviderType).label;
  return <span>{provider.preset ? t('integrations.idp.preset_of', { preset: typeInfo(provider.preset as ProviderType).label, kind }) : kind}</span>;
}
