/**
 * Giving a user the role for a window: from `starts_at` (empty: now) until `ends_at` (empty: no
 * end). Assigning a role a user already holds replaces its window (the API's rule), which is said.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import { unwrap } from '../../api/client.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Modal } from '../../ui/dialog.tsx';
import { CancelAndAct } from '../../ui/form-actions.tsx';
import { TextField } from '../../ui/fields.tsx';
import { useAction } from '../../ui/use-action.ts';
import { FormError } from './form-error.tsx';
import { fieldErrors, localToIso } from './access-logic.ts';
import { UserPicker, userLabel, type UserItem } from './user-picker.tsx';

interface Props {
  open: boolean;
  realm: string;
  role: { id: string; slug: string };
  onClose(): void;
  onAssigned(user: string, who: string): void;
}

export function AssignRole({ open, realm, role, onClose, onAssigned }: Props) {
  const { api } = useApp();
  const [user, setUser] = useState<UserItem | null>(null);
  const [starts, setStarts] = useState('');
  const [ends, setEnds] = useState('');
  const { busy, error, setError, run } = useAction();
  const [local, setLocal] = useState<Record<string, string>>({});
  const fields = { ...(error instanceof ApiError ? fieldErrors(error.details) : {}), ...local };

  function close() {
    setUser(null);
    setStarts('');
    setEnds('');
    setError(null);
    setLocal({});
    onClose();
  }

  async function submit(event: Event) {
    event.preventDefault();
    const startsAt = localToIso(starts);
    const endsAt = localToIso(ends);
    const problems: Record<string, string> = {};
    if (!user) problems.user = t('access.assign.pick_user');
    if (startsAt === null) problems.starts_at = t('access.assign.bad_time');
    if (endsAt === null) problems.ends_at = t('access.assign.bad_time');
    setLocal(problems);
    if (!user || Object.keys(problems).length) return;
    await run(async () => {
      await unwrap(
        api.POST('/admin/v1/realms/{realm}/users/{user}/roles', {
          params: { path: { realm, user: user.id } },
          body: { role: role.id, ...(startsAt ? { starts_at: startsAt } : {}), ...(endsAt ? { ends_at: endsAt } : {}) },
        }),
      );
      const who = userLabel(user);
      close();
      onAssigned(user.id, who);
    });
  }

  return (
    <Modal open={open} title={t('access.assign.title', { role: role.slug })} onClose={close}>
      <form onSubmit={submit} noValidate>
        <UserPicker realm={realm} value={user} onValue={setUser} error={fields.user} />
        <div class="grid-2">
          <TextField type="datetime-local" label={t('access.assign.starts')} value={starts} onValue={setStarts} help={t('access.assign.starts_help')} error={fields.starts_at} />
          <TextField type="datetime-local" label={t('access.assign.ends')} value={ends} onValue={setEnds} help={t('access.assign.ends_help')} error={fields.ends_at} />
        </div>
        <p class="muted small">{t('access.assign.replaces')}</p>
        <FormError error={error} />
        <div class="access-form-foot">
          <CancelAndAct onCancel={close} busy={busy} label={t('access.assign.submit')} />
        </div>
      </form>
    </Modal>
  );
}
