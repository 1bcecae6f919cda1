/**
 * One identity provider: what to register upstream (redirect URI, SAML SP metadata), switching it
 * off and on with Undo (off ends the sessions signed in through it), its settings as a form that
 * sends only what changed, and delete after typing its slug. Read-only operators see it all, disabled.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { formatDateTime, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { PageHead } from '../../ui/page.tsx';
import { Badge, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { ProviderTypeLabel } from './identity-provider-list.tsx';
import { IdpFormView } from './idp-form-view.tsx';
import { fromProvider, toPatchBody } from './idp-model.ts';
import { RedirectUris } from './idp-redirect-uris.tsx';
import type { ProviderType } from './presets.ts';

export function IdpDetail({ idpRef }: { idpRef: string }) {
  const { api, navigate } = useApp();
  const { realm, canManage } = useRealm();
  const notify = useToast();
  const state = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/identity-providers/{idp}', { params: { path: { realm: realm.id, idp: idpRef } }, signal })), [realm.id, idpRef]);
  const [deleting, setDeleting] = useState(false);
  const [actionError, setActionError] = useState<Error | null>(null);
  const base = `/realms/${encodeURIComponent(realm.id)}`;
  const crumbs = [{ label: realm.name, to: base }, { label: t('integrations.idps.title'), to: `${base}/identity-providers` }];
  if (state.error) return <><PageHead title={t('integrations.idp.title_unknown')} crumbs={crumbs} /><ErrorNotice error={state.error} onRetry={state.reload} /></>;
  if (!state.data) return <><PageHead title={t('integrations.idp.title_unknown')} crumbs={crumbs} /><Loading /></>;
  const idp = state.data;
  const path = { realm: realm.id, idp: idp.id };

  async function setEnabled(enabled: boolean, undoable: boolean) {
    setActionError(null);
    try {
      state.set(await unwrap(api.PATCH('/admin/v1/realms/{realm}/identity-providers/{idp}', { params: { path }, body: { enabled } })));
      if (undoable) notify(enabled ? t('integrations.idp.enabled_toast') : t('integrations.idp.disabled_toast'), { undo: () => setEnabled(!enabled, false) });
    } catch (failure) {
      setActionError(failure as Error);
    }
  }
  const actions = canManage ? (
    <>
      <Button onClick={() => setEnabled(!idp.enabled, true)}>{idp.enabled ? t('integrations.idp.disable') : t('integrations.idp.enable')}</Button>
      <Button variant="danger" onClick={() => setDeleting(true)}>{t('common.delete')}</Button>
    </>
  ) : null;
  return (
    <>
      <PageHead title={idp.display_name} crumbs={crumbs} actions={actions} />
      {actionError ? <ErrorNotice error={actionError} /> : null}
      {!canManage ? <div class="notice">{t('common.read_only')}</div> : null}
      <div class="idp-form">
        <section class="card" aria-labelledby="idp-about" style="margin-bottom:16px">
          <h2 id="idp-about">{t('integrations.idp.about')}</h2>
          <dl class="props">
            <dt>{t('common.state')}</dt>
            <dd>{idp.enabled ? <Badge tone="ok">{t('integrations.idp.enabled_badge')}</Badge> : <Badge>{t('integrations.idp.disabled_badge')}</Badge>}</dd>
            <dt>{t('integrations.idp.col.type')}</dt>
            <dd><ProviderTypeLabel provider={idp} /></dd>
            <dt>{t('common.id')}</dt>
            <dd><code>{idp.id}</code></dd>
            <dt>{t('common.updated')}</dt>
            <dd>{formatDateTime(idp.updated_at)}</dd>
          </dl>
        </section>
        <RedirectUris type={(idp.preset ?? idp.kind) as ProviderType} slug={idp.slug} draft={false} />
      </div>
      <IdpFormView
        key={`${idp.id}:${idp.version}`}
        initial={fromProvider(idp)}
        stored={idp.secret_set}
        readOnly={!canManage}
        submitLabel={t('integrations.idp.save')}
        onSubmit={async (form) => {
          const body = toPatchBody(form, fromProvider(idp));
          if (Object.keys(body).length === 0) {
            notify(t('integrations.idp.nothing_changed'));
            return;
          }
          state.set(await unwrap(api.PATCH('/admin/v1/realms/{realm}/identity-providers/{idp}', { params: { path }, body })));
          notify(t('common.saved'));
        }}
      />
      <ConfirmDialog
        open={deleting}
        title={t('integrations.idp.delete_title', { name: idp.display_name })}
        body={<p>{t('integrations.idp.delete_body')}</p>}
        typedWord={idp.slug}
        confirmLabel={t('integrations.idp.delete_confirm')}
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await unwrap(api.DELETE('/admin/v1/realms/{realm}/identity-providers/{idp}', { params: { path } }));
          notify(t('integrations.idp.deleted_toast', { name: idp.display_name }));
          navigate(`${base}/identity-providers`);
        }}
      />
    </>
  );
}
