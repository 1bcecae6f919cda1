/**
 * Adding an identity provider: first what it is — a preset (Google, Microsoft, Apple, GitHub…) or
 * a protocol configured by hand (OpenID Connect, OAuth 2.0, SAML 2.0) — then its form.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { PageHead } from '../../ui/page.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useRealm } from '../realms/realm-frame.tsx';
import { IdpFormView } from './idp-form-view.tsx';
import { emptyForm, toCreateBody } from './idp-model.ts';
import { PROVIDER_TYPES, type ProviderType } from './presets.ts';

export function IdpCreate() {
  const { api, navigate } = useApp();
  const { realm, canManage } = useRealm();
  const notify = useToast();
  const [type, setType] = useState<ProviderType | null>(null);
  const base = `/realms/${encodeURIComponent(realm.id)}`;
  const crumbs = [{ label: realm.name, to: base }, { label: t('integrations.idps.title'), to: `${base}/identity-providers` }];
  if (!canManage) {
    return (
      <>
        <PageHead title={t('integrations.idps.create_title')} crumbs={crumbs} />
        <div class="notice">{t('common.read_only')}</div>
      </>
    );
  }
  const chooser = (presets: boolean) => (
    <ul class="idp-presets" aria-label={presets ? t('integrations.idps.presets') : t('integrations.idps.protocols')}>
      {PROVIDER_TYPES.filter((info) => info.preset === presets).map((info) => (
        <li key={info.type}>
          <button type="button" class="idp-preset" aria-pressed={type === info.type} onClick={() => setType(info.type)}>
            <strong>{info.label}</strong>
            <span>{presets ? t(`integrations.idp.kind.${info.kind}`) : t(`integrations.idp.protocol_hint.${info.kind}`)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <PageHead title={t('integrations.idps.create_title')} crumbs={crumbs} />
      <section class="idp-form" aria-labelledby="idp-choose">
        <h2 id="idp-choose">{t('integrations.idps.choose')}</h2>
        <h3>{t('integrations.idps.presets')}</h3>
        {chooser(true)}
        <h3>{t('integrations.idps.protocols')}</h3>
        {chooser(false)}
      </section>
      {type ? (
        <IdpFormView
          key={type}
          initial={emptyForm(type)}
          stored={null}
          readOnly={false}
          submitLabel={t('integrations.idps.create_submit')}
          onCancel={() => navigate(`${base}/identity-providers`)}
          onSubmit={async (form) => {
            const made = await unwrap(api.POST('/admin/v1/realms/{realm}/identity-providers', { params: { path: { realm: realm.id } }, body: toCreateBody(form) }));
            notify(t('integrations.idp.created_toast', { name: made.display_name }));
            navigate(`${base}/identity-providers/${encodeURIComponent(made.id)}`, { replace: true });
          }}
        />
      ) : (
        <p class="muted">{t('integrations.idps.choose_hint')}</p>
      )}
    </>
  );
}
