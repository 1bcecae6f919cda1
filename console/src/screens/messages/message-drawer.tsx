/** One message in full (fetched fresh: a queued one may have been sent since the list loaded), with Retry when it failed. */
import { unwrap } from '../../api/client.ts';
import type { ResponseOf } from '../../api/types.ts';
import { formatDateTime, formatNumber, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Drawer } from '../../ui/dialog.tsx';
import { Link } from '../../ui/link.tsx';
import { ErrorNotice, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useAsync } from '../../ui/use-async.ts';
import { StatusBadge } from './message-status.tsx';

export type Message = ResponseOf<'/admin/v1/realms/{realm}/messages/{message}', 'get'>;

interface Props {
  realmId: string;
  messageId: string | null;
  canManage: boolean;
  onClose(): void;
  /** The message changed (retried): the list shows its new state. */
  onChanged(message: Message): void;
}

export function MessageDrawer({ realmId, messageId, canManage, onClose, onChanged }: Props) {
  const { api } = useApp();
  const notify = useToast();
  const { busy, error: retryError, run } = useAction();
  const state = useAsync(
    (signal) => (messageId ? unwrap(api.GET('/admin/v1/realms/{realm}/messages/{message}', { params: { path: { realm: realmId, message: messageId } }, signal })) : Promise.resolve(undefined)),
    [realmId, messageId],
  );
  const message = state.data;
  async function retry() {
    if (!message) return;
    await run(async () => {
      const updated = (await unwrap(api.POST('/admin/v1/realms/{realm}/messages/{message}/retry', { params: { path: { realm: realmId, message: message.id } } }))) as Message;
      state.set(updated);
      onChanged(updated);
      notify(t('messages.retried'));
    });
  }
  return (
    <Drawer open={messageId !== null} title={t('messages.detail_title')} onClose={onClose}>
      {state.error ? <ErrorNotice error={state.error} onRetry={state.reload} /> : null}
      {!message && !state.error ? <Loading /> : null}
      {message ? (
        <div class="stack">
          <dl class="props">
            <dt>{t('messages.field.status')}</dt>
            <dd><StatusBadge status={message.status} /></dd>
            <dt>{t('messages.field.type')}</dt>
            <dd><code>{message.type}</code></dd>
            <dt>{t('messages.field.channel')}</dt>
            <dd>{t(`messages.channel.${message.channel}`)}</dd>
            <dt>{t('messages.field.to')}</dt>
            <dd>{message.to}</dd>
            <dt>{t('messages.field.user')}</dt>
            <dd>{message.user_id ? <Link to={`/realms/${encodeURIComponent(realmId)}/users/${encodeURIComponent(message.user_id)}`}><code>{message.user_id}</code></Link> : t('common.none')}</dd>
            <dt>{t('messages.field.attempts')}</dt>
            <dd>{formatNumber(message.attempts)}</dd>
            <dt>{t('messages.field.created')}</dt>
            <dd>{formatDateTime(message.created_at)}</dd>
            <dt>{t('messages.field.sent')}</dt>
            <dd>{message.sent_at ? formatDateTime(message.sent_at) : t('common.none')}</dd>
            <dt>{t('messages.field.next_attempt')}</dt>
            <dd>{message.next_attempt_at ? formatDateTime(message.next_attempt_at) : t('common.none')}</dd>
            <dt>{t('messages.field.id')}</dt>
            <dd><code>{message.id}</code></dd>
          </dl>
          <section aria-labelledby="message-last-error">
            <h3 id="message-last-error" class="message-section">{t('messages.field.last_error')}</h3>
            {message.last_error ? <pre class="code message-error" tabIndex={0}>{message.last_error}</pre> : <p class="muted">{t('messages.no_error')}</p>}
          </section>
          {retryError ? <ErrorNotice error={retryError} /> : null}
          {message.status === 'failed' && canManage ? (
            <div class="actions">
              <Button variant="primary" busy={busy} onClick={retry}>{t('messages.retry')}</Button>
              <span class="muted small">{t('messages.retry_help')}</span>
            </div>
          ) : null}
        </div>
      ) : null}
    </Drawer>
  );
}
