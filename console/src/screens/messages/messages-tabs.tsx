/** Messages and Templates are one section of a realm: tabs between the outbox and the templates. */
import { t } from '../../i18n/i18n.ts';
import { TabLinks } from '../../ui/page.tsx';

export function MessagesTabs({ realmId, current }: { realmId: string; current: 'outbox' | 'templates' }) {
  const base = `/realms/${encodeURIComponent(realmId)}`;
  return (
    <TabLinks
      label={t('messages.tabs')}
      current={current}
      tabs={[
        { key: 'outbox', to: `${base}/messages`, label: t('messages.tab.outbox') },
        { key: 'templates', to: `${base}/templates`, label: t('messages.tab.templates') },
      ]}
    />
  );
}
