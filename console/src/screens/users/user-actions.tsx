/**
 * What a manager does to a user from the page's head: lock (with a reason; Undo unlocks) or
 * unlock, email a reset or verification link, set a password, and delete (typed confirmation).
 */
import { useState } from 'preact/hooks';
import { unwrap } from '../../api/client.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Button } from '../../ui/button.tsx';
import { ConfirmDialog } from '../../ui/dialog.tsx';
import { TextField } from '../../ui/fields.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { useRealm } from '../realms/realm-frame.tsx';
import type { UserSectionProps } from './user-page.tsx';
import { confirmWord, userName } from './user-names.ts';
import { PasswordModal } from './user-password.tsx';

type Open = '' | 'lock' | 'password' | 'delete';

export function UserActions({ user, replace, reload }: UserSectionProps) {
  const { api, navigate } = useApp();
  const { realm } = useRealm();
  const notify = useToast();
  const [open, setOpen] = useState<Open>('');
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState('');
  const path = { realm: realm.id, user: user.id };
  const close = () => setOpen('');

  const unlock = async () => replace(await unwrap(api.POST('/admin/v1/realms/{realm}/users/{user}/unlock', { params: { path } })));
  async function lock() {
    const locked = await unwrap(api.POST('/admin/v1/realms/{realm}/users/{user}/lock', { params: { path }, body: { reason: reason.trim() || null } }));
    replace(locked);
    notify(t('user.locked_toast', { name: userName(user) }), {
      undo: async () => {
        await unlock().catch((error: Error) => notify(error.message, { tone: 'error' }));
      },
    });
  }
  async function send(kind: 'send-reset' | 'send-verification') {
    setSending(kind);
    try {
      if (kind === 'send-reset') await unwrap(api.POST('/admin/v1/realms/{realm}/users/{user}/send-reset', { params: { path } }));
      else await unwrap(api.POST('/admin/v1/realms/{realm}/users/{user}/send-verification', { params: { path } }));
      notify(t(kind === 'send-reset' ? 'user.reset_sent' : 'user.verification_sent', { email: user.email ?? '' }));
    } catch (error) {
      notify(t('user.send_failed', { message: (error as Error).message, code: (error as { code?: string }).code ?? '' }), { tone: 'error' });
    } finally {
      setSending('');
    }
  }

  return (
    <>
      {user.locked ? (
        <Button onClick={() => unlock().then(() => notify(t('user.unlocked_toast')), (error: Error) => notify(error.message, { tone: 'error' }))}>{t('user.unlock')}</Button>
      ) : (
        <Button onClick={() => { setReason(''); setOpen('lock'); }}>{t('user.lock')}</Button>
      )}
      {user.email ? <Button busy={sending === 'send-reset'} onClick={() => send('send-reset')}>{t('user.send_reset')}</Button> : null}
      {user.email && !user.email_verified ? <Button busy={sending === 'send-verification'} onClick={() => send('send-verification')}>{t('user.send_verification')}</Button> : null}
      <Button onClick={() => setOpen('password')}>{t('user.set_password')}</Button>
      <Button variant="danger" onClick={() => setOpen('delete')}>{t('common.delete')}</Button>

      <ConfirmDialog
        open={open === 'lock'}
        title={t('user.lock_title', { name: userName(user) })}
        body={
          <>
            <p>{t('user.lock_body')}</p>
            <TextField label={t('user.lock_reason')} help={t('user.lock_reason_help')} value={reason} onValue={setReason} maxLength={500} />
          </>
        }
        confirmLabel={t('user.lock')}
        onConfirm={lock}
        onClose={close}
      />
      <PasswordModal open={open === 'password'} user={user} onClose={close} onDone={() => { close(); reload(); notify(t('user.password_set')); }} />
      <ConfirmDialog
        open={open === 'delete'}
        title={t('user.delete_title', { name: userName(user) })}
        body={<p>{t('user.delete_body')}</p>}
        typedWord={confirmWord(user)}
        confirmLabel={t('user.delete_confirm')}
        onConfirm={async () => {
          await unwrap(api.DELETE('/admin/v1/realms/{realm}/users/{user}', { params: { path } }));
          notify(t('user.deleted', { name: userName(user) }));
          navigate(`/realms/${encodeURIComponent(realm.id)}/users`);
        }}
        onClose={close}
      />
    </>
  );
}
