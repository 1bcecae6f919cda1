/**
 * One webhook (`/realms/:realm/webhooks/:webhook`), or the form adding one (`…/webhooks/new`:
 * webhook ids are `wh_…`, so `new` names none).
 */
import { WebhookCreate } from './webhook-create.tsx';
import { WebhookDetail } from './webhook-detail.tsx';

export function WebhookPage({ params }: { params: Record<string, string> }) {
  return params.webhook === 'new' ? <WebhookCreate /> : <WebhookDetail webhookId={params.webhook} />;
}
