/**
 * A webhook's page: where it sends and what it hears, the actions an operator who may change the
 * realm gets (send a test, edit, switch off and on with Undo, rotate the secret, delete), and its
 * deliveries. A read-only operator sees the same without the actions.
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { PageHead } from '../../ui/page.tsx';
import { ErrorNotice, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { SecretDialog } from './secret-dialog.tsx';
import { TestResult } from './test-result.tsx';
import type { Delivery, Webhook } from './types.ts';
import { WebhookDeliveries } from './webhook-deliveries.tsx';
import { WebhookForm } from './webhook-form.tsx';
import { WebhookSummary } from './webhook-summary.tsx';

export function WebhookDetail({ webhookId }: { webhookId: string }) {
  const { api, navigate } = useApp();
  const { realm, canManage } = useRealm();
  const notify = useToast();
  const path = { realm: realm.id, webhook: webhookId };
  const state = useAsync((signal) => unwrap(api.GET('/admin/v1/realms/{realm}/webhooks/{webhook}', { params: { path }, signal })), [realm.id, webhookId]);
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<'delete' | 'rotate' | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [test, setTest] = useState<Delivery | null>(null);
  const [testing, setTesting] = useState(false);
  const [actionError, setActionError] = useState<Error | null>(null);
  const [round, setRound] = useState(0);
  const base = `/realms/${encodeURIComponent(realm.id)}`;
  const crumbs = [{ label: realm.name, to: base }, { label: t('integrations.webhooks.title'), to: `${base}/webhooks` }];
  if (state.error) return <><PageHead title={t('integrations.webhook.title_unknown')} crumbs={crumbs} /><ErrorNotice error={state.error} onRetry={state.reload} /></>;
  if (!state.data) return <><PageHead title={t('integrations.webhook.title_unknown')} crumbs={crumbs} /><Loading /></>;
  const hook = state.data;

  async function setEnabled(enabled: boolean, undoable: boolean) {
    setActionError(null);
    try {
      const next = await unwrap(api.PATCH('/admin/v1/realms/{realm}/webhooks/{webhook}', { params: { path }, body: { enabled } }));
      state.set(next);
      if (undoable) notify(enabled ? t('integrations.webhook.enabled_toast') : t('integrations.webhook.disabled_toast'), { undo: () => setEnabled(!enabled, false) });
    } catch (failure) {
      setActionError(failure as Error);
    }
  }
  async function sendTest() {
    setActionError(null);
    setTesting(true);
    try {
      // The answer is 202 with the queued delivery; TestResult follows it until it is sent.
      const { data, error, response } = await api.POST('/admin/v1/realms/{realm}/webhooks/{webhook}/test', { params: { path } });
      if (!response.ok) await unwrap(Promise.resolve({ error, response }));
      setTest(data as Delivery);
      setRound((value) => value + 1);
    } catch (failure) {
      setActionError(failure as Error);
    } finally {
      setTesting(false);
    }
  }

  const actions = canManage && !editing ? (
    <>
      <Button variant="primary" busy={testing} onClick={sendTest}>{t('integrations.webhook.send_test')}</Button>
      <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
      <Button onClick={() => setEnabled(!hook.enabled, true)}>{hook.enabled ? t('integrations.webhook.disable') : t('integrations.webhook.enable')}</Button>
      <Button onClick={() => setConfirm('rotate')}>{t('integrations.webhook.rotate')}</Button>
      <Button variant="danger" onClick={() => setConfirm('delete')}>{t('common.delete')}</Button>
    </>
  ) : null;

  return (
    <>
      <PageHead title={hook.description || t('integrations.webhook.title', { host: hostOf(hook.url) })} crumbs={crumbs} actions={actions} />
      {actionError ? <ErrorNotice error={actionError} /> : null}
      {test ? <TestResult webhookId={hook.id} initial={test} onDone={() => setRound((value) => value + 1)} onDismiss={() => setTest(null)} /> : null}
      {editing ? (
        <div class="wh-form">
          <WebhookForm
            initial={hook}
            submitLabel={t('common.save')}
            onCancel={() => setEditing(false)}
            onSubmit={async (values) => {
              state.set(await unwrap(api.PATCH('/admin/v1/realms/{realm}/webhooks/{webhook}', { params: { path }, body: values })));
              setEditing(false);
              notify(t('common.saved'));
            }}
          />
        </div>
      ) : (
        <WebhookSummary hook={hook} />
      )}
      <WebhookDeliveries webhookId={hook.id} refresh={round} />
      <ConfirmDialog
        open={confirm === 'delete'}
        title={t('integrations.webhook.delete_title')}
        body={<p>{t('integrations.webhook.delete_body', { url: hook.url })}</p>}
        confirmLabel={t('common.delete')}
        onClose={() => setConfirm(null)}
        onConfirm={async () => {
          await unwrap(api.DELETE('/admin/v1/realms/{realm}/webhooks/{webhook}', { params: { path } }));
          notify(t('integrations.webhook.deleted_toast'));
          navigate(`${base}/webhooks`);
        }}
      />
      <ConfirmDialog
        open={confirm === 'rotate'}
        title={t('integrations.webhook.rotate_title')}
        body={<p>{t('integrations.webhook.rotate_body')}</p>}
        confirmLabel={t('integrations.webhook.rotate')}
        danger={false}
        onClose={() => setConfirm(null)}
        onConfirm={async () => {
          const rotated = await unwrap(api.POST('/admin/v1/realms/{realm}/webhooks/{webhook}/rotate-secret', { params: { path } }));
          const { secret: fresh, ...rest } = rotated;
          state.set(rest as Webhook);
          setSecret(fresh);
        }}
      />
      <SecretDialog secret={secret} rotated onClose={() => setSecret(null)} />
    </>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
