/** A client secret, shown this once (after creation, a rotation or a switch to a secret method), with copy and a warning. */
import { t } from '../../i18n/i18n.ts';
import { Button } from '../../ui/button.tsx';
import { CopyField } from '../../ui/copy-field.tsx';
import { Modal } from '../../ui/dialog.tsx';

export function SecretModal({ secret, clientId, onClose }: { secret: string | null; clientId: string; onClose(): void }) {
  return (
    <Modal open={secret !== null} title={t('app.secret_title')} onClose={onClose} footer={<Button variant="primary" onClick={onClose}>{t('app.secret_done')}</Button>}>
      <p class="notice warn" role="note">{t('app.secret_warning')}</p>
      <CopyField label={t('app.secret')} value={secret ?? ''} />
      <CopyField label={t('app.client_id')} value={clientId} />
    </Modal>
  );
}
