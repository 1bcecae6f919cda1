/**
 * The result of "Send test": the queued delivery, followed (a look a second, for half a minute)
 * until the endpoint answered or the first attempt failed, then its status and the answer's code.
 */
import { useEffect, useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { Badge } from '../../ui/states.tsx';
import { useRealm } from '../realms/realm-frame.tsx';
import { statusTone, type Delivery } from './types.ts';

export function TestResult({ webhookId, initial, onDone, onDismiss }: { webhookId: string; initial: Delivery; onDone(): void; onDismiss(): void }) {
  const { api } = useApp();
  const { realm } = useRealm();
  const [delivery, setDelivery] = useState<Delivery>(initial);
  useEffect(() => {
    setDelivery(initial);
    let tries = 0;
    const controller = new AbortController();
    const timer = setInterval(async () => {
      tries += 1;
      try {
        const next = await unwrap(api.GET('/admin/v1/realms/{realm}/webhooks/{webhook}/deliveries/{delivery}', { params: { path: { realm: realm.id, webhook: webhookId, delivery: initial.id } }, signal: controller.signal }));
        setDelivery(next);
        if (next.status === 'succeeded' || next.status === 'failed' || next.attempts > 0 || tries >= 30) {
          clearInterval(timer);
          onDone();
        }
      } catch {
        if (tries >= 30) clearInterval(timer);
      }
    }, 1000);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [initial.id]);
  const waiting = delivery.attempts === 0 && (delivery.status === 'pending' || delivery.status === 'sending');
  const ok = delivery.status === 'succeeded';
  return (
    <div class={`notice${waiting ? '' : ok ? ' ok' : ' warn'}`} role="status" aria-live="polite">
      <div style="flex:1">
        <strong>{waiting ? t('integrations.test.waiting') : ok ? t('integrations.test.succeeded') : t('integrations.test.not_yet')}</strong>{' '}
        <Badge tone={statusTone(delivery.status)}>{t(`integrations.delivery.status.${delivery.status}`)}</Badge>
        <div class="small">
          {delivery.response_status !== null ? t('integrations.test.answer', { status: delivery.response_status }) : delivery.last_error ?? t('integrations.test.queued', { id: delivery.id })}
        </div>
      </div>
      <Button small onClick={onDismiss}>{t('common.close')}</Button>
    </div>
  );
}
