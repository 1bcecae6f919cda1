/**
 * One application of a realm: its settings (only those of its kind), its client id and secret
 * (rotated with a grace period, the new one shown once), enabling and disabling with Undo, and
 * deleting with its name typed. The console's own application is marked built-in and guarded.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import type { ResponseOf } from '../../api/types.ts';
import { t, type MessageKey } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { PageHead } from '../../ui/page.tsx';
import { Badge, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { isBuiltIn } from './application-kinds.ts';
import { ApplicationDetails, ApplicationSecret, ApplicationState, ApplicationDelete } from './application-side.tsx';
import { ApplicationSettings } from './application-settings.tsx';
import { SecretModal } from './secret-modal.tsx';

export type App = ResponseOf<'/admin/v1/realms/{realm}/applications/{app}', 'get'>;

export function ApplicationPage({ params }: { params: Record<string, string> }) {
  const { api } = useApp();
  const { realm, canManage } = useRealm();
  const [secret, setSecret] = useState<string | null>(null);
  const state = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/applications/{app}', { params: { path: { realm: realm.id, app: params.app } }, signal })), [realm.id, params.app]);
  const base = `/realms/${encodeURIComponent(realm.id)}/applications`;
  const crumbs = [{ label: realm.name, to: `/realms/${encodeURIComponent(realm.id)}` }, { label: t('app.crumb'), to: base }];
  if (state.error) {
    return (
      <>
        <PageHead title={t('apps.title')} crumbs={crumbs} />
        <ErrorNotice error={state.error} onRetry={state.reload} />
      </>
    );
  }
  if (!state.data) return <Loading />;
  const app = state.data;
  const builtIn = isBuiltIn(app, realm);
  const changed = (next: App & { client_secret?: string }) => {
    const { client_secret: issued, ...rest } = next;
    state.set(rest as App);
    if (issued) setSecret(issued);
  };
  return (
    <>
      <PageHead
        title={app.name}
        crumbs={crumbs}
        actions={
          <>
            <Badge>{t(`apps.kind.${app.kind}` as MessageKey)}</Badge>
            {builtIn ? <Badge tone="accent">{t('apps.built_in')}</Badge> : null}
            <Badge tone={app.enabled ? 'ok' : 'warn'}>{app.enabled ? t('apps.enabled') : t('apps.disabled')}</Badge>
          </>
        }
      />
      {builtIn ? (
        <div class="notice warn" role="note">
          <div>
            <strong>{t('app.built_in_title')}</strong>
            <div>{t('app.built_in_body')}</div>
          </div>
        </div>
      ) : null}
      {!canManage ? <p class="notice">{t('app.read_only')}</p> : null}
      <div class="app-layout">
        <div>
          <ApplicationSettings app={app} manage={canManage} builtIn={builtIn} onSaved={changed} />
        </div>
        <div class="stack">
          <ApplicationDetails app={app} />
          <ApplicationSecret app={app} manage={canManage} onChanged={changed} />
          <ApplicationState app={app} manage={canManage} builtIn={builtIn} onChanged={changed} />
          {canManage ? <ApplicationDelete app={app} base={base} builtIn={builtIn} /> : null}
        </div>
      </div>
      <SecretModal secret={secret} clientId={app.client_id} onClose={() => setSecret(null)} />
    </>
  );
}
