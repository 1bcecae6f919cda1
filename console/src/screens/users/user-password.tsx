/**
 * Setting a user's password for them. The realm's password policy is the server's: its refusal
 * (too short, too common…) shows under the field as the API words it.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import { unwrap } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Modal } from '../../ui/dialog.tsx';
import { TextField } from '../../ui/fields.tsx';
import { CancelAndAct } from '../../ui/form-actions.tsx';
import { ErrorNotice } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { fieldError } from './user-fields.ts';
import { userName } from './user-names.ts';

export function PasswordModal({ open, user, onClose, onDone }: { open: boolean; user: User; onClose(): void; onDone(): void }) {
  const { api } = useApp();
  const { realm } = useRealm();
  const [password, setPassword] = useState('');
  const { busy, error, setError, run } = useAction();
  useEffect(() => {
    if (open) {
      setPassword('');
      setError(null);
    }
  }, [open]);
  async function save(event?: Event) {
    event?.preventDefault();
    await run(async () => {
      await unwrap(api.PUT('/admin/v1/realms/{realm}/users/{user}/password', { params: { path: { realm: realm.id, user: user.id } }, body: { password } }));
      onDone();
    });
  }
  const details = error instanceof ApiError ? error.details : [];
  return (
    <Modal
      open={open}
      title={t('user.password_title', { name: userName(user) })}
      onClose={onClose}
      footer={
        <CancelAndAct onCancel={onClose} busy={busy} disabled={!password} onAct={() => save()} label={t('user.set_password')} />
      }
    >
      <form onSubmit={save}>
        <p class="muted">{t('user.password_body')}</p>
        <TextField label={t('user.new_password')} type="password" autocomplete="new-password" value={password} onValue={setPassword} maxLength={1024} error={fieldError(details, 'password') ?? (error instanceof ApiError && error.code.includes('password') ? error.message : undefined)} />
        <button type="submit" hidden />
      </form>
      {error ? <ErrorNotice error={error} /> : null}
    </Modal>
  );
}
