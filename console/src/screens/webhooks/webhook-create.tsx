/** Adding a webhook: the form, then its signing secret shown this once, then its page. */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { PageHead } from '../../ui/page.tsx';
import { useRealm } from '../realms/realm-frame.tsx';
import { SecretDialog } from './secret-dialog.tsx';
import type { WebhookWithSecret } from './types.ts';
import { WebhookForm } from './webhook-form.tsx';

export function WebhookCreate() {
  const { api, navigate } = useApp();
  const { realm, canManage } = useRealm();
  const [created, setCreated] = useState<WebhookWithSecret | null>(null);
  const base = `/realms/${encodeURIComponent(realm.id)}`;
  return (
    <>
      <PageHead title={t('integrations.webhooks.create_title')} crumbs={[{ label: realm.name, to: base }, { label: t('integrations.webhooks.title'), to: `${base}/webhooks` }]} />
      {!canManage ? (
        <div class="notice">{t('common.read_only')}</div>
      ) : (
        <div class="wh-form">
          <WebhookForm
            initial={{ url: '', event_types: [], enabled: true, description: null }}
            submitLabel={t('integrations.webhooks.create_submit')}
            onCancel={() => navigate(`${base}/webhooks`)}
            onSubmit={async (values) => {
              const made = await unwrap(api.POST('/admin/v1/realms/{realm}/webhooks', { params: { path: { realm: realm.id } }, body: values }));
              setCreated(made);
            }}
          />
        </div>
      )}
      <SecretDialog secret={created?.secret ?? null} rotated={false} onClose={() => created && navigate(`${base}/webhooks/${encodeURIComponent(created.id)}`, { replace: true })} />
    </>
  );
}
