/**
 * An application's settings: the form for an operator who manages the realm (a PATCH of what was
 * edited; the built-in console application asks first), a read-only summary for anyone else.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import { unwrap } from '../../api/client.ts';
import type { RequestOf } from '../../api/types.ts';
import { t, type MessageKey } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { ErrorNotice } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { changesOf, draftOfApp, type AppBody } from './application-draft.ts';
import { ApplicationFields } from './application-fields.tsx';
import { fieldErrors, invalidLists, fieldsFor } from './application-kinds.ts';
import type { App } from './application-page.tsx';
import { ListEditor } from './list-editor.tsx';

function Summary({ app }: { app: App }) {
  const fields = fieldsFor(app.kind, app.grant_types);
  const none = t('common.none');
  return (
    <section class="card" aria-labelledby="app-settings">
      <h2 id="app-settings">{t('apps.section.settings')}</h2>
      <dl class="props">
        <dt>{t('apps.field.name')}</dt>
        <dd>{app.name}</dd>
        <dt>{t('apps.field.logo_url')}</dt>
        <dd>{app.logo_url ?? none}</dd>
        {fields.scopes ? <><dt>{t('apps.field.scopes')}</dt><dd>{app.scopes.join(' ') || none}</dd></> : null}
        {fields.consent ? <><dt>{t('apps.field.consent')}</dt><dd>{app.consent === 'required' ? t('apps.field.consent_required') : t('apps.field.consent_implicit')}</dd></> : null}
        <dt>{t('apps.field.refresh')}</dt>
        <dd>{app.grant_types.includes('refresh_token') ? t('common.yes') : t('common.no')}</dd>
        <dt>{t('apps.field.auth_method')}</dt>
        <dd>{t(`apps.auth.${app.token_endpoint_auth_method}` as MessageKey)}</dd>
        <dt>{t('apps.field.access_minutes')}</dt>
        <dd>{app.access_token_minutes ?? none}</dd>
        {fields.refreshDays ? <><dt>{t('apps.field.refresh_days')}</dt><dd>{app.refresh_token_days ?? none}</dd></> : null}
        <dt>{t('apps.field.audience')}</dt>
        <dd>{app.access_token_audience ?? none}</dd>
        {fields.backchannelLogout ? <><dt>{t('apps.field.backchannel')}</dt><dd>{app.backchannel_logout_uri ?? none}</dd></> : null}
      </dl>
      {fields.redirectUris ? (
        <div style="margin-top:16px">
          <ListEditor readOnly label={t('apps.field.redirect_uris')} values={app.redirect_uris} onChange={() => {}} />
          <ListEditor readOnly label={t('apps.field.post_logout')} values={app.post_logout_redirect_uris} onChange={() => {}} />
          {fields.corsOrigins ? <ListEditor readOnly label={t('apps.field.cors')} values={app.cors_origins} onChange={() => {}} /> : null}
          <ListEditor readOnly label={t('apps.field.frame_origins')} values={app.frame_origins} onChange={() => {}} />
        </div>
      ) : null}
    </section>
  );
}

export function ApplicationSettings({ app, manage, builtIn, onSaved }: { app: App; manage: boolean; builtIn: boolean; onSaved(app: App & { client_secret?: string }): void }) {
  const { api } = useApp();
  const { realm } = useRealm();
  const notify = useToast();
  const [draft, setDraft] = useState(() => draftOfApp(app));
  const { busy, error, setError, attempt } = useAction();
  const [pending, setPending] = useState<AppBody | null>(null);
  useEffect(() => setDraft(draftOfApp(app)), [app.id, app.version]);
  if (!manage) return <Summary app={app} />;
  const { body, problems } = changesOf(app.kind, draft, app);
  const errors = error instanceof ApiError ? fieldErrors(error.details) : {};

  async function send(changes: AppBody) {
    await attempt(async () => {
      const saved = await unwrap(api.PATCH('/admin/v1/realms/{realm}/applications/{app}', { params: { path: { realm: realm.id, app: app.id } }, body: changes as RequestOf<'/admin/v1/realms/{realm}/applications/{app}', 'patch'> }));
      onSaved(saved);
      notify(t('apps.saved'));
    });
  }

  async function save(event: Event) {
    event.preventDefault();
    if (Object.keys(problems).length > 0) return;
    if (Object.keys(body).length === 0) {
      notify(t('apps.unchanged'));
      return;
    }
    if (builtIn) {
      setPending(body);
      return;
    }
    await send(body).catch(() => undefined);
  }

  return (
    <form aria-label={t('apps.save')} onSubmit={save} noValidate>
      <ApplicationFields full kind={app.kind} draft={draft} onChange={setDraft} errors={errors} invalid={error instanceof ApiError ? invalidLists(error.details) : {}} problems={problems} />
      {error ? <ErrorNotice error={error} /> : null}
      <div class="form-foot">
        <Button onClick={() => { setDraft(draftOfApp(app)); setError(null); }} disabled={Object.keys(body).length === 0}>{t('apps.discard')}</Button>
        <Button variant="primary" type="submit" busy={busy}>{t('apps.save')}</Button>
      </div>
      <ConfirmDialog
        open={pending !== null}
        title={t('app.built_in_confirm_title')}
        body={<p>{t('app.built_in_confirm_body')}</p>}
        confirmLabel={t('app.built_in_confirm')}
        onConfirm={() => send(pending ?? {})}
        onClose={() => setPending(null)}
      />
    </form>
  );
}
