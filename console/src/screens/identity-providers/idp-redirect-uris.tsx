/**
 * What to register at the provider: the redirect (callback) URI and, for SAML, the service
 * provider's metadata URL (also its entity id). Both name the realm's and the provider's slugs.
 */
import { t } from '../../i18n/i18n.ts';
import { CopyField } from '../../ui/copy-field.tsx';
import { readConfig } from '../../config.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { callbackUrl, publicUrlOf, samlMetadataUrl, type ProviderType } from './presets.ts';

function publicUrl(): string {
  try {
    return publicUrlOf(readConfig(document).base);
  } catch {
    return location.origin;
  }
}

export function RedirectUris({ type, slug, draft }: { type: ProviderType; slug: string; draft: boolean }) {
  const { realm } = useRealm();
  const idp = slug || t('integrations.idp.slug_placeholder');
  return (
    <section class="card idp-uris" aria-labelledby="idp-uris">
      <h2 id="idp-uris">{t('integrations.idp.register_title')}</h2>
      <p class="muted small">{t(draft ? 'integrations.idp.register_help_draft' : 'integrations.idp.register_help')}</p>
      <CopyField label={type === 'saml' ? t('integrations.idp.acs_url') : t('integrations.idp.redirect_uri')} value={callbackUrl(publicUrl(), realm.slug, idp)} />
      {type === 'saml' ? <CopyField label={t('integrations.idp.sp_metadata')} value={samlMetadataUrl(publicUrl(), realm.slug, idp)} /> : null}
      {type === 'saml' ? <p class="muted small" style="margin:0">{t('integrations.idp.sp_metadata_help')}</p> : null}
    </section>
  );
}
