/**
 * One delivery in a drawer: its status and attempts, the endpoint's answer (its start) or why there
 * was none, when it is tried next, and the exact body it sends. A finished one can be sent again.
 */
import { unwrap } from '../../api/client.ts';
import { formatDateTime, formatNumber, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Drawer } from '../../ui/dialog.tsx';
import { Badge, ErrorNotice, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useAsync } from '../../ui/use-async.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { statusTone } from './types.ts';

interface Props {
  webhookId: string;
  deliveryId: string | null;
  onClose(): void;
  onRetried(): void;
}

export function DeliveryDrawer({ webhookId, deliveryId, onClose, onRetried }: Props) {
  const { api } = useApp();
  const { realm, canManage } = useRealm();
  const notify = useToast();
  const { busy, error, run } = useAction();
  const path = { realm: realm.id, webhook: webhookId, delivery: deliveryId ?? '' };
  const state = useAsync(async (signal) => (deliveryId ? unwrap(api.GET('/admin/v1/realms/{realm}/webhooks/{webhook}/deliveries/{delivery}', { params: { path }, signal })) : undefined), [deliveryId]);
  const item = state.data;
  async function retry() {
    await run(async () => {
      await unwrap(api.POST('/admin/v1/realms/{realm}/webhooks/{webhook}/deliveries/{delivery}/retry', { params: { path } }));
      notify(t('integrations.delivery.retried'));
      state.reload();
      onRetried();
    });
  }
  return (
    <Drawer open={deliveryId !== null} title={t('integrations.delivery.title')} onClose={onClose}>
      {state.error ? <ErrorNotice error={state.error} onRetry={state.reload} /> : null}
      {!item && !state.error ? <Loading /> : null}
      {item ? (
        <div class="stack">
          {error ? <ErrorNotice error={error} /> : null}
          <dl class="props">
            <dt>{t('integrations.delivery.col.event')}</dt>
            <dd><code>{item.event_type}</code></dd>
            <dt>{t('integrations.delivery.col.status')}</dt>
            <dd><Badge tone={statusTone(item.status)}>{t(`integrations.delivery.status.${item.status}`)}</Badge></dd>
            <dt>{t('integrations.delivery.col.attempts')}</dt>
            <dd>{formatNumber(item.attempts)}</dd>
            <dt>{t('integrations.delivery.col.response')}</dt>
            <dd>{item.response_status ?? t('common.none')}</dd>
            {item.last_error ? (
              <>
                <dt>{t('integrations.delivery.last_error')}</dt>
                <dd>{item.last_error}</dd>
              </>
            ) : null}
            <dt>{t('integrations.delivery.last_attempt')}</dt>
            <dd>{item.last_attempt_at ? formatDateTime(item.last_attempt_at) : t('common.none')}</dd>
            <dt>{t('integrations.delivery.col.next')}</dt>
            <dd>{item.next_attempt_at && item.status !== 'succeeded' && item.status !== 'failed' ? formatDateTime(item.next_attempt_at) : t('common.none')}</dd>
            <dt>{t('integrations.delivery.message_id')}</dt>
            <dd><code>{item.message_id}</code></dd>
            <dt>{t('integrations.delivery.col.created')}</dt>
            <dd>{formatDateTime(item.created_at)}</dd>
          </dl>
          {item.response_excerpt ? (
            <div>
              <h3>{t('integrations.delivery.response_excerpt')}</h3>
              <pre class="code">{item.response_excerpt}</pre>
            </div>
          ) : null}
          <div>
            <h3>{t('integrations.delivery.payload')}</h3>
            <pre class="code" tabIndex={0} aria-label={t('integrations.delivery.payload')}>{JSON.stringify(item.payload, null, 2)}</pre>
          </div>
          {canManage ? (
            <div class="actions">
              <Button variant="primary" busy={busy} disabled={item.status === 'pending' || item.status === 'sending'} onClick={retry}>{t('integrations.delivery.retry')}</Button>
              {item.status === 'pending' || item.status === 'sending' ? <span class="small muted">{t('integrations.delivery.retry_later')}</span> : null}
            </div>
          ) : null}
        </div>
      ) : null}
    </Drawer>
  );
}
