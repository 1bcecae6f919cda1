/**
 * The realm's addresses to hand out: its login link (the direct sign-in of docs/pages.md, which
 * signs a user in on the realm's hosted pages and returns them to one of the realm's registered
 * redirect URIs, so it is built for one of those), its issuer and its OIDC discovery document.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { Realm } from '../../api/types.ts';
import { readConfig } from '../../config.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { CopyField } from '../../ui/copy-field.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { Link } from '../../ui/link.tsx';
import { ErrorNotice } from '../../ui/states.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { loginLink, publicUrlOf, returnAddresses } from './realm-links-model.ts';

export function RealmLinks({ realm }: { realm: Realm }) {
  const { api } = useApp();
  const publicUrl = publicUrlOf(readConfig(document).issuer);
  const issuer = `${publicUrl}/realms/${realm.id}`;
  const apps = useAsync(
    (signal) => unwrap(api.GET('/admin/v1/realms/{realm}/applications', { params: { path: { realm: realm.id }, query: { limit: 100 } }, signal })),
    [realm.id],
  );
  const targets = returnAddresses(apps.data?.items ?? []);
  const [target, setTarget] = useState('');
  const chosen = targets.find((entry) => entry.uri === target)?.uri ?? targets[0]?.uri;
  return (
    <section class="card" aria-labelledby="realm-links">
      <h2 id="realm-links">{t('realm.overview.links')}</h2>
      {realm.state === 'inactive' ? <div class="notice warn">{t('realm.overview.inactive_note')}</div> : null}
      {apps.error ? <ErrorNotice error={apps.error} onRetry={apps.reload} /> : null}
      {chosen ? (
        <>
          <CopyField label={t('realm.overview.login_link')} value={loginLink(publicUrl, realm.id, chosen)} />
          <p class="help realm-copy-help">{t('realm.overview.login_link_help', { target: chosen })}</p>
          {targets.length > 1 ? (
            <SelectField
              label={t('realm.overview.login_target')}
              help={t('realm.overview.login_target_help')}
              value={chosen}
              onValue={setTarget}
              options={targets.map((entry) => ({ value: entry.uri, label: `${entry.app} — ${entry.uri}` }))}
            />
          ) : null}
        </>
      ) : apps.data ? (
        <p class="notice">
          <span>
            {t('realm.overview.login_none')} <Link to={`/realms/${encodeURIComponent(realm.id)}/applications`}>{t('realm.overview.login_none_link')}</Link>
          </span>
        </p>
      ) : null}
      <CopyField label={t('realm.overview.issuer')} value={issuer} />
      <p class="help realm-copy-help">{t('realm.overview.issuer_help')}</p>
      <CopyField label={t('realm.overview.discovery')} value={`${issuer}/.well-known/openid-configuration`} />
      <p class="help realm-copy-help">{t('realm.overview.discovery_help')}</p>
    </section>
  );
}
