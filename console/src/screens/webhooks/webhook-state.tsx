/** A webhook's state as a badge: on, switched off by an operator, or by the server (and why). */
import { t } from '../../i18n/i18n.ts';
import { Badge } from '../../ui/states.tsx';
import type { Webhook } from './types.ts';

export function WebhookState({ hook }: { hook: Pick<Webhook, 'enabled' | 'disabled_reason' | 'failing_since'> }) {
  if (hook.enabled) return hook.failing_since ? <Badge tone="warn">{t('integrations.webhook.state.failing')}</Badge> : <Badge tone="ok">{t('integrations.webhook.state.enabled')}</Badge>;
  if (hook.disabled_reason === 'gone') return <Badge tone="danger">{t('integrations.webhook.state.gone')}</Badge>;
  if (hook.disabled_reason === 'failing') return <Badge tone="danger">{t('integrations.webhook.state.switched_off_failing')}</Badge>;
  return <Badge>{t('integrations.webhook.state.disabled')}</Badge>;
}
