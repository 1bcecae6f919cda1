/**
 * A webhook's signing secret, the one time the API answers it (after creation or rotation): copy it
 * now, it is never shown again. Closing asks nothing more: the secret can always be rotated.
 */
import { t } from '../../i18n/i18n.ts';
import { Button } from '../../ui/button.tsx';
import { CopyField } from '../../ui/copy-field.tsx';
import { Modal } from '../../ui/dialog.tsx';

export function SecretDialog({ secret, rotated, onClose }: { secret: string | null; rotated: boolean; onClose(): void }) {
  return (
    <Modal
      open={secret !== null}
      title={rotated ? t('integrations.secret.rotated_title') : t('integrations.secret.title')}
      onClose={onClose}
      footer={<Button variant="primary" onClick={onClose}>{t('integrations.secret.done')}</Button>}
    >
      <div class="notice warn" role="note">{t('integrations.secret.once')}</div>
      {secret ? <CopyField label={t('integrations.secret.label')} value={secret} /> : null}
      <p class="small muted">{rotated ? t('integrations.secret.rotated_help') : t('integrations.secret.help')}</p>
    </Modal>
  );
}
