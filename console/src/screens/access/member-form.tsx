/**
 * Making a user a member of a tenant, or changing a member's roles there: the API replaces an
 * existing member's roles with the ones sent, so the form always sends the whole set.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import { t } from '../../i18n/i18n.ts';
import { CheckField } from '../../ui/fields.tsx';
import { CancelAndAct } from '../../ui/form-actions.tsx';
import { Loading } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';
import { FormError } from './form-error.tsx';
import { fieldErrors } from './access-logic.ts';
import { UserPicker, type UserItem } from './user-picker.tsx';
import type { Role } from './use-roles.ts';
import { useUserLabel } from './user-name.tsx';

function EditingWho({ realm, user }: { realm: string; user: string }) {
  const name = useUserLabel(realm, user);
  return <p>{t('access.members.editing', { user: name ?? user })}</p>;
}

interface Props {
  realm: string;
  /** Set when changing an existing member's roles (the user is then fixed). */
  member?: { user_id: string; roles: string[] };
  roles: Role[] | undefined;
  onSubmit(user: string, roles: string[]): Promise<void>;
  onCancel(): void;
}

export function MemberForm({ realm, member, roles, onSubmit, onCancel }: Props) {
  const [user, setUser] = useState<UserItem | null>(null);
  const [chosen, setChosen] = useState<string[]>(member?.roles ?? []);
  const { busy, error, run } = useAction();
  const [userError, setUserError] = useState<string | undefined>();
  const fields = error instanceof ApiError ? fieldErrors(error.details) : {};

  async function submit(event: Event) {
    event.preventDefault();
    const target = member?.user_id ?? user?.id;
    if (!target) {
      setUserError(t('access.assign.pick_user'));
      return;
    }
    setUserError(undefined);
    await run(async () => {
      await onSubmit(target, chosen);
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      {member ? (
        <EditingWho realm={realm} user={member.user_id} />
      ) : (
        <UserPicker realm={realm} value={user} onValue={setUser} error={userError ?? fields.user_id} />
      )}
      <fieldset class="access-picks">
        <legend>{t('access.members.roles')}</legend>
        <p class="help">{t('access.members.roles_help')}</p>
        {roles === undefined ? (
          <Loading rows={2} />
        ) : roles.length === 0 ? (
          <p class="muted small">{t('access.members.no_roles')}</p>
        ) : (
          <div class="access-pick-grid">
            {roles.map((role) => (
              <CheckField key={role.id} label={role.slug} checked={chosen.includes(role.slug)} onChecked={(checked) => setChosen((all) => (checked ? [...all, role.slug] : all.filter((slug) => slug !== role.slug)))} />
            ))}
          </div>
        )}
        {fields.roles ? <div class="error-text">{fields.roles}</div> : null}
      </fieldset>
      <FormError error={error} />
      <div class="access-form-foot">
        <CancelAndAct onCancel={onCancel} busy={busy} label={member ? t('common.save') : t('access.members.add')} />
      </div>
    </form>
  );
}
