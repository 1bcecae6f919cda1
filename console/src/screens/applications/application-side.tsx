/** The side of an application's page: its identity, its secret, whether it is enabled, deleting it. */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { formatDateTime, formatNumber, t, type MessageKey } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { CopyField } from '../../ui/copy-field.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { TextField } from '../../ui/fields.tsx';
import { Badge, ErrorNotice } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { usesSecret } from './application-kinds.ts';
import type { App } from './application-page.tsx';

export function ApplicationDetails({ app }: { app: App }) {
  return (
    <section class="card" aria-labelledby="app-details">
      <h2 id="app-details">{t('app.details')}</h2>
      <CopyField label={t('app.client_id')} value={app.client_id} />
      <dl class="props">
        <dt>{t('app.kind')}</dt>
        <dd>{t(`apps.kind.${app.kind}` as MessageKey)}</dd>
        <dt>{t('app.created')}</dt>
        <dd>{formatDateTime(app.created_at)}</dd>
        <dt>{t('app.updated')}</dt>
        <dd>{formatDateTime(app.updated_at)}</dd>
        <dt>{t('app.version')}</dt>
        <dd>{formatNumber(app.version)}</dd>
        {app.kind === 'spa' ? (
          <>
            <dt>{t('app.cors_effective')}</dt>
            <dd>{app.allowed_cors_origins.length > 0 ? app.allowed_cors_origins.map((origin) => <div key={origin}><code>{origin}</code></div>) : t('common.none')}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

export function ApplicationSecret({ app, manage, onChanged }: { app: App; manage: boolean; onChanged(app: App & { client_secret?: string }): void }) {
  const { api } = useApp();
  const { realm } = useRealm();
  const notify = useToast();
  const [asking, setAsking] = useState(false);
  const [grace, setGrace] = useState('3600');
  const method = app.token_endpoint_auth_method;
  const graceValue = Number(grace);
  const graceOk = grace.trim() !== '' && Number.isInteger(graceValue) && graceValue >= 0 && graceValue <= 2_592_000;
  return (
    <section class="card" aria-labelledby="app-secret">
      <h2 id="app-secret">{t('app.secret')}</h2>
      {method === 'none' ? (
        <p class="muted">{t('app.secret_public')}</p>
      ) : method === 'private_key_jwt' ? (
        <p class="muted">{t('app.secret_private_key_jwt')}</p>
      ) : (
        <>
          <p class="muted">{app.has_secret ? t('app.secret_present') : t('app.secret_absent')}</p>
          {app.previous_secret_expires_at ? <p class="notice small">{t('app.previous_secret', { when: formatDateTime(app.previous_secret_expires_at) })}</p> : null}
          {manage && usesSecret(method) ? <Button onClick={() => setAsking(true)}>{t('app.rotate')}</Button> : null}
        </>
      )}
      <ConfirmDialog
        open={asking}
        danger={false}
        title={t('app.rotate_title')}
        body={
          <>
            <p>{t('app.rotate_body')}</p>
            <TextField label={t('app.grace')} help={t('app.grace_help')} type="number" min={0} max={2592000} value={grace} onValue={setGrace} error={graceOk ? undefined : t('app.grace_invalid')} />
          </>
        }
        confirmLabel={t('app.rotate')}
        onConfirm={async () => {
          if (!graceOk) throw new Error(t('app.grace_invalid'));
          const rotated = await unwrap(api.POST('/admin/v1/realms/{realm}/applications/{app}/secret', { params: { path: { realm: realm.id, app: app.id } }, body: { grace_seconds: graceValue } }));
          notify(t('app.rotated'));
          // The answer is the application as it now is (the previous secret's end, its version) with the new secret.
          onChanged(rotated as App & { client_secret: string });
        }}
        onClose={() => setAsking(false)}
      />
    </section>
  );
}

export function ApplicationState({ app, manage, builtIn, onChanged }: { app: App; manage: boolean; builtIn: boolean; onChanged(app: App): void }) {
  const { api } = useApp();
  const { realm } = useRealm();
  const notify = useToast();
  const [asking, setAsking] = useState(false);
  const { busy, error, run } = useAction();
  const setEnabled = async (enabled: boolean) => onChanged(await unwrap(api.PATCH('/admin/v1/realms/{realm}/applications/{app}', { params: { path: { realm: realm.id, app: app.id } }, body: { enabled } })));
  const undoable = (enabled: boolean) => ({
    undo: async () => {
      try {
        await setEnabled(!enabled);
      } catch (failure) {
        notify((failure as Error).message, { tone: 'error' });
      }
    },
  });
  return (
    <section class="card" aria-labelledby="app-state">
      <h2 id="app-state">{t('app.state')}</h2>
      <p class="help-text"><Badge tone={app.enabled ? 'ok' : 'warn'}>{app.enabled ? t('apps.enabled') : t('apps.disabled')}</Badge></p>
      <p class="muted small">{t('app.enabled_help')}</p>
      {manage ? (
        app.enabled ? (
          <Button onClick={() => setAsking(true)}>{t('app.disable')}</Button>
        ) : (
          <Button
            busy={busy}
            onClick={async () => {
              await run(async () => {
                await setEnabled(true);
                notify(t('app.enabled_toast', { name: app.name }), undoable(true));
              });
            }}
          >
            {t('app.enable')}
          </Button>
        )
      ) : null}
      {error ? <div style="margin-top:12px"><ErrorNotice error={error} /></div> : null}
      <ConfirmDialog
        open={asking}
        title={t('app.disable_title', { name: app.name })}
        body={
          <>
            <p>{t('app.disable_body')}</p>
            {builtIn ? <p class="notice warn">{t('app.built_in_confirm_body')}</p> : null}
          </>
        }
        confirmLabel={t('app.disable')}
        onConfirm={async () => {
          await setEnabled(false);
          notify(t('app.disabled_toast', { name: app.name }), undoable(false));
        }}
        onClose={() => setAsking(false)}
      />
    </section>
  );
}

export function ApplicationDelete({ app, base, builtIn }: { app: App; base: string; builtIn: boolean }) {
  const { api, navigate } = useApp();
  const { realm } = useRealm();
  const notify = useToast();
  const [asking, setAsking] = useState(false);
  return (
    <section class="card danger-zone" aria-labelledby="app-danger">
      <h2 id="app-danger">{t('app.danger')}</h2>
      <p class="muted small">{t('app.delete_body')}</p>
      <Button variant="danger" onClick={() => setAsking(true)}>{t('app.delete')}</Button>
      <ConfirmDialog
        open={asking}
        title={t('app.delete_title', { name: app.name })}
        body={
          <>
            <p>{t('app.delete_body')}</p>
            {builtIn ? <p class="notice warn">{t('app.built_in_confirm_body')}</p> : null}
          </>
        }
        confirmLabel={t('app.delete')}
        typedWord={app.name}
        onConfirm={async () => {
          await unwrap(api.DELETE('/admin/v1/realms/{realm}/applications/{app}', { params: { path: { realm: realm.id, app: app.id } } }));
          notify(t('app.deleted', { name: app.name }));
          navigate(base);
        }}
        onClose={() => setAsking(false)}
      />
    </section>
  );
}
