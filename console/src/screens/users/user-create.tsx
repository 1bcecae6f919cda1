/**
 * Creating a user: identifiers, names, an optional password (the realm's policy applies; without
 * one the user sets theirs through a reset link) and tags. The API's complaints show beside the
 * field they concern; what fits no field shows above the buttons.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import { unwrap } from '../../api/client.ts';
import type { RequestOf, User } from '../../api/types.ts';
import { t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { Modal } from '../../ui/dialog.tsx';
import { TextField } from '../../ui/fields.tsx';
import { CancelAndAct } from '../../ui/form-actions.tsx';
import { ErrorNotice } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useRealm } from '../realms/realm-frame.tsx';
import { fieldError, parseTags } from './user-fields.ts';

const FIELDS = ['email', 'username', 'mobile', 'first_name', 'last_name', 'display_name'] as const;
type Draft = Record<(typeof FIELDS)[number] | 'password' | 'tags', string>;
const blank: Draft = { email: '', username: '', mobile: '', first_name: '', last_name: '', display_name: '', password: '', tags: '' };

export function UserCreate({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(user: User): void }) {
  const { api } = useApp();
  const { realm } = useRealm();
  const [draft, setDraft] = useState<Draft>(blank);
  const { busy, error, setError, run } = useAction();
  useEffect(() => {
    if (open) {
      setDraft(blank);
      setError(null);
    }
  }, [open]);
  const details = error instanceof ApiError ? error.details : [];
  // Editing a field takes back the refusal it answered (a stale "is taken" would mislead).
  const field = (key: keyof Draft) => ({
    value: draft[key],
    onValue: (value: string) => {
      setDraft({ ...draft, [key]: value });
      if (error) setError(null);
    },
    error: fieldError(details, key),
  });
  const nothing = !draft.email.trim() && !draft.username.trim() && !draft.mobile.trim();

  async function create(event?: Event) {
    event?.preventDefault();
    const body: RequestOf<'/admin/v1/realms/{realm}/users', 'post'> = {};
    for (const key of FIELDS) if (draft[key].trim()) body[key] = draft[key].trim();
    if (draft.password) body.password = draft.password;
    const tags = parseTags(draft.tags);
    if (tags.length) body.tags = tags;
    await run(async () => {
      const user = await unwrap(api.POST('/admin/v1/realms/{realm}/users', { params: { path: { realm: realm.id } }, body }));
      onCreated(user);
    });
  }

  return (
    <Modal
      open={open}
      title={t('users.create_title')}
      onClose={onClose}
      footer={
        <CancelAndAct onCancel={onClose} busy={busy} disabled={nothing} onAct={() => create()} label={t('users.create_submit')} />
      }
    >
      <form onSubmit={create} class="user-create">
        <p class="muted">{t('users.create_help')}</p>
        <TextField label={t('user.field.email')} type="email" autocomplete="off" {...field('email')} />
        <div class="grid-2">
          <TextField label={t('user.field.username')} autocomplete="off" {...field('username')} />
          <TextField label={t('user.field.mobile')} type="tel" autocomplete="off" help={t('user.field.mobile_help')} {...field('mobile')} />
          <TextField label={t('user.field.first_name')} autocomplete="off" {...field('first_name')} />
          <TextField label={t('user.field.last_name')} autocomplete="off" {...field('last_name')} />
        </div>
        <TextField label={t('user.field.display_name')} autocomplete="off" {...field('display_name')} />
        <TextField label={t('users.create_password')} type="password" autocomplete="new-password" help={t('users.create_password_help')} {...field('password')} />
        <TextField label={t('user.field.tags')} help={t('user.field.tags_help')} {...field('tags')} />
        {/* Enter in any field submits. */}
        <button type="submit" hidden />
      </form>
      {error ? <ErrorNotice error={error} /> : null}
    </Modal>
  );
}
