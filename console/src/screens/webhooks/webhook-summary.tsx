/** What a webhook is, read-only: endpoint, events, state and why the server switched it off, times. */
import { formatDateTime, formatRelative, t } from '../../i18n/i18n.ts';
import { CopyField } from '../../ui/copy-field.tsx';
import type { Webhook } from './types.ts';
import { WebhookState } from './webhook-state.tsx';

export function WebhookSummary({ hook }: { hook: Webhook }) {
  return (
    <section class="card" aria-labelledby="wh-summary">
      <h2 id="wh-summary">{t('integrations.webhook.settings')}</h2>
      {!hook.enabled && hook.disabled_reason ? (
        <div class="notice warn" role="note">{hook.disabled_reason === 'gone' ? t('integrations.webhook.gone_notice') : t('integrations.webhook.failing_notice')}</div>
      ) : null}
      {hook.enabled && hook.failing_since ? (
        <div class="notice warn" role="note" title={formatDateTime(hook.failing_since)}>{t('integrations.webhook.failing_since', { when: formatRelative(hook.failing_since) })}</div>
      ) : null}
      <CopyField label={t('integrations.webhook.url')} value={hook.url} />
      <dl class="props">
        <dt>{t('common.state')}</dt>
        <dd><WebhookState hook={hook} /></dd>
        <dt>{t('integrations.webhook.description')}</dt>
        <dd>{hook.description ?? t('common.none')}</dd>
        <dt>{t('integrations.webhook.events')}</dt>
        <dd>
          <ul class="wh-types" aria-label={t('integrations.webhook.events')}>
            {hook.event_types.map((type) => <li key={type}><code>{type === '*' ? t('integrations.webhook.all_events_pattern') : type}</code></li>)}
          </ul>
        </dd>
        <dt>{t('integrations.webhook.secret')}</dt>
        <dd>
          {t('integrations.webhook.secret_hidden')}
          {hook.previous_secret_expires_at ? <div class="small muted">{t('integrations.webhook.previous_secret', { when: formatDateTime(hook.previous_secret_expires_at) })}</div> : null}
        </dd>
        <dt>{t('common.id')}</dt>
        <dd><code>{hook.id}</code></dd>
        <dt>{t('common.created')}</dt>
        <dd>{formatDateTime(hook.created_at)}</dd>
        <dt>{t('common.updated')}</dt>
        <dd>{formatDateTime(hook.updated_at)}</dd>
      </dl>
    </section>
  );
}
