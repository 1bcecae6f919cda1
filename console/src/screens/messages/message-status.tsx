/** A message's delivery status as a badge whose colour says how it went. */
import { t } from '../../i18n/i18n.ts';
import { Badge } from '../../ui/states.tsx';

export type MessageStatus = 'pending' | 'sending' | 'sent' | 'failed';

const tones = { pending: 'warn', sending: 'accent', sent: 'ok', failed: 'danger' } as const;

export function StatusBadge({ status }: { status: MessageStatus }) {
  return <Badge tone={tones[status]}>{t(`messages.status.${status}`)}</Badge>;
}
