/**
 * Creating or changing a role: its slug and names, the permissions it grants (one a line) and the
 * roles it includes. A cycle among includes is the API's to find (422 role.cycle names the loop),
 * so its message is shown as it comes.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/api-error.ts';
import { t } from '../../i18n/i18n.ts';
import { CheckField, TextArea, TextField } from '../../ui/fields.tsx';
import { CancelAndAct } from '../../ui/form-actions.tsx';
import { Loading } from '../../ui/states.tsx';
import { useAction } from '../../ui/use-action.ts';
import { FormError } from './form-error.tsx';
import { fieldErrors, parseList } from './access-logic.ts';
import type { Role } from './use-roles.ts';

export interface RoleDraft {
  slug: string;
  display_name: string | null;
  description: string | null;
  permissions: string[];
  includes: string[];
  active: boolean;
}

interface Props {
  role?: Role;
  /** The realm's roles to include from (the role itself is left out). */
  roles: Role[] | undefined;
  onSubmit(draft: RoleDraft): Promise<void>;
  onCancel(): void;
}

export function RoleForm({ role, roles, onSubmit, onCancel }: Props) {
  const [slug, setSlug] = useState(role?.slug ?? '');
  const [name, setName] = useState(role?.display_name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [permissions, setPermissions] = useState((role?.permissions ?? []).join('\n'));
  const [includes, setIncludes] = useState<string[]>(role?.includes.map((entry) => entry.slug) ?? []);
  const [active, setActive] = useState(role?.active ?? true);
  const { busy, error, run } = useAction();
  const fields = error instanceof ApiError ? fieldErrors(error.details) : {};
  const candidates = (roles ?? []).filter((other) => other.id !== role?.id);

  async function submit(event: Event) {
    event.preventDefault();
    await run(async () => {
      await onSubmit({ slug: slug.trim(), display_name: name.trim() || null, description: description.trim() || null, permissions: parseList(permissions), includes, active });
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <TextField label={t('access.role.slug')} value={slug} onValue={setSlug} required maxLength={63} autocomplete="off" help={t('access.role.slug_help')} error={fields.slug} />
      <TextField label={t('access.role.display_name')} value={name} onValue={setName} autocomplete="off" error={fields.display_name} />
      <div class="access-short-area">
        <TextArea label={t('access.role.description')} value={description} onValue={setDescription} rows={2} error={fields.description} />
      </div>
      <TextArea label={t('access.role.permissions')} value={permissions} onValue={setPermissions} rows={5} spellcheck={false} help={t('access.role.permissions_help')} error={fields.permissions} />
      <fieldset class="access-picks">
        <legend>{t('access.role.includes')}</legend>
        <p class="help">{t('access.role.includes_help')}</p>
        {roles === undefined ? (
          <Loading rows={2} />
        ) : candidates.length === 0 ? (
          <p class="muted small">{t('access.role.includes_none')}</p>
        ) : (
          <div class="access-pick-grid">
            {candidates.map((other) => (
              <CheckField
                key={other.id}
                label={other.display_name ? t('access.role.pick_label', { name: other.display_name, slug: other.slug }) : other.slug}
                checked={includes.includes(other.slug)}
                onChecked={(checked) => setIncludes((all) => (checked ? [...all, other.slug] : all.filter((entry) => entry !== other.slug)))}
              />
            ))}
          </div>
        )}
        {fields.includes ? <div class="error-text">{fields.includes}</div> : null}
      </fieldset>
      <CheckField label={t('access.role.active')} help={t('access.role.active_help')} checked={active} onChecked={setActive} />
      <FormError error={error} />
      <div class="access-form-foot">
        <CancelAndAct onCancel={onCancel} busy={busy} label={role ? t('common.save') : t('access.role.create')} />
      </div>
    </form>
  );
}
